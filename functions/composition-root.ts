/**
 * The one place that turns configuration into adapters: every function's `dependencies.ts` builds
 * what it needs from these factories, once per cold start. The SDK clients of a cold start
 * (`awsClients()`) are made on first use and shared by every adapter of their service; their
 * endpoints come from the SDK's standard settings, read when they are made, which is how the
 * sandbox points each cold start at its emulators. Only adapters here: what a use case provides
 * (the backlog cache) is built where it is used, so that every function bundle does not carry the
 * working-day calendar.
 */

import { randomUUID } from 'node:crypto';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient, s3Client, sesClient, sqsClient } from '../shared/adapters/clients.ts';
import { DynamoAuditLog } from '../shared/adapters/dynamodb/audit-log.ts';
import { DynamoTicketStore } from '../shared/adapters/dynamodb/ticket-store.ts';
import type { DynamoTables } from '../shared/adapters/dynamodb/tickets-table.ts';
import { S3BlobStore } from '../shared/adapters/s3/blob-store.ts';
import { SesMailer } from '../shared/adapters/ses/mailer.ts';
import { SqsMessageQueue } from '../shared/adapters/sqs/message-queue.ts';
import type { Config } from '../shared/config.ts';
import { ReferenceAllocator } from '../shared/domain/reference.ts';
import type { Clock } from '../shared/ports/clock.ts';
import type { Ids } from '../shared/ports/ids.ts';
import type { ReferenceBlocks } from '../shared/ports/intake.ts';

/** The machine's time. */
export const systemClock: Clock = { now: () => new Date() };

/** Random (v4 UUID) ids. */
export const randomIds: Ids = { newId: () => randomUUID() };

/** The SDK clients of one cold start, each made when first asked for. */
export interface AwsClients {
  readonly documents: () => DynamoDBDocumentClient;
  readonly queues: () => SQSClient;
  /** The bucket client the adapters share; `config` for one of its own (other signing settings). */
  readonly buckets: (config?: S3ClientConfig) => S3Client;
  readonly mail: () => SESv2Client;
}

export function awsClients(): AwsClients {
  const buckets = once(() => s3Client());
  return {
    documents: once(documentClient),
    queues: once(sqsClient),
    buckets: (config) => (config ? s3Client(config) : buckets()),
    mail: once(sesClient),
  };
}

/** Made on first use: a function that needs no DynamoDB opens no client. */
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

/** The tickets and audit tables, for the DynamoDB adapters of the tickets table. */
export function dynamoTables(aws: AwsClients, config: Config<'TICKETS_TABLE' | 'AUDIT_TABLE'>): DynamoTables {
  return { client: aws.documents(), ticketsTable: config.TICKETS_TABLE, auditTable: config.AUDIT_TABLE };
}

export function ticketStore(
  aws: AwsClients,
  config: Config<'TICKETS_TABLE' | 'AUDIT_TABLE'>,
): DynamoTicketStore {
  return new DynamoTicketStore(dynamoTables(aws, config));
}

export function auditLog(aws: AwsClients, config: Config<'AUDIT_TABLE'>): DynamoAuditLog {
  return new DynamoAuditLog({ client: aws.documents(), auditTable: config.AUDIT_TABLE });
}

export function queue<M>(aws: AwsClients, queueUrl: string): SqsMessageQueue<M> {
  return new SqsMessageQueue<M>({ client: aws.queues(), queueUrl });
}

/** Objects (raw mail, attachments, letters) of `bucket`. */
export function blobs(aws: AwsClients, bucket: string): S3BlobStore {
  return new S3BlobStore({ client: aws.buckets(), bucket });
}

export function mailer(aws: AwsClients, config: Config<'SES_CONFIGURATION_SET'>): SesMailer {
  return new SesMailer({
    client: aws.mail(),
    ...(config.SES_CONFIGURATION_SET ? { configurationSet: config.SES_CONFIGURATION_SET } : {}),
  });
}

/** Ticket references, reserved from the counter a block at a time (`blockSize`, 20 by default). */
export function references(store: ReferenceBlocks, blockSize?: number): ReferenceAllocator {
  return new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size), blockSize);
}
