/** Small DynamoDB building blocks, on any table: whole partitions, batched reads, items without keys. */
import { BatchGetCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

export type Item = Record<string, unknown>;

/** Keys BatchGetItem takes in one request. */
const maxBatchGetKeys = 100;

/** Every item of partition `pk` of `table` in sort-key order, all pages. */
export async function queryPartition(
  client: DynamoDBDocumentClient,
  table: string,
  pk: string,
  options: { readonly consistent?: boolean } = {},
): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: options.consistent ?? false,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * The items of `table` at `keys` (those that exist, in no particular order), 100 keys a request.
 * Keys DynamoDB leaves unprocessed (throttled, or over the response size) are asked for again with
 * a backoff; after `maxAttempts` the read fails.
 */
export async function batchGetAll(
  client: DynamoDBDocumentClient,
  table: string,
  keys: readonly Item[],
  options: { readonly consistent?: boolean; readonly maxAttempts?: number } = {},
): Promise<Item[]> {
  const found: Item[] = [];
  let pending = [...keys];
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt >= (options.maxAttempts ?? Number.POSITIVE_INFINITY))
      throw new Error(`Items of ${table} could not be read (throttled)`);
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
    const unprocessed: Item[] = [];
    for (let start = 0; start < pending.length; start += maxBatchGetKeys) {
      const result = await client.send(
        new BatchGetCommand({
          RequestItems: {
            [table]: {
              Keys: pending.slice(start, start + maxBatchGetKeys),
              ...(options.consistent ? { ConsistentRead: true } : {}),
            },
          },
        }),
      );
      found.push(...(result.Responses?.[table] ?? []));
      unprocessed.push(...((result.UnprocessedKeys?.[table]?.Keys ?? []) as Item[]));
    }
    pending = unprocessed;
  }
  return found;
}

/** The item without its table keys. */
export function withoutKeys(item: Item): Item {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest;
}

/** The item without its table keys, its type and its `worklist` index keys. */
export function withoutListKeys(item: Item): Item {
  const { pk: _pk, sk: _sk, type: _type, worklistKey: _w, receivedKey: _r, ...rest } = item;
  return rest;
}
