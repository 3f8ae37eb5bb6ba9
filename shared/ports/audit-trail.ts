/**
 * Reading the audit trail for auditors, and recording a staff session's sign-in
 * once. Every lookup is a query on a key, never a scan: a staff member's records on the `user`
 * index, a ticket's on its ticket index items, a time range on its hour partitions. Adapters:
 * `../adapters/dynamodb/audit-trail.ts` and, for unit tests, `../adapters/memory/audit-trail.ts`.
 */
import type { AuditRecord } from '../domain/audit-event.ts';

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

/** A staff session (one access token), as the sign-in record needs it. */
export interface StaffSession {
  /** The token's id (`jti`). */
  readonly id: string;
  /** When the token ends, seconds since the epoch: the session's mark may go then. */
  readonly expiresAt: number;
}

export interface StaffSessions {
  /**
   * Writes `signIn` unless the session has signed in already, atomically with a mark of the
   * session: `true` when written now, `false` when an earlier call of the session did.
   */
  recordSignIn(session: StaffSession, signIn: AuditRecord): Promise<boolean>;
}
