/**
 * What travels on `intake.fifo`: one message per incoming request, whatever the channel.
 * Versioned, so a consumer can reject (and dead-letter) a shape it does not know.
 */
import * as z from 'zod/mini';
import { type CompetenceId, competences } from './competences.ts';
import { postalAddressSchema } from './postal-address.ts';
import { topicIds } from './topics.ts';

const competenceIds = competences.map((competence) => competence.id) as [CompetenceId, ...CompetenceId[]];
const calendarDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

/** A routing decision as `route` makes it (see routing.ts), carried from intake to the ticket. */
export const routingDecisionSchema = z.object({
  competence: z.enum(competenceIds),
  ruleId: z.string().check(z.maxLength(200)),
  rulesVersion: z.string().check(z.maxLength(200)),
  explanation: z.object({ lv: z.string().check(z.maxLength(2000)), en: z.string().check(z.maxLength(2000)) }),
  matched: z
    .array(
      z.object({
        field: z.enum(['channel', 'recipient', 'topic', 'subject', 'body', 'senderDomain', 'language']),
        value: z.string().check(z.maxLength(1000)),
        term: z.string().check(z.maxLength(1000)),
      }),
    )
    .check(z.maxLength(50)),
});

export const intakeMessageSchema = z.object({
  version: z.literal(1),
  kind: z.literal('new-request'),
  /** Stable id of the source: the form's idempotency key, an SES message id, a scan's object key. */
  sourceId: z.string().check(z.minLength(1), z.maxLength(256)),
  channel: z.enum(['web', 'email', 'postal', 'phone']),
  /**
   * The key of the idempotency record intake wrote for it (`IDEMPOTENCY#<key>`; it holds this whole
   * message), when one was written: erasure of the data subject deletes it with the ticket.
   */
  idempotencyKey: z.optional(z.string().check(z.maxLength(400))),
  reference: z.string().check(z.regex(/^TA-\d{4}-\d{6,}$/)),
  receivedAt: z.iso.datetime(),
  language: z.enum(['lv', 'en']),
  client: z.object({
    name: z.string().check(z.minLength(1), z.maxLength(500)),
    email: z.string().check(z.minLength(3), z.maxLength(320)),
    phone: z.optional(z.string().check(z.maxLength(50))),
    /** For post: where letters to the client go (the return address the mailroom registered). */
    postalAddress: z.optional(postalAddressSchema),
  }),
  topic: z.enum(topicIds),
  /** Bounded so that a ticket always fits a DynamoDB item (400 KB) with room to spare. */
  subject: z.string().check(z.maxLength(1000)),
  body: z.string().check(z.maxLength(100_000)),
  /**
   * An email's HTML body, kept only for display to staff (sanitised, in a sandboxed frame); the
   * text body above is what routing, search and replies use.
   */
  html: z.optional(z.string().check(z.maxLength(50_000))),
  /** For email: the message's own Message-ID and References (without angle brackets), for threading. */
  email: z.optional(
    z.object({
      messageId: z.optional(z.string().check(z.maxLength(998))),
      references: z.array(z.string().check(z.maxLength(998))).check(z.maxLength(100)),
    }),
  ),
  /**
   * For email: what may make it a follow-up of an existing ticket (§7 threading) — the message ids
   * it answers (In-Reply-To, then References newest first) and references quoted in its subject.
   * process-intake decides (`shared/domain/threading.ts`).
   */
  followUp: z.optional(
    z.object({
      messageIds: z.array(z.string().check(z.maxLength(998))).check(z.maxLength(20)),
      subjectReferences: z.array(z.string().check(z.regex(/^TA-\d{4}-\d{6,}$/))).check(z.maxLength(5)),
      automatic: z.optional(z.boolean()),
      /** The From address passed DMARC: only then may the subject's reference continue a ticket. */
      senderVerified: z.optional(z.boolean()),
    }),
  ),
  /** For email: the envelope recipients (our addresses), which routing reads. */
  recipients: z.optional(z.array(z.string().check(z.maxLength(320))).check(z.maxLength(50))),
  /**
   * Whether the client gets an automatic acknowledgement (default yes). No for automatic mail
   * (auto-replies, bounces, lists: RFC 3834), spam, and senders over the hourly limit.
   */
  acknowledge: z.optional(z.boolean()),
  /**
   * For email: what intake's screening found — sent by a program (auto-reply, bounce, list: RFC
   * 3834) or judged spam by SES. Kept on the ticket: neither gets a survey invitation.
   */
  screening: z.optional(z.object({ automatic: z.optional(z.boolean()), spam: z.optional(z.boolean()) })),
  /** Files that came with the request, stored in the mail bucket (never in the message). */
  attachments: z.optional(
    z
      .array(
        z.object({
          key: z.string().check(z.maxLength(1024)),
          filename: z.string().check(z.maxLength(255)),
          contentType: z.string().check(z.maxLength(255)),
          size: z.number(),
          inline: z.boolean(),
        }),
      )
      .check(z.maxLength(100)),
  ),
  /**
   * Decided at intake when the client is told the competent unit and the dates at once (web form);
   * otherwise process-intake routes and dates the ticket itself.
   */
  routing: z.optional(routingDecisionSchema),
  dates: z.optional(
    z.object({
      answerDeadline: calendarDate,
      firstResponseDue: calendarDate,
      expectedAnswerBy: calendarDate,
    }),
  ),
  /**
   * For post (channel `postal`): the mailroom's registration of the letter and what ingest-postal
   * found in its scan. `receivedOn` is the day the letter arrived (Europe/Riga), from which its
   * deadlines count; `needsTranscription` when the scan had no text layer to read.
   */
  postal: z.optional(
    z.object({
      registrationId: z.string().check(z.minLength(1), z.maxLength(64)),
      receivedOn: calendarDate,
      registeredMailNumber: z.optional(z.string().check(z.maxLength(40))),
      registeredBy: z.string().check(z.maxLength(200)),
      scan: z.object({
        kind: z.enum(['pdf', 'jpeg', 'png', 'tiff']),
        pages: z.number().check(z.int(), z.minimum(1)),
        /** The text was read by OCR (no text layer): it may hold misread letters. */
        ocr: z.optional(z.boolean()),
      }),
      needsTranscription: z.boolean(),
    }),
  ),
  /** For a logged call (channel `phone`): the phone menu's digit the caller chose (§8) and who took it. */
  call: z.optional(
    z.object({
      digit: z.number().check(z.int(), z.minimum(0), z.maximum(9)),
      loggedBy: z.string().check(z.maxLength(200)),
    }),
  ),
  /**
   * The client asked to be called back (web form, §19.1): on this Latvian mobile number, in E.164
   * (`+3712…`). The ticket also waits in its unit's callback list until someone has called.
   */
  callback: z.optional(z.object({ phone: z.string().check(z.regex(/^\+371\d{8}$/)) })),
  /** Who submitted it, for the audit trail (never logged). */
  origin: z.object({
    sourceIPAddress: z.string(),
    userAgent: z.string(),
    requestId: z.string(),
  }),
});

export type IntakeMessage = z.infer<typeof intakeMessageSchema>;

/** What travels on `outbound.fifo`: one message to a client. */
export const outboundMessageSchema = z.object({
  version: z.literal(1),
  /**
   * What to send: the acknowledgement of a new request, the notice that it went to another unit or
   * that its deadline was extended, a staff member's reply, the notice that service ended (§17), or
   * the invitation to the satisfaction survey (§26; on the delayed `survey-invitations` queue).
   */
  kind: z.enum(['acknowledgement', 'reroute-notice', 'deadline-extension', 'reply', 'end-service', 'survey']),
  /** Unique per message to a client; a redelivery carries the same id and is never sent twice. */
  outboundId: z.string().check(z.minLength(1), z.maxLength(128)),
  reference: z.string().check(z.regex(/^TA-\d{4}-\d{6,}$/)),
  /** For a reply: the id of the message (in the ticket's thread) whose text is sent. */
  messageId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  /** For a reply: it carries the survey invitation (the mail's footer, or the letter's link and QR code). */
  invite: z.optional(z.boolean()),
});

export type OutboundMessage = z.infer<typeof outboundMessageSchema>;
