/** ingest-email's dependencies, built once per cold start. */
import { loadConfig } from '../../shared/config.ts';
import { scheduleFromEnv } from '../../shared/domain/retention.ts';
import { attachmentsPrefix, rawMailPrefix } from '../../shared/mail/keys.ts';
import { isRetryable } from '../../shared/retryable-error.ts';
import type { IngestEmailDeps } from '../../shared/use-cases/ingest-email.ts';
import {
  auditLog,
  awsClients,
  blobs,
  queue,
  references,
  systemClock,
  ticketStore,
} from '../composition-root.ts';

export function buildDependencies(): IngestEmailDeps {
  const aws = awsClients();
  const config = loadConfig([
    'TICKETS_TABLE',
    'AUDIT_TABLE',
    'INTAKE_QUEUE_URL',
    'MAIL_BUCKET',
    'INBOUND_MAIL_DOMAIN',
    'RETENTION_SCHEDULE',
  ]);
  const store = ticketStore(aws, config);
  return {
    store,
    blobs: blobs(aws, config.MAIL_BUCKET),
    intakeQueue: queue(aws, config.INTAKE_QUEUE_URL),
    audit: auditLog(aws, config),
    clock: systemClock,
    references: references(store),
    rawMailPrefix,
    attachmentsPrefix,
    inboundDomain: config.INBOUND_MAIL_DOMAIN,
    schedule: scheduleFromEnv(config.RETENTION_SCHEDULE),
    // A mail a service refuses after it was read is quarantined, not retried to exhaustion.
    isRetryable,
  };
}
