/** The SES v2 client; its endpoint from the SDK's settings (`AWS_ENDPOINT_URL_SESV2`). */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { made } from './made.ts';

export function sesClient(): SESv2Client {
  return made(new SESv2Client({}));
}
