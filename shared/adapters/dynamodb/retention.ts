/**
 * The retention sweeper's ports on the tickets table:
 * - the `retention` index (sparse): a settled ticket carries `retainKey` (`retain#<shard>`, over
 *   `listShards` partitions by reference: a day's closings would otherwise land on one) and
 *   `retainSortKey` (`<settledAt>#<reference>`), written when it is answered or closed. The period
 *   is applied when reading (settled before a cutoff), so a changed schedule needs no rewrite. A
 *   reopening may leave the keys behind: the index projects `status`, and the sweeper forgets a
 *   ticket that is no longer settled.
 * - `RETENTION#<day>` / `RETENTION`: a day's run, its step, cursor and counts.
 * - the guards (`DynamoRetentionGuards`): a ticket's status and legal hold, an object's hold
 *   (`HOLDKEY#<key>`), the reference intake's idempotency record gives a mail, a quarantined mail's
 *   state; each one GetItem of a few attributes.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  RetainedTicket,
  RetentionCursor,
  RetentionGuards,
  RetentionIndex,
  RetentionProgress,
  RetentionRun,
  RetentionTicketState,
} from '../../ports/retention.ts';
import { heldObjectKey } from './data-subject-items.ts';
import { listShards, ticketKey } from './ticket-keys.ts';
import type { DynamoTables } from './tickets-table.ts';

export { retentionIndexAttributes, retentionKeys } from './retention-keys.ts';

const progressKey = (day: string) => ({ pk: `RETENTION#${day}`, sk: 'RETENTION' });

export class DynamoRetentionIndex implements RetentionIndex {
  readonly #tables: DynamoTables;

  constructor(tables: DynamoTables) {
    this.#tables = tables;
  }

  async settledBefore(
    settledBefore: string,
    page: { readonly cursor?: RetentionCursor; readonly limit: number },
  ): Promise<{ readonly tickets: readonly RetainedTicket[]; readonly next?: RetentionCursor }> {
    // The cursor: the shard being read and the last sort key handed out of it.
    let [shard, after] = decodeCursor(page.cursor);
    const tickets: RetainedTicket[] = [];
    while (shard < listShards && tickets.length < page.limit) {
      const partition = `retain#${shard}`;
      const result = await this.#tables.client.send(
        new QueryCommand({
          TableName: this.#tables.ticketsTable,
          IndexName: 'retention',
          KeyConditionExpression: 'retainKey = :partition AND retainSortKey < :cutoff',
          ExpressionAttributeValues: { ':partition': partition, ':cutoff': settledBefore },
          Limit: page.limit - tickets.length,
          ...(after ? { ExclusiveStartKey: startKey(partition, after) } : {}),
        }),
      );
      for (const item of result.Items ?? []) {
        const sortKey = String(item.retainSortKey);
        tickets.push({
          reference: String(item.reference),
          settledAt: sortKey.slice(0, sortKey.lastIndexOf('#')),
          status: String(item.status),
        });
        after = sortKey;
      }
      if (!result.LastEvaluatedKey) {
        shard += 1;
        after = undefined;
      }
    }
    return {
      tickets,
      ...(shard < listShards ? { next: encodeCursor(shard, after) } : {}),
    };
  }

  async forget(reference: string): Promise<void> {
    await this.#tables.client
      .send(
        new UpdateCommand({
          TableName: this.#tables.ticketsTable,
          Key: ticketKey(reference),
          UpdateExpression: 'REMOVE retainKey, retainSortKey',
          // A ticket gone meanwhile stays gone: no update creates an item of index keys only.
          ConditionExpression: 'attribute_exists(pk)',
        }),
      )
      .catch((error: unknown) => {
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return;
        throw error;
      });
  }
}

/** An index page's start after `sortKey`: the index keys and the table keys of that ticket. */
function startKey(partition: string, sortKey: string) {
  const reference = sortKey.slice(sortKey.lastIndexOf('#') + 1);
  return { ...ticketKey(reference), retainKey: partition, retainSortKey: sortKey };
}

