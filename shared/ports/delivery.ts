/**
 * Bounces and complaints of our mail, kept on the ticket they are about.
 * Adapters: `../adapters/dynamodb/delivery-problems.ts` and, for unit tests,
 * `../adapters/memory/delivery-problems.ts`.
 */
import type { AuditRecord } from '../domain/audit-event.ts';
import type { DeliveryProblem } from '../domain/delivery-problem.ts';

export interface DeliveryProblemLog {
  /**
   * Keeps the problem on the ticket with its audit record, atomically: `no-ticket` when there is
   * no such ticket, `exists` when this feedback id was recorded already (a redelivered event).
   */
  record(
    reference: string,
    problem: DeliveryProblem,
    audit: AuditRecord,
  ): Promise<'recorded' | 'exists' | 'no-ticket'>;
}
