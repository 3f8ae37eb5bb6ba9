/** Worklists in memory, over a MemoryTicketStore's tickets: same lists, order and take semantics. */
import type { AuditRecord } from '../../domain/audit-event.ts';
import type { Ticket } from '../../domain/ticket.ts';
import type { TakeRecord, WorklistPage, Worklists, WorklistView } from '../../ports/worklists.ts';
import type { MemoryTicketStore } from './ticket-store.ts';

/** Worklists over a MemoryTicketStore's tickets, with the same ordering and take semantics. */
export class MemoryWorklists implements Worklists {
  readonly #store: MemoryTicketStore;
  readonly takeRecords: TakeRecord[] = [];
  readonly audit: AuditRecord[] = [];

  constructor(store: MemoryTicketStore) {
    this.#store = store;
  }

  async list(
    view: WorklistView,
    page: { limit: number; cursor?: string; newestFirst?: boolean },
  ): Promise<WorklistPage> {
    const open = (ticket: Ticket) => ticket.status !== 'answered' && ticket.status !== 'closed';
    const all = [...this.#store.tickets.values()];
    const byReceipt = (a: Ticket, b: Ticket) =>
      a.receivedAt.localeCompare(b.receivedAt) || a.reference.localeCompare(b.reference);
    const byDeadline = (a: Ticket, b: Ticket) =>
      a.answerDeadline.localeCompare(b.answerDeadline) || a.reference.localeCompare(b.reference);
    const selected =
      view.kind === 'queue'
        ? all.filter((t) => t.competence === view.competence && t.status === view.status).sort(byReceipt)
        : view.kind === 'mine'
          ? all.filter((t) => t.assignee === view.assignee).sort(byReceipt)
          : view.kind === 'callbacks'
            ? all
                .filter(
                  (t) =>
                    t.competence === view.competence &&
                    t.callback &&
                    !t.callback.done &&
                    t.status !== 'closed',
                )
                .sort(byReceipt)
            : view.kind === 'due'
              ? all
                  .filter((t) => t.competence === view.competence && open(t))
                  .filter((t) => t.answerDeadline >= view.from && t.answerDeadline <= view.through)
                  .sort(byDeadline)
              : all
                  .filter(
                    (t) => t.competence === view.competence && open(t) && t.answerDeadline < view.before,
                  )
                  .sort(byDeadline);
    if (page.newestFirst) selected.reverse();
    const start = page.cursor ? Number(page.cursor) : 0;
    const items = selected.slice(start, start + page.limit);
    const next = start + items.length;
    return next < selected.length ? { items, cursor: String(next) } : { items };
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
}
