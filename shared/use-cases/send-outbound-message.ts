/**
 * Sends messages to clients, once per outbound id. A send is recorded (with SES's message id)
 * before the queue message is acknowledged, so a redelivered message finds it and sends nothing.
 * Two deliveries of one outbound id never run at the same time: every outbound message of a ticket
 * is in the ticket's FIFO message group, and the queue's visibility timeout (180 s) is longer than
 * the function's (30 s). What remains is a crash between SES accepting the mail and the record
 * being written: then the message is sent again (at least once rather than lost).
 */

import { createHash } from 'node:crypto';
import { acknowledgementsPerAddressPerHour } from '../domain/acknowledgement-limits.ts';
import { auditEventSource, auditRecord, ticketResource } from '../domain/audit-event.ts';
import { localDate } from '../domain/deadlines.ts';
import { referenceTagName } from '../domain/delivery-problem.ts';
import { TicketNotFound } from '../domain/errors.ts';
import { stableId } from '../domain/ids.ts';
import type { OutboundMessage } from '../domain/intake-message.ts';
import type { PostalAddress } from '../domain/postal-address.ts';
import { isErased } from '../domain/pseudonymise-ticket.ts';
import { isReplyUploadKey } from '../domain/reply-attachments.ts';
import { hasEmailAddress, type Ticket } from '../domain/ticket.ts';
import { message as catalogueMessage } from '../i18n/messages.ts';
import type { LetterContent } from '../letters/letter-pdf.ts';
import {
  htmlFromText,
  type RenderedEmail,
  renderAcknowledgement,
  renderDeadlineExtensionNotice,
  renderEndServiceNotice,
  renderReply,
  renderRerouteNotice,
  renderSurveyInvitation,
  type SuggestedArticle,
} from '../mail/notices.ts';
import { type HeaderField, threadingHeaders } from '../mail/outbound-headers.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { EmailAttachment, Mailer } from '../ports/mailer.ts';
import type { CompletedSend, OutboundStore, WithheldReason } from '../ports/outbound.ts';
import type { ThreadMessage } from '../ports/thread-message.ts';
import {
  type AcknowledgementBudgetSettings,
  acknowledgementWithheld,
} from './check-acknowledgement-limits.ts';
import {
  type PreparedInvitation,
  prepareInvitation,
  type SurveyInvitationDeps,
} from './survey-invitation.ts';

export interface SendOutboundDeps {
  readonly store: OutboundStore;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly senderAddress: string;
  /** The files of replies (`replies/<reference>/…` in the mail bucket); needed only for those. */
  readonly replyFiles?: BlobStore;
  /**
   * Letters for clients without an email address but with a postal address: rendered
   * to PDF and stored under `prefix` for the mailroom. Without it such messages are withheld.
   */
  readonly letters?: {
    readonly render: (content: LetterContent) => Promise<Uint8Array>;
    readonly files: BlobStore;
    readonly prefix: string;
  };
  /**
   * Up to two published articles of the knowledge base for a new request's text, named in its
   * acknowledgement (§10). Without it, or when it fails, the acknowledgement names none: finding
   * articles never holds an acknowledgement back.
   */
  readonly suggestArticles?: (ticket: Ticket) => Promise<readonly SuggestedArticle[]>;
  /**
   * Survey invitations (§26): `survey` messages, and replies that carry one. Without it no
   * invitation goes out (a `survey` message is skipped, a reply goes without the link).
   */
  readonly surveys?: SurveyInvitationDeps;
  /**
   * The court's hourly budget of acknowledgements (`check-acknowledgement-limits.ts`): over it, an
   * acknowledgement is withheld (`ack-budget`). Without it (tests of other things), none is counted.
   */
  readonly acknowledgementBudget?: AcknowledgementBudgetSettings;
}

/** `skipped`: a survey invitation that was not to go (audited with the reason). */
export type SendOutcome = 'sent' | 'already-sent' | 'skipped' | Error;

