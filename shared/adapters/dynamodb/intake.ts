/**
 * The intake side of the tickets table: reference blocks, idempotency records (they expire by
 * TTL) and new tickets, each created with its audit record and the keys its mail threads by.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { expiredAt } from '../../domain/retention.ts';
import type {
  IdempotencyRecord,
  IdempotencyStore,
  NewTicket,
  ReferenceBlocks,
  TicketIntake,
} from '../../ports/intake.ts';
import { subjectIndexItems } from './subject-items.ts';
import { threadKeyWrite, ticketItem, ticketKey } from './ticket-items.ts';
import { type DynamoTables, ifCondition, TicketsTable, type TransactItem } from './tickets-table.ts';

const idempotencyKey = (key: string) => ({ pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' });

export class DynamoTicketIntake implements ReferenceBlocks, IdempotencyStore, TicketIntake {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  reserveReferenceBlock(year: number, size: number): Promise<number> {
    return this.#table.addToCounter({ pk: `COUNTER#REFERENCE#${year}`, sk: 'COUNTER' }, 'value', size);
  }

  async getIdempotency(key: string, now: Date): Promise<IdempotencyRecord | undefined> {
    const item = await this.#table.get(idempotencyKey(key));
    return item && !expiredAt(item.expiresAt, now)
      ? { key, fingerprint: String(item.fingerprint), message: item.message as IdempotencyRecord['message'] }
      : undefined;
  }

  putIdempotency(record: IdempotencyRecord, expiresAt: Date, now: Date): Promise<boolean> {
    return ifCondition(
      this.#table.client.send(
        new PutCommand({
          TableName: this.#table.name,
          Item: {
            ...idempotencyKey(record.key),
            fingerprint: record.fingerprint,
            message: record.message,
            expiresAt: Math.floor(expiresAt.getTime() / 1000),
          },
          // A record past its expiry that TTL has not deleted yet is as good as gone.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
        }),
      ),
    );
  }

  /**
   * One transaction for the lot (the ticket, its audit record and the record's ticket index item,
   * any thread keys and the data-subject index items), else ticket by ticket: a redelivered ticket that exists is `exists`.
   */
  createTickets(entries: readonly NewTicket[]): Promise<('created' | 'exists' | Error)[]> {
    return this.#table.writeEach(entries, (entry) => this.#newTicketItems(entry), {
      written: 'created' as const,
      exists: 'exists' as const,
    });
  }

  #newTicketItems({ ticket, audit, threadKeys = [], linkBack }: NewTicket): TransactItem[] {
    const table = this.#table.name;
    return [
      this.#table.newItem(ticketItem(ticket)),
      ...this.#table.auditPuts(audit),
      ...threadKeys.map((key) =>
        threadKeyWrite(
          table,
          key,
          ticket.reference,
          this.#table.expiryOf('message-id-key', ticket.receivedAt),
        ),
      ),
      // The data-subject index (no personal data: the keyed pseudonym and the reference).
      ...subjectIndexItems(ticket).map((item) => ({ Put: { TableName: table, Item: item } })),
      ...(linkBack
        ? [
            {
              Update: {
                TableName: table,
                Key: ticketKey(linkBack.reference),
                UpdateExpression: 'SET links = list_append(if_not_exists(links, :none), :link)',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':none': [], ':link': [linkBack.link] },
              },
            },
          ]
        : []),
    ];
  }
}
