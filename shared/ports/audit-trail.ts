/**
 * Reading the audit trail for auditors, and the staff sessions' store (sign-in recorded once, last
 * activity, sign-out). Every lookup is a query on a key, never a scan: a staff member's records on
 * the `user` index, a ticket's on its ticket index items, a time range on its hour partitions. Adapters:
 * `../adapters/dynamodb/audit-trail.ts` and, for unit tests, `../adapters/memory/audit-trail.ts`.
 */
import type { AuditRecord } from '../domain/audit-event.ts';
import type { StaffSessionState } from '../domain/staff-session-rules.ts';

/**
 * Records with `from <= eventTime < to`, after the record whose sort key (`auditSortKey`) is
 * `after`, when given. Instants are ISO strings as `Date#toISOString` writes them.
 */
export interface AuditRange {
  readonly from: string;
  readonly to: string;
  readonly after?: string | undefined;
}

export interface AuditPage {
  /** Oldest first, by sort key (`eventTime#eventID`), at most the limit asked for. */
  readonly records: readonly AuditRecord[];
  /** Whether records past the last one may follow within the range. */
  readonly more: boolean;
}

export interface AuditTrail {
  /** A staff member's records (by user name). */
  byUser(user: string, range: AuditRange, limit: number): Promise<AuditPage>;
  /** Records naming any of the tickets, each once. */
  byTickets(references: readonly string[], range: AuditRange, limit: number): Promise<AuditPage>;
  /** Every record of the range. */
  byTime(range: AuditRange, limit: number): Promise<AuditPage>;
}

/** A staff session (one sign-in: every token refreshed from it carries its `origin_jti`). */
export interface StaffSession {
  /** The sign-in's id (`origin_jti`; a token without one: its `jti`). */
  readonly id: string;
  /** When the session's record may go, seconds since the epoch (see `sessionRecordExpiry`). */
  readonly expiresAt: number;
}

export interface StaffSessions {
  /** The session's state, read consistently (a sign-out must count at once); undefined if never seen. */
  find(sessionId: string): Promise<StaffSessionState | undefined>;
  /**
   * Writes `signIn` unless the session has signed in already, atomically with the session's
   * record (last activity `at`, ms): `true` when written now, `false` when an earlier call did.
   */
  recordSignIn(session: StaffSession, at: number, signIn: AuditRecord): Promise<boolean>;
  /**
   * Moves the last activity to `at` (ms) if it is not later than `due` and the session is not
   * signed out; a parallel call that moved it first leaves it as it is.
   */
  touch(session: StaffSession, at: number, due: number): Promise<void>;
  /** Marks the session signed out at `at` (ms), with its `signOut` record, in one write. */
  revoke(session: StaffSession, at: number, signOut: AuditRecord): Promise<void>;
}
