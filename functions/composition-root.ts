/**
 * The one place that turns configuration into adapters: every function's `dependencies.ts` builds
 * what it needs from these factories, once per cold start. SDK clients are made once per process
 * and shared by every adapter of their service (their endpoints come from the SDK's standard
 * settings, which is how the sandbox points them at its emulators). Only adapters here: what a
 * use case provides (the backlog cache) is built where it is used, so that every function bundle
 * does not carry the working-day calendar.
 */

import { randomUUID } from 'node:crypto';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
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

/** Built on first use: a function that needs no DynamoDB opens no client. */
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

// Pure: a function bundle that uses none of a service's adapters leaves its client out.
const documents = /* @__PURE__ */ once(documentClient);
const queues = /* @__PURE__ */ once(sqsClient);
const buckets = /* @__PURE__ */ once(() => s3Client());
const mail = /* @__PURE__ */ once(sesClient);

/** The tickets and audit tables, for the DynamoDB adapters of the tickets table. */
export function dynamoTables(config: Config<'TICKETS_TABLE' | 'AUDIT_TABLE'>): DynamoTables {
  return { client: documents(), ticketsTable: config.TICKETS_TABLE, auditTable: config.AUDIT_TABLE };
}

export function ticketStore(config: Config<'TICKETS_TABLE' | 'AUDIT_TABLE'>): DynamoTicketStore {
  return new DynamoTicketStore(dynamoTables(config));
}

export function auditLog(config: Config<'AUDIT_TABLE'>): DynamoAuditLog {
  return new DynamoAuditLog({ client: documents(), auditTable: config.AUDIT_TABLE });
}

export function queue<M>(queueUrl: string): SqsMessageQueue<M> {
  return new SqsMessageQueue<M>({ client: queues(), queueUrl });
}

/** Objects (raw mail, attachments, letters) of `bucket`. */
export function blobs(bucket: string): S3BlobStore {
  return new S3BlobStore({ client: buckets(), bucket });
}

/** The S3 client the bucket adapters share; `config` for one of its own (other signing settings). */
export function bucketClient(config?: S3ClientConfig) {
  return config ? s3Client(config) : buckets();
}

export function mailer(config: Config<'SES_CONFIGURATION_SET'>): SesMailer {
  return new SesMailer({
    client: mail(),
    ...(config.SES_CONFIGURATION_SET ? { configurationSet: config.SES_CONFIGURATION_SET } : {}),
  });
}

/** Ticket references, reserved from the counter a block at a time (`blockSize`, 20 by default). */
export function references(store: ReferenceBlocks, blockSize?: number): ReferenceAllocator {
  return new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size), blockSize);
}