/** Sends each message; answers per message, in order, its outcome or the error that stopped it. */
export async function sendOutboundMessages(
  deps: SendOutboundDeps,
  messages: readonly OutboundMessage[],
): Promise<SendOutcome[]> {
  const states = await deps.store.getForSending(messages);
  const outcomes: SendOutcome[] = messages.map(() => 'already-sent');
  const completed: { index: number; send: CompletedSend }[] = [];

  await Promise.all(
    messages.map(async (outbound, index) => {
      const { ticket, sent, message } = states[index] ?? { ticket: undefined, sent: false };
      if (!ticket) {
        outcomes[index] = new TicketNotFound(outbound.reference);
        return;
      }
      if (sent) return;
      try {
        const result = await send(deps, ticket, outbound, message);
        if (result === 'skipped') outcomes[index] = 'skipped';
        else completed.push({ index, send: result });
      } catch (error) {
        outcomes[index] = error instanceof Error ? error : new Error(String(error));
      }
    }),
  );

  if (completed.length) {
    const recorded = await deps.store.completeOutbounds(completed.map((entry) => entry.send));
    completed.forEach((entry, i) => {
      const result = recorded[i];
      // A send whose record could not be written fails and is retried: sent again rather than lost.
      outcomes[entry.index] = result instanceof Error ? result : result ? 'sent' : 'already-sent';
    });
  }
  return outcomes;
}

export async function sendOutboundMessage(
  deps: SendOutboundDeps,
  outbound: OutboundMessage,
): Promise<'sent' | 'already-sent' | 'skipped'> {
  const [outcome] = await sendOutboundMessages(deps, [outbound]);
  if (outcome instanceof Error) throw outcome;
  return outcome ?? 'already-sent';
}

/** A reply whose thread message is not (yet) readable: retried, then dead-lettered. */
export class ReplyMessageMissing extends Error {
  constructor(outboundId: string) {
    super(`The message of ${outboundId} was not found`);
    this.name = 'ReplyMessageMissing';
  }
}

/** The articles an acknowledgement names; none for other messages, or when they cannot be found. */
async function suggestionsFor(
  deps: SendOutboundDeps,
  ticket: Ticket,
  outbound: OutboundMessage,
): Promise<readonly SuggestedArticle[]> {
  if (outbound.kind !== 'acknowledgement' || !deps.suggestArticles) return [];
  try {
    return await deps.suggestArticles(ticket);
  } catch {
    return [];
  }
}

function render(
  ticket: Ticket,
  outbound: OutboundMessage,
  message: ThreadMessage | undefined,
  articles: readonly SuggestedArticle[] = [],
  invitation?: PreparedInvitation,
): RenderedEmail {
  switch (outbound.kind) {
    case 'reroute-notice':
      return renderRerouteNotice(ticket);
    case 'deadline-extension':
      return renderDeadlineExtensionNotice(ticket);
    case 'end-service':
      return renderEndServiceNotice(ticket);
    case 'reply':
      if (message?.kind !== 'reply') throw new ReplyMessageMissing(outbound.outboundId);
      // A letter prints the link with its QR code instead (printLetter).
      return renderReply(ticket, message.text, invitation?.via === 'footer' ? invitation.url : undefined);
    case 'acknowledgement':
      return renderAcknowledgement(ticket, articles);
    case 'survey':
      if (!invitation) throw new Error(`The invitation ${outbound.outboundId} was not prepared`);
      return renderSurveyInvitation(ticket, invitation.url);
  }
}

/** A reply's file that cannot be read (or is not this ticket's): retried, then dead-lettered. */
export class ReplyAttachmentUnavailable extends Error {
  constructor(outboundId: string, index: number) {
    super(`Attachment ${index + 1} of ${outboundId} cannot be read`);
    this.name = 'ReplyAttachmentUnavailable';
  }
}

/** The reply's files, read from the bucket: only keys under the ticket's own `replies/` folder. */
async function replyAttachments(
  deps: SendOutboundDeps,
  ticket: Ticket,
  outbound: OutboundMessage,
  message: ThreadMessage | undefined,
): Promise<EmailAttachment[]> {
  if (outbound.kind !== 'reply' || !message?.attachments?.length) return [];
  return Promise.all(
    message.attachments.map(async (file, index) => {
      const content = isReplyUploadKey(ticket.reference, file.key)
        ? await deps.replyFiles?.get(file.key)
        : undefined;
      if (!content) throw new ReplyAttachmentUnavailable(outbound.outboundId, index);
      // The bytes the reply attached, or none: a file stored again since is not sent.
      if (file.sha256 && createHash('sha256').update(content).digest('base64') !== file.sha256)
        throw new ReplyAttachmentUnavailable(outbound.outboundId, index);
      return { filename: file.filename, contentType: file.contentType, content };
    }),
  );
}

