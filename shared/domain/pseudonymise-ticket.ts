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
 * Whether an erasure has claimed the ticket and not finished (`erasing`, its claim's time): from
 * the claim on, its files may be gone, so nothing may be added to it nor held.
 */
export function isErasing(ticket: object): boolean {
  return (ticket as { erasing?: unknown }).erasing !== undefined;
}

/**
 * Whether the ticket is erased or being erased: it takes no more of the client's data (no
 * follow-up, no staff write), since whatever is written now would outlive the erasure.
 */
export function isErasedOrErasing(ticket: object): boolean {
  return isErased(ticket) || isErasing(ticket);
}

/**
 * Bookkeeping the stores keep on a ticket item beside the `Ticket` fields (the deadline sweep's
 * flags): no personal data, kept so that a sweep does not flag or report the ticket again.
 */
const storedBookkeeping = ['deadlineFlag', 'deadlineFlaggedAt', 'deadlineFlaggedFor', 'deadlineReportedOn'];

/**
 * The ticket with its personal data removed, marked `erasedAt` at `at`. An allow-list: only the
 * fields named here survive, each rebuilt from its parts the figures and the ticket's history need,
 * so a field added to the ticket later is dropped until someone decides it may stay. Fields the
 * ticket does not have stay absent; the result never holds a string the client or staff typed
 * about them.
 */
export function pseudonymiseTicket(
  ticket: Ticket,
  erasure: { basis: ErasureBasis; at: string },
): ErasedTicket {
  const t = ticket;
  const bookkeeping = Object.fromEntries(
    storedBookkeeping.filter((field) => field in t).map((field) => [field, (t as never)[field]]),
  );
  return {
    ...bookkeeping,
    reference: t.reference,
    sourceId: t.sourceId,
    channel: t.channel,
    status: t.status,
    language: t.language,
    client: { name: '', email: '' },
    topic: t.topic,
    competence: t.competence,
    routing: {
      competence: t.routing.competence,
      ruleId: t.routing.ruleId,
      rulesVersion: t.routing.rulesVersion,
      explanation: t.routing.explanation,
      matched: [],
    } as Ticket['routing'],
    subject: '',
    body: '',
    ...(t.postal
      ? {
          postal: {
            registrationId: t.postal.registrationId,
            receivedOn: t.postal.receivedOn,
            registeredBy: t.postal.registeredBy,
            scan: {
              kind: t.postal.scan.kind,
              pages: t.postal.scan.pages,
              ...(t.postal.scan.ocr !== undefined ? { ocr: t.postal.scan.ocr } : {}),
            },
            needsTranscription: t.postal.needsTranscription,
          } as NonNullable<Ticket['postal']>,
        }
      : {}),
    // The callback's outcome stays (who called, when); the number goes.
    ...(t.callback?.done
      ? {
          callback: {
            phone: '',
            done: { by: t.callback.done.by, at: t.callback.done.at, outcome: t.callback.done.outcome },
          },
        }
      : {}),
    receivedAt: t.receivedAt,
    storedAt: t.storedAt,
    answerDeadline: t.answerDeadline,
    firstResponseDue: t.firstResponseDue,
    expectedAnswerBy: t.expectedAnswerBy,
    ...(t.acknowledgement
      ? {
          acknowledgement: { sesMessageId: t.acknowledgement.sesMessageId, sentAt: t.acknowledgement.sentAt },
        }
      : {}),
    ...(t.reroutes
      ? { reroutes: t.reroutes.map(({ from, to, by, at }) => ({ from, to, reason: '', by, at })) }
      : {}),
    ...(t.deadlineExtensions
      ? {
          deadlineExtensions: t.deadlineExtensions.map(({ from, to, by, at }) => ({
            from,
            to,
            reason: '',
            by,
            at,
          })),
        }
      : {}),
    ...(t.reopenings ? { reopenings: t.reopenings.map(({ at, from, to }) => ({ at, from, to })) } : {}),
    ...(t.assignee !== undefined ? { assignee: t.assignee } : {}),
    ...(t.takenAt !== undefined ? { takenAt: t.takenAt } : {}),
    ...(t.firstResponseAt !== undefined ? { firstResponseAt: t.firstResponseAt } : {}),
    ...(t.statusChanges
      ? { statusChanges: t.statusChanges.map(({ from, to, by, at }) => ({ from, to, by, at })) }
      : {}),
    ...(t.review ? { review: { reason: t.review.reason, since: t.review.since } } : {}),
    ...(t.links
      ? { links: t.links.map(({ reference, relation, at }) => ({ reference, relation, at })) }
      : {}),
    ...(t.call ? { call: { digit: t.call.digit, loggedBy: t.call.loggedBy } } : {}),
    ...(t.threading
      ? { threading: { linkedTo: t.threading.linkedTo, by: t.threading.by, why: t.threading.why } }
      : {}),
    ...(t.lastClientMessageAt !== undefined ? { lastClientMessageAt: t.lastClientMessageAt } : {}),
    ...(t.screening
      ? {
          screening: {
            ...(t.screening.automatic !== undefined ? { automatic: t.screening.automatic } : {}),
            ...(t.screening.spam !== undefined ? { spam: t.screening.spam } : {}),
          },
        }
      : {}),
    ...(t.serviceEnded ? { serviceEnded: { reason: '', by: t.serviceEnded.by, at: t.serviceEnded.at } } : {}),
    ...(t.clientCorrections
      ? { clientCorrections: t.clientCorrections.map(({ fields, by, at }) => ({ fields, by, at })) }
      : {}),
    erasedAt: erasure.at,
    erasure: { basis: erasure.basis },
  };
}

/** The top-level fields of a stored ticket the pseudonymised one no longer has (to remove). */
export function removedFields(before: object, after: object): string[] {
  return Object.keys(before).filter((field) => !(field in after));
}
