/**
 * Puts tickets written before the unit lists were sharded onto their shards: a ticket whose
 * `worklistKey`, `dueKey` or `callbackKey` names its list without its shard (`<unit>#new`, `<unit>`)
 * would be on no list the worklists read. One pass over the table, a page at a time; each ticket is
 * re-keyed by a conditional update (only while the keys are still the ones read, so a staff write in
 * between wins; the ticket is then read again for the keys that write left), and a ticket already
 * on its shards is left alone,
 * so the pass can be run again, stopped and resumed at any page.
 *
 * A pass that finishes with every ticket on its shards leaves a marker item
 * (`MIGRATION#list-shards` / `MIGRATION`); later calls return at once unless asked to `force` a pass (after a deploy during which older code still ran).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Item } from './items.ts';
import { listOfKey, shardedKey } from './ticket-keys.ts';
import type { DynamoTables } from './tickets-table.ts';

/** The list keys a ticket may carry, each naming a sharded list. */
const listKeys = ['worklistKey', 'dueKey', 'callbackKey'] as const;

const markerKey = { pk: 'MIGRATION#list-shards', sk: 'MIGRATION' };

export interface ReshardPage {
  /** Ticket items read in this page. */
  readonly scanned: number;
  /** Tickets re-keyed in this page. */
  readonly rekeyed: number;
  /** Where the next page starts; absent after the last. */
  readonly next?: Item;
}

/** The changes that put a ticket item on its shards, by attribute: new value and the value read. */
export function reshardChanges(item: Item): { attribute: string; from: string; to: string }[] {
  const reference = item.reference;
  if (typeof reference !== 'string') return [];
  return listKeys.flatMap((attribute) => {
    const from = item[attribute];
    if (typeof from !== 'string') return [];
    const to = shardedKey(listOfKey(from), reference);
    return from === to ? [] : [{ attribute, from, to }];
  });
}

/** One page of the pass: at most `limit` items read from `start`. */
export async function reshardPage(
  tables: DynamoTables,
  start: Item | undefined,
  limit = 200,
): Promise<ReshardPage> {
  const { client, ticketsTable } = tables;
  const result = await client.send(
    new ScanCommand({
      TableName: ticketsTable,
      Limit: limit,
      FilterExpression: '#type = :ticket',
      ProjectionExpression: 'pk, sk, #reference, worklistKey, dueKey, callbackKey',
      ExpressionAttributeNames: { '#type': 'type', '#reference': 'reference' },
      ExpressionAttributeValues: { ':ticket': 'ticket' },
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  const items = result.Items ?? [];
  const rekeyed = await Promise.all(items.map((item) => rekeyTicket(tables, item)));
  return {
    scanned: items.length,
    rekeyed: rekeyed.filter(Boolean).length,
    ...(result.LastEvaluatedKey ? { next: result.LastEvaluatedKey } : {}),
  };
}

/** Conditional updates a ticket gets before the pass gives up on it (and so leaves no marker). */
const rekeyAttempts = 5;

/**
 * Puts one ticket on its shards; answers whether it changed it. When another write changed the
 * item since it was read, the item is read again (consistently) and its keys looked at afresh: that
 * write may have re-keyed one list (a take: the worklist) and left another (the deadline list)
 * unsharded, which only this pass will fix. Throws when the ticket kept changing, so that the pass
 * does not end with its marker while a ticket is still off a list.
 */
async function rekeyTicket(tables: DynamoTables, read: Item): Promise<boolean> {
  const { client, ticketsTable } = tables;
  const key = { pk: read.pk, sk: read.sk };
  let item: Item | undefined = read;
  for (let attempt = 0; attempt < rekeyAttempts && item; attempt += 1) {
    const changes = reshardChanges(item);
    if (changes.length === 0) return attempt > 0;
    const values: Record<string, string> = {};
    changes.forEach(({ from, to }, i) => {
      values[`:to${i}`] = to;
      values[`:from${i}`] = from;
    });
    try {
      await client.send(
        new UpdateCommand({
          TableName: ticketsTable,
          Key: key,
          UpdateExpression: `SET ${changes.map(({ attribute }, i) => `${attribute} = :to${i}`).join(', ')}`,
          ConditionExpression: changes.map(({ attribute }, i) => `${attribute} = :from${i}`).join(' AND '),
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const fresh = await client.send(
      new GetCommand({
        TableName: ticketsTable,
        Key: key,
        ConsistentRead: true,
        ProjectionExpression: 'pk, sk, #reference, worklistKey, dueKey, callbackKey',
        ExpressionAttributeNames: { '#reference': 'reference' },
      }),
    );
    item = fresh.Item;
  }
  if (!item) return false;
  throw new Error(
    `Ticket ${String(read.pk)} kept changing while its list keys were sharded; run the pass again`,
  );
}

/**
 * The whole pass, page after page, unless a finished pass left its marker (and `force` is not set).
 * Answers what it did; `skipped` when the marker said there was nothing to do.
 */
export async function reshardLists(
  tables: DynamoTables,
  options: { readonly force?: boolean; readonly pageSize?: number; readonly now?: () => Date } = {},
): Promise<{ scanned: number; rekeyed: number; skipped: boolean }> {
  const { client, ticketsTable } = tables;
  if (!options.force) {
    const marker = await client.send(new GetCommand({ TableName: ticketsTable, Key: markerKey }));
    if (marker.Item) return { scanned: 0, rekeyed: 0, skipped: true };
  }
  let scanned = 0;
  let rekeyed = 0;
  let start: Item | undefined;
  do {
    const page = await reshardPage(tables, start, options.pageSize);
    scanned += page.scanned;
    rekeyed += page.rekeyed;
    start = page.next;
  } while (start);
  await client.send(
    new PutCommand({
      TableName: ticketsTable,
      Item: {
        ...markerKey,
        type: 'migration',
        doneAt: (options.now?.() ?? new Date()).toISOString(),
        scanned,
        rekeyed,
      },
    }),
  );
  return { scanned, rekeyed, skipped: false };
}
