/** The SQS client; its endpoint from the SDK's settings (`AWS_ENDPOINT_URL_SQS`). */
import { SQSClient } from '@aws-sdk/client-sqs';
import { made } from './made.ts';

export function sqsClient(): SQSClient {
  return made(new SQSClient({}));
}
