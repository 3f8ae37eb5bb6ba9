/** Reading a ticket: its detail, the client's other tickets, and the ticket as an action left it. */
import { clientGroupId } from '../domain/ids.ts';
import { detailFor, recordFor, visibleTo } from './staff-access.ts';
import { recordRead, type StaffCaller } from './staff-audit.ts';
import type { StaffDeskDeps } from './staff-desk.ts';
import { badgeDates, ticketSummary } from './ticket-views.ts';
import type { TicketDetail, TicketSummary } from './views/tickets.ts';

type ReadDeps = Pick<StaffDeskDeps, 'desk' | 'downloads' | 'audit' | 'clock'>;

export async function readTicket(
  deps: ReadDeps,
  caller: StaffCaller,
  reference: string,
): Promise<TicketDetail> {
  const record = await recordFor(deps, caller, reference, 'read');
  await recordRead(deps, caller, {
    eventName: 'GetTicket',
    references: [reference],
    // The unit the ticket is in: what gives the reader the right to it (the data-subject report's "why").
    requestParameters: { reference, competence: record.ticket.competence },
  });
  return detailFor(deps, caller, record);
}

/** The client's other tickets, in the caller's units. */
export async function relatedTickets(
  deps: ReadDeps,
  caller: StaffCaller,
  reference: string,
): Promise<TicketSummary[]> {
  const { ticket } = await recordFor(deps, caller, reference, 'read');
  const others = (await deps.desk.clientTickets(clientGroupId(ticket.client.email), 50)).filter(
    (other) => other.reference !== reference && visibleTo(caller, other),
  );
  await recordRead(deps, caller, {
    eventName: 'ListClientTickets',
    references: [reference, ...others.map((other) => other.reference)],
    requestParameters: { reference },
    responseElements: { count: others.length },
  });
  const dates = badgeDates(deps.clock);
  return others.map((other) => ticketSummary(other, dates));
}

/**
 * The ticket after an action (a take, a re-route, an extension, a reply…), re-read: refused if it
 * moved out of the caller's sight meanwhile. The action's own record says what was done: no read
 * is recorded.
 */
export async function ticketAfterAction(
  deps: Omit<ReadDeps, 'audit'>,
  caller: StaffCaller,
  reference: string,
): Promise<TicketDetail> {
  return detailFor(deps, caller, await recordFor(deps, caller, reference, 'read'));
}
