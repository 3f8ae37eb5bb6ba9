/**
 * Worklists on the tickets table's indexes: every view is one `Query` on one index partition,
 * paginated, so its cost does not grow with the number of tickets in the table.
 * Take records live at `TAKES#<competence>#<YYYY-MM>` / `<takenAt>#<reference>`.
 */
import type { AuditRecord } from '../../domain/audit-event.ts';
import { localDate } from '../../domain/deadlines.ts';
import type { TakeRecord, WorklistPage, Worklists, WorklistView } from '../../ports/worklists.ts';
import { withoutKeys } from './items.ts';
import { ticketKey, toTicket } from './ticket-items.ts';
import { type DynamoTables, type ListQuery, type PageRequest, TicketsTable } from './tickets-table.ts';

export class DynamoWorklists implements Worklists {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  async list(view: WorklistView, page: PageRequest): Promise<WorklistPage> {
    const query = listQuery(view);
    const result = await this.#table.page(query, page, (key) => onTheList(key, query));
    return { ...result, items: result.items.map(toTicket) };
  }

  take(take: TakeRecord, audit: AuditRecord): Promise<boolean> {
    const table = this.#table.name;
    return this.#table.writeIf(
      [
        {
          Update: {
            TableName: table,
            Key: ticketKey(take.reference),
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
            TableName: table,
            Item: {
              pk: `TAKES#${take.competence}#${localDate(new Date(take.takenAt)).slice(0, 7)}`,
              sk: `${take.takenAt}#${take.reference}`,
              ...take,
            },
          },
        },
      ],
      audit,
      // Lost the race: someone took it first (condition) or at the same moment (conflict; real
      // DynamoDB cancels one of two simultaneous transactions on an item).
      { orConflict: true },
    );
  }

  async takes(competence: string, month: string): Promise<TakeRecord[]> {
    const items = await this.#table.partition(`TAKES#${competence}#${month}`);
    return items.map((item) => withoutKeys(item) as unknown as TakeRecord);
  }
}

function listQuery(view: WorklistView): ListQuery {
  switch (view.kind) {
    case 'queue':
      return onIndex('worklist', 'worklistKey = :key', { ':key': `${view.competence}#${view.status}` });
    case 'mine':
      return onIndex('assigned', 'assignee = :key', { ':key': view.assignee });
    case 'due':
      // `~` sorts after `#` and every reference character: the whole last day is included.
      return onIndex('deadlines', 'dueKey = :key AND dueSortKey BETWEEN :from AND :through', {
        ':key': view.competence,
        ':from': view.from,
        ':through': `${view.through}~`,
      });
    case 'callbacks':
      return onIndex('callbacks', 'callbackKey = :key', { ':key': view.competence });
    case 'overdue':
      return onIndex('deadlines', 'dueKey = :key AND dueSortKey < :before', {
        ':key': view.competence,
        ':before': view.before,
      });
  }
}

/** The partition key of each worklist index. */
const listKeyOf: Readonly<Record<string, string>> = {
  worklist: 'worklistKey',
  assigned: 'assignee',
  deadlines: 'dueKey',
  callbacks: 'callbackKey',
};

/**
 * Whether a cursor's start key can be a position in this list: a ticket's key with string values
 * only (a number the document client cannot convert would fail inside the SDK, not as a refusal)
 * and the list's own partition.
 */
function onTheList(key: Record<string, unknown>, query: ListQuery): boolean {
  const listKey = listKeyOf[query.IndexName ?? ''];
  return (
    Object.values(key).every((value) => typeof value === 'string') &&
    String(key.pk).startsWith('TICKET#') &&
    listKey !== undefined &&
    key[listKey] === query.ExpressionAttributeValues?.[':key']
  );
}

function onIndex(index: string, condition: string, values: Record<string, string>): ListQuery {
  return { IndexName: index, KeyConditionExpression: condition, ExpressionAttributeValues: values };
}
