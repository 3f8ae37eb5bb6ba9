/**
 * A staff member moves a ticket they work on: open, waiting on the client, answered or closed.
 * Answered or closed asks for the client's survey invitation (send-email decides whether it goes).
 */
import { Refused } from '../domain/refused.ts';
import { stillToAnswer, type TicketStatus } from '../domain/ticket.ts';
import { readTicket, ticketAfterAction } from './read-ticket.ts';
import { invitesToSurvey, requestSeparateInvitation } from './request-survey-invitation.ts';
import { recordFor } from './staff-access.ts';
import { type StaffCaller, staffAction } from './staff-audit.ts';
import type { StaffDeskDeps } from './staff-desk.ts';
import { countTransition, statusChange, write } from './ticket-write.ts';
import type { TicketDetail } from './views/tickets.ts';

export async function changeStatus(
  deps: Pick<StaffDeskDeps, 'desk' | 'store' | 'downloads' | 'audit' | 'clock' | 'outboundQueue' | 'surveys'>,
  caller: StaffCaller,
  reference: string,
  to: Exclude<TicketStatus, 'new'>,
): Promise<TicketDetail> {
  const { ticket } = await recordFor(deps, caller, reference, 'status');
  if (ticket.status === to) return readTicket(deps, caller, reference);
  // An untaken ticket is taken (and so assigned, in queue order) before it is worked; it may only
  // be closed — and a ticket closed untaken cannot be reopened past the queue: it is taken anew.
  if (ticket.status === 'new' && to !== 'closed') throw new Refused('NotTaken', 409);
  if (!ticket.assignee && stillToAnswer(to)) throw new Refused('NotTaken', 409);
  const now = deps.clock.now();
  const at = now.toISOString();
  await write(deps, ticket, {
    statusChange: statusChange(caller, ticket, to, at),
    audit: staffAction(caller, {
      eventName: 'ChangeTicketStatus',
      eventTime: at,
      reference,
      requestParameters: { from: ticket.status, to },
    }),
  });
  // Answered or closed without a reply: the survey invitation goes as a message of its own (§26).
  if (invitesToSurvey(to)) await requestSeparateInvitation(deps, ticket);
  await countTransition(deps, ticket, to, now);
  return ticketAfterAction(deps, caller, reference);
}
