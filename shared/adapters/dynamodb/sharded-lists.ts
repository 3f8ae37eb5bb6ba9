/**
 * A unit's ticket lists spread over shards (`listShards` partitions of an index, see
 * `ticket-keys.ts`), read back as one: every page queries the shards in parallel and merges them by
 * the index's sort key, which is unique (it ends with the reference), so the merged order is
 * exactly the order one partition would give — FIFO by receipt time, or by deadline.
 *
 * A page's cursor is the index key of the last ticket shown. Because the order is total, that one
 * position is every shard's position: each shard's query starts after the same sort key (its own
 * partition key put in), so the cursor stays as small as an unsharded one.
 */
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, InvalidCursor } from '../../domain/page-cursor.ts';
import type { Item } from './items.ts';
import { listOfKey, shardKeysOf } from './ticket-keys.ts';

/** One list: its index, the list's (unsharded) key and, optionally, a range of its sort keys. */
export interface ShardedList {
  readonly index: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** The list's key before the shard (`<unit>#<status>`, `<unit>`). */
  readonly list: string;
  /** A condition on the sort key, as in a key condition: `BETWEEN :from AND :through`, `< :before`. */
  readonly range?: { readonly condition: string; readonly values: Readonly<Record<string, string>> };
  /** The sort key (`sk`) of the list's items in their partitions: `TICKET` unless said. */
  readonly itemSort?: string;
}

export interface ShardedPageRequest {
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly newestFirst?: boolean | undefined;
}

interface Shard {
  readonly key: string;
  buffer: Item[];
  startKey: Item | undefined;
  done: boolean;
}

/**
 * One page (at most 100 tickets) of a sharded list, and the cursor of the next when there may be
 * one. A cursor this store did not hand out, or of another list, is refused as `InvalidCursor`.
 */
export async function shardedPage(
  client: DynamoDBDocumentClient,
  table: string,
  list: ShardedList,
  page: ShardedPageRequest,
): Promise<{ items: Item[]; cursor?: string }> {
  const limit = Math.max(1, Math.min(100, page.limit));
  const position = page.cursor ? decodeCursor(page.cursor, (key) => onTheList(key, list)) : undefined;
  const shards: Shard[] = shardKeysOf(list.list).map((key) => ({
    key,
    buffer: [],
    startKey: position ? { ...position, [list.partitionKey]: key } : undefined,
    done: false,
  }));
  // A shard holds about 1/`listShards` of a page; twice that spares most pages a second round trip.
  const firstRead = Math.min(100, Math.ceil((2 * limit) / shards.length) + 1);
  const before = (a: Item, b: Item) =>
    page.newestFirst
      ? String(a[list.sortKey]) > String(b[list.sortKey])
      : String(a[list.sortKey]) < String(b[list.sortKey]);
  const items: Item[] = [];
  let reads = 0;
  while (items.length < limit) {
    // A shard with nothing buffered may still hold the next ticket: read it before choosing.
    const empty = shards.filter((shard) => shard.buffer.length === 0 && !shard.done);
    const size = reads === 0 ? firstRead : Math.min(100, Math.max(firstRead, limit - items.length));
    await Promise.all(empty.map((shard) => readShard(client, table, list, shard, size, page)));
    reads += 1;
    let next: Shard | undefined;
    for (const shard of shards) {
      const head = shard.buffer[0];
      if (head && (!next?.buffer[0] || before(head, next.buffer[0]))) next = shard;
    }
    const item = next?.buffer.shift();
    if (!item) break;
    items.push(item);
  }
  const more = shards.some((shard) => shard.buffer.length > 0 || !shard.done);
  const last = items.at(-1);
  return more && last ? { items, cursor: encodeCursor(positionOf(last, list)) } : { items };
}

async function readShard(
  client: DynamoDBDocumentClient,
  table: string,
  list: ShardedList,
  shard: Shard,
  limit: number,
  page: ShardedPageRequest,
): Promise<void> {
  try {
    const result = await client.send(
      new QueryCommand({
        TableName: table,
        IndexName: list.index,
        KeyConditionExpression: `#key = :key${list.range ? ` AND #sort ${list.range.condition}` : ''}`,
        ExpressionAttributeNames: {
          '#key': list.partitionKey,
          ...(list.range ? { '#sort': list.sortKey } : {}),
        },
        ExpressionAttributeValues: { ':key': shard.key, ...list.range?.values },
        Limit: limit,
        ScanIndexForward: !page.newestFirst,
        ...(shard.startKey ? { ExclusiveStartKey: shard.startKey } : {}),
      }),
    );
    shard.buffer.push(...(result.Items ?? []));
    shard.startKey = result.LastEvaluatedKey;
    shard.done = !result.LastEvaluatedKey;
  } catch (error) {
    // A position outside the list's range: DynamoDB refuses the start key.
    if (page.cursor && error instanceof Error && error.name === 'ValidationException')
      throw new InvalidCursor();
    throw error;
  }
}

/** Where a page ended: the last ticket's index key. */
function positionOf(item: Item, list: ShardedList): Item {
  return {
    pk: item.pk,
    sk: item.sk,
    [list.partitionKey]: item[list.partitionKey],
    [list.sortKey]: item[list.sortKey],
  };
}

/**
 * Whether a cursor's position can be one in this list: a ticket's index key, with string values
 * only (a number the document client cannot convert would fail inside the SDK, not as a refusal),
 * in one of the list's shards or its unsharded partition (a cursor handed out before sharding).
 */
function onTheList(key: Record<string, unknown>, list: ShardedList): boolean {
  const names = Object.keys(key).sort();
  const expected = ['pk', 'sk', list.partitionKey, list.sortKey].sort();
  const partition = key[list.partitionKey];
  return (
    names.length === expected.length &&
    names.every((name, i) => name === expected[i]) &&
    Object.values(key).every((value) => typeof value === 'string') &&
    String(key.pk).startsWith('TICKET#') &&
    key.sk === (list.itemSort ?? 'TICKET') &&
    typeof partition === 'string' &&
    listOfKey(partition) === list.list
  );
}
