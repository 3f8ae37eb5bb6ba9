/** ingest-web's dependencies, built once per cold start. */

import { documentClient, sqsClient } from '../../shared/adapters/clients.ts';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { SqsMessageQueue } from '../../shared/adapters/sqs/message-queue.ts';
import { loadConfig } from '../../shared/config.ts';
import type { IntakeMessage } from '../../shared/domain/intake-message.ts';
import { ReferenceAllocator } from '../../shared/domain/reference.ts';
import { BacklogCache } from '../../shared/use-cases/backlog-cache.ts';
import type { SubmitWebRequestDeps } from '../../shared/use-cases/submit-web-request.ts';

export function buildDependencies(): SubmitWebRequestDeps & { bodyLimitBytes: number } {
  const config = loadConfig(['TICKETS_TABLE', 'AUDIT_TABLE', 'INTAKE_QUEUE_URL', 'REQUEST_BODY_LIMIT_BYTES']);
  const client = documentClient();
  const clock = { now: () => new Date() };
  const store = new DynamoTicketStore({
    client,
    ticketsTable: config.TICKETS_TABLE,
    auditTable: config.AUDIT_TABLE,
  });
  return {
    store,
    intakeQueue: new SqsMessageQueue<IntakeMessage>({
      client: sqsClient(),
      queueUrl: config.INTAKE_QUEUE_URL,
    }),
    audit: new DynamoAuditLog({ client, auditTable: config.AUDIT_TABLE }),
    clock,
    backlog: new BacklogCache(store, clock),
    references: new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size)),
    bodyLimitBytes: config.REQUEST_BODY_LIMIT_BYTES,
  };
}
