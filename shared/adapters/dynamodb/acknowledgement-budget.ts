/**
 * The acknowledgement budget on the tickets table: one counter item an hour
 * (`STATS#acknowledgements#<hour>` / `STATS`), added to with a condition on its count, so that
 * concurrent senders never pass the budget between them. The item expires two days after its hour
 * (TTL): nothing reads an hour that is over.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AcknowledgementBudget } from '../../ports/acknowledgement-budget.ts';
import { type DynamoTables, TicketsTable } from './tickets-table.ts';

/** The counter item of an hour (`YYYY-MM-DDTHH`, UTC). */
export const acknowledgementBudgetKey = (hour: string) => ({
  pk: `STATS#acknowledgements#${hour}`,
  sk: 'STATS',
});

const keptSeconds = 2 * 86_400;

export class DynamoAcknowledgementBudget implements AcknowledgementBudget {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  async claim(hour: string, budget: number): Promise<boolean> {
    // A budget of none: the condition below would let the item's first claim through.
    if (budget < 1) return false;
    const hourStart = Date.parse(`${hour}:00:00Z`);
    if (!Number.isFinite(hourStart)) throw new Error(`Not an hour: ${hour}`);
    try {
      await this.#table.client.send(
        new UpdateCommand({
          TableName: this.#table.name,
          Key: acknowledgementBudgetKey(hour),
          UpdateExpression: 'ADD #count :one SET expiresAt = if_not_exists(expiresAt, :expiresAt)',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :budget',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':budget': budget,
            ':expiresAt': Math.floor(hourStart / 1000) + keptSeconds,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
