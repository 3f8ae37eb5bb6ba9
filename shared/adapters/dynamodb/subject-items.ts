/**
 * The data-subject index in the tickets table: one item per keyed pseudonym of a ticket's client
 * (`subjectKeysOf`: email, phone, name with postal address; and the phone a callback was asked on),
 * `SUBJECT#<subject key>` / `TICKET#<reference>`, holding the reference and nothing else, so that
 * a data subject's tickets are a query, never a scan. Written with each new ticket, in its
 * transaction; re-keyed by rectification and deleted by erasure.
 */

import type { PseudonymSecret } from '../../domain/pseudonym-key.ts';
import { ticketSubjectKeysOf } from '../../domain/pseudonyms.ts';
import type { Ticket } from '../../domain/ticket.ts';

/** The index item of one subject key and ticket. */
export function subjectIndexItem(key: string, reference: string) {
  return { pk: `SUBJECT#${key}`, sk: `TICKET#${reference}`, type: 'subject' as const, reference };
}

/** The subject keys of a ticket's client, the callback's phone among them (each once). */
export function ticketSubjectKeys(
  ticket: Pick<Ticket, 'client' | 'callback'>,
  secret?: PseudonymSecret,
): string[] {
  return ticketSubjectKeysOf(ticket, secret);
}

/** The index items of a ticket. */
export function subjectIndexItems(
  ticket: Pick<Ticket, 'reference' | 'client' | 'callback'>,
  secret?: PseudonymSecret,
) {
  return ticketSubjectKeys(ticket, secret).map((key) => subjectIndexItem(key, ticket.reference));
}
