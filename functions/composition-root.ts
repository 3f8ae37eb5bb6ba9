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
import type { S3Client } from '@aws-sdk/client-s3';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../shared/adapters/clients/dynamodb.ts';
import { s3Client } from '../shared/adapters/clients/s3.ts';
import { sesClient } from '../shared/adapters/clients/ses.ts';
import { sqsClient } from '../shared/adapters/clients/sqs.ts';
import { DynamoAuditLog } from '../shared/adapters/dynamodb/audit-log.ts';
import { DynamoTicketStore } from '../shared/adapters/dynamodb/ticket-store.ts';
import type { DynamoTables } from '../shared/adapters/dynamodb/tickets-table.ts';
import { S3BlobStore } from '../shared/adapters/s3/blob-store.ts';
import { SesMailer } from '../shared/adapters/ses/mailer.ts';
import { SqsMessageQueue } from '../shared/adapters/sqs/message-queue.ts';
import type { Config } from '../shared/config.ts';
import { ReferenceAllocator } from '../shared/domain/reference.ts';
import { scheduleFromEnv } from '../shared/domain/retention.ts';
import type { Clock } from '../shared/ports/clock.ts';
import type { Ids } from '../shared/ports/ids.ts';
import type { ReferenceBlocks } from '../shared/ports/intake.ts';

/** The machine's time. */
export const systemClock: Clock = { now: () => new Date() };

/** Random (v4 UUID) ids. */
export const randomIds: Ids = { newId: () => randomUUID() };

/**
 * The SDK clients of one cold start: each made when first asked for, then shared by every adapter
 * of its service. Asked for through `documents(aws)`, `queues(aws)`, `buckets(aws)` and
 * `mail(aws)`, so that a function's bundle imports the SDK packages of the services it uses only.
 */
export class AwsClients {
  readonly #made = new Map<string, unknown>();

  /** The client of `service`, made by `make` the first time. */
  shared<Client>(service: string, make: () => Client): Client {
    if (!this.#made.has(service)) this.#made.set(service, make());
    return this.#made.get(service) as Client;
  }
}

export function awsClients(): AwsClients {
  return new AwsClients();
}

export function documents(aws: AwsClients): DynamoDBDocumentClient {
  return aws.shared('dynamodb', documentClient);
}

export function queues(aws: AwsClients): SQSClient {
  return aws.shared('sqs', sqsClient);
}

/** The bucket client the adapters share (`s3Client(config)` makes one with other settings). */
export function buckets(aws: AwsClients): S3Client {
  return aws.shared('s3', () => s3Client());
}

export function mail(aws: AwsClients): SESv2Client {
  return aws.shared('ses', sesClient);
}

/** A function's configuration that may carry the retention schedule (`RETENTION_SCHEDULE`). */
export type RetentionConfig = Partial<Config<'RETENTION_SCHEDULE'>>;

/**
 * The tickets and audit tables, for the DynamoDB adapters of the tickets table; with the retention
 * schedule of the items they write to expire (the defaults unless the function loads `RETENTION_SCHEDULE`).
 */
export function dynamoTables(
  aws: AwsClients,
  config: Config<'TICKETS_TABLE' | 'AUDIT_TABLE'> & RetentionConfig,
): DynamoTables {
  return {
    client: documents(aws),
    ticketsTable: config.TICKETS_TABLE,
    auditTable: config.AUDIT_TABLE,
    retention: scheduleFromEnv(config.RETENTION_SCHEDULE),
  };
}

export function ticketStore(
  aws: AwsClients,
  config: Config<'TICKETS_TABLE' | 'AUDIT_TABLE'> & RetentionConfig,
): DynamoTicketStore {
  return new DynamoTicketStore(dynamoTables(aws, config));
}

export function auditLog(aws: AwsClients, config: Config<'AUDIT_TABLE'>): DynamoAuditLog {
  return new DynamoAuditLog({ client: documents(aws), auditTable: config.AUDIT_TABLE });
}

export function queue<M>(aws: AwsClients, queueUrl: string): SqsMessageQueue<M> {
  return new SqsMessageQueue<M>({ client: queues(aws), queueUrl });
}

/** Objects (raw mail, attachments, letters) of `bucket`. */
export function blobs(aws: AwsClients, bucket: string): S3BlobStore {
  return new S3BlobStore({ client: buckets(aws), bucket });
}

export function mailer(aws: AwsClients, config: Config<'SES_CONFIGURATION_SET'>): SesMailer {
  return new SesMailer({
    client: mail(aws),
    ...(config.SES_CONFIGURATION_SET ? { configurationSet: config.SES_CONFIGURATION_SET } : {}),
  });
}

/** Ticket references, reserved from the counter a block at a time (`blockSize`, 20 by default). */
export function references(store: ReferenceBlocks, blockSize?: number): ReferenceAllocator {
  return new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size), blockSize);
}
