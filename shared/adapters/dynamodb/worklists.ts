/**
 * Worklists on the tickets table's indexes: every view is one `Query` on one index partition,
 * paginated, so its cost does not grow with the number of tickets in the table.
 * Take records live at `TAKES#<competence>#<YYYY-MM>` / `<takenAt>#<reference>`.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandOutput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../../domain/audit-event.ts';
import { localDate } from '../../domain/deadlines.ts';
import { decodeCursor, encodeCursor, InvalidCursor } from '../../domain/page-cursor.ts';
import type { TakeRecord, WorklistPage, Worklists, WorklistView } from '../../ports/index.ts';
import { auditPuts } from './audit-log.ts';
import { queryPartition, withoutKeys } from './items.ts';
import { toTicket } from './ticket-store.ts';

// The page-cursor codec lives in the domain (the audit desk pages with it too); still importable here.
export { decodeCursor, encodeCursor, InvalidCursor };

export class DynamoWorklists implements Worklists {
  readonly #client: DynamoDBDocumentClient;
  readonly #tickets: string;
  readonly #audit: string;

  constructor(options: { client: DynamoDBDocumentClient; ticketsTable: string; auditTable: string }) {
    this.#client = options.client;
    this.#tickets = options.ticketsTable;
    this.#audit = options.auditTable;
  }

  async list(
    view: WorklistView,
    page: { limit: number; cursor?: string; newestFirst?: boolean },
  ): Promise<WorklistPage> {
    let result: QueryCommandOutput;
    try {
      result = await this.#client.send(
        new QueryCommand({
          TableName: this.#tickets,
          ...query(view),
          Limit: Math.max(1, Math.min(100, page.limit)),
          ScanIndexForward: !page.newestFirst,
          ...(page.cursor ? { ExclusiveStartKey: decodeCursor(page.cursor) } : {}),
        }),
      );
    } catch (error) {
      // A cursor of another view, or made up: DynamoDB refuses the start key.
      if (page.cursor && error instanceof Error && error.name === 'ValidationException')
        throw new InvalidCursor();
      throw error;
    }
    const items = (result.Items ?? []).map(toTicket);
    return result.LastEvaluatedKey ? { items, cursor: encodeCursor(result.LastEvaluatedKey) } : { items };
  }

  async take(take: TakeRecord, audit: AuditRecord): Promise<boolean> {
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.#tickets,
                Key: { pk: `TICKET#${take.reference}`, sk: 'TICKET' },
                UpdateExpression:
                  'SET assignee = :assignee, takenAt = :takenAt, #status = :open, worklistKey = :worklistKey',
                ConditionExpression:
                  '#status = :new AND attribute_not_exists(assignee) AND competence = :competence',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':assignee': take.assignee,
                  ':takenAt': take.takenAt,
                  ':open': 'open',
                  ':new': 'new',
                  ':competence': take.competence,
                  ':worklistKey': `${take.competence}#open`,
                },
              },
            },
            {
              Put: {
                TableName: this.#tickets,
                Item: {
                  pk: `TAKES#${take.competence}#${localDate(new Date(take.takenAt)).slice(0, 7)}`,
                  sk: `${take.takenAt}#${take.reference}`,
                  ...take,
                },
              },
            },
            ...auditPuts(this.#audit, audit),
          ],
        }),
      );
      return true;
    } catch (error) {
      // Lost the race: someone took it first (condition) or at the same moment (conflict; real
      // DynamoDB cancels one of two simultaneous transactions on an item).
      const code =
        error instanceof TransactionCanceledException ? error.CancellationReasons?.[0]?.Code : undefined;
      if (code === 'ConditionalCheckFailed' || code === 'TransactionConflict') return false;
      throw error;
    }
  }

  async takes(competence: string, month: string): Promise<TakeRecord[]> {
    const items = await queryPartition(this.#client, this.#tickets, `TAKES#${competence}#${month}`);
    return items.map((item) => withoutKeys(item) as unknown as TakeRecord);
  }
}

function query(view: WorklistView) {
  switch (view.kind) {
    case 'queue':
      return {
        IndexName: 'worklist',
        KeyConditionExpression: 'worklistKey = :key',
        ExpressionAttributeValues: { ':key': `${view.competence}#${view.status}` },
      };
    case 'mine':
      return {
        IndexName: 'assigned',
        KeyConditionExpression: 'assignee = :key',
        ExpressionAttributeValues: { ':key': view.assignee },
      };
    case 'due':
      return {
        IndexName: 'deadlines',
        KeyConditionExpression: 'dueKey = :key AND dueSortKey BETWEEN :from AND :through',
        // `~` sorts after `#` and every reference character: the whole last day is included.
        ExpressionAttributeValues: {
          ':key': view.competence,
          ':from': view.from,
          ':through': `${view.through}~`,
        },
      };
    case 'callbacks':
      return {
        IndexName: 'callbacks',
        KeyConditionExpression: 'callbackKey = :key',
        ExpressionAttributeValues: { ':key': view.competence },
      };
    case 'overdue':
      return {
        IndexName: 'deadlines',
        KeyConditionExpression: 'dueKey = :key AND dueSortKey < :before',
        ExpressionAttributeValues: { ':key': view.competence, ':before': view.before },
      };
  }
}
