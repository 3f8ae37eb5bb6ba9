/**
 * What every DynamoDB adapter of the tickets table repeats, once: the tables it writes, a
 * conditional write together with its audit record, writes of many entries that fall back to one
 * by one, paged queries with opaque cursors, batched reads that retry what DynamoDB left
 * unprocessed, and atomic counters.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../../domain/audit-event.ts';
import { decodeCursor, encodeCursor, InvalidCursor } from '../../domain/page-cursor.ts';
import { defaultRetentionSchedule, type RetentionSchedule, retentionExpiry } from '../../domain/retention.ts';
import { auditPuts } from './audit-log.ts';
import { batchGetAll, type Item, queryPartition } from './items.ts';

/** Where the adapters of the tickets table read and write: the client, the tickets and audit tables. */
export interface DynamoTables {
  readonly client: DynamoDBDocumentClient;
  readonly ticketsTable: string;
  readonly auditTable: string;
  /** The retention schedule, for the `expiresAt` of the items that expire by TTL; the defaults when absent. */
  readonly retention?: RetentionSchedule;
}

export type ItemKey = { readonly pk: string; readonly sk: string };
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Items DynamoDB takes in one transaction. */
export const maxTransactionItems = 100;

/** The key condition (and index) of a paged list: the rest of the query is the same for all. */
export type ListQuery = Pick<
  QueryCommandInput,
  'IndexName' | 'KeyConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
>;

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly newestFirst?: boolean | undefined;
}

export class TicketsTable {
  readonly client: DynamoDBDocumentClient;
  readonly name: string;
  readonly auditTable: string;

  readonly #retention: RetentionSchedule;

  constructor(tables: DynamoTables) {
    this.client = tables.client;
    this.name = tables.ticketsTable;
    this.auditTable = tables.auditTable;
    this.#retention = tables.retention ?? defaultRetentionSchedule;
  }

  /** The `expiresAt` (epoch seconds, the table's TTL attribute) of a `type` item whose event is at `at` (ISO). */
  expiryOf(type: 'message-id-key' | 'survey-cap', at: string): number {
    return retentionExpiry(this.#retention[type], new Date(at));
  }

  /** A record's writes inside a transaction: see `auditPuts`. */
  auditPuts(record: AuditRecord): TransactItem[] {
    return auditPuts(this.auditTable, record);
  }

  /** The put of a new item inside a transaction: never over an item with its key. */
  newItem(item: Item): TransactItem {
    return { Put: { TableName: this.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  /** Writes `items`, and the audit record when given, in one transaction. */
  async transact(items: readonly TransactItem[], audit?: AuditRecord): Promise<void> {
    await this.client.send(
      new TransactWriteCommand({ TransactItems: [...items, ...(audit ? this.auditPuts(audit) : [])] }),
    );
  }

  /**
   * A conditional write together with its audit record: `false` when the transaction was cancelled
   * because the first item was not as its condition needed, and — with `orConflict` — when a
   * concurrent transaction on it won (the caller then reads the outcome as lost, not retried).
   */
  async writeIf(
    items: readonly TransactItem[],
    audit: AuditRecord | undefined,
    options: { readonly orConflict?: boolean } = {},
  ): Promise<boolean> {
    try {
      await this.transact(items, audit);
      return true;
    } catch (error) {
      if (cancelledByCondition(error, 0)) return false;
      if (options.orConflict && cancelledBy(error, 'TransactionConflict', 0)) return false;
      throw error;
    }
  }

  /**
   * Writes every entry's items: in one transaction for the lot when it fits, else — or when that
   * fails for any reason (an entry written already, one item too large, throttling) — entry by
   * entry, so that one bad entry never holds back the others. Answers per entry, in order,
   * `outcomes.written`, `outcomes.exists` when its first item's condition failed, or its error.
   */
  async writeEach<T, W, E>(
    entries: readonly T[],
    itemsOf: (entry: T) => TransactItem[],
    outcomes: { readonly written: W; readonly exists: E },
  ): Promise<(W | E | Error)[]> {
    const items = entries.flatMap(itemsOf);
    if (entries.length > 1 && items.length <= maxTransactionItems) {
      try {
        await this.transact(items);
        return entries.map(() => outcomes.written);
      } catch {
        // Fall through to one by one.
      }
    }
    const settled = await Promise.allSettled(
      entries.map(async (entry) =>
        (await this.writeIf(itemsOf(entry), undefined)) ? outcomes.written : outcomes.exists,
      ),
    );
    return settled.map((result) =>
      result.status === 'fulfilled'
        ? result.value
        : result.reason instanceof Error
          ? result.reason
          : new Error(String(result.reason)),
    );
  }

  async get(key: ItemKey, options: { readonly consistent?: boolean } = {}): Promise<Item | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.name, Key: key, ConsistentRead: options.consistent ?? true }),
    );
    return result.Item;
  }

