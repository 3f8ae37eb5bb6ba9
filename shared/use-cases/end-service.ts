/**
 * Ends service (§17): the ticket is closed with the reason recorded, the client gets the polite
 * standard notice, and the sender is flagged so that their next messages go to a supervisor and
 * are not acknowledged automatically.
 */
import { reasonDigest } from '../domain/audit-event.ts';
import { clientGroupId } from '../domain/ids.ts';
import { Refused } from '../domain/refused.ts';
import { ticketAfterAction } from './read-ticket.ts';
import { recordFor } from './staff-access.ts';
import { type StaffCaller, staffAction } from './staff-audit.ts';
import type { StaffDeskDeps } from './staff-desk.ts';
import { countTransition, statusChange, write } from './ticket-write.ts';
import type { TicketDetail } from './views/tickets.ts';

export async function endService(
  deps: Pick<StaffDeskDeps, 'desk' | 'store' | 'outboundQueue' | 'downloads' | 'clock'>,
  caller: StaffCaller,
  reference: string,
  reason: string,
): Promise<TicketDetail> {
  const { ticket } = await recordFor(deps, caller, reference, 'end-service');
  const outboundId = `end-service-${reference}`;
  const notify = () =>
    deps.outboundQueue.send(
      { version: 1, kind: 'end-service', outboundId, reference },
      { groupId: reference, deduplicationId: outboundId },
    );
  if (ticket.serviceEnded) {
    // The same person retrying (the notice may not have been queued): queue it again, idempotently.
    if (ticket.serviceEnded.by !== caller.username || ticket.serviceEnded.reason !== reason.trim())
      throw new Refused('AlreadyEnded', 409);
    await notify();
    return ticketAfterAction(deps, caller, reference);
  }
  const now = deps.clock.now();
  const at = now.toISOString();
  await write(deps, ticket, {
    ...(ticket.status !== 'closed' ? { statusChange: statusChange(caller, ticket, 'closed', at) } : {}),
    endService: {
      reason: reason.trim(),
      by: caller.username,
      at,
      clientKey: clientGroupId(ticket.client.email),
    },
    audit: staffAction(caller, {
      eventName: 'EndService',
      eventTime: at,
      reference,
      requestParameters: reasonDigest(reason.trim()),
      responseElements: { senderFlagged: true },
    }),
  });
  await notify();
  await countTransition(deps, ticket, 'closed', now);
  return ticketAfterAction(deps, caller, reference);
}