function encodeCursor(shard: number, after: string | undefined): string {
  return after ? `${shard}|${after}` : String(shard);
}

function decodeCursor(cursor: string | undefined): [number, string | undefined] {
  if (!cursor) return [0, undefined];
  const bar = cursor.indexOf('|');
  const shard = Number.parseInt(bar < 0 ? cursor : cursor.slice(0, bar), 10);
  if (!Number.isInteger(shard) || shard < 0) throw new Error('Invalid retention cursor');
  return [shard, bar < 0 ? undefined : cursor.slice(bar + 1)];
}

export class DynamoRetentionProgress implements RetentionProgress {
  readonly #tables: DynamoTables;

  constructor(tables: DynamoTables) {
    this.#tables = tables;
  }

  async load(day: string): Promise<RetentionRun | undefined> {
    const result = await this.#tables.client.send(
      new GetCommand({ TableName: this.#tables.ticketsTable, Key: progressKey(day), ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    const { pk: _pk, sk: _sk, type: _type, expiresAt: _expires, ...run } = result.Item;
    return run as RetentionRun;
  }

  async save(run: RetentionRun): Promise<void> {
    await this.#tables.client.send(
      new PutCommand({
        TableName: this.#tables.ticketsTable,
        // Kept a month for the operators, then gone by TTL.
        Item: {
          ...progressKey(run.day),
          type: 'retention-run',
          ...run,
          expiresAt: Math.floor(Date.parse(`${run.day}T00:00:00Z`) / 1000) + 31 * 86_400,
        },
      }),
    );
  }
}

export class DynamoRetentionGuards implements RetentionGuards {
  readonly #tables: DynamoTables;

  constructor(tables: DynamoTables) {
    this.#tables = tables;
  }

  async ticketState(reference: string): Promise<RetentionTicketState | undefined> {
    // Consistent: a reopening or a hold set since the index page was read must be seen.
    const item = await this.#get(ticketKey(reference), ['status', 'legalHold'], true);
    return item ? { status: String(item.status), held: item.legalHold !== undefined } : undefined;
  }

  async mailReference(messageId: string): Promise<string | undefined> {
    // Intake's idempotency record of the mail (shared/adapters/dynamodb/intake.ts): its message's reference only.
    const item = await this.#get({ pk: `IDEMPOTENCY#email:${messageId}`, sk: 'IDEMPOTENCY' }, [
      'message.reference',
    ]);
    const reference = (item?.message as { reference?: unknown } | undefined)?.reference;
    return typeof reference === 'string' ? reference : undefined;
  }

  async heldObject(key: string): Promise<boolean> {
    // Written with a legal hold for each of its ticket's objects (data-subject-erasure.ts).
    const item = await this.#get(heldObjectKey(key), ['reference'], true);
    if (!item) return false;
    // Its ticket still held (one more read, for held objects only): a lift that stopped before
    // deleting the item leaves no protection behind.
    if (typeof item.reference !== 'string') return true;
    return (await this.ticketState(item.reference))?.held ?? false;
  }

  async quarantineAwaiting(messageId: string): Promise<boolean> {
    // The quarantine item (shared/adapters/dynamodb/quarantine-desk.ts): `held` until released or refused.
    const item = await this.#get({ pk: `QUARANTINE#${messageId}`, sk: 'QUARANTINE' }, ['state'], true);
    return item?.state === 'held';
  }

  async #get(key: Record<string, string>, attributes: readonly string[], consistent = false) {
    const names: Record<string, string> = {};
    const projection = attributes.map((path) =>
      path
        .split('.')
        .map((part) => {
          names[`#${part}`] = part;
          return `#${part}`;
        })
        .join('.'),
    );
    const result = await this.#tables.client.send(
      new GetCommand({
        TableName: this.#tables.ticketsTable,
        Key: key,
        ProjectionExpression: projection.join(', '),
        ExpressionAttributeNames: names,
        ConsistentRead: consistent,
      }),
    );
    return result.Item;
  }
}
