/** Small DynamoDB building blocks the adapters share. */
import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

/** Every item of partition `pk` in sort-key order, all pages. */
export async function queryPartition(
  client: DynamoDBDocumentClient,
  table: string,
  pk: string,
  options: { consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
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

/** The item without its table keys. */
export function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest;
}

/** Atomically adds `delta` to the number `attribute` of item `pk`/`sk` (created at 0); answers the new value. */
export async function addToCounter(
  client: DynamoDBDocumentClient,
  table: string,
  key: { pk: string; sk: string },
  attribute: string,
  delta: number,
): Promise<number> {
  const result = await client.send(
    new UpdateCommand({
      TableName: table,
      Key: key,
      UpdateExpression: 'ADD #counter :delta',
      ExpressionAttributeNames: { '#counter': attribute },
      ExpressionAttributeValues: { ':delta': delta },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(result.Attributes?.[attribute] ?? 0);
}
