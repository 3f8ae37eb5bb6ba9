/** DeliveryProblemLog in memory, for unit tests; same contract as the DynamoDB adapter. */
import type { AuditRecord } from '../../domain/audit-event.ts';
import type { DeliveryProblem } from '../../domain/delivery-problem.ts';
import type { DeliveryProblemLog } from '../../ports/delivery.ts';

export class MemoryDeliveryProblems implements DeliveryProblemLog {
  /** Problems by reference, then by feedback id. */
  readonly problems = new Map<string, Map<string, DeliveryProblem>>();
  readonly audit: AuditRecord[] = [];
  /** Whether a ticket exists: e.g. `(reference) => store.tickets.has(reference)`. */
  readonly #hasTicket: (reference: string) => boolean;

  constructor(hasTicket: (reference: string) => boolean) {
    this.#hasTicket = hasTicket;
  }

  async record(
    reference: string,
    problem: DeliveryProblem,
    audit: AuditRecord,
  ): Promise<'recorded' | 'exists' | 'no-ticket'> {
    if (!this.#hasTicket(reference)) return 'no-ticket';
    const ofTicket = this.problems.get(reference) ?? new Map<string, DeliveryProblem>();
    if (ofTicket.has(problem.feedbackId)) return 'exists';
    ofTicket.set(problem.feedbackId, problem);
    this.problems.set(reference, ofTicket);
    this.audit.push(audit);
    return 'recorded';
  }

  /** The ticket's problems in the order they were recorded. */
  of(reference: string): DeliveryProblem[] {
    return [...(this.problems.get(reference)?.values() ?? [])];
  }
}
