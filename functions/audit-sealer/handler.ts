/**
 * EventBridge schedule → the audit trail's segments sealed up to the last one due: signed digests
 * in the digest bucket, chained. A KMS key signs in the cloud, the sandbox's
 * local key there. A failed run throws, so that Lambda retries it; the next run catches up anyway.
 */
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { documentClient, kmsClient, s3Client } from '../../shared/adapters/clients.ts';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log.ts';
import { KmsDigestSigner, LocalDigestSigner } from '../../shared/adapters/kms/digest-signer.ts';
import { S3AuditDigests } from '../../shared/adapters/s3/audit-digests.ts';
import { ConfigurationError, loadConfig } from '../../shared/config.ts';
import { logger } from '../../shared/logger.ts';
import { type SealResult, sealAuditTrail } from '../../shared/use-cases/seal-audit.ts';

const config = loadConfig([
  'AUDIT_TABLE',
  'AUDIT_DIGEST_BUCKET',
  'AUDIT_SIGNING_KEY_ID',
  'AUDIT_SIGNING_KEY_FILE',
  'AUDIT_SEAL_MINUTES',
  'AUDIT_SEAL_GRACE_SECONDS',
]);

function signer() {
  if (config.AUDIT_SIGNING_KEY_ID)
    return new KmsDigestSigner({ client: kmsClient(), keyId: config.AUDIT_SIGNING_KEY_ID });
  if (config.AUDIT_SIGNING_KEY_FILE) return LocalDigestSigner.fromFile(config.AUDIT_SIGNING_KEY_FILE);
  throw new ConfigurationError(
    'AUDIT_SIGNING_KEY_ID',
    'is missing (or AUDIT_SIGNING_KEY_FILE, in the sandbox)',
  );
}

const auditLog = new DynamoAuditLog({ client: documentClient(), auditTable: config.AUDIT_TABLE });
const dependencies = {
  records: auditLog,
  audit: auditLog,
  digests: new S3AuditDigests({ client: s3Client(), bucket: config.AUDIT_DIGEST_BUCKET }),
  signer: signer(),
  clock: { now: () => new Date() },
};

export const handler = middy<ScheduledEvent, SealResult>().handler(
  async (event: ScheduledEvent, context: Context) => {
    const result = await sealAuditTrail(dependencies, {
      segmentMinutes: config.AUDIT_SEAL_MINUTES,
      graceSeconds: config.AUDIT_SEAL_GRACE_SECONDS,
      runId: context.awsRequestId,
    });
    const fields = { scheduledEvent: event.id, ...result };
    // A sealed hour is news in the cloud; the sandbox's minute-by-minute runs are not.
    if (result.genesis || !result.caughtUp || result.sealed > 1) logger.info('Audit trail sealed', fields);
    else logger.debug('Audit trail sealed', fields);
    return result;
  },
);
