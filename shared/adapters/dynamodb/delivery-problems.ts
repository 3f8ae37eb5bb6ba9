/**
 * DeliveryProblemLog on DynamoDB: a bounce or complaint is an item `DELIVERY#<feedbackId>` in the
 * ticket's partition (read with the ticket by `DynamoTicketDesk.record`), written in one
 * transaction with its audit record and a check that the ticket exists. The function that writes
 * it reads nothing: a condition check is all it needs of the ticket.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../../domain/audit-event.ts';
import type { DeliveryProblem } from '../../domain/delivery-problem.ts';
import type { DeliveryProblemLog } from '../../ports/delivery.ts';
import { auditPuts } from './audit-log.ts';

/** Sort-key prefix of the delivery problems in a ticket's partition. */
export const deliveryItemPrefix = 'DELIVERY#';

/** The stored item as a problem; undefined when it is not one (another item of the partition). */
export function toDeliveryProblem(item: Record<string, unknown>): DeliveryProblem | undefined {
  if (!String(item.sk).startsWith(deliveryItemPrefix)) return undefined;
  const kind = item.kind === 'complaint' ? 'complaint' : 'bounce';
  return {
    feedbackId: String(item.feedbackId),
    sesMessageId: String(item.sesMessageId),
    kind,
    type: String(item.feedbackType),
    ...(typeof item.subtype === 'string' ? { subtype: item.subtype } : {}),
    ...(typeof item.status === 'string' ? { status: item.status } : {}),
    at: String(item.at),
    recordedAt: String(item.recordedAt),
    undeliverable: item.undeliverable === true,
  };
}

/** The item of a problem; `type` is the item's kind in this table, so SES's type is `feedbackType`. */
function deliveryItem(pk: string, problem: DeliveryProblem): Record<string, unknown> {
  const { type, ...rest } = problem;
  return {
    pk,
    sk: `${deliveryItemPrefix}${problem.feedbackId}`,
    type: 'delivery',
    feedbackType: type,
    ...rest,
  };
}

export class DynamoDeliveryProblems implements DeliveryProblemLog {
  readonly #client: DynamoDBDocumentClient;
  readonly #tickets: string;
  readonly #audit: string;

  constructor(options: { client: DynamoDBDocumentClient; ticketsTable: string; auditTable: string }) {
    this.#client = options.client;
    this.#tickets = options.ticketsTable;
    this.#audit = options.auditTable;
  }

  async record(
    reference: string,
    problem: DeliveryProblem,
    audit: AuditRecord,
  ): Promise<'recorded' | 'exists' | 'no-ticket'> {
    const pk = `TICKET#${reference}`;
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: this.#tickets,
                Key: { pk, sk: 'TICKET' },
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.#tickets,
                Item: deliveryItem(pk, problem),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...auditPuts(this.#audit, audit),
          ],
        }),
      );
      return 'recorded';
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const [ticket, delivery] = error.CancellationReasons ?? [];
        if (ticket?.Code === 'ConditionalCheckFailed') return 'no-ticket';
        if (delivery?.Code === 'ConditionalCheckFailed') return 'exists';
      }
      throw error;
    }
  }
}
