/**
 * AWS SDK clients, built once per cold start. Endpoints come from the SDK's standard settings
 * (`AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_SQS`, `AWS_ENDPOINT_URL_SESV2`), which is how
 * the local sandbox points the same code at its emulators.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Any client made here. */
export type MadeClient = DynamoDBClient | SQSClient | S3Client | SESv2Client | KMSClient;

/**
 * Shown every client made here. Only the sandbox's cost meter sets one (to add its middleware); in
 * Lambda it stays unset, so a client costs one check when it is made and nothing per request.
 */
let clientObserver: ((client: MadeClient) => void) | undefined;

export function observeClients(observer: ((client: MadeClient) => void) | undefined): void {
  clientObserver = observer;
}

function made<Client extends MadeClient>(client: Client): Client {
  clientObserver?.(client);
  return client;
}

export function documentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(made(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export function sqsClient(): SQSClient {
  return made(new SQSClient({}));
}

export function s3Client(config: S3ClientConfig = {}): S3Client {
  return made(new S3Client(config));
}

export function sesClient(): SESv2Client {
  return made(new SESv2Client({}));
}

export function kmsClient(): KMSClient {
  return made(new KMSClient({}));
}
