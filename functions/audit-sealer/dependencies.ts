/** audit-sealer's dependencies, built once per cold start. */
import { kmsClient } from '../../shared/adapters/clients/kms.ts';
import { KmsDigestSigner } from '../../shared/adapters/kms/kms-digest-signer.ts';
import { S3AuditDigests } from '../../shared/adapters/s3/audit-digests.ts';
import { ConfigurationError, loadConfig } from '../../shared/config.ts';
import type { SealAuditDeps, SealAuditOptions } from '../../shared/use-cases/seal-audit.ts';
import { auditLog, awsClients, buckets, randomIds, systemClock } from '../composition-root.ts';

export interface AuditSealerDependencies {
  readonly deps: SealAuditDeps;
  readonly options: Pick<SealAuditOptions, 'segmentMinutes' | 'graceSeconds'>;
}

export function buildDependencies(): AuditSealerDependencies {
  const config = loadConfig([
    'AUDIT_TABLE',
    'AUDIT_DIGEST_BUCKET',
    'AUDIT_SIGNING_KEY_ID',
    'AUDIT_SEAL_MINUTES',
    'AUDIT_SEAL_GRACE_SECONDS',
  ]);
  // Optional in the shared schema (only this function signs), required here.
  if (!config.AUDIT_SIGNING_KEY_ID) throw new ConfigurationError('AUDIT_SIGNING_KEY_ID', 'is missing');
  const aws = awsClients();
  const audit = auditLog(aws, config);
  return {
    deps: {
      records: audit,
      audit,
      digests: new S3AuditDigests({ client: buckets(aws), bucket: config.AUDIT_DIGEST_BUCKET }),
      signer: new KmsDigestSigner({ client: kmsClient(), keyId: config.AUDIT_SIGNING_KEY_ID }),
      clock: systemClock,
      ids: randomIds,
    },
    options: { segmentMinutes: config.AUDIT_SEAL_MINUTES, graceSeconds: config.AUDIT_SEAL_GRACE_SECONDS },
  };
}