  /** Puts the item unless its key is taken; `false` when it was. */
  async putNew(item: Item): Promise<boolean> {
    return ifCondition(
      this.client.send(
        new PutCommand({ TableName: this.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      ),
    );
  }

  /** Every item of partition `pk` in sort-key order, all pages. */
  partition(pk: string, options: { readonly consistent?: boolean } = {}): Promise<Item[]> {
    return queryPartition(this.client, this.name, pk, options);
  }

  /** The items at `keys` (those that exist), consistently read. */
  batchGet(keys: readonly Item[]): Promise<Item[]> {
    return batchGetAll(this.client, this.name, keys, { consistent: true });
  }

  /** Atomically adds `delta` to the number `attribute` of the item at `key` (created at 0); answers the new value. */
  async addToCounter(key: ItemKey, attribute: string, delta: number): Promise<number> {
    const result = await this.client.send(
      new UpdateCommand({
        TableName: this.name,
        Key: key,
        UpdateExpression: 'ADD #counter :delta',
        ExpressionAttributeNames: { '#counter': attribute },
        ExpressionAttributeValues: { ':delta': delta },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(result.Attributes?.[attribute] ?? 0);
  }

  /**
   * One page of a list on the `worklist` index (quarantined mail, registrations, letters): a cursor
   * must start inside this very list, on an item whose key starts with `pkPrefix`. The index keeps
   * ticket rows only, so the page's items are read by key, in the page's order.
   */
  async listPage(
    listKey: string,
    pkPrefix: string,
    page: PageRequest,
  ): Promise<{ items: Item[]; cursor?: string }> {
    const result = await this.page(
      {
        IndexName: 'worklist',
        KeyConditionExpression: 'worklistKey = :key',
        ExpressionAttributeValues: { ':key': listKey },
      },
      page,
      (key) => String(key.pk).startsWith(pkPrefix) && key.worklistKey === listKey,
    );
    const keyOf = (item: Item) => `${String(item.pk)}\n${String(item.sk)}`;
    const whole = await this.batchGet(result.items.map((item) => ({ pk: item.pk, sk: item.sk })));
    const found = new Map<string, Item>(whole.map((item) => [keyOf(item), item]));
    const items = result.items.flatMap<Item>((item) => found.get(keyOf(item)) ?? []);
    return result.cursor ? { items, cursor: result.cursor } : { items };
  }

  /**
   * One page of a list (at most 100 items), and the cursor of the next when there is one. A cursor
   * this table did not hand out, or whose start key `within` refuses (a cursor must not page into
   * another list), is refused as `InvalidCursor`.
   */
  async page(
    query: ListQuery,
    page: PageRequest,
    within?: (key: Item) => boolean,
  ): Promise<{ items: Item[]; cursor?: string }> {
    let result: QueryCommandOutput;
    try {
      result = await this.client.send(
        new QueryCommand({
          TableName: this.name,
          ...query,
          Limit: Math.max(1, Math.min(100, page.limit)),
          ScanIndexForward: !page.newestFirst,
          ...(page.cursor ? { ExclusiveStartKey: decodeCursor(page.cursor, within) } : {}),
        }),
      );
    } catch (error) {
      // A cursor of another list, or made up: the codec or DynamoDB refuses the start key.
      if (error instanceof InvalidCursor) throw error;
      if (page.cursor && error instanceof Error && error.name === 'ValidationException')
        throw new InvalidCursor();
      throw error;
    }
    const items = result.Items ?? [];
    return result.LastEvaluatedKey ? { items, cursor: encodeCursor(result.LastEvaluatedKey) } : { items };
  }
}

/**
 * Whether a transaction was cancelled because item `at` (`any`: some item) failed its condition
 * (`ConditionalCheckFailed`) or met a concurrent transaction (`TransactionConflict`).
 */
export function cancelledBy(
  error: unknown,
  code: 'ConditionalCheckFailed' | 'TransactionConflict',
  at: number | 'any',
): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const reasons = error.CancellationReasons ?? [];
  return at === 'any' ? reasons.some((reason) => reason.Code === code) : reasons[at]?.Code === code;
}

/**
 * Whether a transaction was cancelled because the condition of item `at` failed. A conflict with a
 * concurrent transaction is not that: the caller's retry reads the outcome.
 */
export function cancelledByCondition(error: unknown, at: number | 'any'): boolean {
  return cancelledBy(error, 'ConditionalCheckFailed', at);
}

/** Resolves `true` when the conditional write succeeded, `false` when a condition of it failed. */
export async function ifCondition(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException || cancelledByCondition(error, 'any')) return false;
    throw error;
  }
}
