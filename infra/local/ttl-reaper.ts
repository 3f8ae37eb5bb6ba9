/**
 * DynamoDB's Time to Live, in the sandbox: DynamoDB Local accepts a table's TTL setting but never
 * deletes an expired item, so without this an idempotency record, a message-id key or a logged
 * question would outlive its retention period for good. The reaper deletes what the cloud's TTL
 * deletes: an item whose TTL attribute is a number (epoch seconds) at or before `now`. The cloud
 * does so within about two days; the readers already treat an expired item as gone.
 *
 * Each deletion is conditional on the value read: an item rewritten since the scan (a new
 * expiry) is left alone, as TTL would leave it.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../shared/ports/clock.ts';

/** A table as the reaper needs it: tables without `timeToLiveAttribute` are left alone. */
export interface ExpiringTable {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly timeToLiveAttribute?: string;
}

export interface TtlReaperOptions {
  readonly documents: DynamoDBDocumentClient;
  readonly tables: readonly ExpiringTable[];
  /** The time `reap()` uses when not given one; the system's by default. */
  readonly clock?: Clock;
}

export interface TtlReaper {
  /** Deletes every item whose TTL attribute is at or before `now`; answers how many it deleted. */
  reap(now?: Date): Promise<{ deleted: number }>;
}

export function createTtlReaper(options: TtlReaperOptions): TtlReaper {
  const clock = options.clock ?? { now: () => new Date() };
  return {
    async reap(now = clock.now()) {
      const nowSeconds = Math.floor(now.getTime() / 1000);
      let deleted = 0;
      for (const table of options.tables) {
        const attribute = table.timeToLiveAttribute;
        if (attribute) deleted += await reapTable(options.documents, table, attribute, nowSeconds);
      }
      return { deleted };
    },
  };
}

async function reapTable(
  documents: DynamoDBDocumentClient,
  table: ExpiringTable,
  attribute: string,
  nowSeconds: number,
): Promise<number> {
  const names = { '#pk': table.partitionKey, '#sk': table.sortKey, '#ttl': attribute };
  let deleted = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    // A string or missing attribute never compares with a number: only numeric expiries match.
    const page = await documents.send(
      new ScanCommand({
        TableName: table.name,
        ProjectionExpression: '#pk, #sk, #ttl',
        FilterExpression: '#ttl <= :now',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':now': nowSeconds },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (await deleteIfUnchanged(documents, table, attribute, item)) deleted += 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return deleted;
}

async function deleteIfUnchanged(
  documents: DynamoDBDocumentClient,
  table: ExpiringTable,
  attribute: string,
  item: Record<string, unknown>,
): Promise<boolean> {
  try {
    await documents.send(
      new DeleteCommand({
        TableName: table.name,
        Key: { [table.partitionKey]: item[table.partitionKey], [table.sortKey]: item[table.sortKey] },
        ConditionExpression: '#ttl = :expiry',
        ExpressionAttributeNames: { '#ttl': attribute },
        ExpressionAttributeValues: { ':expiry': item[attribute] },
      }),
    );
    return true;
  } catch (error) {
    // Rewritten (or deleted) since the scan: no longer this expiry's to delete.
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
