/** retention-sweeper's dependencies, built once per cold start. */
import { DynamoTicketErasure } from '../../shared/adapters/dynamodb/data-subject-erasure.ts';
import {
  DynamoRetentionGuards,
  DynamoRetentionIndex,
  DynamoRetentionProgress,
} from '../../shared/adapters/dynamodb/retention.ts';
import { S3ObjectVersions } from '../../shared/adapters/s3/object-versions.ts';
import { loadConfig } from '../../shared/config.ts';
import { parseRetentionSchedule } from '../../shared/domain/retention.ts';
import type { TicketErasure } from '../../shared/ports/data-subjects.ts';
import type { ApplyRetentionDeps } from '../../shared/use-cases/apply-retention.ts';
import { auditLog, awsClients, buckets, dynamoTables, systemClock } from '../composition-root.ts';

/** @param erasure how a due ticket is pseudonymised: the data protection officer's erasure, by default. */
export function buildDependencies(erasure?: TicketErasure): ApplyRetentionDeps {
  const aws = awsClients();
  const config = loadConfig(['TICKETS_TABLE', 'AUDIT_TABLE', 'MAIL_BUCKET', 'RETENTION_SCHEDULE']);
  const tables = dynamoTables(aws, config);
  const objects = new S3ObjectVersions({ client: buckets(aws), bucket: config.MAIL_BUCKET });
  return {
    // A wrong schedule fails the cold start, naming the record type.
    schedule: parseRetentionSchedule(config.RETENTION_SCHEDULE ? JSON.parse(config.RETENTION_SCHEDULE) : {}),
    index: new DynamoRetentionIndex(tables),
    erasure: erasure ?? new DynamoTicketErasure(tables, objects),
    objects,
    versions: objects,
    guards: new DynamoRetentionGuards(tables),
    progress: new DynamoRetentionProgress(tables),
    audit: auditLog(aws, config),
    clock: systemClock,
  };
}
