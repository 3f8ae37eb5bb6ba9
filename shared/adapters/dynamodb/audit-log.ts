/**
 * AuditLog on DynamoDB. Records are partitioned by hour and a shard taken from the event id, so
 * a busy hour spreads over several partitions and the hourly sealer reads one hour as a handful
 * of queries. Appending is idempotent: the event id is part of the key.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../../domain/audit-event.ts';
import type { AuditLog } from '../../ports/index.ts';
import { queryPartition, withoutKeys } from './items.ts';

export const auditShards = 8;

export function auditPartition(eventTime: string, shard: number): string {
  return `AUDIT#${eventTime.slice(0, 13)}#${shard}`;
}

function shardOf(eventId: string): number {
  let hash = 0;
  for (const char of eventId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % auditShards;
}

/** The table item for a record. */
export function auditItem(record: AuditRecord): Record<string, unknown> {
  return {
    pk: auditPartition(record.eventTime, shardOf(record.eventID)),
    sk: `${record.eventTime}#${record.eventID}`,
    ...record,
  };
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
        try {
          await this.#client.send(
            new PutCommand({
              TableName: this.#table,
              Item: auditItem(record),
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
        } catch (error) {
          // Already appended by an earlier attempt of the same operation.
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }),
    );
  }

  /** The records of one UTC hour (`YYYY-MM-DDTHH`), oldest first. */
  async recordsOfHour(hour: string): Promise<AuditRecord[]> {
    const records: AuditRecord[] = [];
    for (let shard = 0; shard < auditShards; shard += 1) {
      const items = await queryPartition(this.#client, this.#table, `AUDIT#${hour}#${shard}`);
      records.push(...items.map((item) => withoutKeys(item) as unknown as AuditRecord));
    }
    return records.sort(
      (a, b) => a.eventTime.localeCompare(b.eventTime) || a.eventID.localeCompare(b.eventID),
    );
  }
}
