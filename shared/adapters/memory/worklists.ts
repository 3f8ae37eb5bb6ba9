/**
 * Worklists in memory, over a MemoryTicketStore's tickets. A ticket is on the lists its DynamoDB
 * index attributes (`indexKeys`, shared with the real adapter) put it on, in the indexes' order,
 * and a list shows what the indexes keep of it (`listedTicketAttributes`), so that a test of a
 * reader needing more fails here as it would on DynamoDB.
 */
import type { AuditRecord } from '../../domain/audit-event.ts';
import type { Ticket } from '../../domain/ticket.ts';
import { deadlineFlagAttributes } from '../../ports/deadline-sweep.ts';
import {
  type ListedTicket,
  listedTicketAttributes,
  type TakeRecord,
  type WorklistPage,
  type WorklistPageRequest,
  type Worklists,
  type WorklistView,
} from '../../ports/worklists.ts';
import { indexKeys } from '../dynamodb/ticket-items.ts';
import { listOfKey } from '../dynamodb/ticket-keys.ts';
import { pageOf } from './pages.ts';
import type { MemoryTicketStore } from './ticket-store.ts';

type Listed = { readonly ticket: Ticket; readonly sortKey: string };

export class MemoryWorklists implements Worklists {
  readonly #store: MemoryTicketStore;
  readonly takeRecords: TakeRecord[] = [];
  readonly audit: AuditRecord[] = [];

  constructor(store: MemoryTicketStore) {
    this.#store = store;
  }

  async list(view: WorklistView, page: WorklistPageRequest): Promise<WorklistPage> {
    const attributes: readonly string[] =
      view.kind === 'due' || view.kind === 'overdue'
        ? [...listedTicketAttributes, ...deadlineFlagAttributes]
        : listedTicketAttributes;
    const result = await this.listWhole(view, page);
    return { ...result, items: result.items.map((ticket) => projected(ticket, attributes)) };
  }

  async listWhole(view: WorklistView, page: WorklistPageRequest): Promise<WorklistPage<Ticket>> {
    const selected = [...this.#store.tickets.values()]
      .flatMap((ticket) => listed(view, ticket))
      .sort((a, b) => byteOrder(a.sortKey, b.sortKey))
      .map(({ ticket }) => ticket);
    if (page.newestFirst) selected.reverse();
    return pageOf(selected, page);
  }

  async take(take: TakeRecord, audit: AuditRecord): Promise<boolean> {
    const ticket = this.#store.tickets.get(take.reference);
    if (ticket?.status !== 'new' || ticket.assignee !== undefined || ticket.competence !== take.competence) {
      return false;
    }
    this.#store.tickets.set(take.reference, {
      ...ticket,
      status: 'open',
      assignee: take.assignee,
      takenAt: take.takenAt,
    });
    this.takeRecords.push(take);
    this.audit.push(audit);
    return true;
  }

  async takes(competence: string, month: string): Promise<TakeRecord[]> {
    return this.takeRecords.filter(
      (record) => record.competence === competence && record.takenAt.startsWith(month),
    );
  }

  async outOfOrderTakes(
    competence: string,
    fromIso: string,
    toIso: string,
    limit: number,
  ): Promise<TakeRecord[]> {
    // As the DynamoDB list: by `<takenAt>#<reference>`, newest first.
    const sortKey = (take: TakeRecord) => `${take.takenAt}#${take.reference}`;
    return this.takeRecords
      .filter(
        (take) =>
          !take.inOrder && take.competence === competence && take.takenAt >= fromIso && take.takenAt < toIso,
      )
      .sort((a, b) => byteOrder(sortKey(b), sortKey(a)))
      .slice(0, Math.max(0, limit));
  }
}

/** The ticket with its sort key, when the view's index partition holds it. */
function listed(view: WorklistView, ticket: Ticket): Listed[] {
  const keys = indexKeys(ticket);
  const byReceipt = [{ ticket, sortKey: keys.receivedKey }];
  const byDeadline = keys.dueSortKey ? [{ ticket, sortKey: keys.dueSortKey }] : [];
  switch (view.kind) {
    case 'queue':
      return listOfKey(keys.worklistKey) === `${view.competence}#${view.status}` ? byReceipt : [];
    case 'mine':
      return ticket.assignee === view.assignee ? byReceipt : [];
    case 'callbacks':
      // Closing a ticket takes it off the callback list (the DynamoDB write removes its key).
      return keys.callbackKey && listOfKey(keys.callbackKey) === view.competence && ticket.status !== 'closed'
        ? byReceipt
        : [];
    case 'due':
      return keys.dueKey &&
        listOfKey(keys.dueKey) === view.competence &&
        byteOrder(keys.dueSortKey, view.from) >= 0 &&
        byteOrder(keys.dueSortKey, `${view.through}~`) <= 0
        ? byDeadline
        : [];
    case 'overdue':
      return keys.dueKey &&
        listOfKey(keys.dueKey) === view.competence &&
        byteOrder(keys.dueSortKey, view.before) < 0
        ? byDeadline
        : [];
  }
}

/** What an INCLUDE projection of `attributes` keeps of the ticket. */
function projected(ticket: Ticket, attributes: readonly string[]): ListedTicket {
  const fields = ticket as unknown as Record<string, unknown>;
  return Object.fromEntries(
    attributes.filter((name) => fields[name] !== undefined).map((name) => [name, fields[name]]),
  ) as unknown as ListedTicket;
}

/** DynamoDB's order of string keys (by code unit here; the keys are ASCII). */
function byteOrder(a = '', b = ''): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