/** The key of a message's letter: one per outbound message, the same on every redelivery. */
export function letterKey(prefix: string, reference: string, outboundId: string): string {
  return `${prefix}${reference}/${outboundId}.pdf`;
}

/**
 * A message to a client who wrote by post without an email address: the same text as the email
 * would have, as a printed letter for the mailroom (§9: with a pointer to the online channels).
 * The key is the message's: a redelivery (before the send record is written) writes the letter
 * again over the same key, dated the day it is rendered.
 */
async function printLetter(
  deps: SendOutboundDeps,
  letters: NonNullable<SendOutboundDeps['letters']>,
  ticket: Ticket,
  postalAddress: PostalAddress,
  outbound: OutboundMessage,
  message: ThreadMessage | undefined,
  invitation: PreparedInvitation | undefined,
): Promise<CompletedSend> {
  const email = render(ticket, outbound, message, await suggestionsFor(deps, ticket, outbound));
  const now = deps.clock.now();
  // The mail's signature separator and "automatic mail" note mean nothing on paper.
  const body = email.text.replace(/\n-- \n[\s\S]*$/, '\n').trimEnd();
  const online = catalogueMessage(ticket.language, 'letter.online', { reference: ticket.reference });
  const pdf = await letters.render({
    language: ticket.language,
    reference: ticket.reference,
    date: localDate(now),
    recipient: { name: ticket.client.name, postalAddress },
    subject: email.subject,
    text: `${body}\n\n${online}`,
    ...(invitation
      ? { survey: { url: invitation.url, text: catalogueMessage(ticket.language, 'letter.survey') } }
      : {}),
  });
  const key = letterKey(letters.prefix, ticket.reference, outbound.outboundId);
  await letters.files.put(key, Buffer.from(pdf), 'application/pdf');
  const at = now.toISOString();
  const enclosures =
    outbound.kind === 'reply'
      ? (message?.attachments ?? []).map(({ key, filename }) => ({ key, filename }))
      : [];
  return {
    reference: ticket.reference,
    outboundId: outbound.outboundId,
    kind: outbound.kind,
    sesMessageId: '',
    sentAt: at,
    ...(invitation ? { invitationAudit: invitation.audit } : {}),
    letter: {
      reference: ticket.reference,
      letterId: outbound.outboundId,
      kind: outbound.kind,
      key,
      size: pdf.length,
      createdAt: at,
      recipientName: ticket.client.name,
      competence: ticket.competence,
      ...(enclosures.length ? { enclosures } : {}),
    },
    audit: auditRecord({
      eventTime: at,
      eventSource: auditEventSource,
      eventName: 'PrepareLetter',
      eventType: 'AwsServiceEvent',
      userIdentity: { type: 'Service', invokedBy: 'send-email' },
      sourceIPAddress: 'courtdesk.internal',
      userAgent: 'courtdesk/send-email',
      requestParameters: { kind: outbound.kind, outboundId: outbound.outboundId },
      responseElements: { key, size: pdf.length, enclosures: enclosures.length },
      requestID: outbound.outboundId,
      eventID: stableId(outbound.outboundId, 'PrepareLetter'),
      readOnly: false,
      resources: [ticketResource(ticket.reference)],
    }),
  };
}

