/** ingest-postal's dependencies, built once per cold start. */
import { DynamoPostalDesk } from '../../shared/adapters/dynamodb/postal-desk.ts';
import { S3ScanFiles } from '../../shared/adapters/s3/blob-store.ts';
import { tesseractOcr } from '../../shared/adapters/tesseract/ocr.ts';
import { loadConfig } from '../../shared/config.ts';
import { scansPrefix } from '../../shared/mail/keys.ts';
import { defaultScanLimits, inspectScan } from '../../shared/postal/inspect-scan.ts';
import type { IngestPostalDeps } from '../../shared/use-cases/ingest-postal.ts';
import {
  auditLog,
  awsClients,
  buckets,
  dynamoTables,
  queue,
  references,
  systemClock,
  ticketStore,
} from '../composition-root.ts';

export async function buildDependencies(): Promise<IngestPostalDeps & { mailBucket: string }> {
  const aws = awsClients();
  const config = loadConfig([
    'TICKETS_TABLE',
    'AUDIT_TABLE',
    'INTAKE_QUEUE_URL',
    'MAIL_BUCKET',
    'POSTAL_SCAN_LIMIT_BYTES',
    'POSTAL_OCR',
  ]);
  const limits = { ...defaultScanLimits, maxBytes: config.POSTAL_SCAN_LIMIT_BYTES };
  // Where Tesseract with its Latvian model is installed (the sandbox): scans without text are read.
  const ocr = config.POSTAL_OCR === 'off' ? undefined : await tesseractOcr();
  return {
    desk: new DynamoPostalDesk(dynamoTables(aws, config)),
    scans: new S3ScanFiles({ client: buckets(aws), bucket: config.MAIL_BUCKET }),
    intakeQueue: queue(aws, config.INTAKE_QUEUE_URL),
    audit: auditLog(aws, config),
    clock: systemClock,
    // One block per scan at most: the mailroom registers a letter at a time.
    references: references(ticketStore(aws, config), 1),
    inspect: (bytes: Uint8Array) => inspectScan(bytes, limits),
    scansPrefix,
    maxScanBytes: limits.maxBytes,
    ...(ocr ? { ocr } : {}),
    mailBucket: config.MAIL_BUCKET,
  };
}
