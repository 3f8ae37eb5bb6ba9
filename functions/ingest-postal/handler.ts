/**
 * S3 event (a new object under `scans/` of the mail bucket) → ingest-postal: check the mailroom's
 * scan and enqueue the letter on intake.fifo, or refuse it (see the use case). The sandbox's S3
 * front invokes this with the same event shape. A thrown error makes Lambda retry the event.
 */
import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { documentClient, s3Client, sqsClient } from '../../shared/adapters/clients.ts';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log.ts';
import { DynamoPostalDesk } from '../../shared/adapters/dynamodb/postal-desk.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { S3ScanFiles } from '../../shared/adapters/s3/blob-store.ts';
import { SqsMessageQueue } from '../../shared/adapters/sqs/message-queue.ts';
import { loadConfig } from '../../shared/config.ts';
import type { IntakeMessage } from '../../shared/domain/intake-message.ts';
import { ReferenceAllocator } from '../../shared/domain/reference.ts';
import { logger } from '../../shared/logger.ts';
import { scansPrefix } from '../../shared/mail/keys.ts';
import { defaultScanLimits, inspectScan } from '../../shared/postal/inspect-scan.ts';
import { tesseractOcr } from '../../shared/postal/ocr.ts';
import { ingestPostalScan } from '../../shared/use-cases/ingest-postal.ts';

const config = loadConfig([
  'TICKETS_TABLE',
  'AUDIT_TABLE',
  'INTAKE_QUEUE_URL',
  'MAIL_BUCKET',
  'POSTAL_SCAN_LIMIT_BYTES',
  'POSTAL_OCR',
]);
const client = documentClient();
const tables = { client, ticketsTable: config.TICKETS_TABLE, auditTable: config.AUDIT_TABLE };
const store = new DynamoTicketStore(tables);
const limits = { ...defaultScanLimits, maxBytes: config.POSTAL_SCAN_LIMIT_BYTES };
// Where Tesseract with its Latvian model is installed (the sandbox): scans without text are read.
const ocr = config.POSTAL_OCR === 'off' ? undefined : await tesseractOcr();
const dependencies = {
  desk: new DynamoPostalDesk(tables),
  scans: new S3ScanFiles({ client: s3Client(), bucket: config.MAIL_BUCKET }),
  intakeQueue: new SqsMessageQueue<IntakeMessage>({ client: sqsClient(), queueUrl: config.INTAKE_QUEUE_URL }),
  audit: new DynamoAuditLog({ client, auditTable: config.AUDIT_TABLE }),
  clock: { now: () => new Date() },
  // One block per scan at most: the mailroom registers a letter at a time.
  references: new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size), 1),
  inspect: (bytes: Uint8Array) => inspectScan(bytes, limits),
  scansPrefix,
  maxScanBytes: limits.maxBytes,
  ...(ocr ? { ocr } : {}),
};

export const handler = middy<S3Event, void>().handler(async (event) => {
  for (const record of event.Records) {
    if (!record.eventName.startsWith('ObjectCreated:')) continue;
    if (record.s3.bucket.name !== config.MAIL_BUCKET) continue;
    // S3 URL-encodes the key, with '+' for spaces.
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const result = await ingestPostalScan(dependencies, {
      key,
      size: record.s3.object.size,
      requestId: record.responseElements['x-amz-request-id'] ?? record.s3.object.sequencer,
    });
    // The key (a registration id) and the outcome only: never names, addresses or text.
    logger.info('Postal scan', { key, ...result });
  }
});
