/**
 * Who may see and work which ticket: a staff member sees the tickets of their units, except those
 * held for a supervisor's review, and does to them what their role allows. A ticket the caller may
 * not see is refused alike whether or not it exists elsewhere, so that nothing leaks.
 */

import { isErased, isErasing } from '../domain/pseudonymise-ticket.ts';
import { accessDenied, notFound, Refused } from '../domain/refused.ts';
import { mayActOn, type StaffIdentity, type TicketAction } from '../domain/staff.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { TicketRecord } from '../ports/ticket-desk.ts';
import type { TicketReader } from '../ports/ticket-reader.ts';
import type { StaffCaller } from './staff-audit.ts';
import type { StaffDeskDeps } from './staff-desk.ts';
import { badgeDates, ticketDetail } from './ticket-views.ts';
import type { TicketDetail } from './views/tickets.ts';

/** A new ticket from a sender whose service was ended (§17): only the unit's supervisors touch it. */
function heldForReview(ticket: Pick<Ticket, 'review' | 'status'>): boolean {
  return Boolean(ticket.review) && ticket.status === 'new';
}

/** Whether the caller may see the ticket at all: in their units, and not held for someone else's review. */
export function visibleTo(
  caller: StaffIdentity,
  ticket: Pick<Ticket, 'competence' | 'review' | 'status'>,
): boolean {
  if (!mayActOn(caller, ticket.competence, 'read')) return false;
  return !heldForReview(ticket) || mayActOn(caller, ticket.competence, 'review');
}

/**
 * The ticket's record, if the caller may do `action` on it. A pseudonymised ticket (`erasedAt`) is
 * only read: every staff write to it is refused `Erased` (409) here, the one check all verbs pass;
 * so is one to a ticket an erasure has claimed and not finished (`erasing`, 409 `Erasing`).
 */
export async function recordFor(
  deps: Pick<StaffDeskDeps, 'desk'>,
  caller: StaffCaller,
  reference: string,
  action: TicketAction,
): Promise<TicketRecord> {
  const record = await deps.desk.record(reference);
  if (!record) throw notFound();
  if (!mayActOn(caller, record.ticket.competence, action) || !visibleTo(caller, record.ticket))
    throw accessDenied();
  if (action !== 'read' && isErased(record.ticket)) throw new Refused('Erased', 409);
  // Claimed by an erasure under way: a message written now could outlive it.
  if (action !== 'read' && isErasing(record.ticket)) throw new Refused('Erasing', 409);
  return record;
}

/** The stored ticket; `NotFound` (404) when there is none. */
export async function storedTicket(
  deps: { readonly store: TicketReader },
  reference: string,
): Promise<Ticket> {
  const ticket = await deps.store.getTicket(reference);
  if (!ticket) throw notFound();
  return ticket;
}

/** Refuses unless the caller may do `action` on the ticket (for verbs that read it themselves). */
export async function assertMayAct(
  deps: Pick<StaffDeskDeps, 'desk'>,
  caller: StaffCaller,
  reference: string,
  action: TicketAction,
): Promise<void> {
  await recordFor(deps, caller, reference, action);
}

/** The ticket as the caller sees it, with short-lived download links to its files. */
export async function detailFor(
  deps: Pick<StaffDeskDeps, 'downloads' | 'clock'>,
  caller: StaffCaller,
  record: TicketRecord,
): Promise<TicketDetail> {
  const files = [
    ...(record.ticket.attachments ?? []),
    ...record.messages.flatMap((message) => message.attachments ?? []),
  ];
  const links = new Map(
    await Promise.all(
      files.map(async (file) => [file.key, await deps.downloads.link(file.key, file.filename)] as const),
    ),
  );
  return ticketDetail(record, caller, badgeDates(deps.clock), links);
}
