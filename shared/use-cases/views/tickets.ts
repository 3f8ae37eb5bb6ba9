/**
 * What the staff verbs return about tickets: worklist rows, a ticket with its thread and history,
 * answer templates, an announced upload. The HTTP contract answers with these.
 */
import * as z from 'zod/mini';
import { competenceIds, localized, page, postalAddressView, uploadTargetShape } from './common.ts';
import { ticketSurveySchema } from './feedback.ts';

export const worklistViews = ['queue', 'mine', 'due', 'overdue', 'review', 'callbacks'] as const;
export type WorklistViewName = (typeof worklistViews)[number];

const statuses = z.enum(['new', 'open', 'waiting-on-client', 'answered', 'closed']);

export const deadlineBadges = ['overdue', 'due-soon'] as const;
export type DeadlineBadge = (typeof deadlineBadges)[number];

export const ticketSummarySchema = z.object({
  reference: z.string(),
  competence: z.enum(competenceIds),
  status: statuses,
  channel: z.enum(['web', 'email', 'postal', 'phone']),
  subject: z.string(),
  clientName: z.string(),
  receivedAt: z.string(),
  answerDeadline: z.string(),
  expectedAnswerBy: z.string(),
  assignee: z.optional(z.string()),
  /** Still to answer and past the deadline, or within the due-soon window (§5.3). */
  deadlineBadge: z.optional(z.enum(deadlineBadges)),
  /** The sender's service was ended (§17): a supervisor reviews it, no acknowledgement was sent. */
  review: z.optional(z.boolean()),
  /** The client asked to be called back and nobody has recorded the call yet (worklist rows). */
  callbackPending: z.optional(z.boolean()),
  /** The number to call back, while the callback is pending (E.164). */
  callbackPhone: z.optional(z.string()),
  /** A scanned letter without text that nobody has typed in yet (worklist rows). */
  needsTranscription: z.optional(z.boolean()),
});
export type TicketSummary = z.infer<typeof ticketSummarySchema>;

/** `GET /api/staff/tickets`, `/search`, `/related`. */
export const ticketListResponseSchema = page(ticketSummarySchema);
export type TicketListResponse = z.infer<typeof ticketListResponseSchema>;

