/**
 * The survey's items on DynamoDB. The ticket is read with a projection (only what the survey
 * needs, never the client's data) and the response beside it. A response is one transaction: the
 * `SURVEY` item on the version read (a first response only where none is), the comment item, a
 * check that the ticket is still answered or closed, and the audit record.
 */
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../../domain/audit-event.ts';
import type { SurveyState, Surveys, SurveyWrite, SurveyWriteOutcome } from '../../ports/surveys.ts';
import {
  surveyCommentItem,
  surveyItem,
  surveyKey,
  surveyResponseOf,
  surveyTicketAttributes,
  surveyTicketOf,
} from './survey-items.ts';
import { ticketKey } from './ticket-keys.ts';
import { cancelledBy, cancelledByCondition, type DynamoTables, TicketsTable } from './tickets-table.ts';

export class DynamoSurveys implements Surveys {
  readonly #table: TicketsTable;
  readonly #client: DynamoDBDocumentClient;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
    this.#client = tables.client;
  }

  async surveyOf(reference: string): Promise<SurveyState | undefined> {
    const names = Object.fromEntries(surveyTicketAttributes.map((name, i) => [`#a${i}`, name]));
    const [ticket, response] = await Promise.all([
      this.#client.send(
        new GetCommand({
          TableName: this.#table.name,
          Key: ticketKey(reference),
          ConsistentRead: true,
          ProjectionExpression: Object.keys(names).join(', '),
          ExpressionAttributeNames: names,
        }),
      ),
      this.#table.get(surveyKey(reference)),
    ]);
    if (!ticket.Item) return undefined;
    return {
      ticket: surveyTicketOf(ticket.Item),
      ...(response ? { response: surveyResponseOf(response) } : {}),
    };
  }

  async saveResponse(write: SurveyWrite, audit: AuditRecord): Promise<SurveyWriteOutcome> {
    const { previous } = write;
    const comment = surveyCommentItem(write);
    try {
      await this.#table.transact(
        [
          {
            Put: {
              TableName: this.#table.name,
              Item: surveyItem(write),
              ...(previous
                ? {
                    ConditionExpression: 'version = :version',
                    ExpressionAttributeValues: { ':version': previous.version },
                  }
                : { ConditionExpression: 'attribute_not_exists(pk)' }),
            },
          },
          {
            ConditionCheck: {
              TableName: this.#table.name,
              Key: ticketKey(write.ticket.reference),
              ConditionExpression: '#status IN (:answered, :closed)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':answered': 'answered', ':closed': 'closed' },
            },
          },
          ...(comment ? [{ Put: { TableName: this.#table.name, Item: comment } }] : []),
        ],
        audit,
      );
      return 'saved';
    } catch (error) {
      if (cancelledByCondition(error, 0) || cancelledBy(error, 'TransactionConflict', 'any'))
        return 'conflict';
      if (cancelledByCondition(error, 1)) return 'not-answered';
      throw error;
    }
  }
}
