/**
 * AuditLog on DynamoDB. Records are partitioned by hour and a shard taken from the event id, so
 * a busy hour spreads over several partitions and the hourly sealer reads one hour as a handful
 * of queries. Appending is idempotent: the event id is part of the key.
 *
 * So that an auditor finds records without scanning, each record is written with
 * - `auditUser`, for a staff member's record: the key of the sparse `user` index (by `sk`);
 * - one ticket index item per ticket it names (at most `maxIndexedTickets`):
 *   `AUDIT-TICKET#<reference>` / the record's `sk`, with the record's partition (`recordPk`).
 * Index items never land in `AUDIT#` partitions, which are all the sealer reads, and `recordOf`
 * strips what was added, so a record reads back exactly as it was written.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../../domain/audit-event.ts';
import { auditSortKey, staffUserOf, ticketReferencesOf } from '../../domain/audit-query.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import { queryPartition } from './items.ts';

export const auditShards = 8;

export function auditPartition(eventTime: string, shard: number): string {
  return `AUDIT#${eventTime.slice(0, 13)}#${shard}`;
}

/** The partition of a ticket's index items. */
export function ticketIndexPartition(reference: string): string {
  return `AUDIT-TICKET#${reference}`;
}

function shardOf(eventId: string): number {
  let hash = 0;
  for (const char of eventId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % auditShards;
}

/** The table item of a record (with its `user` index key, for a staff member's). */
export function auditItem(record: AuditRecord): Record<string, unknown> {
  const user = staffUserOf(record);
  return {
    pk: auditPartition(record.eventTime, shardOf(record.eventID)),
    sk: auditSortKey(record),
    ...(user ? { auditUser: user } : {}),
    ...record,
  };
}

/** The ticket index items of a record: one per ticket it names. */
export function ticketIndexItems(record: AuditRecord): Record<string, unknown>[] {
  const recordPk = auditPartition(record.eventTime, shardOf(record.eventID));
  return ticketReferencesOf(record).map((reference) => ({
    pk: ticketIndexPartition(reference),
    sk: auditSortKey(record),
    recordPk,
  }));
}

/** Every item written for a record: the record, then its ticket index items. */
export function auditItems(record: AuditRecord): Record<string, unknown>[] {
  return [auditItem(record), ...ticketIndexItems(record)];
}

/**
 * A record's writes inside a TransactWriteItems: each item a conditional put (append-only, like
 * `append`). A record adds 1 + the tickets it names to the transaction's 100 items.
 */
export function auditPuts(table: string, record: AuditRecord) {
  return auditItems(record).map((item) => ({
    Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
  }));
}

/** The record an item holds (a table or `user` index item), without the keys added to it. */
export function recordOf(item: Record<string, unknown>): AuditRecord {
  const { pk: _pk, sk: _sk, auditUser: _user, ...record } = item;
  return record as unknown as AuditRecord;
}

export class DynamoAuditLog implements AuditLog {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(options: { client: DynamoDBDocumentClient; auditTable: string }) {
    this.#client = options.client;
    this.#table = options.auditTable;
  }

  async append(records: readonly AuditRecord[]): Promise<void> {
    await Promise.all(
      records.map(async (record) => {
        // The ticket index items first: a record is never written without them (an index item
        // whose record failed is skipped by the reader).
        await Promise.all(ticketIndexItems(record).map((item) => this.#put(item)));
        await this.#put(auditItem(record));
      }),
    );
  }

  async #put(item: Record<string, unknown>): Promise<void> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#table,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      // Already appended by an earlier attempt of the same operation.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** The records of one UTC hour (`YYYY-MM-DDTHH`), oldest first. */
  async recordsOfHour(hour: string): Promise<AuditRecord[]> {
    const records: AuditRecord[] = [];
    for (let shard = 0; shard < auditShards; shard += 1) {
      const items = await queryPartition(this.#client, this.#table, `AUDIT#${hour}#${shard}`);
      records.push(...items.map(recordOf));
    }
    return records.sort(
      (a, b) => a.eventTime.localeCompare(b.eventTime) || a.eventID.localeCompare(b.eventID),
    );
  }
}
