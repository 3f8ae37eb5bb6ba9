/**
 * Records the callback the client asked for (§19.1): reached, or not reached — then the answer
 * goes in writing. The ticket leaves the unit's callback list; a note, when given, joins the thread.
 */
import { randomUUID } from 'node:crypto';
import { Refused } from '../domain/refused.ts';
import type { CallbackOutcome } from '../domain/ticket.ts';
import { ticketAfterAction } from './read-ticket.ts';
import { recordFor } from './staff-access.ts';
import { type StaffCaller, staffAction } from './staff-audit.ts';
import type { StaffDeskDeps } from './staff-desk.ts';
import { write } from './ticket-write.ts';
import type { TicketDetail } from './views/tickets.ts';

export async function recordCallback(
  deps: Pick<StaffDeskDeps, 'desk' | 'downloads' | 'clock'>,
  caller: StaffCaller,
  reference: string,
  request: { outcome: CallbackOutcome; note?: string | undefined },
): Promise<TicketDetail> {
  const { ticket } = await recordFor(deps, caller, reference, 'callback');
  if (!ticket.callback) throw new Refused('NoCallback', 409);
  if (ticket.callback.done) throw new Refused('CallbackRecorded', 409);
  if (ticket.status === 'closed') throw new Refused('Closed', 409);
  const at = deps.clock.now().toISOString();
  const note = request.note?.trim();
  await write(deps, ticket, {
    callbackDone: { by: caller.username, at, outcome: request.outcome },
    ...(note ? { message: { id: randomUUID(), kind: 'note', at, author: caller.username, text: note } } : {}),
    audit: staffAction(caller, {
      eventName: 'RecordCallback',
      eventTime: at,
      reference,
      requestParameters: { outcome: request.outcome, competence: ticket.competence },
    }),
  });
  return ticketAfterAction(deps, caller, reference);
}
