/**
 * The ports: what the use cases need from the outside world. Adapters implement them against
 * DynamoDB, SQS and SES (`../adapters/*`) or in memory for unit tests.
 */
import type { AuditRecord } from '../domain/audit-event.ts';
import type { DeliveryProblem } from '../domain/delivery-problem.ts';
import type { Backlog } from '../domain/expected-answer.ts';
import type { IntakeMessage, OutboundMessage } from '../domain/intake-message.ts';
import type { ReplyAttachment } from '../domain/reply-attachments.ts';
import type { MatchedBy, TicketLink } from '../domain/threading.ts';
import type {
  CallbackRequest,
  DeadlineChange,
  Reroute,
  StatusChange,
  Ticket,
  TicketStatus,
  Transcription,
} from '../domain/ticket.ts';
import type { LetterDispatch, LetterRecord } from './postal.ts';

export interface Clock {
  now(): Date;
}

export interface IdempotencyRecord {
  readonly key: string;
  /** Hash of the request the key was first used with. */
  readonly fingerprint: string;
  readonly message: IntakeMessage;
}

export interface NewTicket {
  readonly ticket: Ticket;
  readonly audit: AuditRecord;
  /** Message-id keys (`messageIdKey`) that thread to this ticket from now on: the mail's own. */
  readonly threadKeys?: readonly string[];
  /** The reverse link, recorded on the older ticket a follow-up or quoting mail named. */
  readonly linkBack?: { readonly reference: string; readonly link: TicketLink };
}

/** A client's mail that joins an existing ticket (§7 threading), written with its audit record. */
export interface ClientFollowUp {
  /**
   * The ticket as the decision saw it (optimistic concurrency): its status, unit and deadline, so
   * that a staff member's change made meanwhile is decided on again rather than overwritten.
   */
  readonly expect: {
    readonly status: TicketStatus;
    readonly competence: string;
    readonly answerDeadline: string;
    /** Held for a supervisor (§17): a reopened ticket returns to the review list, not the queue. */
    readonly review: boolean;
  };
  readonly message: ThreadMessage;
  /** The mail's Message-ID and References: our next answer threads under it. */
  readonly email?: Ticket['email'];
  readonly attachments?: Ticket['attachments'];
  /** Back to work: the status change, and the dates counted from the follow-up when later. */
  readonly reopen?: {
    readonly statusChange: StatusChange;
    readonly competence: string;
    readonly answerDeadline: string;
    readonly firstResponseDue: string;
    readonly expectedAnswerBy: string;
  };
  /** Keys that thread to this ticket from now on: the follow-up's own message id, its source marker. */
  readonly threadKeys: readonly string[];
  readonly audit: AuditRecord;
}

export interface CompletedSend {
  readonly reference: string;
  readonly outboundId: string;
  readonly kind: OutboundMessage['kind'];
  readonly sesMessageId: string;
  readonly sentAt: string;
  /**
   * Not sent, on purpose: the address had its hour's acknowledgements already, or the client has
   * no email address (a placeholder of the `.invalid` domain).
   */
  readonly withheld?: WithheldReason;
  /** Printed instead of sent (no email address, a postal address): the letter for the mailroom. */
  readonly letter?: LetterRecord;
  readonly audit: AuditRecord;
}

export type WithheldReason = 'rate-limit' | 'no-address';

