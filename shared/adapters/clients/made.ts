/**
 * Every AWS SDK client of the adapters is made through `made`, so that one observer can see them.
 * Only the sandbox's cost meter sets one (to add its middleware); in Lambda it stays unset, so a
 * client costs one check when it is made and nothing per request. The SDK clients themselves are
 * made in one file per service (dynamodb.ts, sqs.ts, s3.ts, ses.ts, kms.ts,
 * secrets-manager.ts): a function imports the
 * SDK packages of the services it uses and no other, which is most of its cold start.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SQSClient } from '@aws-sdk/client-sqs';

/** Any client made by the adapters' factories. */
export type MadeClient =
  | DynamoDBClient
  | SQSClient
  | S3Client
  | SESv2Client
  | KMSClient
  | SecretsManagerClient;

let clientObserver: ((client: MadeClient) => void) | undefined;

export function observeClients(observer: ((client: MadeClient) => void) | undefined): void {
  clientObserver = observer;
}

export function made<Client extends MadeClient>(client: Client): Client {
  clientObserver?.(client);
  return client;
}
