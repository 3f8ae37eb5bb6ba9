/** ingest-web's dependencies, built once per cold start. */

import { DynamoPageMarks } from '../../shared/adapters/dynamodb/question-days.ts';
import { loadConfig } from '../../shared/config.ts';
import type { IntakeMessage } from '../../shared/domain/intake-message.ts';
import { scheduleFromEnv } from '../../shared/domain/retention.ts';
import type { QuestionLog } from '../../shared/ports/question-log.ts';
import type { TicketStore } from '../../shared/ports/ticket-store.ts';
import { BacklogCache } from '../../shared/use-cases/backlog-cache.ts';
import type { SubmitWebRequestDeps } from '../../shared/use-cases/submit-web-request.ts';
import {
  auditLog,
  awsClients,
  documents,
  queue,
  randomIds,
  references,
  systemClock,
  ticketStore,
} from '../composition-root.ts';

export function buildDependencies(): SubmitWebRequestDeps & {
  store: TicketStore;
  bodyLimitBytes: number;
  questionLog: Pick<QuestionLog, 'markRequestSubmitted'>;
} {
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
    // The assistant's page a request came from, marked (the rest of the log is not loaded).
    questionLog: new DynamoPageMarks({ client: documents(aws), knowledgeTable: config.KNOWLEDGE_TABLE }),
    bodyLimitBytes: config.REQUEST_BODY_LIMIT_BYTES,
  };
}
