/**
 * What the retention sweeper reads and keeps (apply-retention.ts): the retention index of settled
 * tickets, the mail bucket's objects by age, and its own progress, so that a run stopped half-way
 * is finished by the next and a second run the same day changes nothing.
 */

/** A settled ticket on the retention index. */
export interface RetainedTicket {
  readonly reference: string;
  /** When it was last answered or closed (the period's start). */
  readonly settledAt: string;
  /** Its status now: a ticket reopened since is not due, whatever the index says. */
  readonly status: string;
}

/** Where a listing stopped: the next call continues after it. */
export type RetentionCursor = string;

export interface RetentionIndex {
  /**
   * Settled tickets whose settling time is before `settledBefore`, at most `limit`, continuing
   * after `cursor`; `next` is absent when there are no more.
   */
  settledBefore(
    settledBefore: string,
    page: { readonly cursor?: RetentionCursor; readonly limit: number },
  ): Promise<{ readonly tickets: readonly RetainedTicket[]; readonly next?: RetentionCursor }>;
  /** Takes the ticket off the index (pseudonymised, gone, or reopened). */
  forget(reference: string): Promise<void>;
}

export interface AgedObjects {
  /**
   * Keys under `prefix` whose newest version (or delete marker) is older than `before` — a
   * deleted key's non-current versions included — in key order after `cursor`, from a page of at
   * most `limit` keys listed; `next` is absent when the prefix is listed to its end.
   */
  modifiedBefore(
    prefix: string,
    before: Date,
    page: { readonly cursor?: RetentionCursor; readonly limit: number },
  ): Promise<{ readonly keys: readonly string[]; readonly next?: RetentionCursor }>;
}

/** Whether a reply upload is a message's file (then it goes with its ticket, not on its own). */
export interface ReplyFileLinks {
  isLinked(key: string): Promise<boolean>;
}

/** A day's run: where it is, and what it has done so far (counts only). */
export interface RetentionRun {
  /** The run's day (`YYYY-MM-DD`, UTC): one run a day, resumed until `done`. */
  readonly day: string;
  /** The cutoffs of the run, fixed at its start so that a resumed run applies the same ones. */
  readonly startedAt: string;
  /** The step in progress, by its record type; absent once done. */
  readonly step?: string;
  readonly cursor?: RetentionCursor;
  readonly counts: Readonly<Record<string, number>>;
  readonly done: boolean;
}

export interface RetentionProgress {
  load(day: string): Promise<RetentionRun | undefined>;
  save(run: RetentionRun): Promise<void>;
}

/** A ticket as the sweeper re-reads it right before erasing it (consistently): no personal data. */
export interface RetentionTicketState {
  readonly status: string;
  /** Under legal hold: nothing of it may go, its letters and raw mail included. */
  readonly held: boolean;
}

/**
 * What the sweeper checks before it erases a ticket or deletes an object: the prefix listing sees
 * only ages, never a legal hold or a pending decision.
 */
export interface RetentionGuards {
  /** The ticket's status and hold, read consistently; `undefined` when there is no such ticket. */
  ticketState(reference: string): Promise<RetentionTicketState | undefined>;
  /**
   * The reference of the ticket mail `messageId` became, while intake's idempotency record of it
   * (`email:<id>`) lasts; `undefined` when it is unknown (never a ticket, or the record expired).
   */
  mailReference(messageId: string): Promise<string | undefined>;
  /** Whether the object `key` of the mail bucket belongs to a ticket under legal hold (one read by key). */
  heldObject(key: string): Promise<boolean>;
  /** Whether quarantined mail `messageId` still awaits a decision (held, neither released nor refused). */
  quarantineAwaiting(messageId: string): Promise<boolean>;
}