async function send(
  deps: SendOutboundDeps,
  ticket: Ticket,
  outbound: OutboundMessage,
  message: ThreadMessage | undefined,
): Promise<CompletedSend | 'skipped'> {
  const { postalAddress } = ticket.client;
  // A pseudonymised ticket has no client left: nothing goes to it, by email or by post.
  const erased = isErased(ticket);
  const letters = !erased && !hasEmailAddress(ticket.client) && postalAddress ? deps.letters : undefined;
  // Whether the message will go at all, decided before an invitation is claimed: a withheld
  // message claims nothing (neither the ticket's invitation nor the address's 30 days).
  const withheld: WithheldReason | undefined = erased
    ? 'erased'
    : letters
      ? undefined
      : !hasEmailAddress(ticket.client)
        ? 'no-address'
        : outbound.kind === 'acknowledgement'
          ? await acknowledgementWithheld(
              deps.store,
              deps.acknowledgementBudget,
              ticket,
              deps.clock.now(),
              outbound.outboundId,
            )
          : undefined;
  // A `survey` message is always checked (its skips are audited: a client without an address is
  // one); an invitation in a reply only when the reply goes.
  const invitation =
    (outbound.kind === 'survey' && !erased) || (outbound.kind === 'reply' && outbound.invite && !withheld)
      ? deps.surveys && (await prepareInvitation(deps.surveys, deps.clock, ticket, outbound))
      : undefined;
  if (outbound.kind === 'survey' && !invitation && !erased) return 'skipped';
  if (letters && postalAddress)
    return printLetter(deps, letters, ticket, postalAddress, outbound, message, invitation);
  if (withheld) {
    const at = deps.clock.now().toISOString();
    return {
      reference: ticket.reference,
      outboundId: outbound.outboundId,
      kind: outbound.kind,
      sesMessageId: '',
      sentAt: at,
      withheld,
      audit: auditRecord({
        eventTime: at,
        eventSource: auditEventSource,
        eventName: outbound.kind === 'acknowledgement' ? 'WithholdAcknowledgement' : 'WithholdEmail',
        eventType: 'AwsServiceEvent',
        userIdentity: { type: 'Service', invokedBy: 'send-email' },
        sourceIPAddress: 'courtdesk.internal',
        userAgent: 'courtdesk/send-email',
        requestParameters: { kind: outbound.kind, outboundId: outbound.outboundId },
        responseElements:
          withheld === 'rate-limit'
            ? { reason: withheld, limit: acknowledgementsPerAddressPerHour }
            : withheld === 'ack-budget'
              ? { reason: withheld, limit: deps.acknowledgementBudget?.perHour }
              : { reason: withheld },
        requestID: outbound.outboundId,
        eventID: stableId(outbound.outboundId, 'WithholdAcknowledgement'),
        readOnly: false,
        resources: [ticketResource(ticket.reference)],
      }),
    };
  }
  const email = render(ticket, outbound, message, await suggestionsFor(deps, ticket, outbound), invitation);
  const attachments = await replyAttachments(deps, ticket, outbound, message);
  const headers: HeaderField[] = [
    // Threaded under the client's mail, so that their mail program shows our answers with it.
    ...threadingHeaders(ticket.email),
    // RFC 3834: notices (and survey invitations) are automatic replies, so that the client's
    // auto-responders do not answer them; a staff member's reply is a person's answer and may be answered.
    ...(outbound.kind === 'reply' ? [] : [{ name: 'Auto-Submitted', value: 'auto-replied' }]),
  ];
  const sesMessageId = await deps.mailer.send({
    from: deps.senderAddress,
    to: ticket.client.email,
    subject: email.subject,
    text: email.text,
    html: htmlFromText(email.text, ticket.language, email.subject),
    ...(headers.length ? { headers } : {}),
    // SES repeats it in a bounce or complaint event about this mail (functions/mail-events).
    tags: [{ name: referenceTagName, value: ticket.reference }],
    ...(attachments.length ? { attachments } : {}),
  });
  const sentAt = deps.clock.now().toISOString();
  return {
    reference: ticket.reference,
    outboundId: outbound.outboundId,
    kind: outbound.kind,
    sesMessageId,
    sentAt,
    ...(invitation ? { invitationAudit: invitation.audit } : {}),
    audit: auditRecord({
      eventTime: sentAt,
      eventSource: auditEventSource,
      eventName: 'SendEmail',
      eventType: 'AwsServiceEvent',
      userIdentity: { type: 'Service', invokedBy: 'send-email' },
      sourceIPAddress: 'courtdesk.internal',
      userAgent: 'courtdesk/send-email',
      requestParameters: {
        kind: outbound.kind,
        outboundId: outbound.outboundId,
        ...(attachments.length ? { attachments: attachments.length } : {}),
      },
      responseElements: { sesMessageId },
      requestID: outbound.outboundId,
      eventID: stableId(outbound.outboundId, 'SendEmail'),
      readOnly: false,
      resources: [ticketResource(ticket.reference)],
    }),
  };
}
