/**
 * What the deadline sweeper needs besides the worklists, the mailer and the audit log: flags on
 * tickets and a record of each unit's daily digest. Adapters: `../adapters/dynamodb/
 * deadline-sweep-store.ts` and, for unit tests, `../adapters/memory/deadline-sweep.ts`.
 */
import type { AuditRecord } from '../domain/audit-event.ts';
import type { ListedTicket } from './worklists.ts';

/** Why a ticket needs a supervisor's attention: its answer deadline is close, or has passed. */
export type DeadlineFlag = 'due-soon' | 'overdue';

/**
 * The sweeper's attributes on a ticket item. They are kept beside the ticket's own fields (so the
 * worklists and the staff API show them) and are not part of `Ticket`, which the sweeper does not own.
 */
export interface DeadlineFlagState {
  readonly deadlineFlag: DeadlineFlag;
  /** ISO instant the flag was set; also the time of its audit record. */
  readonly deadlineFlaggedAt: string;
  /** The answer deadline the flag was set for: an extended deadline is flagged afresh. */
  readonly deadlineFlaggedFor: string;
  /** The date of the digest that reported the flag; absent until one has. */
  readonly deadlineReportedOn?: string;
}

/** The sweeper's attributes, which the deadline lists keep beside the listed ticket's. */
export const deadlineFlagAttributes = [
  'deadlineFlag',
  'deadlineFlaggedAt',
  'deadlineFlaggedFor',
  'deadlineReportedOn',
] as const satisfies readonly (keyof DeadlineFlagState)[];

/** The sweeper's state of a ticket as the worklists return it, if it has been flagged. */
export function deadlineFlagStateOf(ticket: ListedTicket): DeadlineFlagState | undefined {
  const state = ticket as ListedTicket & Partial<DeadlineFlagState>;
  if (!state.deadlineFlag || !state.deadlineFlaggedAt || !state.deadlineFlaggedFor) return undefined;
  return {
    deadlineFlag: state.deadlineFlag,
    deadlineFlaggedAt: state.deadlineFlaggedAt,
    deadlineFlaggedFor: state.deadlineFlaggedFor,
    ...(state.deadlineReportedOn ? { deadlineReportedOn: state.deadlineReportedOn } : {}),
  };
}

/** A flag to set on a ticket. */
export interface FlagChange {
  readonly reference: string;
  /** The unit and deadline the ticket had when it was read; the write checks both. */
  readonly competence: string;
  readonly answerDeadline: string;
  readonly flag: DeadlineFlag;
  readonly flaggedAt: string;
}

/** One line of a digest: references, deadlines and flags only, never anything the client wrote. */
export interface DigestEntry {
  readonly reference: string;
  readonly answerDeadline: string;
  readonly flag: DeadlineFlag;
  /** When the ticket was flagged: with the flag and deadline, tells this flag from a later one. */
  readonly flaggedAt: string;
}

/** A unit's digest of one day, as recorded once sent. */
export interface DigestRecord {
  readonly competence: string;
  /** `YYYY-MM-DD`, Riga. */
  readonly date: string;
  readonly to: string;
  readonly entries: readonly DigestEntry[];
  readonly sesMessageId: string;
  readonly sentAt: string;
}

/**
 * The answer to a claim on a day's digest: this run may send it (and must record or release it),
 * it was sent already, or another run holds an unexpired claim.
 */
export type DigestClaim =
  | { readonly state: 'claimed' }
  | { readonly state: 'sent'; readonly record: DigestRecord }
  | { readonly state: 'busy' };

export interface DeadlineSweepStore {
  /**
   * Sets `change.flag` on the ticket, with `flaggedAt`, as not yet reported, unless it has that
   * flag for that deadline already, or has since been answered, closed, moved to another unit or
   * given another deadline. `true` when the flag was set now. The flag's audit record is written
   * with it, in the same write: a record never lags behind its flag (a late record would land in
   * a segment the audit sealer has closed).
   */
  flag(change: FlagChange, audit: AuditRecord): Promise<boolean>;
  /**
   * Claims the sending of `competence`'s digest of `date` for `claimId` until `until`. The claim
   * succeeds when there is no digest record, or only a claim that expired before `now` or that
   * `claimId` holds already (a retry of the same invocation: Lambda retries keep the request id).
   */
  claimDigest(
    competence: string,
    date: string,
    claimId: string,
    until: Date,
    now: Date,
  ): Promise<DigestClaim>;
  /** Gives up a claim after a failed send, so that the next run may send at once. */
  releaseDigest(competence: string, date: string, claimId: string): Promise<void>;
  /** Records the sent digest over this run's claim; `false` when the claim was taken over meanwhile. */
  recordDigest(record: DigestRecord, claimId: string): Promise<boolean>;
  /** Marks each entry's ticket reported on `date`, unless its flag is no longer the entry's. */
  markReported(entries: readonly DigestEntry[], date: string): Promise<void>;
}
