/** ingest-web's dependencies, built once per cold start. */
import { loadConfig } from '../../shared/config.ts';
import type { IntakeMessage } from '../../shared/domain/intake-message.ts';
import { scheduleFromEnv } from '../../shared/domain/retention.ts';
import type { TicketStore } from '../../shared/ports/ticket-store.ts';
import type { AssistantLogDeps } from '../../shared/use-cases/assistant-feedback.ts';
import { BacklogCache } from '../../shared/use-cases/backlog-cache.ts';
import type { SubmitWebRequestDeps } from '../../shared/use-cases/submit-web-request.ts';
import {
  auditLog,
  awsClients,
  queue,
  randomIds,
  references,
  systemClock,
  ticketStore,
} from '../composition-root.ts';
import { questionLog } from '../knowledge-root.ts';

export function buildDependencies(): SubmitWebRequestDeps &
  AssistantLogDeps & { store: TicketStore; bodyLimitBytes: number } {
  const aws = awsClients();
  const config = loadConfig([
    'TICKETS_TABLE',
    'AUDIT_TABLE',
    'KNOWLEDGE_TABLE',
    'INTAKE_QUEUE_URL',
    'REQUEST_BODY_LIMIT_BYTES',
    'RETENTION_SCHEDULE',
  ]);
  const store = ticketStore(aws, config);
  return {
    store,
    intakeQueue: queue<IntakeMessage>(aws, config.INTAKE_QUEUE_URL),
    audit: auditLog(aws, config),
    clock: systemClock,
    ids: randomIds,
    schedule: scheduleFromEnv(config.RETENTION_SCHEDULE),
    backlog: new BacklogCache(store, systemClock),
    references: references(store),
    questionLog: questionLog(aws, config),
    bodyLimitBytes: config.REQUEST_BODY_LIMIT_BYTES,
  };
}
