/**
 * The audit trail read for auditors, on the audit table's keys only (see audit-log.ts for what is
 * written): a staff member's records on the sparse `user` index, a ticket's through its ticket index
 * items and a BatchGetItem of the records, a time range on its hour partitions (8 shards an hour,
 * merged). Every query stays within `sk BETWEEN from AND to`; `after` (a sort key) starts a page.
 */
import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../../domain/audit-event.ts';
import type { AuditPage, AuditRange, AuditTrail } from '../../ports/audit-trail.ts';
import { auditPartition, auditShards, recordOf, ticketIndexPartition } from './audit-log.ts';
import { batchGetAll } from './items.ts';

/** Hours whose partitions are queried at once when a time range is read (8 queries each). */
const hoursAtOnce = 3;
/** Requests for records that stay throttled before a read gives up. */
const maxReadAttempts = 9;

export class DynamoAuditTrail implements AuditTrail {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(options: { client: DynamoDBDocumentClient; auditTable: string }) {
    this.#client = options.client;
    this.#table = options.auditTable;
  }

  async byUser(user: string, range: AuditRange, limit: number): Promise<AuditPage> {
    if (isEmpty(range)) return { records: [], more: false };
    const items = await this.#query(
      {
        IndexName: 'user',
        KeyConditionExpression: 'auditUser = :key AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':key': user, ...bounds(range) },
      },
      range,
      limit + 1,
    );
    return page(items.map(recordOf), limit);
  }

  async byTickets(references: readonly string[], range: AuditRange, limit: number): Promise<AuditPage> {
    if (isEmpty(range)) return { records: [], more: false };
    // The first `limit + 1` index items of each ticket, merged: a record naming several of the
    // tickets has an index item under each, and is listed once.
    const perTicket = await Promise.all(
      [...new Set(references)].map((reference) =>
        this.#query(
          {
            KeyConditionExpression: 'pk = :key AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':key': ticketIndexPartition(reference), ...bounds(range) },
          },
          range,
          limit + 1,
        ),
      ),
    );
    const keys = new Map<string, { pk: string; sk: string }>();
    for (const item of perTicket.flat()) {
      const sk = String(item.sk);
      keys.set(sk, { pk: String(item.recordPk), sk });
    }
    const ordered = [...keys.keys()].sort(byteOrder);
    const chosen = ordered.slice(0, limit).map((sk) => keys.get(sk) as { pk: string; sk: string });
    const records = await this.#records(chosen);
    return { records, more: ordered.length > limit };
  }

  async byTime(range: AuditRange, limit: number): Promise<AuditPage> {
    if (isEmpty(range)) return { records: [], more: false };
    const hours = hoursOf(lowerBound(range), range.to);
    const found: Record<string, unknown>[] = [];
    // Hours in order: every record of an hour sorts before the next hour's, so once more than
    // `limit` are found, later hours cannot come first.
    for (let start = 0; start < hours.length; start += hoursAtOnce) {
      const window = hours.slice(start, start + hoursAtOnce);
      const items = await Promise.all(
        window.flatMap((hour) =>
          Array.from({ length: auditShards }, (_, shard) =>
            this.#query(
              {
                KeyConditionExpression: 'pk = :key AND sk BETWEEN :from AND :to',
                ExpressionAttributeValues: { ':key': auditPartition(hour, shard), ...bounds(range) },
              },
              range,
              limit + 1,
            ),
          ),
        ),
      );
      found.push(...items.flat());
      if (found.length > limit) break;
    }
    return page(found.map(recordOf), limit);
  }

  /** Up to `wanted` items of a query after `range.after`, in sort-key order, paging as needed. */
  async #query(
    input: Omit<QueryCommandInput, 'TableName'>,
    range: AuditRange,
    wanted: number,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.#client.send(
        new QueryCommand({
          TableName: this.#table,
          ...input,
          // One more: the record at `after` itself is read again (the bounds are inclusive).
          Limit: Math.min(1000, wanted - items.length + 1),
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of result.Items ?? [])
        if (range.after === undefined || String(item.sk) > range.after) items.push(item);
      startKey = result.LastEvaluatedKey;
    } while (startKey && items.length < wanted);
    return items.slice(0, wanted);
  }

  /** The records at `keys`, in that order; one whose write failed after its index item is skipped. */
  async #records(keys: readonly { pk: string; sk: string }[]): Promise<AuditRecord[]> {
    const found = new Map<string, Record<string, unknown>>();
    const items = await batchGetAll(this.#client, this.#table, keys, { maxAttempts: maxReadAttempts });
    for (const item of items) found.set(String(item.sk), item);
    return keys.flatMap(({ sk }) => {
      const item = found.get(sk);
      return item ? [recordOf(item)] : [];
    });
  }
}

/** Where the range starts: `from`, or the record a page ended with when that is later. */
function lowerBound(range: AuditRange): string {
  return range.after && range.after > range.from ? range.after : range.from;
}

/** Nothing can follow (DynamoDB refuses a BETWEEN whose bounds are the wrong way round). */
function isEmpty(range: AuditRange): boolean {
  return lowerBound(range) >= range.to;
}

function bounds(range: AuditRange): Record<string, string> {
  // `sk` is `eventTime#eventID`: from `from` (inclusive) to before `to` (`to#…` sorts after `to`).
  return { ':from': lowerBound(range), ':to': range.to };
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function page(records: AuditRecord[], limit: number): AuditPage {
  const sorted = records.sort((a, b) =>
    byteOrder(`${a.eventTime}#${a.eventID}`, `${b.eventTime}#${b.eventID}`),
  );
  return { records: sorted.slice(0, limit), more: sorted.length > limit };
}

/** The UTC hours (`YYYY-MM-DDTHH`) from the hour of `from` to that of `to`, inclusive. */
export function hoursOf(from: string, to: string): string[] {
  const hours: string[] = [];
  const end = Date.parse(`${to.slice(0, 13)}:00:00Z`);
  for (let time = Date.parse(`${from.slice(0, 13)}:00:00Z`); time <= end; time += 3_600_000)
    hours.push(new Date(time).toISOString().slice(0, 13));
  return hours;
}
