/**
 * Whether a staff upload under `replies/<reference>/<uploadId>` is a file of a reply: one of the
 * ticket's `MESSAGE#` items names its key in `attachments`. The retention sweeper deletes only the
 * uploads no reply names (a reply abandoned after its files were uploaded); a linked file goes
 * with its ticket. One consistent query of the ticket's messages, attachments only.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { repliesPrefix } from '../../domain/reply-attachments.ts';
import type { ReplyFileLinks } from '../../ports/retention.ts';
import { ticketPartition } from './ticket-keys.ts';
import type { DynamoTables } from './tickets-table.ts';

export class DynamoReplyFileLinks implements ReplyFileLinks {
  readonly #tables: DynamoTables;

  constructor(tables: DynamoTables) {
    this.#tables = tables;
  }

  async isLinked(key: string): Promise<boolean> {
    const reference = key.startsWith(repliesPrefix) ? key.slice(repliesPrefix.length).split('/')[0] : '';
    if (!reference) return false;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#tables.client.send(
        new QueryCommand({
          TableName: this.#tables.ticketsTable,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :messages)',
          ExpressionAttributeValues: { ':pk': ticketPartition(reference), ':messages': 'MESSAGE#' },
          ProjectionExpression: 'attachments',
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const files = Array.isArray(item.attachments) ? (item.attachments as { key?: unknown }[]) : [];
        if (files.some((file) => file?.key === key)) return true;
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return false;
  }
}
