/** The audit trail's read side and staff sessions in memory, for unit tests (same contracts). */
import type { AuditRecord } from '../../domain/audit-event.ts';
import { auditSortKey, staffUserOf, ticketReferencesOf } from '../../domain/audit-query.ts';
import type { StaffSessionState } from '../../domain/staff-session-rules.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type {
  AuditPage,
  AuditRange,
  AuditTrail,
  StaffSession,
  StaffSessions,
} from '../../ports/audit-trail.ts';

/** Reads the records a memory audit log holds (`MemoryAuditLog.records`). */
export class MemoryAuditTrail implements AuditTrail {
  readonly #records: () => readonly AuditRecord[];
  /** How many reads each lookup made, to check which one a query used. */
  readonly reads = { byUser: 0, byTickets: 0, byTime: 0 };

  constructor(log: { readonly records: readonly AuditRecord[] }) {
    this.#records = () => log.records;
  }

  async byUser(user: string, range: AuditRange, limit: number): Promise<AuditPage> {
    this.reads.byUser += 1;
    return this.#page((record) => staffUserOf(record) === user, range, limit);
  }

  async byTickets(references: readonly string[], range: AuditRange, limit: number): Promise<AuditPage> {
    this.reads.byTickets += 1;
    const wanted = new Set(references);
    return this.#page(
      (record) => ticketReferencesOf(record).some((reference) => wanted.has(reference)),
      range,
      limit,
    );
  }

  async byTime(range: AuditRange, limit: number): Promise<AuditPage> {
    this.reads.byTime += 1;
    return this.#page(() => true, range, limit);
  }

  #page(matches: (record: AuditRecord) => boolean, range: AuditRange, limit: number): AuditPage {
    const from = range.after && range.after > range.from ? range.after : range.from;
    const selected = this.#records()
      .filter((record) => {
        const key = auditSortKey(record);
        return matches(record) && key >= from && key < range.to && (!range.after || key > range.after);
      })
      .sort((a, b) => (auditSortKey(a) < auditSortKey(b) ? -1 : 1));
    return { records: selected.slice(0, limit), more: selected.length > limit };
  }
}

/** Sessions signed in, and the records written with them into an audit log. */
export class MemoryStaffSessions implements StaffSessions {
  readonly signedIn = new Map<string, StaffSession & { lastActiveAt: number; revokedAt?: number }>();
  /** How many writes of last activity succeeded, to check their throttling. */
  touches = 0;
  readonly #audit: AuditLog;

  constructor(audit: AuditLog) {
    this.#audit = audit;
  }

  async find(sessionId: string): Promise<StaffSessionState | undefined> {
    const session = this.signedIn.get(sessionId);
    return session && { lastActiveAt: session.lastActiveAt, revokedAt: session.revokedAt };
  }

  async recordSignIn(session: StaffSession, at: number, signIn: AuditRecord): Promise<boolean> {
    if (this.signedIn.has(session.id)) return false;
    this.signedIn.set(session.id, { ...session, lastActiveAt: at });
    await this.#audit.append([signIn]);
    return true;
  }

  async touch(session: StaffSession, at: number, due: number): Promise<void> {
    const found = this.signedIn.get(session.id);
    if (!found || found.revokedAt !== undefined || found.lastActiveAt > due) return;
    this.signedIn.set(session.id, { ...found, expiresAt: session.expiresAt, lastActiveAt: at });
    this.touches += 1;
  }

  async revoke(session: StaffSession, at: number, signOut: AuditRecord): Promise<void> {
    const found = this.signedIn.get(session.id);
    // As DynamoDB's conditional write: the first sign-out stands, with its one record.
    if (found?.revokedAt !== undefined) return;
    this.signedIn.set(session.id, { ...session, lastActiveAt: found?.lastActiveAt ?? at, revokedAt: at });
    await this.#audit.append([signOut]);
  }
}
