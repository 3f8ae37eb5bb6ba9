/**
 * A ticket pseudonymised: what erasure on request and the retention sweeper leave of it (§5.6, §13,
 * §24). It keeps everything the figures count from (`figures/contributions.ts`: unit, channel,
 * dates, status history, deadline moves, reroutes' units, service end) and the ticket's own
 * bookkeeping (reference, routing unit and rule, assignee, links), so that the stream consumer
 * computes exactly the same contributions before and after. It removes the client (name, email,
 * phone, postal address), the texts (subject, body, HTML, transcription), the email headers, the
 * attachments' list, the callback phone, the reasons staff typed (reroutes, extensions, end of
 * service) and what routing matched in the text.
 *
 * The client stays as `{ name: '', email: '' }` so that every reader of a ticket keeps working;
 * `isErased` tells a pseudonymised ticket apart (nothing may be sent to it).
 */
import type { Ticket } from './ticket.ts';

/** Why a ticket was pseudonymised: a data subject's request, or its retention period ended. */
export type ErasureBasis = 'request' | 'retention';

/** A pseudonymised ticket: when, and on what basis (the legal basis text is in the audit record). */
export type ErasedTicket = Ticket & {
  readonly erasedAt: string;
  readonly erasure: { readonly basis: ErasureBasis };
};

/** Whether the ticket was pseudonymised already. */
export function isErased(ticket: object): ticket is ErasedTicket {
  return typeof (ticket as { erasedAt?: unknown }).erasedAt === 'string';
}

/**
 * The ticket with its personal data removed, marked `erasedAt` at `at`. Fields the ticket does
 * not have stay absent; the result never holds a string the client or staff typed about them.
 */
export function pseudonymiseTicket(
  ticket: Ticket,
  erasure: { basis: ErasureBasis; at: string },
): ErasedTicket {
  const {
    client: _client,
    subject: _subject,
    body: _body,
    bodyHtml: _bodyHtml,
    email: _email,
    attachments: _attachments,
    transcription: _transcription,
    callback,
    postal,
    routing,
    reroutes,
    deadlineExtensions,
    serviceEnded,
    ...kept
  } = ticket as Ticket & { readonly legalHold?: unknown };
  const { registeredMailNumber: _number, ...postalKept } = postal ?? ({} as NonNullable<Ticket['postal']>);
  return {
    ...kept,
    client: { name: '', email: '' },
    subject: '',
    body: '',
    routing: { ...routing, matched: [] },
    ...(postal ? { postal: postalKept as NonNullable<Ticket['postal']> } : {}),
    // The callback's outcome stays (who called, when); the number goes.
    ...(callback?.done ? { callback: { phone: '', done: callback.done } } : {}),
    ...(reroutes ? { reroutes: reroutes.map((reroute) => ({ ...reroute, reason: '' })) } : {}),
    ...(deadlineExtensions
      ? { deadlineExtensions: deadlineExtensions.map((change) => ({ ...change, reason: '' })) }
      : {}),
    ...(serviceEnded ? { serviceEnded: { ...serviceEnded, reason: '' } } : {}),
    erasedAt: erasure.at,
    erasure: { basis: erasure.basis },
  };
}

/** The top-level fields of a stored ticket the pseudonymised one no longer has (to remove). */
export function removedFields(before: object, after: object): string[] {
  return Object.keys(before).filter((field) => !(field in after));
}
