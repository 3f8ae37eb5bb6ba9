/**
 * A staff session's sign-in, recorded once: at the session's first call, with that call's time —
 * not the token's issue time, which may lie in an hour already sealed. One TransactWriteItems puts
 * a mark of the session on the tickets table (`SESSION#<token id's hash>`, expiring with the token)
 * and the SignIn record; a later call of the session fails the mark's condition and writes nothing.
 */
import type { AuditRecord } from '../../domain/audit-event.ts';
import { sha256Hex } from '../../domain/ids.ts';
import type { StaffSession, StaffSessions } from '../../ports/audit-trail.ts';
import { type DynamoTables, TicketsTable } from './tickets-table.ts';

export class DynamoStaffSessions implements StaffSessions {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  recordSignIn(session: StaffSession, signIn: AuditRecord): Promise<boolean> {
    return this.#table.writeIf(
      [
        this.#table.newItem({
          ...sessionKey(session.id),
          type: 'session',
          signedInAt: signIn.eventTime,
          // TTL: the mark is needed only while the token is valid.
          expiresAt: session.expiresAt,
        }),
      ],
      signIn,
      // Signed in already, or at this very moment by a parallel call of the same session.
      { orConflict: true },
    );
  }
}

/** The session's mark: keyed by a hash of the token id (the id is not needed, only its uniqueness). */
export function sessionKey(sessionId: string): { pk: string; sk: string } {
  return { pk: `SESSION#${sha256Hex(sessionId).slice(0, 40)}`, sk: 'SESSION' };
}
