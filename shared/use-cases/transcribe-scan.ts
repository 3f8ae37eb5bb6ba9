/**
 * Types in the text of a scanned letter that had none: kept beside the scan, once; it is what the
 * staff member read, so search and the reply can use it.
 */
import { Refused } from '../domain/refused.ts';
import { ticketAfterAction } from './read-ticket.ts';
import { recordFor } from './staff-access.ts';
import { type StaffCaller, staffAction } from './staff-audit.ts';
import type { StaffDeskDeps } from './staff-desk.ts';
import { write } from './ticket-write.ts';
import type { TicketDetail } from './views/tickets.ts';

export async function transcribeScan(
  deps: Pick<StaffDeskDeps, 'desk' | 'downloads' | 'clock'>,
  caller: StaffCaller,
  reference: string,
  text: string,
): Promise<TicketDetail> {
  const { ticket } = await recordFor(deps, caller, reference, 'transcribe');
  if (!ticket.postal) throw new Refused('NotPostal', 409);
  // A scan with text (its own or OCR's) is not typed in again; a typed text is not replaced.
  if (ticket.transcription || !ticket.postal.needsTranscription) throw new Refused('AlreadyTranscribed', 409);
  const at = deps.clock.now().toISOString();
  await write(deps, ticket, {
    transcription: { text: text.trim(), by: caller.username, at },
    audit: staffAction(caller, {
      eventName: 'TranscribeScan',
      eventTime: at,
      reference,
      // The text stays on the ticket; the trail has its length.
      requestParameters: { length: text.trim().length },
    }),
  });
  return ticketAfterAction(deps, caller, reference);
}
