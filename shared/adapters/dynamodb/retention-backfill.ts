/**
 * Puts tickets settled before the `retention` index existed on it (docs/retention.md): a ticket
 * answered or closed without `retainKey` is never found by the sweeper. Each such ticket gets the
 * keys the settling write gives (`retentionKeys`), counted from its settle time (`settledAtOf`).
 *
 * One strongly consistent scan of the ticket items, a page at a time, with its place and counts
 * in a progress item (`MIGRATION#retention-keys` / `MIGRATION`, `./migration-pass.ts`): stopped, it
 * resumes where it was; a finished pass is skipped unless `force`d; a ticket that has its keys is
 * left alone. A key is
 * written only while the ticket is as read (no keys, the same status and number of status changes),
 * so a reopening or a settling made meanwhile wins; the ticket is then read again and judged afresh.
 * A finished pass is recorded once, `BackfillRetentionKeys` with counts only.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { settledAtOf } from '../../domain/threading.ts';
import { stillToAnswer, type Ticket } from '../../domain/ticket.ts';
import type { Item } from './items.ts';
import { type MigrationPassOptions, type MigrationPassResult, runMigrationPass } from './migration-pass.ts';
import { retentionKeys } from './retention-keys.ts';
import type { DynamoTables } from './tickets-table.ts';

export interface RetentionBackfillCounts {
  /** Ticket items read. */
  readonly tickets: number;
  /** Settled tickets given their retention keys. */
  readonly keyed: number;
}

export type RetentionBackfillOptions = MigrationPassOptions;
export type RetentionBackfillResult = MigrationPassResult<RetentionBackfillCounts>;

/** What a ticket's settle time is computed from, and whether it has its keys. */
const projection = 'pk, sk, #reference, #status, statusChanges, serviceEnded, storedAt, retainKey';
const projectionNames = { '#reference': 'reference', '#status': 'status' };
/** Conditional writes a ticket gets before the pass gives up (and so leaves no marker). */
const attempts = 5;

export function backfillRetentionKeys(
  tables: DynamoTables,
  options: RetentionBackfillOptions,
): Promise<RetentionBackfillResult> {
  return runMigrationPass(
    tables,
    {
      name: 'retention-keys',
      empty: { tickets: 0, keyed: 0 },
      projection: { expression: projection, names: projectionNames },
      migrate: async (item) => ({ tickets: 1, keyed: (await keyTicket(tables, item)) ? 1 : 0 }),
      add: (a, b) => ({ tickets: a.tickets + (b.tickets ?? 0), keyed: a.keyed + (b.keyed ?? 0) }),
      record: {
        eventName: 'BackfillRetentionKeys',
        userIdentity: { type: 'Service', invokedBy: 'retention:backfill' },
        userAgent: 'courtdesk/backfill-retention',
        requestParameters: {},
      },
    },
    options,
  );
}

/**
 * Gives one settled ticket without keys its retention keys; whether it did. When the ticket
 * changed since it was read, it is read again and judged afresh; throws when it kept changing, so
 * that the pass does not end with its marker while a settled ticket is still off the index.
 */
async function keyTicket(tables: DynamoTables, read: Item): Promise<boolean> {
  const { client, ticketsTable } = tables;
  const key = { pk: read.pk, sk: read.sk };
  let item: Item | undefined = read;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (!item || !needsKeys(item)) return false;
    const changes = Array.isArray(item.statusChanges) ? item.statusChanges.length : undefined;
    const keys = retentionKeys(String(item.reference), settledAtOf(item as unknown as Ticket));
    try {
      await client.send(
        new UpdateCommand({
          TableName: ticketsTable,
          Key: key,
          UpdateExpression: 'SET retainKey = :retainKey, retainSortKey = :retainSortKey',
          ConditionExpression: `attribute_not_exists(retainKey) AND #status = :status AND ${
            changes === undefined ? 'attribute_not_exists(statusChanges)' : 'size(statusChanges) = :changes'
          }`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':retainKey': keys.retainKey,
            ':retainSortKey': keys.retainSortKey,
            ':status': item.status,
            ...(changes === undefined ? {} : { ':changes': changes }),
          },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    item = (
      await client.send(
        new GetCommand({
          TableName: ticketsTable,
          Key: key,
          ConsistentRead: true,
          ProjectionExpression: projection,
          ExpressionAttributeNames: projectionNames,
        }),
      )
    ).Item;
  }
  throw new Error(`Ticket ${String(read.reference)} kept changing: run the backfill again`);
}

/** Answered or closed, and not on the retention index. */
function needsKeys(item: Item): boolean {
  const status = item.status as Ticket['status'] | undefined;
  return typeof item.reference === 'string' && !!status && !stillToAnswer(status) && !item.retainKey;
}
