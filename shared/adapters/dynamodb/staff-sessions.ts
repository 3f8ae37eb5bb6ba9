/**
 * A staff session's sign-in, recorded once (issue 6): at the session's first call, with that
 * call's time — not the token's issue time, which may lie in an hour already sealed. One
 * TransactWriteItems puts a mark of the session on the tickets table (`SESSION#<token id's hash>`,
 * expiring with the token) and the SignIn record; a later call of the session fails the mark's
 * condition and writes nothing.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../../domain/audit-event.ts';
import { sha256Hex } from '../../domain/ids.ts';
import type { StaffSession, StaffSessions } from '../../ports/audit-trail.ts';
import { auditPuts } from './audit-log.ts';

export class DynamoStaffSessions implements StaffSessions {
  readonly #client: DynamoDBDocumentClient;
  readonly #tickets: string;
  readonly #audit: string;

  constructor(options: { client: DynamoDBDocumentClient; ticketsTable: string; auditTable: string }) {
    this.#client = options.client;
    this.#tickets = options.ticketsTable;
    this.#audit = options.auditTable;
  }

  async recordSignIn(session: StaffSession, signIn: AuditRecord): Promise<boolean> {
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#tickets,
                Item: {
                  ...sessionKey(session.id),
                  type: 'session',
                  signedInAt: signIn.eventTime,
                  // TTL: the mark is needed only while the token is valid.
                  expiresAt: session.expiresAt,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...auditPuts(this.#audit, signIn),
          ],
        }),
      );
      return true;
    } catch (error) {
      // Signed in already, or at this very moment by a parallel call of the same session.
      const code =
        error instanceof TransactionCanceledException ? error.CancellationReasons?.[0]?.Code : undefined;
      if (code === 'ConditionalCheckFailed' || code === 'TransactionConflict') return false;
      throw error;
    }
  }
}

/** The session's mark: keyed by a hash of the token id (the id is not needed, only its uniqueness). */
export function sessionKey(sessionId: string): { pk: string; sk: string } {
  return { pk: `SESSION#${sha256Hex(sessionId).slice(0, 40)}`, sk: 'SESSION' };
}
