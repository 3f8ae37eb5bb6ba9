/**
 * A ticket moved to another unit or to a later deadline: one conditional update each, so that a
 * ticket answered, closed or moved meanwhile is left as it is.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DeadlineChange, Ticket } from '../../domain/ticket.ts';
import type { TicketMoves } from '../../ports/ticket-moves.ts';
import { shardedKey, ticketKey, toTicket, unitListKeyOf } from './ticket-items.ts';
import { type DynamoTables, TicketsTable } from './tickets-table.ts';

export class DynamoTicketMoves implements TicketMoves {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  rerouteTicket(
    reference: string,
    change: Parameters<TicketMoves['rerouteTicket']>[1],
  ): Promise<Ticket | undefined> {
    const { reroute } = change;
    return this.#updateIf(reference, {
      UpdateExpression:
        'SET competence = :to, #status = :new, worklistKey = :worklistKey, dueKey = :unitListKey, ' +
        'expectedAnswerBy = :expected, reroutes = list_append(if_not_exists(reroutes, :none), :reroute)' +
        (change.callbackPending ? ', callbackKey = :unitListKey ' : ' ') +
        // A due-soon/overdue flag was reported to the old unit; the new unit's sweep must see it.
        'REMOVE assignee, takenAt, deadlineFlag, deadlineFlaggedAt, deadlineFlaggedFor, deadlineReportedOn',
      // The callback as it was read: a callback recorded meanwhile must not come back on a list.
      ConditionExpression: `competence = :from AND NOT #status IN (:answered, :closed) AND ${
        change.callbackPending ? 'attribute_exists(callbackKey)' : 'attribute_not_exists(callbackKey)'
      }`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':to': reroute.to,
        ':from': reroute.from,
        ':new': 'new',
        ':answered': 'answered',
        ':closed': 'closed',
        ':worklistKey': shardedKey(`${reroute.to}#${change.heldForReview ? 'review' : 'new'}`, reference),
        ':unitListKey': unitListKeyOf(reroute.to, reference),
        ':expected': change.expectedAnswerBy,
        ':none': [],
        ':reroute': [reroute],
      },
    });
  }

  extendTicketDeadline(
    reference: string,
    change: DeadlineChange,
    competence?: string,
  ): Promise<Ticket | undefined> {
    return this.#updateIf(reference, {
      UpdateExpression:
        'SET answerDeadline = :to, dueSortKey = :dueSortKey, ' +
        'deadlineExtensions = list_append(if_not_exists(deadlineExtensions, :none), :change) ' +
        // A due-soon or overdue flag was for the old deadline; the sweeper judges the new one.
        'REMOVE deadlineFlag, deadlineFlaggedAt, deadlineFlaggedFor, deadlineReportedOn',
      ConditionExpression: `answerDeadline = :from AND NOT #status IN (:answered, :closed)${competence ? ' AND competence = :competence' : ''}`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':to': change.to,
        ':from': change.from,
        ':dueSortKey': `${change.to}#${reference}`,
        ':none': [],
        ':change': [change],
        ':answered': 'answered',
        ':closed': 'closed',
        ...(competence ? { ':competence': competence } : {}),
      },
    });
  }

  /** The ticket after the update; undefined when its condition failed. */
  async #updateIf(
    reference: string,
    update: Omit<UpdateCommandInput, 'TableName' | 'Key' | 'ReturnValues'>,
  ): Promise<Ticket | undefined> {
    try {
      const result = await this.#table.client.send(
        new UpdateCommand({
          TableName: this.#table.name,
          Key: ticketKey(reference),
          ...update,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes ? toTicket(result.Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
