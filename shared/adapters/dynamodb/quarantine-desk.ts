/**
 * QuarantineDesk on DynamoDB. A quarantined mail is the item `QUARANTINE#<SES message id>` /
 * `QUARANTINE` in the tickets table (written by `DynamoTicketStore.quarantine`); it sits on the
 * `worklist` index under `<competence>#quarantine` while held and `<competence>#quarantine-released`
 * once released, sorted by `<receivedAt>#<id>`, so every list is one paginated `Query` on one
 * partition (no Scan). Quarantine volume is small: one partition per unit is far from hot.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandOutput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../../domain/audit-event.ts';
import type {
  QuarantineDesk,
  QuarantinedMail,
  QuarantinePage,
  QuarantineRelease,
  QuarantineState,
} from '../../ports/quarantine.ts';
import { auditPuts } from './audit-log.ts';
import { decodeCursor, encodeCursor, InvalidCursor } from './worklists.ts';

/** The worklist-index partition of a unit's quarantined mail in `state`. */
export function quarantineListKey(competence: string, state: QuarantineState): string {
  return state === 'held' ? `${competence}#quarantine` : `${competence}#quarantine-${state}`;
}

/** The index attributes of a quarantined mail: its unit's list, in order of receipt. */
export function quarantineIndexKeys(
  competence: string,
  state: QuarantineState,
  record: { readonly receivedAt: string; readonly id: string },
): { worklistKey: string; receivedKey: string } {
  return {
    worklistKey: quarantineListKey(competence, state),
    receivedKey: `${record.receivedAt}#${record.id}`,
  };
}

const itemKey = (id: string) => ({ pk: `QUARANTINE#${id}`, sk: 'QUARANTINE' });

export class DynamoQuarantineDesk implements QuarantineDesk {
  readonly #client: DynamoDBDocumentClient;
  readonly #tickets: string;
  readonly #audit: string;

  constructor(options: { client: DynamoDBDocumentClient; ticketsTable: string; auditTable: string }) {
    this.#client = options.client;
    this.#tickets = options.ticketsTable;
    this.#audit = options.auditTable;
  }

  async list(
    competence: string,
    state: QuarantineState,
    page: { limit: number; cursor?: string },
  ): Promise<QuarantinePage> {
    let result: QueryCommandOutput;
    try {
      result = await this.#client.send(
        new QueryCommand({
          TableName: this.#tickets,
          IndexName: 'worklist',
          KeyConditionExpression: 'worklistKey = :key',
          ExpressionAttributeValues: { ':key': quarantineListKey(competence, state) },
          Limit: Math.max(1, Math.min(100, page.limit)),
          ...(page.cursor
            ? {
                ExclusiveStartKey: decodeCursor(
                  page.cursor,
                  // Only a start key inside this very list: a cursor cannot page into tickets or another unit.
                  (key) =>
                    String(key.pk).startsWith('QUARANTINE#') &&
                    key.worklistKey === quarantineListKey(competence, state),
                ),
              }
            : {}),
        }),
      );
    } catch (error) {
      // A cursor of another list, or made up: DynamoDB refuses the start key.
      if (page.cursor && error instanceof Error && error.name === 'ValidationException')
        throw new InvalidCursor();
      throw error;
    }
    const items = (result.Items ?? []).map(toQuarantinedMail);
    return result.LastEvaluatedKey ? { items, cursor: encodeCursor(result.LastEvaluatedKey) } : { items };
  }

  async get(id: string): Promise<QuarantinedMail | undefined> {
    const result = await this.#client.send(
      new GetCommand({ TableName: this.#tickets, Key: itemKey(id), ConsistentRead: true }),
    );
    // An item from before quarantined mail had a unit is on no list: not found here either.
    return result.Item?.competence ? toQuarantinedMail(result.Item) : undefined;
  }

  async release(
    mail: Pick<QuarantinedMail, 'id' | 'competence'>,
    release: QuarantineRelease,
    audit: AuditRecord,
  ): Promise<boolean> {
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.#tickets,
                Key: itemKey(mail.id),
                UpdateExpression: 'SET #state = :released, #release = :release, worklistKey = :listKey',
                // Only a held mail, of the unit the supervisor was allowed to act on.
                ConditionExpression: '#state = :held AND competence = :competence',
                ExpressionAttributeNames: { '#state': 'state', '#release': 'release' },
                ExpressionAttributeValues: {
                  ':released': 'released',
                  ':held': 'held',
                  ':competence': mail.competence,
                  ':release': release,
                  ':listKey': quarantineListKey(mail.competence, 'released'),
                },
              },
            },
            ...auditPuts(this.#audit, audit),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        ['ConditionalCheckFailed', 'TransactionConflict'].includes(
          String(error.CancellationReasons?.[0]?.Code),
        )
      )
        return false;
      throw error;
    }
  }
}

function toQuarantinedMail(item: Record<string, unknown>): QuarantinedMail {
  const {
    pk: _pk,
    sk: _sk,
    type: _type,
    worklistKey: _worklistKey,
    receivedKey: _receivedKey,
    ...mail
  } = item;
  return mail as unknown as QuarantinedMail;
}