export interface TicketStore {
  /** Atomically adds `size` to `year`'s reference counter and returns the new value. */
  reserveReferenceBlock(year: number, size: number): Promise<number>;
  getIdempotency(key: string): Promise<IdempotencyRecord | undefined>;
  /** Stores the record unless the key is taken; `false` when it was. */
  putIdempotency(record: IdempotencyRecord, expiresAt: Date): Promise<boolean>;
  /**
   * Creates each ticket together with its audit record, in as few requests as it can; answers per
   * entry, in order, `exists` when the reference was taken already (a redelivered message), or the
   * error that entry failed with. One entry's failure never fails the others.
   */
  createTickets(entries: readonly NewTicket[]): Promise<('created' | 'exists' | Error)[]>;
  getTicket(reference: string): Promise<Ticket | undefined>;
  /**
   * For each outbound message: its ticket, whether it was sent (and recorded) already, and for a
   * reply the thread message whose text is sent.
   */
  getForSending(
    messages: readonly { reference: string; outboundId: string; messageId?: string | undefined }[],
  ): Promise<{ ticket: Ticket | undefined; sent: boolean; message?: ThreadMessage | undefined }[]>;
  /**
   * Records completed sends (SES message id, time) on their outbound items in the tickets'
   * partitions, with their audit records; `getTicket` shows an acknowledgement's as the ticket's
   * `acknowledgement`. Answers per entry `true` when recorded now, `false` when recorded already,
   * or the error that entry failed with.
   */
  completeOutbounds(entries: readonly CompletedSend[]): Promise<(boolean | Error)[]>;
  /**
   * Moves a ticket from `change.from` to `change.to`, back to the new unit's queue (unassigned),
   * with its new expected date and the reroute appended; undefined when the ticket is not in
   * `change.from` (any more) or is answered or closed.
   */
  rerouteTicket(
    reference: string,
    change: {
      readonly reroute: Reroute;
      readonly expectedAnswerBy: string;
      /** A new ticket held for a supervisor (§17) stays held in the new unit. */
      readonly heldForReview?: boolean;
      /** A callback is still to be made: the ticket moves to the new unit's callback list too. */
      readonly callbackPending?: boolean;
    },
  ): Promise<Ticket | undefined>;
  /**
   * Moves the answer deadline from `change.from` to `change.to` and appends the change; undefined
   * when the deadline is not `change.from` (any more) or the ticket is answered or closed.
   */
  extendTicketDeadline(
    reference: string,
    change: DeadlineChange,
    /** When given, the ticket must (still) be in this unit. */
    competence?: string,
  ): Promise<Ticket | undefined>;
  /** Tickets of `competence` received and not yet answered (eventually consistent). */
  openTickets(competence: string): Promise<number>;
  /** How many tickets `competence` answered on each of `days` (`YYYY-MM-DD`), in that order. */
  answeredOn(competence: string, days: readonly string[]): Promise<number[]>;
  /** Counts an answer of `competence` on `day` (the staff workflow calls it when a ticket is answered). */
  countAnswered(competence: string, day: string): Promise<void>;
  /** Adds each delta to its competence's count of open tickets. */
  adjustOpenTickets(changes: ReadonlyMap<string, number>): Promise<void>;
  /** Counts a discarded spam submission for the day. */
  countDiscarded(reason: 'honeypot', day: string): Promise<void>;
  discardedCount(reason: 'honeypot', day: string): Promise<number>;
  /**
   * How many tickets of the client key were received from `from` up to and including `ticket`
   * (a `receivedAt#reference` key), counting at most `limit`.
   */
  ticketsReceivedBetween(clientKey: string, from: string, through: string, limit: number): Promise<number>;
  /** The tickets the given message-id keys (`messageIdKey`) thread to, by key; unknown keys absent. */
  threadTargets(keys: readonly string[]): Promise<Map<string, string>>;
  /**
   * Adds a client's follow-up to the ticket: `duplicate` when it is there already (a redelivered
   * message), `conflict` when the ticket's status changed since it was read.
   */
  addClientMessage(reference: string, followUp: ClientFollowUp): Promise<'added' | 'duplicate' | 'conflict'>;
  /** Keeps a message in quarantine; `false` when it is there already (a redelivered event). */
  quarantine(record: QuarantineRecord): Promise<boolean>;
  /** Of the given client keys (`clientGroupId`), those whose service was ended (§17). */
  serviceEndedSenders(clientKeys: readonly string[]): Promise<Set<string>>;
}

/** A staff member's reply or internal note, or a client's follow-up mail, in a ticket's thread. */
export interface ThreadMessage {
  readonly id: string;
  readonly kind: 'reply' | 'note' | 'client';
  readonly at: string;
  /** Staff username; for a client's mail, the sender's address. */
  readonly author: string;
  readonly text: string;
  /** For a reply: the outbound message that carries it to the client. */
  readonly outboundId?: string;
  /** For a client's mail: its subject, its HTML (untrusted), and how it was matched to the ticket. */
  readonly subject?: string;
  readonly html?: string;
  readonly threading?: {
    readonly by: MatchedBy;
    readonly matched: string;
    /** The status the follow-up put the ticket back to, if it did. */
    readonly reopened?: TicketStatus;
    /** Automatic mail (an auto-reply): joined, but the ticket's status left alone. */
    readonly automatic?: boolean;
  };
  /**
   * For a client's mail: the files that came with it (also listed on the ticket while there is
   * room). For a reply: the files sent with it (uploads under `replies/<reference>/`, no `inline`).
   */
  readonly attachments?: readonly (ReplyAttachment & { readonly inline?: boolean })[];
}

