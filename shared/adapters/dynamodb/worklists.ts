/**
 * Worklists on the tickets table's indexes: a unit's view merges its list's shards (one `Query` on
 * each shard's index partition, see `sharded-lists.ts`), a staff member's is one `Query`; paginated
 * either way, so the cost does not grow with the number of tickets in the table.
 * Take records live at `TAKES#<competence>#<YYYY-MM>` / `<takenAt>#<reference>`; a take out of
 * order is also copied to `OUTOFORDER#<competence>` / `<takenAt>#<reference>` in the same
 * transaction, so that the figures list the latest ones with one bounded query.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../../domain/audit-event.ts';
import { localDate } from '../../domain/deadlines.ts';
import { decodeCursor, encodeCursor } from '../../domain/page-cursor.ts';
import type { Ticket } from '../../domain/ticket.ts';
import {
  type ListedTicket,
  outOfOrderPrefix,
  type TakeRecord,
  type WorklistPage,
  type WorklistPageRequest,
  type Worklists,
  type WorklistView,
} from '../../ports/worklists.ts';
import { type Item, withoutKeys } from './items.ts';
import { type ShardedList, shardedPage } from './sharded-lists.ts';
import { shardedKey, ticketKey, toTicket } from './ticket-items.ts';
import { type DynamoTables, type ListQuery, TicketsTable } from './tickets-table.ts';

export class DynamoWorklists implements Worklists {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  async list(view: WorklistView, page: WorklistPageRequest): Promise<WorklistPage> {
    const result = await this.#page(view, page);
    return { ...result, items: result.items.map(toListedTicket) };
  }

  async listWhole(view: WorklistView, page: WorklistPageRequest): Promise<WorklistPage<Ticket>> {
    // The indexes keep rows, not bodies: the page's tickets are read by key, in the page's order.
    const result = await this.#page(view, page);
    const found = new Map(
      (await this.#table.batchGet(result.items.map((item) => ticketKey(String(item.reference))))).map(
        (item) => [String(item.pk), toTicket(item)],
      ),
    );
    const items = result.items.flatMap((item) => found.get(String(item.pk)) ?? []);
    return result.cursor ? { items, cursor: result.cursor } : { items };
  }

  async #page(view: WorklistView, page: WorklistPageRequest): Promise<{ items: Item[]; cursor?: string }> {
    if (view.kind === 'mine') {
      // Per staff member: one partition, no hot key to spread.
      const query: ListQuery = {
        IndexName: 'assigned',
        KeyConditionExpression: 'assignee = :key',
        ExpressionAttributeValues: { ':key': view.assignee },
      };
      // The cursor leaves out the staff member's user name (a person's name, often): it travels in
      // a URL's query string, which access logs keep. It is the caller's own, put back from the view.
      const cursor = page.cursor ? withAssignee(page.cursor, view.assignee) : undefined;
      const result = await this.#table.page(query, { ...page, cursor }, (key) =>
        onAssigneeList(key, view.assignee),
      );
      return result.cursor ? { ...result, cursor: withoutAssignee(result.cursor) } : result;
    }
    return shardedPage(this.#table.client, this.#table.name, unitList(view), page);
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
              ':worklistKey': shardedKey(`${take.competence}#open`, take.reference),
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
        ...(take.inOrder
          ? []
          : [
              {
                Put: {
                  TableName: table,
                  Item: {
                    pk: `${outOfOrderPrefix}${take.competence}`,
                    sk: `${take.takenAt}#${take.reference}`,
                    ...take,
                  },
                },
              },
            ]),
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

  async outOfOrderTakes(
    competence: string,
    fromIso: string,
    toIso: string,
    limit: number,
  ): Promise<TakeRecord[]> {
    if (limit <= 0 || toIso <= fromIso) return [];
    // `<toIso>#…` sorts after `toIso`: BETWEEN keeps takenAt < toIso, every `<fromIso>#…` included.
    const result = await this.#table.client.send(
      new QueryCommand({
        TableName: this.#table.name,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': `${outOfOrderPrefix}${competence}`,
          ':from': fromIso,
          ':to': toIso,
        },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => withoutKeys(item) as unknown as TakeRecord);
  }
}

/** The unit's list a view reads: its index, its key before the shard, and its range. */
function unitList(view: Exclude<WorklistView, { kind: 'mine' }>): ShardedList {
  switch (view.kind) {
    case 'queue':
      return { ...byReceipt('worklist', 'worklistKey'), list: `${view.competence}#${view.status}` };
    case 'callbacks':
      return { ...byReceipt('callbacks', 'callbackKey'), list: view.competence };
    case 'due':
      // `~` sorts after `#` and every reference character: the whole last day is included.
      return {
        ...byDeadline,
        list: view.competence,
        range: {
          condition: 'BETWEEN :from AND :through',
          values: { ':from': view.from, ':through': `${view.through}~` },
        },
      };
    case 'overdue':
      return {
        ...byDeadline,
        list: view.competence,
        range: { condition: '< :before', values: { ':before': view.before } },
      };
  }
}

const byReceipt = (index: string, partitionKey: string) => ({ index, partitionKey, sortKey: 'receivedKey' });
const byDeadline = { index: 'deadlines', partitionKey: 'dueKey', sortKey: 'dueSortKey' };

/**
 * Whether a cursor's start key can be a position in this staff member's list: a ticket's key with
 * string values only (a number the document client cannot convert would fail inside the SDK, not
 * as a refusal) and the list's own partition.
 */
/** A "mine" cursor as handed out: the position without the assignee. */
function withoutAssignee(cursor: string): string {
  const { assignee: _assignee, ...position } = decodeCursor(cursor);
  return encodeCursor(position);
}

/** A "mine" cursor as the index takes it: the caller's user name put back (unless it has one). */
function withAssignee(cursor: string, assignee: string): string {
  const position = decodeCursor(cursor);
  return encodeCursor('assignee' in position ? position : { ...position, assignee });
}

function onAssigneeList(key: Record<string, unknown>, assignee: string): boolean {
  return (
    Object.values(key).every((value) => typeof value === 'string') &&
    String(key.pk).startsWith('TICKET#') &&
    key.assignee === assignee
  );
}

/** A list's row: the index keeps the listed attributes (and, on the deadline index, the flags). */
function toListedTicket(item: Item): ListedTicket {
  return toTicket(item);
}
