/**
 * DeliveryProblemLog on DynamoDB: a bounce or complaint is an item `DELIVERY#<feedbackId>` in the
 * ticket's partition (read with the ticket by `DynamoTicketDesk.record`), written in one
 * transaction with its audit record and a check that the ticket exists. The function that writes
 * it reads nothing: a condition check is all it needs of the ticket.
 */
import type { AuditRecord } from '../../domain/audit-event.ts';
import type { DeliveryProblem } from '../../domain/delivery-problem.ts';
import type { DeliveryProblemLog } from '../../ports/delivery.ts';
import { ticketKey } from './ticket-keys.ts';
import { cancelledByCondition, type DynamoTables, TicketsTable } from './tickets-table.ts';

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
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  async record(
    reference: string,
    problem: DeliveryProblem,
    audit: AuditRecord,
  ): Promise<'recorded' | 'exists' | 'no-ticket'> {
    const key = ticketKey(reference);
    const table = this.#table.name;
    try {
      await this.#table.transact(
        [
          { ConditionCheck: { TableName: table, Key: key, ConditionExpression: 'attribute_exists(pk)' } },
          this.#table.newItem(deliveryItem(key.pk, problem)),
        ],
        audit,
      );
      return 'recorded';
    } catch (error) {
      if (cancelledByCondition(error, 0)) return 'no-ticket';
      if (cancelledByCondition(error, 1)) return 'exists';
      throw error;
    }
  }
}