export const attachmentSchema = z.object({
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  /** Short-lived download URL. */
  url: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const threadEntrySchema = z.object({
  id: z.string(),
  /** The client's message, our reply, an internal note, or an automatic notice to the client. */
  kind: z.enum(['client', 'reply', 'note', 'notice']),
  at: z.string(),
  /** Staff username for replies and notes. */
  author: z.optional(z.string()),
  text: z.string(),
  /** Client HTML (email): untrusted, to be sanitised and shown only in a sandboxed frame. */
  html: z.optional(z.string()),
  /**
   * For replies and notices: queued on outbound.fifo, sent (with SES's time), or withheld on purpose
   * (an acknowledgement over its address's hourly limit or the court's hourly budget).
   */
  delivery: z.optional(
    z.object({
      /** `letter`: printed for post, waiting for the mailroom; `posted`: the mailroom sent it. */
      state: z.enum(['queued', 'sent', 'withheld', 'letter', 'posted']),
      sentAt: z.optional(z.string()),
      /** For a letter: its id (the mailroom's list) and, once posted, when and the registered-mail number. */
      letter: z.optional(
        z.object({
          letterId: z.string(),
          postedOn: z.optional(z.string()),
          registeredMailNumber: z.optional(z.string()),
        }),
      ),
      /**
       * Why it was withheld: the address's hourly acknowledgement limit, the court's hourly
       * acknowledgement budget, no email address, or the client's data erased.
       */
      reason: z.optional(z.enum(['rate-limit', 'ack-budget', 'no-address', 'erased'])),
    }),
  ),
  /** For notices: which one (acknowledgement, reroute-notice, deadline-extension, end-service). */
  notice: z.optional(z.string()),
  /** For a client's later mail: its subject. */
  subject: z.optional(z.string()),
  /**
   * For a client's later mail (§7 threading): how it was matched to this ticket — by a message id
   * it answers, or by the reference in its subject from the ticket's own client — and the status it
   * put the ticket back to, if it did (an automatic mail, such as an auto-reply, never does).
   */
  threading: z.optional(
    z.object({
      by: z.enum(['message-id', 'subject-reference']),
      matched: z.string(),
      reopened: z.optional(statuses),
      automatic: z.optional(z.boolean()),
    }),
  ),
  /** For a reply: the files sent with it, each with a short-lived download link. */
  attachments: z.optional(z.array(attachmentSchema)),
});
export type ThreadEntry = z.infer<typeof threadEntrySchema>;

export const historyEntrySchema = z.object({
  at: z.string(),
  by: z.string(),
  action: z.enum(['received', 'taken', 'rerouted', 'deadline-extended', 'status', 'service-ended']),
  /** The entry in words, with ids (`family-law → court-fees: reason`): for readers without labels. */
  detail: z.string(),
  /** What changed, by id, for the page to name: a unit, a status, or a deadline (a date). */
  change: z.optional(
    z.object({
      kind: z.enum(['unit', 'status', 'deadline']),
      from: z.optional(z.string()),
      to: z.string(),
    }),
  ),
  /** The reason staff gave. */
  reason: z.optional(z.string()),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const ticketActions = [
  'take',
  'reply',
  'note',
  'route',
  'status',
  'deadline',
  'end-service',
  'callback',
  'transcribe',
] as const;

/** A bounce or complaint SES reported for mail of the ticket. */
export const deliveryProblemSchema = z.object({
  reason: z.enum(['bounce', 'complaint']),
  /** When the receiving side reported it. */
  at: z.string(),
  /** Bounce: `Permanent`, `Transient`, `Undetermined`; complaint: the feedback type (`abuse`, …). */
  type: z.string(),
  subtype: z.optional(z.string()),
  /** Whether it marks the address undeliverable (a permanent bounce or a complaint). */
  undeliverable: z.boolean(),
  /** The thread entry of the message it is about (a reply's or a notice's id), when known. */
  entryId: z.optional(z.string()),
  /** Which message: `reply`, or the notice (`acknowledgement`, `reroute-notice`, …), when known. */
  message: z.optional(z.string()),
});
export type DeliveryProblemView = z.infer<typeof deliveryProblemSchema>;

export const ticketDetailSchema = z.extend(ticketSummarySchema, {
  language: z.enum(['lv', 'en']),
  topic: z.string(),
  client: z.object({
    name: z.string(),
    email: z.string(),
    phone: z.optional(z.string()),
    /** Where letters go (a client who wrote by post). */
    postalAddress: z.optional(postalAddressView),
    /**
     * SES reported a permanent bounce or a complaint for mail to this address (the latest one):
     * write to the client by post. Absent while the address is not known to be undeliverable.
     */
    emailUndeliverable: z.optional(deliveryProblemSchema),
    /** Every bounce and complaint of the ticket's mail, transient ones too, oldest first. */
    deliveryProblems: z.optional(z.array(deliveryProblemSchema)),
  }),
  firstResponseDue: z.string(),
  routing: z.object({
    ruleId: z.string(),
    explanation: localized,
    matched: z.array(z.object({ field: z.string(), value: z.string(), term: z.string() })),
  }),
  thread: z.array(threadEntrySchema),
  /**
   * How messages reach the client: by email, by a printed letter (no email address, a postal
   * address known), or not at all (neither: a phone client is called back).
   */
  answeredBy: z.enum(['email', 'post', 'none']),
  /** Post: the mailroom's registration of the letter (its scan is among `attachments`). */
  postal: z.optional(
    z.object({
      receivedOn: z.string(),
      registeredMailNumber: z.optional(z.string()),
      registeredBy: z.string(),
      /** `ocr`: the ticket's text was read off the scan by OCR and may hold misread letters. */
      scan: z.object({ kind: z.string(), pages: z.number(), ocr: z.optional(z.boolean()) }),
      needsTranscription: z.boolean(),
    }),
  ),
  /** Phone: the call as logged, with the menu digit and the topic it stands for. */
  call: z.optional(z.object({ digit: z.number(), topic: localized, loggedBy: z.string() })),
  /** The client asked to be called back (web form, §19.1). */
  callback: z.optional(
    z.object({
      phone: z.string(),
      done: z.optional(
        z.object({ by: z.string(), at: z.string(), outcome: z.enum(['reached', 'not-reached']) }),
      ),
    }),
  ),
  /** Post: the text a staff member typed of a scan that had none. */
  transcription: z.optional(z.object({ text: z.string(), by: z.string(), at: z.string() })),
  /**
   * Related tickets: `follow-up-of` / `has-follow-up` (a client's mail after its ticket was closed
   * too long ago, or its service ended), `quotes` / `quoted-by` (a mail quoting another client's
   * reference, which never joins that ticket).
   */
  links: z.optional(
    z.array(
      z.object({
        reference: z.string(),
        relation: z.enum(['follow-up-of', 'has-follow-up', 'quotes', 'quoted-by']),
        at: z.string(),
      }),
    ),
  ),
  /** Why a mail that named another ticket started this one instead of joining it. */
  threading: z.optional(
    z.object({
      linkedTo: z.string(),
      by: z.enum(['message-id', 'subject-reference']),
      why: z.enum(['closed-past-window', 'service-ended', 'other-sender', 'unverified-sender']),
    }),
  ),
  attachments: z.array(attachmentSchema),
  history: z.array(historyEntrySchema),
  /** The client's survey response, once they gave one. */
  survey: z.optional(ticketSurveySchema),
  /** The ticket was pseudonymised (§13): when and on what basis; it is only read, no action is open. */
  erased: z.optional(z.object({ at: z.string(), basis: z.enum(['request', 'retention']) })),
  /** What the caller may do with it now. */
  actions: z.array(z.enum(ticketActions)),
});
/** `GET /api/staff/tickets/{reference}` and the answer of every action on a ticket. */
export type TicketDetail = z.infer<typeof ticketDetailSchema>;

export const answerTemplateSchema = z.object({
  id: z.string(),
  competence: z.enum(competenceIds),
  language: z.enum(['lv', 'en']),
  title: z.string(),
  text: z.string(),
});
export type AnswerTemplate = z.infer<typeof answerTemplateSchema>;

export const templatesResponseSchema = z.object({ templates: z.array(answerTemplateSchema) });
/** `GET /api/staff/templates`. */
export type TemplatesResponse = z.infer<typeof templatesResponseSchema>;

/** `POST …/uploads`: PUT the file's bytes to `url` with exactly `headers` before `expiresAt`. */
export const uploadResponseSchema = z.object({
  uploadId: z.string(),
  /** The name the file will be sent under (sanitized). */
  filename: z.string(),
  ...uploadTargetShape,
});
export type UploadResponse = z.infer<typeof uploadResponseSchema>;
