/** retention-sweeper's dependencies, built once per cold start. */
import { DynamoRetentionIndex, DynamoRetentionProgress } from '../../shared/adapters/dynamodb/retention.ts';
import { S3ObjectVersions } from '../../shared/adapters/s3/object-versions.ts';
import { loadConfig } from '../../shared/config.ts';
import { parseRetentionSchedule } from '../../shared/domain/retention.ts';
import type { TicketErasure } from '../../shared/ports/data-subjects.ts';
import type { ApplyRetentionDeps } from '../../shared/use-cases/apply-retention.ts';
import { auditLog, awsClients, buckets, dynamoTables, systemClock } from '../composition-root.ts';

/**
 * Until the erasure of a ticket is wired here (`TicketErasure` on DynamoDB and S3), a due ticket
 * stops the run loudly rather than being counted as done.
 */
const erasureNotWired: TicketErasure = {
  eraseTicket: async () => {
    throw new Error('retention-sweeper: no TicketErasure is wired, a due ticket cannot be pseudonymised');
  },
};

export function buildDependencies(erasure: TicketErasure = erasureNotWired): ApplyRetentionDeps {
  const aws = awsClients();
  const config = loadConfig(['TICKETS_TABLE', 'AUDIT_TABLE', 'MAIL_BUCKET', 'RETENTION_SCHEDULE']);
  const tables = dynamoTables(aws, config);
  const objects = new S3ObjectVersions({ client: buckets(aws), bucket: config.MAIL_BUCKET });
  return {
    // A wrong schedule fails the cold start, naming the record type.
    schedule: parseRetentionSchedule(config.RETENTION_SCHEDULE ? JSON.parse(config.RETENTION_SCHEDULE) : {}),
    index: new DynamoRetentionIndex(tables),
    erasure,
    objects,
    versions: objects,
    progress: new DynamoRetentionProgress(tables),
    audit: auditLog(aws, config),
    clock: systemClock,
  };
}
