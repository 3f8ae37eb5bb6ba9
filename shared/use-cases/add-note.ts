/** An internal note on a ticket: for colleagues, never sent. With an idempotency key a retry adds it once. */
import { stableId } from '../domain/ids.ts';
import { ticketAfterAction } from './read-ticket.ts';
import { type StaffCaller, staffAction } from './staff-audit.ts';
import type { StaffDeskDeps } from './staff-desk.ts';
import { messageTarget, write } from './ticket-write.ts';
import type { TicketDetail } from './views/tickets.ts';

export async function addNote(
  deps: Pick<StaffDeskDeps, 'desk' | 'downloads' | 'clock'>,
  caller: StaffCaller,
  reference: string,
  text: string,
  idempotencyKey?: string,
): Promise<TicketDetail> {
  const { ticket, id, stored } = await messageTarget(deps, caller, reference, {
    kind: 'note',
    text,
    idempotencyKey,
  });
  if (stored) return ticketAfterAction(deps, caller, reference);
  const at = deps.clock.now().toISOString();
  const result = await write(deps, ticket, {
    message: { id, kind: 'note', at, author: caller.username, text: text.trim() },
    audit: staffAction(caller, {
      eventName: 'AddNote',
      eventTime: at,
      reference,
      responseElements: { messageId: id },
      eventID: stableId(id, 'AddNote'),
    }),
  });
  if (result === 'duplicate') return addNote(deps, caller, reference, text, idempotencyKey);
  return ticketAfterAction(deps, caller, reference);
}
