/**
 * The worklists of the caller's units (§21): the queue of new tickets, those held for review, due
 * soon, overdue, callbacks to make — oldest first, or by deadline — and the caller's own tickets.
 */
import type { CompetenceId } from '../domain/competences.ts';
import { stillToAnswer } from '../domain/ticket.ts';
import type { WorklistView } from '../ports/worklists.ts';
import { assertOneList, type PageRequest, pageLimit, pageOf, unitsToList } from './paging.ts';
import { visibleTo } from './staff-access.ts';
import { recordRead, type StaffCaller } from './staff-audit.ts';
import type { StaffDeskDeps } from './staff-desk.ts';
import { type BadgeDates, badgeDates, ticketSummary } from './ticket-views.ts';
import type { TicketSummary, WorklistViewName } from './views/tickets.ts';

export interface WorklistRequest extends PageRequest {
  readonly view: WorklistViewName;
  readonly competence?: CompetenceId | undefined;
}

export async function listWorklist(
  deps: Pick<StaffDeskDeps, 'worklists' | 'audit' | 'clock'>,
  caller: StaffCaller,
  request: WorklistRequest,
): Promise<{ items: TicketSummary[]; cursor?: string }> {
  const units = unitsToList(
    request.view === 'review' ? caller.supervises : caller.competences,
    request.competence,
  );
  const limit = pageLimit(request.limit);
  const dates = badgeDates(deps.clock);
  const views: WorklistView[] =
    request.view === 'mine'
      ? [{ kind: 'mine', assignee: caller.username }]
      : units.map((competence) => viewOf(request.view, competence, dates));
  assertOneList(request.cursor, views.length);
  const pages = await Promise.all(
    views.map((view) =>
      deps.worklists.list(view, { limit, ...(request.cursor ? { cursor: request.cursor } : {}) }),
    ),
  );
  const tickets = pages
    .flatMap((page) => page.items)
    // Mine lists what is still mine to work, in the caller's units (a moved ticket is not).
    .filter((ticket) => visibleTo(caller, ticket))
    // Mine lists what is still mine to work (answered and closed ones stay on the index).
    .filter((ticket) => request.view !== 'mine' || stillToAnswer(ticket.status));
  const byDeadline = request.view === 'due' || request.view === 'overdue';
  tickets.sort((a, b) =>
    byDeadline
      ? a.answerDeadline.localeCompare(b.answerDeadline) || a.receivedAt.localeCompare(b.receivedAt)
      : a.receivedAt.localeCompare(b.receivedAt) || a.reference.localeCompare(b.reference),
  );
  // Several units' first pages merged: at most `limit`, so that every row shown is in the record.
  const items = tickets.slice(0, limit).map((ticket) => ticketSummary(ticket, dates));
  await recordRead(deps, caller, {
    eventName: 'ListTickets',
    references: items.map((item) => item.reference),
    requestParameters: {
      view: request.view,
      ...(request.competence ? { competence: request.competence } : {}),
    },
    responseElements: { count: items.length },
  });
  return pageOf(items, views.length === 1 ? pages[0]?.cursor : undefined);
}

function viewOf(view: WorklistViewName, competence: string, dates: BadgeDates): WorklistView {
  switch (view) {
    case 'queue':
      return { kind: 'queue', competence, status: 'new' };
    case 'review':
      return { kind: 'queue', competence, status: 'review' };
    case 'due':
      return { kind: 'due', competence, from: dates.today, through: dates.dueThrough };
    case 'overdue':
      return { kind: 'overdue', competence, before: dates.today };
    case 'callbacks':
      return { kind: 'callbacks', competence };
    case 'mine':
      throw new Error('mine is not per unit');
  }
}
