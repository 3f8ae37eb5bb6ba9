/**
 * The ticket: one client request, whatever channel it came by, routed to exactly one competent
 * unit with the reason why, and dated by that unit's deadlines.
 */
import { type CompetenceId, findCompetence, triageCompetence } from './competences.ts';
import { type AnswerDates, answerDates, type Backlog } from './expected-answer.ts';
import type { IntakeMessage } from './intake-message.ts';
import type { Language } from './language.ts';
import type { PostalAddress } from './postal-address.ts';
import { type RoutingDecision, route } from './routing.ts';
import type { LinkReason, MatchedBy, TicketLink } from './ticket-link.ts';

export type TicketStatus = 'new' | 'open' | 'waiting-on-client' | 'answered' | 'closed';
export type Channel = IntakeMessage['channel'];

export interface Client {
  readonly name: string;
  /** A placeholder of the `.invalid` domain when the client gave none (see `hasEmailAddress`). */
  readonly email: string;
  readonly phone?: string;
  /** Where letters go: the return address of a letter the client sent by post. */
  readonly postalAddress?: PostalAddress;
}

/** A letter registered by the mailroom (channel `postal`), as intake received it. */
export type PostalReceipt = NonNullable<IntakeMessage['postal']>;

/** A call taken and logged by staff (channel `phone`). */
export type LoggedCall = NonNullable<IntakeMessage['call']>;

/**
 * The client asked to be called back (§19.1): the ticket waits in its unit's callback list until
 * a staff member records the call (`done`).
 */
export interface CallbackRequest {
  /** A Latvian mobile number, E.164. */
  readonly phone: string;
  readonly done?: { readonly by: string; readonly at: string; readonly outcome: CallbackOutcome };
}

/** How a callback went: the client was reached, or could not be (then an answer goes in writing). */
export type CallbackOutcome = 'reached' | 'not-reached';

/** A staff member's typed summary of a scan without a text layer. */
export interface Transcription {
  readonly text: string;
  readonly by: string;
  readonly at: string;
}

export interface Ticket {
  readonly reference: string;
  readonly sourceId: string;
  /** The key of the intake's idempotency record (`IDEMPOTENCY#<key>`), when one was written. */
  readonly idempotencyKey?: string;
  readonly channel: Channel;
  readonly status: TicketStatus;
  readonly language: Language;
  readonly client: Client;
  readonly topic: string;
  readonly competence: CompetenceId;
  /** Why the ticket went to its competence: the rule and what matched (shown to staff). */
  readonly routing: RoutingDecision;
  readonly subject: string;
  readonly body: string;
  /** An email's HTML body: untrusted, only ever shown sanitised in a sandboxed frame. */
  readonly bodyHtml?: string;
  /** For email: the client's Message-ID and References, so that our answers thread under them. */
  readonly email?: { readonly messageId?: string; readonly references: readonly string[] };
  /** Files that came with the request, in the mail bucket. */
  readonly attachments?: readonly {
    readonly key: string;
    readonly filename: string;
    readonly contentType: string;
    readonly size: number;
    readonly inline: boolean;
  }[];
  /** Post: the mailroom's registration of the letter; its scan is the first attachment. */
  readonly postal?: PostalReceipt;
  /** Phone: the call staff logged. */
  readonly call?: LoggedCall;
  readonly callback?: CallbackRequest;
  /** Post: what a staff member typed of a scan that had no text (`postal.needsTranscription`). */
  readonly transcription?: Transcription;
  /** ISO instant in UTC. */
  readonly receivedAt: string;
  /** ISO instant in UTC when the ticket was stored (after the intake queue). */
  readonly storedAt: string;
  /** Legal answer deadline, `YYYY-MM-DD` in Europe/Riga. */
  readonly answerDeadline: string;
  /** The unit's first-response target, `YYYY-MM-DD` in Europe/Riga. */
  readonly firstResponseDue: string;
  /** The date we tell the client to expect an answer by, never later than the deadline. */
  readonly expectedAnswerBy: string;
  readonly acknowledgement?: { readonly sesMessageId: string; readonly sentAt: string };
  /** Moves to other competences, oldest first (§16): who, when, from where to where and why. */
  readonly reroutes?: readonly Reroute[];
  /** Extensions of the answer deadline, oldest first, each with the reason the client was given. */
  readonly deadlineExtensions?: readonly DeadlineChange[];
  /**
   * Reopenings by a client's follow-up, oldest first: when, and the answer deadline before and
   * after (the follow-up's own deadline when later). With `deadlineExtensions`, the deadline in
   * force at any time (the service-quality figures' "answered by the deadline").
   */
  readonly reopenings?: readonly Reopening[];
  /** The staff member working the ticket, once taken. */
  readonly assignee?: string;
  readonly takenAt?: string;
  /**
   * The first reply staff sent the client (ISO instant), set in the same write as that reply: the
   * first response of the service-quality figures.
   */
  readonly firstResponseAt?: string;
  /** Status changes made by staff, oldest first (taking a ticket is `takenAt`). */
  readonly statusChanges?: readonly StatusChange[];
  /**
   * Set when the sender's service had been ended (§17) before this arrived: the ticket waits for a
   * supervisor (the `review` worklist, not the unit's queue) and got no acknowledgement.
   */
  readonly review?: { readonly reason: 'service-ended'; readonly since: string };
  /** Related tickets (§7 threading): a follow-up ticket and what it follows, a quoted reference. */
  readonly links?: readonly TicketLink[];
  /**
   * Why a mail that named another ticket started this one instead of joining it: the other
   * ticket's client is someone else (or the sender's address is not verified), that ticket was
   * settled too long ago, or its service ended.
   */
  readonly threading?: {
    readonly linkedTo: string;
    readonly by: MatchedBy;
    readonly why: LinkReason;
  };
  /** When the client last wrote (a follow-up mail joined the ticket). */
  readonly lastClientMessageAt?: string;
  /** For email: the mail was automatic (RFC 3834) or spam, as intake found (no survey invitation). */
  readonly screening?: { readonly automatic?: boolean; readonly spam?: boolean };
  /** Service ended on this ticket (§17): why, by whom, when. */
  readonly serviceEnded?: { readonly reason: string; readonly by: string; readonly at: string };
  /** Corrections of the client's data (§13), oldest first: which fields, why, by whom, when (never the old values). */
  readonly clientCorrections?: readonly ClientCorrectionRecord[];
}

