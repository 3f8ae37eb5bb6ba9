/** What staff work from (staff-api) and the deadline sweeper reads: lists of tickets, and taking one. */
import type { AuditRecord } from '../domain/audit-event.ts';
import type { Ticket, TicketStatus } from '../domain/ticket.ts';

/**
 * What a list row shows and the access check reads (`ticketSummary`, `visibleTo`): the attributes
 * the list indexes keep of a ticket (an INCLUDE projection). Every ticket write is a write of each
 * index holding it, so the indexes keep no bodies; a reader needing the whole ticket asks for it
 * (`listWhole`).
 */
export const listedTicketAttributes = [
  'reference',
  'competence',
  'status',
  'channel',
  'subject',
  'client',
  'receivedAt',
  'answerDeadline',
  'expectedAnswerBy',
  'assignee',
  'review',
  'callback',
  'postal',
  'transcription',
] as const satisfies readonly (keyof Ticket)[];

/** A ticket as a list shows it. */
export type ListedTicket = Pick<Ticket, (typeof listedTicketAttributes)[number]>;

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

export interface WorklistPageRequest {
  readonly limit: number;
  readonly cursor?: string;
  readonly newestFirst?: boolean;
}

export interface WorklistPage<T = ListedTicket> {
  readonly items: readonly T[];
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
  /**
   * One page of the view, in the view's order across everything it holds; a cursor this store did
   * not hand out is refused (`InvalidCursor`, 400). The deadline views carry the sweeper's flags
   * (`DeadlineFlagState`) too.
   */
  list(view: WorklistView, page: WorklistPageRequest): Promise<WorklistPage>;
  /** `list`, with the whole tickets (their bodies too): for a reader that needs more than a row. */
  listWhole(view: WorklistView, page: WorklistPageRequest): Promise<WorklistPage<Ticket>>;
  /**
   * Assigns a new, unassigned ticket to `take.assignee` and records the take with its audit record,
   * atomically; `false` when the ticket is no longer new and unassigned (someone was faster).
   */
  take(take: TakeRecord, audit: AuditRecord): Promise<boolean>;
  /** The takes of a unit in a month (`YYYY-MM`, Riga time), in the order they happened. */
  takes(competence: string, month: string): Promise<TakeRecord[]>;
  /**
   * A unit's takes out of order with `fromIso <= takenAt < toIso` (ISO instants), newest first, at
   * most `limit`: one bounded read of the unit's out-of-order list (`outOfOrderPrefix`), written
   * with the take; its cost depends on `limit`, never on the number of takes.
   */
  outOfOrderTakes(competence: string, fromIso: string, toIso: string, limit: number): Promise<TakeRecord[]>;
}

/**
 * The partition key prefix of a unit's out-of-order takes (`OUTOFORDER#<competence>`, sort key
 * `<takenAt>#<reference>`). Not `TAKES…`: the figures' stream filter (`pk` prefix `TAKES#`) and the
 * rebuild's scan must not see these copies, or a take would be counted twice.
 */
export const outOfOrderPrefix = 'OUTOFORDER#';