/** A message recorded as sent to the client (SES accepted it). */
export interface SentRecord {
  readonly outboundId: string;
  readonly kind: string;
  readonly sentAt: string;
  readonly sesMessageId: string;
  /** Not sent on purpose, and why (an acknowledgement over the hourly limit; no email address). */
  readonly withheld?: WithheldReason;
  /** Printed as a letter (no email address): its id, and its dispatch once the mailroom posted it. */
  readonly letter?: { readonly letterId: string; readonly dispatch?: LetterDispatch };
}

/** A ticket with everything kept in its partition. */
export interface TicketRecord {
  readonly ticket: Ticket;
  readonly messages: readonly ThreadMessage[];
  readonly sent: readonly SentRecord[];
  /** Bounces and complaints SES reported for the ticket's mail, oldest first. */
  readonly deliveryProblems?: readonly DeliveryProblem[];
}

/** What a staff member changes on a ticket, written together with its audit record. */
export interface StaffWrite {
  /** The status the ticket must have (optimistic concurrency); the unit it must be in. */
  readonly expect: {
    readonly status: TicketStatus;
    readonly competence: string;
    readonly answerDeadline: string;
  };
  /** Adds a reply or note to the thread. */
  readonly message?: ThreadMessage;
  readonly statusChange?: StatusChange;
  /** Ends service (§17): recorded on the ticket, and the sender flagged by their client key. */
  readonly endService?: {
    readonly reason: string;
    readonly by: string;
    readonly at: string;
    readonly clientKey: string;
  };
  /** The callback the client asked for was made (or the client not reached): off the callback list. */
  readonly callbackDone?: NonNullable<CallbackRequest['done']>;
  /** The text typed in for a scan without one (once). */
  readonly transcription?: Transcription;
  readonly audit: AuditRecord;
}

/** The staff side of the tickets: detail reads and the writes of the staff API. */
export interface TicketDesk {
  record(reference: string): Promise<TicketRecord | undefined>;
  /**
   * Applies the write atomically: `conflict` when the ticket is no longer as expected,
   * `duplicate` when the message id exists already (a retried request), else the new ticket.
   */
  write(reference: string, change: StaffWrite): Promise<Ticket | 'conflict' | 'duplicate'>;
  /** A client's tickets by client key, newest first. */
  clientTickets(clientKey: string, limit: number): Promise<Ticket[]>;
}

/** Reads a unit's backlog (open tickets, recent answers a day), for the expected answer date. */
export interface BacklogReader {
  backlog(competence: string): Promise<Backlog>;
}

export interface SendOptions {
  readonly groupId: string;
  readonly deduplicationId: string;
}

export interface MessageQueue<M> {
  send(message: M, options: SendOptions): Promise<void>;
  /** Sends several messages in as few requests as the queue allows. */
  sendBatch(entries: readonly { message: M; options: SendOptions }[]): Promise<void>;
}

export interface OutgoingEmail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** The same message as HTML, sent as an alternative to the text. */
  readonly html?: string;
  /** Further header fields, each name once (threading, Auto-Submitted). */
  readonly headers?: readonly { name: string; value: string }[];
  /**
   * Message tags (SES `EmailTags`): SES repeats them in the events it publishes about the mail, so
   * that a bounce names its ticket (`reference`). Names and values: `[A-Za-z0-9_-]`, up to 256.
   */
  readonly tags?: readonly { name: string; value: string }[];
  /**
   * Files sent as MIME attachments (`Content-Disposition: attachment`). Their names reach headers:
   * a name or type with a control character is refused (`UnsafeHeaderField`), never altered.
   */
  readonly attachments?: readonly EmailAttachment[];
}

export interface EmailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface Mailer {
  /**
   * Sends and returns the provider's message id. Every value that becomes a header is made safe
   * first (`shared/mail/outbound-headers.ts`): the subject and custom values folded, and an unsafe
   * header name or address refused with `UnsafeHeaderField`.
   */
  send(email: OutgoingEmail): Promise<string>;
}

/** Objects (raw mail, attachments) by key. */
export interface BlobStore {
  /** The object's bytes; undefined when there is no such key. */
  get(key: string): Promise<Buffer | undefined>;
  put(key: string, content: Buffer, contentType: string): Promise<void>;
}

