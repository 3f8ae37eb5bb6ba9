/** What staff work from (staff-api) and the deadline sweeper reads: lists of tickets, and taking one. */
import type { AuditRecord } from '../domain/audit-event.ts';
import type { Ticket, TicketStatus } from '../domain/ticket.ts';

/** A worklist: what a staff member sees, oldest first (or by deadline). */
export type WorklistView =
  /** A unit's tickets of one status, oldest first; `review`: new tickets waiting for a supervisor. */
  | { readonly kind: 'queue'; readonly competence: string; readonly status: TicketStatus | 'review' }
  | { readonly kind: 'mine'; readonly assignee: string }
  /** Still to answer, with the deadline from `from` through `through` (inclusive). */
  | { readonly kind: 'due'; readonly competence: string; readonly from: string; readonly through: string }
  /** Still to answer, with the deadline before `before`. */
  | { readonly kind: 'overdue'; readonly competence: string; readonly before: string }
  /** A unit's tickets whose client asked for a callback nobody has recorded yet, oldest first. */
  | { readonly kind: 'callbacks'; readonly competence: string };

export interface WorklistPage {
  readonly items: readonly Ticket[];
  /** Pass back to get the next page; absent on the last one. */
  readonly cursor?: string;
}

/** A ticket taken by a staff member, kept for the FIFO fairness report (§21). */
export interface TakeRecord {
  readonly reference: string;
  readonly competence: string;
  readonly assignee: string;
  readonly takenAt: string;
  readonly receivedAt: string;
  /** Whether it was the oldest waiting ticket the taker could take. */
  readonly inOrder: boolean;
  /** Why the queue was jumped; required when not in order. */
  readonly reason?: string;
  /** The oldest waiting ticket at the time, when it was passed over. */
  readonly passedOver?: string;
}

export interface Worklists {
  /** One page of the view; a cursor this store did not hand out is refused (`InvalidCursor`, 400). */
  list(
    view: WorklistView,
    page: { readonly limit: number; readonly cursor?: string; readonly newestFirst?: boolean },
  ): Promise<WorklistPage>;
  /**
   * Assigns a new, unassigned ticket to `take.assignee` and records the take with its audit record,
   * atomically; `false` when the ticket is no longer new and unassigned (someone was faster).
   */
  take(take: TakeRecord, audit: AuditRecord): Promise<boolean>;
  /** The takes of a unit in a month (`YYYY-MM`, Riga time), in the order they happened. */
  takes(competence: string, month: string): Promise<TakeRecord[]>;
}
