/** process-intake's dependencies, built once per cold start. */
import { loadConfig } from '../../shared/config.ts';
import type { OutboundMessage } from '../../shared/domain/intake-message.ts';
import { BacklogCache } from '../../shared/use-cases/backlog-cache.ts';
import type { ProcessIntakeDeps } from '../../shared/use-cases/process-intake-message.ts';
import { awsClients, queue, systemClock, ticketStore } from '../composition-root.ts';

export function buildDependencies(): ProcessIntakeDeps {
  const aws = awsClients();
  const config = loadConfig([
    'TICKETS_TABLE',
    'AUDIT_TABLE',
    'OUTBOUND_QUEUE_URL',
    'REOPEN_WINDOW_DAYS',
    'RETENTION_SCHEDULE',
  ]);
  const store = ticketStore(aws, config);
  return {
    store,
    clock: systemClock,
    backlog: new BacklogCache(store, systemClock),
    reopenWindowDays: config.REOPEN_WINDOW_DAYS,
    outboundQueue: queue<OutboundMessage>(aws, config.OUTBOUND_QUEUE_URL),
  };
}
