/**
 * The staff sessions' store: one item per sign-in on the tickets table (`SESSION#<hash of the
 * session id>`), with its last activity and, once signed out, when. The sign-in is recorded once:
 * at the session's first call, with that call's time — not the token's issue time, which may lie
 * in an hour already sealed — in one TransactWriteItems with the SignIn record; a parallel first
 * call fails the item's condition and writes nothing. The item expires (TTL `expiresAt`) only when
 * no token of the sign-in can be used any more.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../../domain/audit-event.ts';
import { sha256Hex } from '../../domain/ids.ts';
import type { StaffSessionState } from '../../domain/staff-session-rules.ts';
import type { StaffSession, StaffSessions } from '../../ports/audit-trail.ts';
import { type DynamoTables, ifCondition, TicketsTable } from './tickets-table.ts';

export class DynamoStaffSessions implements StaffSessions {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  async find(sessionId: string): Promise<StaffSessionState | undefined> {
    const item = await this.#table.get(sessionKey(sessionId), { consistent: true });
    if (!item) return undefined;
    // Records from before last activity was kept: their sign-in is the last activity known.
    const lastActiveAt =
      typeof item.lastActiveAt === 'number' ? item.lastActiveAt : Date.parse(String(item.signedInAt));
    return {
      lastActiveAt: Number.isFinite(lastActiveAt) ? lastActiveAt : 0,
      revokedAt: typeof item.revokedAt === 'number' ? item.revokedAt : undefined,
    };
  }

  recordSignIn(session: StaffSession, at: number, signIn: AuditRecord): Promise<boolean> {
    return this.#table.writeIf(
      [
        this.#table.newItem({
          ...sessionKey(session.id),
          type: 'session',
          signedInAt: signIn.eventTime,
          lastActiveAt: at,
          expiresAt: session.expiresAt,
        }),
      ],
      signIn,
      // Signed in already, or at this very moment by a parallel call of the same session.
      { orConflict: true },
    );
  }

  async touch(session: StaffSession, at: number, due: number): Promise<void> {
    // Lost to a parallel call (or a sign-out) when the condition fails: nothing to do then.
    await ifCondition(
      this.#table.client.send(
        new UpdateCommand({
          TableName: this.#table.name,
          Key: sessionKey(session.id),
          UpdateExpression: 'SET lastActiveAt = :at, expiresAt = :expiresAt',
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(revokedAt) AND (attribute_not_exists(lastActiveAt) OR lastActiveAt <= :due)',
          ExpressionAttributeValues: { ':at': at, ':due': due, ':expiresAt': session.expiresAt },
        }),
      ),
    );
  }

  async revoke(session: StaffSession, at: number, signOut: AuditRecord): Promise<void> {
    // The first sign-out stands, with its one SignOut record: a second (a double click, a retry)
    // finds the mark and writes nothing.
    await ifCondition(
      this.#table.transact(
        [
          {
            Update: {
              TableName: this.#table.name,
              Key: sessionKey(session.id),
              UpdateExpression: 'SET revokedAt = :at, #type = :type, expiresAt = :expiresAt',
              ConditionExpression: 'attribute_not_exists(revokedAt)',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':at': at, ':type': 'session', ':expiresAt': session.expiresAt },
            },
          },
        ],
        signOut,
      ),
    );
  }
}

/** The session's item: keyed by a hash of its id (the id is not needed, only its uniqueness). */
export function sessionKey(sessionId: string): { pk: string; sk: string } {
  return { pk: `SESSION#${sha256Hex(sessionId).slice(0, 40)}`, sk: 'SESSION' };
}
