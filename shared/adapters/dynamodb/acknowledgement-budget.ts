/**
 * The acknowledgement budget on the tickets table: one counter item an hour
 * (`STATS#acknowledgements#<hour>` / `STATS`), added to with a condition on its count, so that
 * concurrent senders never pass the budget between them; and one claim item per acknowledgement
 * (`ACKCLAIM#<claim id>` / `ACKCLAIM`), put in the same transaction on condition that it is new, so
 * that a queue's redelivery of a claimed acknowledgement adds nothing. Both expire two days after
 * the hour (TTL): nothing reads an hour that is over, and a redelivery comes within minutes.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AcknowledgementBudget } from '../../ports/acknowledgement-budget.ts';
import { cancelledBy, cancelledByCondition, type DynamoTables, TicketsTable } from './tickets-table.ts';

/** The counter item of an hour (`YYYY-MM-DDTHH`, UTC). */
export const acknowledgementBudgetKey = (hour: string) => ({
  pk: `STATS#acknowledgements#${hour}`,
  sk: 'STATS',
});

/** The item that records that one acknowledgement was counted (its outbound id: no personal data). */
export const acknowledgementClaimKey = (claimId: string) => ({
  pk: `ACKCLAIM#${claimId}`,
  sk: 'ACKCLAIM',
});

const keptSeconds = 2 * 86_400;
/** Transactions a claim tries when concurrent claims conflict, before its error goes to the queue. */
const conflictAttempts = 8;

export class DynamoAcknowledgementBudget implements AcknowledgementBudget {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  async claim(hour: string, budget: number, claimId: string): Promise<boolean> {
    // A budget of none: the condition below would let the item's first claim through.
    if (budget < 1) return false;
    const hourStart = Date.parse(`${hour}:00:00Z`);
    if (!Number.isFinite(hourStart)) throw new Error(`Not an hour: ${hour}`);
    const expiresAt = Math.floor(hourStart / 1000) + keptSeconds;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.#claimOnce(hour, budget, claimId, expiresAt);
      } catch (error) {
        // Concurrent senders' transactions on the hour's counter: tried again, as one UpdateItem would wait.
        if (attempt >= conflictAttempts || !cancelledBy(error, 'TransactionConflict', 'any')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt * Math.random()));
      }
    }
  }

  async #claimOnce(hour: string, budget: number, claimId: string, expiresAt: number): Promise<boolean> {
    const table = this.#table.name;
    try {
      await this.#table.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: table,
                Item: { ...acknowledgementClaimKey(claimId), type: 'acknowledgement-claim', hour, expiresAt },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: table,
                Key: acknowledgementBudgetKey(hour),
                UpdateExpression: 'ADD #count :one SET expiresAt = if_not_exists(expiresAt, :expiresAt)',
                ConditionExpression: 'attribute_not_exists(#count) OR #count < :budget',
                ExpressionAttributeNames: { '#count': 'count' },
                ExpressionAttributeValues: { ':one': 1, ':budget': budget, ':expiresAt': expiresAt },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      // Counted already (a redelivery, in this hour or a later one): it may go, as it could then.
      if (cancelledByCondition(error, 0)) return true;
      if (cancelledByCondition(error, 1)) return false;
      throw error;
    }
  }
}