/** An uploaded object as the bucket describes it (HeadObject). */
export interface UploadedObject {
  readonly size: number;
  readonly contentType: string;
  /** The user metadata the upload was signed with (`x-amz-meta-*`, lower-case names). */
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * Uploads straight from the browser to the bucket: a short-lived signed PUT bound to the object's
 * type, length and metadata, and a look at what arrived.
 */
export interface UploadTargets {
  /** The URL to PUT to and the headers the PUT must carry (they are part of the signature). */
  signPut(
    key: string,
    object: {
      contentType: string;
      size: number;
      metadata: Readonly<Record<string, string>>;
      /** Sign `If-None-Match: *`: the URL cannot replace an object already there. */
      ifNoneMatch?: boolean;
    },
    expiresInSeconds: number,
  ): Promise<{ url: string; headers: Record<string, string> }>;
  /** What is stored under `key`; undefined when nothing is. */
  describe(key: string): Promise<UploadedObject | undefined>;
}

/** Short-lived links through which staff download a ticket's files. */
export interface DownloadLinks {
  link(key: string, filename: string): Promise<string>;
}

/** Inbound mail that cannot become a ticket message as it is: kept, listed, releasable (never dropped). */
export interface QuarantineRecord {
  /** The SES message id (the raw mail's key is the raw-mail prefix + this). */
  readonly id: string;
  readonly rawKey: string;
  readonly reason: string;
  /** A short technical explanation, without personal data. */
  readonly detail: string;
  readonly receivedAt: string;
  /** The envelope recipients (our addresses). */
  readonly recipients: readonly string[];
  /**
   * The recipients as routing reads them (our inbound domain's addresses as the units' addresses),
   * so that a release needs no inbound-domain setting of its own.
   */
  readonly routedTo?: readonly string[];
  /** The unit whose supervisors decide about it (by the routing rules on the recipients; else triage). */
  readonly competence?: string;
  /** SES's verdicts as received (`PASS`, `FAIL`, …): a release must still not acknowledge spam or a virus. */
  readonly verdicts?: Readonly<Record<'spam' | 'virus' | 'spf' | 'dkim' | 'dmarc', string>>;
}

export interface AuditLog {
  /** Appends records; appending the same eventID twice keeps one. */
  append(records: readonly AuditRecord[]): Promise<void>;
}

/** A worklist: what a staff member sees, oldest first (or by deadline). */
export type WorklistView =
  /** A unit's tickets of one status, oldest first; `review`: new tickets waiting for a supervisor. */
  | { readonly kind: 'queue'; readonly competence: string; readonly status: TicketStatus | 'review' }
  | { readonly kind: 'mine'; readonly assignee: string }
  /** Still to answer, with the deadline from `from` through `through` (inclusive). */
  | { readonly kind: 'due'; readonly competence: string; readonly from: string; readonly through: string }
  /** Still to answer, with the deadline before `before`. */
  | { readonly kind: 'overdue'; readonly competence: string; readonly before: string }
  /** A unit's tickets whose client asked for a callback nobody has recorded yet, oldest first. */
  | { readonly kind: 'callbacks'; readonly competence: string };

export interface WorklistPage {
  readonly items: readonly Ticket[];
  /** Pass back to get the next page; absent on the last one. */
  readonly cursor?: string;
}

/** A ticket taken by a staff member, kept for the FIFO fairness report (§21). */
export interface TakeRecord {
  readonly reference: string;
  readonly competence: string;
  readonly assignee: string;
  readonly takenAt: string;
  readonly receivedAt: string;
  /** Whether it was the oldest waiting ticket the taker could take. */
  readonly inOrder: boolean;
  /** Why the queue was jumped; required when not in order. */
  readonly reason?: string;
  /** The oldest waiting ticket at the time, when it was passed over. */
  readonly passedOver?: string;
}

export interface Worklists {
  list(
    view: WorklistView,
    page: { readonly limit: number; readonly cursor?: string; readonly newestFirst?: boolean },
  ): Promise<WorklistPage>;
  /**
   * Assigns a new, unassigned ticket to `take.assignee` and records the take with its audit record,
   * atomically; `false` when the ticket is no longer new and unassigned (someone was faster).
   */
  take(take: TakeRecord, audit: AuditRecord): Promise<boolean>;
  /** The takes of a unit in a month (`YYYY-MM`, Riga time), in the order they happened. */
  takes(competence: string, month: string): Promise<TakeRecord[]>;
}
