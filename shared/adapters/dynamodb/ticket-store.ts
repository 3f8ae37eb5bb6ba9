/**
 * TicketStore on DynamoDB (single table). Keys:
 * - `TICKET#<reference>` / `TICKET`: the ticket; `worklistKey`/`receivedKey` feed the worklist index.
 * - `TICKET#<reference>` / `OUTBOUND#<outboundId>`: one message to the client and its send state.
 * - `IDEMPOTENCY#<key>` / `IDEMPOTENCY`: a web request's idempotency record (expires).
 * - `COUNTER#REFERENCE#<year>` / `COUNTER`: the reference sequence, advanced a block at a time.
 * - `STATS#<reason>#<day>` / `STATS`: counters of discarded submissions.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../../domain/audit-event.ts';
import type { Ticket } from '../../domain/ticket.ts';
import type { IdempotencyRecord, TicketStore } from '../../ports/index.ts';
import { auditItem } from './audit-log.ts';

export interface DynamoTicketStoreOptions {
  readonly client: DynamoDBDocumentClient;
  readonly ticketsTable: string;
  readonly auditTable: string;
}

const ticketKey = (reference: string) => ({ pk: `TICKET#${reference}`, sk: 'TICKET' });

export class DynamoTicketStore implements TicketStore {
  readonly #client: DynamoDBDocumentClient;
  readonly #tickets: string;
  readonly #audit: string;

  constructor(options: DynamoTicketStoreOptions) {
    this.#client = options.client;
    this.#tickets = options.ticketsTable;
    this.#audit = options.auditTable;
  }

  async reserveReferenceBlock(year: number, size: number): Promise<number> {
    const result = await this.#client.send(
      new UpdateCommand({
        TableName: this.#tickets,
        Key: { pk: `COUNTER#REFERENCE#${year}`, sk: 'COUNTER' },
        UpdateExpression: 'ADD #value :size',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':size': size },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(result.Attributes?.value);
  }

  async getIdempotency(key: string): Promise<IdempotencyRecord | undefined> {
    const result = await this.#client.send(
      new GetCommand({
        TableName: this.#tickets,
        Key: { pk: `IDEMPOTENCY#${key}`, sk: 'IDEMPOTENCY' },
        ConsistentRead: true,
      }),
    );
    if (!result.Item) return undefined;
    return { key, fingerprint: result.Item.fingerprint, message: result.Item.message };
  }

  async putIdempotency(record: IdempotencyRecord, expiresAt: Date, audit: AuditRecord): Promise<boolean> {
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#tickets,
                Item: {
                  pk: `IDEMPOTENCY#${record.key}`,
                  sk: 'IDEMPOTENCY',
                  fingerprint: record.fingerprint,
                  message: record.message,
                  expiresAt: Math.floor(expiresAt.getTime() / 1000),
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Put: { TableName: this.#audit, Item: auditItem(audit) } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error, 0)) return false;
      throw error;
    }
  }

  async createTicket(ticket: Ticket, audit: AuditRecord): Promise<'created' | 'exists'> {
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#tickets,
                Item: {
                  ...ticketKey(ticket.reference),
                  type: 'ticket',
                  worklistKey: `${ticket.competence}#${ticket.status}`,
                  receivedKey: `${ticket.receivedAt}#${ticket.reference}`,
                  ...ticket,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.#audit,
                Item: auditItem(audit),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return 'created';
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      ) {
        return 'exists';
      }
      throw error;
    }
  }

  async getTicket(reference: string): Promise<Ticket | undefined> {
    const result = await this.#client.send(
      new GetCommand({ TableName: this.#tickets, Key: ticketKey(reference), ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    const { pk: _pk, sk: _sk, type: _type, worklistKey: _w, receivedKey: _r, ...ticket } = result.Item;
    return ticket as Ticket;
  }

  async isOutboundSent(reference: string, outboundId: string): Promise<boolean> {
    const result = await this.#client.send(
      new GetCommand({
        TableName: this.#tickets,
        Key: { pk: `TICKET#${reference}`, sk: `OUTBOUND#${outboundId}` },
        ConsistentRead: true,
      }),
    );
    return result.Item?.state === 'sent';
  }

  async completeOutbound(
    reference: string,
    outboundId: string,
    sent: { sesMessageId: string; sentAt: string; kind: 'acknowledgement' },
    audit: AuditRecord,
  ): Promise<boolean> {
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.#tickets,
                Key: { pk: `TICKET#${reference}`, sk: `OUTBOUND#${outboundId}` },
                UpdateExpression: 'SET #state = :sent, sesMessageId = :id, sentAt = :at, kind = :kind',
                ConditionExpression: 'attribute_not_exists(pk)',
                ExpressionAttributeNames: { '#state': 'state' },
                ExpressionAttributeValues: {
                  ':sent': 'sent',
                  ':id': sent.sesMessageId,
                  ':at': sent.sentAt,
                  ':kind': sent.kind,
                },
              },
            },
            {
              Update: {
                TableName: this.#tickets,
                Key: ticketKey(reference),
                UpdateExpression: 'SET acknowledgement = :ack',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: {
                  ':ack': { sesMessageId: sent.sesMessageId, sentAt: sent.sentAt },
                },
              },
            },
            { Put: { TableName: this.#audit, Item: auditItem(audit) } },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error, 0)) return false;
      throw error;
    }
  }

  async countDiscarded(reason: 'honeypot', day: string): Promise<void> {
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#tickets,
        Key: { pk: `STATS#${reason}#${day}`, sk: 'STATS' },
        UpdateExpression: 'ADD #count :one',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
  }

  async discardedCount(reason: 'honeypot', day: string): Promise<number> {
    const result = await this.#client.send(
      new GetCommand({
        TableName: this.#tickets,
        Key: { pk: `STATS#${reason}#${day}`, sk: 'STATS' },
        ConsistentRead: true,
      }),
    );
    return Number(result.Item?.count ?? 0);
  }
}

/** Whether a transaction was cancelled because the condition on its item `index` failed. */
function isConditionFailure(error: unknown, index: number): boolean {
  return (
    error instanceof TransactionCanceledException &&
    error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed'
  );
}