/** One correction of the client's data: the fields changed, the reason, who and when. */
export interface ClientCorrectionRecord {
  readonly fields: readonly ('name' | 'email' | 'phone' | 'postalAddress')[];
  /** Absent once the ticket is pseudonymised (free text about the client). */
  readonly reason?: string;
  readonly by: string;
  readonly at: string;
}

export interface StatusChange {
  readonly from: TicketStatus;
  readonly to: TicketStatus;
  readonly by: string;
  readonly at: string;
}

/**
 * Whether the client can be written to by email: not a placeholder of the reserved `.invalid`
 * domain (RFC 2606), which a released mail without a readable sender gets. Such clients are
 * answered by post.
 */
export function hasEmailAddress(client: { readonly email: string }): boolean {
  return !/(^|[@.])invalid$/i.test(client.email.trim());
}

/** Whether a ticket still waits for its answer (and so counts against its deadline). */
export function stillToAnswer(status: TicketStatus): boolean {
  return status !== 'answered' && status !== 'closed';
}

export interface Reroute {
  readonly from: CompetenceId;
  readonly to: CompetenceId;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/** A settled ticket put back to work by a client's follow-up, with its answer deadline then. */
export interface Reopening {
  readonly at: string;
  /** The answer deadline before, `YYYY-MM-DD`. */
  readonly from: string;
  /** The answer deadline from then on. */
  readonly to: string;
}

export interface DeadlineChange {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/** Routes a request that arrives without a decision (email, post, phone). */
export function routeIntake(message: IntakeMessage): RoutingDecision {
  return route({
    channel: message.channel,
    ...(message.recipients?.length ? { recipient: message.recipients } : {}),
    topic: message.topic,
    subject: message.subject,
    body: message.body,
    senderEmail: message.client.email,
    language: message.language,
  });
}

/** The dates of a request received at `receivedAt` by `competence`, given the unit's backlog. */
export function datesFor(receivedAt: Date, competence: CompetenceId, backlog: Backlog | number): AnswerDates {
  return answerDates(receivedAt, findCompetence(competence) ?? triageCompetence, backlog);
}

/**
 * The new ticket an intake message describes: routed and dated at intake when the message says so,
 * otherwise now, given the backlog of the unit it routes to.
 */
export function ticketFromIntake(
  message: IntakeMessage,
  storedAt: Date,
  backlog: (competence: CompetenceId) => Backlog | number,
): Ticket {
  const routing = message.routing ?? routeIntake(message);
  const dates =
    message.dates ?? datesFor(new Date(message.receivedAt), routing.competence, backlog(routing.competence));
  return {
    reference: message.reference,
    sourceId: message.sourceId,
    ...(message.idempotencyKey ? { idempotencyKey: message.idempotencyKey } : {}),
    channel: message.channel,
    status: 'new',
    language: message.language,
    client: {
      name: message.client.name,
      email: message.client.email,
      ...(message.client.phone ? { phone: message.client.phone } : {}),
      ...(message.client.postalAddress ? { postalAddress: message.client.postalAddress } : {}),
    },
    topic: message.topic,
    competence: routing.competence,
    routing,
    subject: message.subject,
    body: message.body,
    ...(message.html ? { bodyHtml: message.html } : {}),
    ...(message.attachments?.length ? { attachments: message.attachments } : {}),
    ...(message.email ? { email: message.email } : {}),
    ...(message.postal ? { postal: message.postal } : {}),
    ...(message.call ? { call: message.call } : {}),
    ...(message.callback ? { callback: { phone: message.callback.phone } } : {}),
    ...(message.screening?.automatic || message.screening?.spam ? { screening: message.screening } : {}),
    receivedAt: message.receivedAt,
    storedAt: storedAt.toISOString(),
    answerDeadline: dates.answerDeadline,
    firstResponseDue: dates.firstResponseDue,
    expectedAnswerBy: dates.expectedAnswerBy,
  };
}
