/** The KMS client; its endpoint from the SDK's settings (`AWS_ENDPOINT_URL_KMS`). */
import { KMSClient } from '@aws-sdk/client-kms';
import { made } from './made.ts';

export function kmsClient(): KMSClient {
  return made(new KMSClient({}));
}
