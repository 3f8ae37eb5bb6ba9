/**
 * PostalDesk on DynamoDB, in the tickets table:
 * - `POSTREG#<id>` / `POSTREG`: a registration, on the `worklist` index under `mailroom#registrations`
 *   sorted by `<createdAt>#<id>` (read newest first);
 * - `TICKET#<reference>` / `LETTER#<letterId>`: a letter to print (written by send-email with its
 *   send record, see `letterItem`), on the `worklist` index under `letters#pending` until its
 *   dispatch is recorded, then `letters#dispatched`, sorted by `<createdAt>#<reference>#<letterId>`.
 * Post is a few hundred items a day: one index partition per list is far from hot.
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
import { decodeCursor, encodeCursor, InvalidCursor } from '../../domain/page-cursor.ts';
import type { PostRegistration } from '../../domain/postal-registration.ts';
import type {
  LetterDispatch,
  LetterRecord,
  LetterState,
  Page,
  PostalDesk,
  RegistrationSettlement,
} from '../../ports/postal.ts';
import { auditPuts } from './audit-log.ts';

export const registrationsListKey = 'mailroom#registrations';
export const letterListKey = (state: LetterState) => `letters#${state}`;

const registrationKey = (id: string) => ({ pk: `POSTREG#${id}`, sk: 'POSTREG' });
const letterKey = (reference: string, letterId: string) => ({
  pk: `TICKET#${reference}`,
  sk: `LETTER#${letterId}`,
});

/** The item of a new letter, as send-email writes it in the transaction of its send record. */
export function letterItem(letter: LetterRecord): Record<string, unknown> {
  return {
    ...letterKey(letter.reference, letter.letterId),
    type: 'letter',
    ...letter,
    worklistKey: letterListKey(letter.dispatch ? 'dispatched' : 'pending'),
    receivedKey: `${letter.createdAt}#${letter.reference}#${letter.letterId}`,
  };
}

export class DynamoPostalDesk implements PostalDesk {
  readonly #client: DynamoDBDocumentClient;
  readonly #tickets: string;
  readonly #audit: string;

  constructor(options: { client: DynamoDBDocumentClient; ticketsTable: string; auditTable: string }) {
    this.#client = options.client;
    this.#tickets = options.ticketsTable;
    this.#audit = options.auditTable;
  }

  async register(registration: PostRegistration, audit: AuditRecord): Promise<void> {
    await this.#client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.#tickets,
              Item: {
                ...registrationKey(registration.id),
                type: 'post-registration',
                ...registration,
                worklistKey: registrationsListKey,
                receivedKey: `${registration.createdAt}#${registration.id}`,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...auditPuts(this.#audit, audit),
        ],
      }),
    );
  }

  async getRegistration(id: string): Promise<PostRegistration | undefined> {
    const result = await this.#client.send(
      new GetCommand({ TableName: this.#tickets, Key: registrationKey(id), ConsistentRead: true }),
    );
    return result.Item ? (withoutKeys(result.Item) as unknown as PostRegistration) : undefined;
  }

  async listRegistrations(page: { limit: number; cursor?: string }): Promise<Page<PostRegistration>> {
    const result = await this.#list(registrationsListKey, 'POSTREG#', page, false);
    return {
      items: (result.Items ?? []).map((item) => withoutKeys(item) as unknown as PostRegistration),
      ...(result.LastEvaluatedKey ? { cursor: encodeCursor(result.LastEvaluatedKey) } : {}),
    };
  }

  async settle(id: string, settlement: RegistrationSettlement, audit?: AuditRecord): Promise<boolean> {
    const values: Record<string, unknown> = {
      ':state': settlement.state,
      ':settledAt': settlement.settledAt,
      ':awaiting': 'awaiting-scan',
    };
    const sets = ['#state = :state', 'settledAt = :settledAt'];
    for (const field of ['reference', 'scan', 'refusal'] as const) {
      if (settlement[field] === undefined) continue;
      sets.push(`#${field} = :${field}`);
      values[`:${field}`] = settlement[field];
    }
    const names: Record<string, string> = { '#state': 'state' };
    for (const field of ['reference', 'scan', 'refusal'] as const)
      if (settlement[field] !== undefined) names[`#${field}`] = field;
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.#tickets,
                Key: registrationKey(id),
                UpdateExpression: `SET ${sets.join(', ')}`,
                ConditionExpression: '#state = :awaiting',
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
            ...(audit ? auditPuts(this.#audit, audit) : []),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancelledByCondition(error)) return false;
      throw error;
    }
  }

  async listLetters(
    state: LetterState,
    page: { limit: number; cursor?: string },
  ): Promise<Page<LetterRecord>> {
    const result = await this.#list(letterListKey(state), 'TICKET#', page, true);
    return {
      items: (result.Items ?? []).map(toLetter),
      ...(result.LastEvaluatedKey ? { cursor: encodeCursor(result.LastEvaluatedKey) } : {}),
    };
  }

  async getLetter(reference: string, letterId: string): Promise<LetterRecord | undefined> {
    const result = await this.#client.send(
      new GetCommand({ TableName: this.#tickets, Key: letterKey(reference, letterId), ConsistentRead: true }),
    );
    return result.Item ? toLetter(result.Item) : undefined;
  }

  async dispatch(
    letter: Pick<LetterRecord, 'reference' | 'letterId'>,
    dispatch: LetterDispatch,
    audit: AuditRecord,
  ): Promise<boolean> {
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.#tickets,
                Key: letterKey(letter.reference, letter.letterId),
                UpdateExpression: 'SET #dispatch = :dispatch, worklistKey = :listKey',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#dispatch)',
                ExpressionAttributeNames: { '#dispatch': 'dispatch' },
                ExpressionAttributeValues: { ':dispatch': dispatch, ':listKey': letterListKey('dispatched') },
              },
            },
            ...auditPuts(this.#audit, audit),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancelledByCondition(error)) return false;
      throw error;
    }
  }

  async #list(
    listKey: string,
    pkPrefix: string,
    page: { limit: number; cursor?: string },
    oldestFirst: boolean,
  ): Promise<QueryCommandOutput> {
    try {
      return await this.#client.send(
        new QueryCommand({
          TableName: this.#tickets,
          IndexName: 'worklist',
          KeyConditionExpression: 'worklistKey = :key',
          ExpressionAttributeValues: { ':key': listKey },
          ScanIndexForward: oldestFirst,
          Limit: Math.max(1, Math.min(100, page.limit)),
          ...(page.cursor
            ? {
                // Only a start key inside this very list: a cursor cannot page into tickets.
                ExclusiveStartKey: decodeCursor(
                  page.cursor,
                  (key) => String(key.pk).startsWith(pkPrefix) && key.worklistKey === listKey,
                ),
              }
            : {}),
        }),
      );
    } catch (error) {
      if (page.cursor && error instanceof Error && error.name === 'ValidationException')
        throw new InvalidCursor();
      throw error;
    }
  }
}

function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, type: _type, worklistKey: _w, receivedKey: _r, ...rest } = item;
  return rest;
}

function toLetter(item: Record<string, unknown>): LetterRecord {
  return withoutKeys(item) as unknown as LetterRecord;
}

/**
 * The item was not as the condition needed (settled or dispatched already). A conflict with a
 * concurrent transaction is not that: it is thrown, and the caller's retry reads the outcome.
 */
function cancelledByCondition(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
  );
}
