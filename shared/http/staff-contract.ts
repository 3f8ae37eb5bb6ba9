/**
 * The staff API's contract: every route, its request schema (zod, checked by the staff-api
 * function and the admin page alike) and the shape of its answer. The OpenAPI document
 * (`docs/openapi.json`, `npm run openapi`) is generated from these schemas.
 *
 * Conventions: JSON in and out; `Authorization: Bearer <token>` on every route (401 from the
 * gateway or the JWT authorizer without one); tickets addressed by reference; errors are
 * `{ message, code? }`, or `{ errors: [{ field, message }] }` for 400, in the caller's language
 * (`Accept-Language`: Latvian unless it starts with `en`).
 */
import * as z from 'zod/mini';
import { type AuditEventName, auditEventNames } from '../domain/audit-catalogue.ts';
import { type CompetenceId, competences } from '../domain/competences.ts';
import { postalAddressSchema } from '../domain/postal-address.ts';
import { maxReplyAttachments, uploadIdPattern } from '../domain/reply-attachments.ts';
import { type StaffRole, staffRoles } from '../domain/staff.ts';
import { type TopicId, topicIds } from '../domain/topics.ts';

export { type StaffRole, staffRoles } from '../domain/staff.ts';

const staffRolesTuple = staffRoles as unknown as [StaffRole, ...StaffRole[]];

const competenceIds = competences.map((competence) => competence.id) as [CompetenceId, ...CompetenceId[]];
export const referencePattern = /^TA-\d{4}-\d{6,}$/;
const calendarDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
/** Free text staff write: trimmed by the server, never empty, bounded. */
const staffText = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

export const worklistViews = ['queue', 'mine', 'due', 'overdue', 'review', 'callbacks'] as const;
export type WorklistViewName = (typeof worklistViews)[number];

/** Statuses staff may set; `new` is only ever the state of an untaken ticket. */
export const settableStatuses = ['open', 'waiting-on-client', 'answered', 'closed'] as const;

/** The `client` parameter of the auditors' routes, as the API documentation gives it. */
const clientParameterText =
  'The client: its key as the tickets table has it (client- and the first 40 hex digits of the SHA-256 of the email address, trimmed and in lower case), or the email address itself. Prefer the key: CDN and API access logs record query strings, and the key keeps the address out of them (the admin page sends only the key). The lookup is recorded with the key, never the address.';

export const schemas = {
  /** `GET /api/staff/tickets` query. */
  worklistQuery: z.object({
    view: z.enum(worklistViews),
    /** One of the caller's units; absent: all of them (no cursor then). */
    competence: z.optional(z.enum(competenceIds)),
    cursor: z.optional(z.string().check(z.maxLength(2000))),
    limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/))),
  }),
  /** `GET /api/staff/search` query: a reference, a client's email address, or words. */
  searchQuery: z.object({ q: z.string().check(z.minLength(2), z.maxLength(200)) }),
  /** `POST /api/staff/tickets/next`: no body needed. */
  takeNext: z.object({ competence: z.optional(z.enum(competenceIds)) }),
  /** `POST /api/staff/tickets/{reference}/take`: out of queue order needs a reason. */
  take: z.object({ reason: z.optional(z.string().check(z.maxLength(1000))) }),
  reply: z.object({
    text: staffText(20_000),
    /** The ticket's status after the reply; default `answered`. */
    status: z.optional(z.enum(['answered', 'waiting-on-client', 'open'])),
    /**
     * Files to send with it: upload ids of `POST …/uploads`, each uploaded already. At most
     * 5 files and 10 MB together; each is checked in the bucket (400, field `attachments`).
     */
    attachments: z.optional(
      z.array(z.string().check(z.regex(uploadIdPattern))).check(z.maxLength(maxReplyAttachments)),
    ),
  }),
  /**
   * `POST /api/staff/tickets/{reference}/uploads`: announce one file of a reply. The type must be
   * one of the allowed ones (PDF, images, text, office and e-signed documents) and match the name's
   * extension; at most 10 MB. The name is sanitized (no path, no control characters).
   */
  upload: z.object({
    filename: z.string().check(z.minLength(1), z.maxLength(1000)),
    /** The MIME type, one of `attachmentTypes` (shared/domain/reply-attachments.ts). */
    contentType: z.string().check(z.minLength(1), z.maxLength(200)),
    /** Bytes; over 10 MB is refused with the limit named (400, field `size`). */
    size: z.number().check(z.int(), z.minimum(0)),
  }),
  note: z.object({ text: staffText(20_000) }),
  route: z.object({ competence: z.enum(competenceIds), reason: staffText(1000) }),
  status: z.object({ status: z.enum(settableStatuses) }),
  deadline: z.object({ deadline: calendarDate, reason: staffText(1000) }),
  endService: z.object({ reason: staffText(1000) }),
  /** `GET /api/staff/quarantine` query (supervisors): held mail of their units, oldest first. */
  quarantineQuery: z.object({
    /** One of the units the caller supervises; absent: all of them (no cursor then). */
    competence: z.optional(z.enum(competenceIds)),
    /** `held` (default): waiting for a decision; `released`: released already, for reference. */
    state: z.optional(z.enum(['held', 'released'])),
    cursor: z.optional(z.string().check(z.maxLength(2000))),
    limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/))),
  }),
  /** `POST /api/staff/quarantine/{id}/release`: why the supervisor lets it through. */
  releaseQuarantined: z.object({ reason: staffText(1000) }),
  /**
   * `GET /api/staff/audit` query (auditors): records oldest first. Filters combine; the lookup is
   * by ticket (`ticket`, or `client`: the client's newest tickets, at most 100), else by staff member
   * (`user`), else the hours of the range. `from`/`to`: ISO instants with a time zone, `from`
   * inclusive, `to` exclusive; default the last 24 hours; at most 31 days. `limit`: 1–1000
   * (default 100), with `format=csv` 1–10000 (default 10000).
   */
  auditQuery: z.object({
    /** A staff member's user name. */
    user: z.optional(z.string().check(z.maxLength(128))),
    /** A ticket's reference. */
    ticket: z.optional(z.string().check(z.maxLength(40))),
    /**
     * A client: the records of the client's tickets. Its key as the tickets table has it —
     * `client-` and the first 40 hex digits of the SHA-256 of the address, trimmed and in lower
     * case — or the email address itself. Prefer the key: query strings end up in the CDN's and
     * the API's access logs, and the key keeps the address out of them (the admin page sends only
     * the key). The lookup is recorded with the key (and an address's SHA-256), never the address.
     */
    client: z.optional(z.string().check(z.maxLength(254), z.describe(clientParameterText))),
    eventName: z.optional(z.enum(auditEventNames as [AuditEventName, ...AuditEventName[]])),
    /** `failure`: refused or failed (`errorCode` set); `success`: the others. */
    outcome: z.optional(z.enum(['success', 'failure'])),
    from: z.optional(z.string().check(z.maxLength(40))),
    to: z.optional(z.string().check(z.maxLength(40))),
    limit: z.optional(z.string().check(z.maxLength(6))),
    cursor: z.optional(z.string().check(z.maxLength(2000))),
    /** `csv` (or `Accept: text/csv`): a CSV file to download instead of JSON. */
    format: z.optional(z.enum(['json', 'csv'])),
  }),
  /**
   * `GET /api/staff/audit/subject` query (auditors): the data-subject access report of a client;
   * the whole history unless `from`/`to` narrow it.
   */
  subjectReportQuery: z.object({
    /**
     * The client's key (`client-` and the first 40 hex digits of the SHA-256 of the address,
     * trimmed and in lower case) or email address. Prefer the key: it keeps the address out of
     * the CDN's and the API's access logs, which record query strings.
     */
    client: z.string().check(z.maxLength(254), z.describe(clientParameterText)),
    from: z.optional(z.string().check(z.maxLength(40))),
    to: z.optional(z.string().check(z.maxLength(40))),
    format: z.optional(z.enum(['json', 'csv'])),
  }),
  // ---- Post and phone (issue 7) ----
  /**
   * `POST /api/staff/post` (mailroom): register a received letter and get a 5-minute signed PUT
   * for its scan. The file: PDF, JPEG, PNG or TIFF (checked again by its content once uploaded), at
   * most the configured size (25 MB by default). `receivedOn`: the day it arrived (deadlines count
   * from it), not in the future, at most 60 days back. A Latvian postal code is `LV-1234` (`1234`
   * is accepted and normalised); abroad, name the country.
   */
  registerPost: z.object({
    name: staffText(200),
    address: postalAddressSchema,
    email: z.optional(z.string().check(z.maxLength(254), z.email())),
    phone: z.optional(z.string().check(z.maxLength(30), z.regex(/^\+?\d[\d ()-]{5,25}\d$/))),
    receivedOn: calendarDate,
    /** The registered-mail (ierakstīts sūtījums) number, e.g. `RR123456789LV`. */
    registeredMailNumber: z.optional(z.string().check(z.maxLength(40), z.regex(/^[A-Za-z0-9 -]{1,40}$/))),
    subject: z.optional(z.string().check(z.maxLength(200))),
    topic: z.optional(z.enum(topicIds as [TopicId, ...TopicId[]])),
    /** The language of the letter (and of what we write back); default Latvian. */
    language: z.optional(z.enum(['lv', 'en'])),
    file: z.object({
      filename: z.string().check(z.minLength(1), z.maxLength(1000)),
      contentType: z.string().check(z.minLength(1), z.maxLength(200)),
      size: z.number().check(z.int(), z.minimum(0)),
    }),
  }),
  /** `GET /api/staff/post` query (mailroom): registrations, newest first. */
  postListQuery: z.object({
    cursor: z.optional(z.string().check(z.maxLength(2000))),
    limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/))),
  }),
  /** `GET /api/staff/letters` query (mailroom): letters to post (`pending`, default) or posted. */
  letterListQuery: z.object({
    state: z.optional(z.enum(['pending', 'dispatched'])),
    cursor: z.optional(z.string().check(z.maxLength(2000))),
    limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/))),
  }),
  /** `POST /api/staff/letters/{reference}/{letterId}/dispatch` (mailroom): the letter went out. */
  dispatchLetter: z.object({
    registeredMailNumber: z.optional(z.string().check(z.maxLength(40), z.regex(/^[A-Za-z0-9 -]{1,40}$/))),
    /** Default today (Riga); not in the future. */
    dispatchedOn: z.optional(calendarDate),
  }),
  /**
   * `POST /api/staff/calls` (agents, supervisors): a phone call logged as a ticket (channel
   * `phone`): the phone menu's digit the caller chose (§8, the topic catalogue's), the caller's
   * number, name and what they asked. Routed by the digit's topic like a web request.
   */
  logCall: z.object({
    digit: z.number().check(z.int(), z.minimum(0), z.maximum(9)),
    phone: z.string().check(z.minLength(1), z.maxLength(30), z.regex(/^\+?\d[\d ()-]{5,25}\d$/)),
    name: staffText(200),
    summary: staffText(20_000),
    subject: z.optional(z.string().check(z.maxLength(200))),
    email: z.optional(z.string().check(z.maxLength(254), z.email())),
    language: z.optional(z.enum(['lv', 'en'])),
  }),
  /** `POST /api/staff/tickets/{reference}/callback`: the callback was made (or the client not reached). */
  recordCallback: z.object({
    outcome: z.enum(['reached', 'not-reached']),
    note: z.optional(z.string().check(z.maxLength(20_000))),
  }),
  /** `POST /api/staff/tickets/{reference}/transcription`: the text of a scan that had none. */
  transcription: z.object({ text: staffText(100_000) }),
} as const;

export type WorklistQuery = z.infer<typeof schemas.worklistQuery>;
export type RegisterPostRequest = z.infer<typeof schemas.registerPost>;
export type LogCallRequest = z.infer<typeof schemas.logCall>;
export type ReplyRequest = z.infer<typeof schemas.reply>;
export type UploadRequest = z.infer<typeof schemas.upload>;

/**
 * `GET /api/auth/config` (public, no token): how the admin page signs in. `local`: the sandbox's
 * dev-only sign-in page; `cognito`: the hosted sign-in with authorization code + PKCE.
 */
export type AuthConfigResponse =
  | { readonly mode: 'local'; readonly signInUrl: string; readonly idleTimeoutMinutes: number }
  | {
      readonly mode: 'cognito';
      /** e.g. `https://courtdesk-staff.auth.eu-north-1.amazoncognito.com` */
      readonly domain: string;
      readonly clientId: string;
      readonly scopes: readonly string[];
      readonly idleTimeoutMinutes: number;
    };

/** Every route of the staff API: method, path, request schema (body or query), what it answers. */
export const staffRoutes = [
  {
    method: 'GET',
    response: () => meResponseSchema,
    path: '/api/staff/me',
    summary: 'Who am I: roles, units, session limits',
  },
  {
    method: 'GET',
    response: () => ticketListResponseSchema,
    path: '/api/staff/tickets',
    query: schemas.worklistQuery,
    summary: 'A worklist: queue (new, oldest first), mine, due soon, overdue, review (supervisors)',
  },
  {
    method: 'POST',
    response: () => takeNextResponseSchema,
    path: '/api/staff/tickets/next',
    body: schemas.takeNext,
    summary: 'Take the oldest waiting ticket of my units',
  },
  {
    method: 'GET',
    response: () => ticketListResponseSchema,
    path: '/api/staff/search',
    query: schemas.searchQuery,
    summary: 'Search my units',
  },
  {
    method: 'GET',
    response: () => templatesResponseSchema,
    path: '/api/staff/templates',
    summary: 'Saved answer templates of my units',
  },
  {
    method: 'GET',
    response: () => ticketResponseSchema,
    path: '/api/staff/tickets/{reference}',
    summary: 'A ticket with thread and history',
  },
  {
    method: 'GET',
    response: () => ticketListResponseSchema,
    path: '/api/staff/tickets/{reference}/related',
    summary: "The client's other tickets in my units",
  },
  {
    method: 'POST',
    response: () => ticketResponseSchema,
    path: '/api/staff/tickets/{reference}/take',
    body: schemas.take,
    summary: 'Take this ticket (a reason when older ones wait)',
  },
  {
    method: 'POST',
    response: () => uploadResponseSchema,
    path: '/api/staff/tickets/{reference}/uploads',
    body: schemas.upload,
    summary:
      'Announce a file for a reply: a 5-minute signed PUT URL and the headers the PUT must carry (the browser uploads straight to the bucket)',
  },
  {
    method: 'POST',
    response: () => ticketResponseSchema,
    path: '/api/staff/tickets/{reference}/replies',
    body: schemas.reply,
    summary: 'Reply to the client by email (through outbound.fifo), with uploaded files attached',
  },
  {
    method: 'POST',
    response: () => ticketResponseSchema,
    path: '/api/staff/tickets/{reference}/notes',
    body: schemas.note,
    summary: 'Internal note (never sent)',
  },
  {
    method: 'POST',
    response: () => rerouteResponseSchema,
    path: '/api/staff/tickets/{reference}/route',
    body: schemas.route,
    summary: 'Re-route to the competent unit, with a reason',
  },
  {
    method: 'POST',
    response: () => ticketResponseSchema,
    path: '/api/staff/tickets/{reference}/status',
    body: schemas.status,
    summary: 'Change status',
  },
  {
    method: 'POST',
    response: () => ticketResponseSchema,
    path: '/api/staff/tickets/{reference}/deadline',
    body: schemas.deadline,
    summary: 'Extend the answer deadline, with the reason the client is told',
  },
  {
    method: 'POST',
    response: () => ticketResponseSchema,
    path: '/api/staff/tickets/{reference}/end-service',
    body: schemas.endService,
    summary: 'End service (§17): close, tell the client, flag the sender',
  },
  {
    method: 'POST',
    response: () => signOutResponseSchema,
    path: '/api/staff/sign-out',
    summary: 'Record the end of the session',
  },
  {
    method: 'GET',
    response: () => quarantineListResponseSchema,
    path: '/api/staff/quarantine',
    query: schemas.quarantineQuery,
    summary:
      'Quarantined inbound mail of the units I supervise, with the reason; oldest first, as mail is answered in the order received (§21)',
  },
  {
    method: 'GET',
    response: () => quarantineResponseSchema,
    path: '/api/staff/quarantine/{id}',
    summary: 'One quarantined mail: reason, recipients, a text-only preview and a 5-minute download link',
  },
  {
    method: 'POST',
    response: () => quarantineReleaseResponseSchema,
    path: '/api/staff/quarantine/{id}/release',
    body: schemas.releaseQuarantined,
    summary: 'Release a quarantined mail (a reason is required): it becomes a ticket; once only (409 after)',
  },
  {
    method: 'GET',
    response: () => auditListResponseSchema,
    path: '/api/staff/audit',
    query: schemas.auditQuery,
    csv: true,
    summary:
      'Auditors: audit records (CloudTrail-shaped) by user, ticket, client, event, outcome and time, oldest first; CSV with format=csv',
  },
  {
    method: 'GET',
    response: () => subjectReportSchema,
    path: '/api/staff/audit/subject',
    query: schemas.subjectReportQuery,
    csv: true,
    summary:
      "Auditors: data-subject access report — who read or changed a client's data, when and why, per ticket; at most 10,000 entries and some 4 MB, past which truncated says so; CSV with format=csv",
  },
  {
    method: 'POST',
    response: () => postRegistrationResponseSchema,
    path: '/api/staff/post',
    body: schemas.registerPost,
    summary:
      "Mailroom: register a received letter (sender, address, day received, registered-mail number) and get a 5-minute signed PUT for its scan; the scan's arrival settles it",
  },
  {
    method: 'GET',
    response: () => postRegistrationListResponseSchema,
    path: '/api/staff/post',
    query: schemas.postListQuery,
    summary:
      'Mailroom: registered letters, newest first, each with its state (awaiting scan, accepted with its reference, refused with the reason)',
  },
  {
    method: 'GET',
    response: () => postRegistrationResponseSchema,
    path: '/api/staff/post/{id}',
    summary: 'Mailroom: one registration and its state',
  },
  {
    method: 'GET',
    response: () => letterListResponseSchema,
    path: '/api/staff/letters',
    query: schemas.letterListQuery,
    summary: 'Mailroom: letters to print and post (clients without an email address), oldest first',
  },
  {
    method: 'GET',
    response: () => letterResponseSchema,
    path: '/api/staff/letters/{reference}/{letterId}',
    summary: 'Mailroom: one letter with 5-minute download links to its PDF and enclosures',
  },
  {
    method: 'POST',
    response: () => letterResponseSchema,
    path: '/api/staff/letters/{reference}/{letterId}/dispatch',
    body: schemas.dispatchLetter,
    summary:
      'Mailroom: record that the letter was posted (and its registered-mail number); once only (409 after)',
  },
  {
    method: 'POST',
    response: () => logCallResponseSchema,
    path: '/api/staff/calls',
    body: schemas.logCall,
    summary:
      "Log a phone call as a ticket (channel phone): the menu digit the caller chose, the caller's number, name and question",
  },
  {
    method: 'POST',
    response: () => ticketResponseSchema,
    path: '/api/staff/tickets/{reference}/callback',
    body: schemas.recordCallback,
    summary: 'Record the callback the client asked for: reached, or not reached (then answer in writing)',
  },
  {
    method: 'POST',
    response: () => ticketResponseSchema,
    path: '/api/staff/tickets/{reference}/transcription',
    body: schemas.transcription,
    summary: 'Type in the text of a scanned letter that had no text layer',
  },
] as const satisfies readonly {
  method: 'GET' | 'POST';
  path: `/api/${string}`;
  summary: string;
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  /** The route also answers `text/csv` (`format=csv` or `Accept: text/csv`). */
  csv?: boolean;
  /** The 200 answer's schema (a thunk: the schemas are defined further down). */
  response: () => z.ZodMiniType;
}[];

// ---- Answers ------------------------------------------------------------------------------
// Schemas (for the OpenAPI document) with the TypeScript types inferred from them.

const localized = z.object({ lv: z.string(), en: z.string() });
const statuses = z.enum(['new', 'open', 'waiting-on-client', 'answered', 'closed']);

export const unitSummarySchema = z.object({ id: z.enum(competenceIds), name: localized });
export type UnitSummary = z.infer<typeof unitSummarySchema>;

export const meResponseSchema = z.object({
  username: z.string(),
  roles: z.array(z.enum(staffRolesTuple)),
  /** Units whose tickets the caller works (agents) or supervises. */
  competences: z.array(z.extend(unitSummarySchema, { supervisor: z.boolean() })),
  /** Every unit, for the re-route dialog. */
  units: z.array(unitSummarySchema),
  /** When the token (the session) ends, ISO instant; the page signs out then at the latest. */
  sessionExpiresAt: z.string(),
  /** Minutes without activity after which the page signs out. */
  idleTimeoutMinutes: z.number(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

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

export const ticketListResponseSchema = z.object({
  items: z.array(ticketSummarySchema),
  cursor: z.optional(z.string()),
});
/** `GET /api/staff/tickets`, `/search`, `/related`. */
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
   * (an acknowledgement to an address over its hourly limit).
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
      /** Why it was withheld: the address's hourly acknowledgement limit, or no email address. */
      reason: z.optional(z.enum(['rate-limit', 'no-address'])),
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
      reopened: z.optional(z.enum(['new', 'open', 'waiting-on-client', 'answered', 'closed'])),
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
  detail: z.string(),
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

/** A bounce or complaint SES reported for mail of the ticket (issue 5, item 4). */
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
    postalAddress: z.optional(
      z.object({
        addressLine: z.string(),
        place: z.string(),
        postalCode: z.string(),
        country: z.optional(z.string()),
      }),
    ),
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
  /** What the caller may do with it now. */
  actions: z.array(z.enum(ticketActions)),
});
/** `GET /api/staff/tickets/{reference}` and the answer of every action on a ticket. */
export type TicketDetail = z.infer<typeof ticketDetailSchema>;

export const ticketResponseSchema = z.object({ ticket: ticketDetailSchema });
export type TicketResponse = z.infer<typeof ticketResponseSchema>;

/** `POST /api/staff/tickets/next`: the ticket taken, or null when nothing waits. */
export const takeNextResponseSchema = z.object({ ticket: z.nullable(ticketDetailSchema) });
export type TakeNextResponse = z.infer<typeof takeNextResponseSchema>;

/** `POST …/route`: the ticket, or null with the unit when it left the caller's units. */
export const rerouteResponseSchema = z.object({
  ticket: z.nullable(ticketDetailSchema),
  movedTo: z.optional(z.enum(competenceIds)),
});

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

export const authConfigResponseSchema = z.union([
  z.object({ mode: z.literal('local'), signInUrl: z.string(), idleTimeoutMinutes: z.number() }),
  z.object({
    mode: z.literal('cognito'),
    domain: z.string(),
    clientId: z.string(),
    scopes: z.array(z.string()),
    idleTimeoutMinutes: z.number(),
  }),
]);

export const errorResponseSchema = z.object({ message: z.string(), code: z.optional(z.string()) });
/** Any refusal (401, 403, 404, 409, 422). */
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const validationErrorResponseSchema = z.object({
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});
/** 400. */
export type ValidationErrorResponse = z.infer<typeof validationErrorResponseSchema>;

/** `POST …/uploads`: PUT the file's bytes to `url` with exactly `headers` before `expiresAt`. */
export const uploadResponseSchema = z.object({
  uploadId: z.string(),
  /** The name the file will be sent under (sanitized). */
  filename: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.string(),
});
export type UploadResponse = z.infer<typeof uploadResponseSchema>;

export const signOutResponseSchema = z.object({ signedOut: z.literal(true) });

// ---- Quarantine (issue 5: held inbound mail, for the units' supervisors) -------------------

/** A quarantined mail's SES message id, as it appears in the path. */
export const quarantineIdPattern = /^[A-Za-z0-9._-]{1,128}$/;

export const quarantineReasonCodes = [
  'virus',
  'dmarc',
  'too-large',
  'too-many-parts',
  'too-deep',
  'too-many-attachments',
  'attachment-too-large',
  'unparseable',
  'no-sender',
] as const;

export const quarantineSummarySchema = z.object({
  /** The SES message id. */
  id: z.string(),
  competence: z.enum(competenceIds),
  reason: z.enum(quarantineReasonCodes),
  /** A short technical explanation, without personal data. */
  detail: z.string(),
  receivedAt: z.string(),
  /** The envelope recipients (our addresses). */
  recipients: z.array(z.string()),
  state: z.enum(['held', 'released']),
  /** Who released it, when, why, and the ticket it became. */
  release: z.optional(
    z.object({ by: z.string(), at: z.string(), reason: z.string(), reference: z.string() }),
  ),
});
export type QuarantineSummary = z.infer<typeof quarantineSummarySchema>;

export const quarantineListResponseSchema = z.object({
  items: z.array(quarantineSummarySchema),
  cursor: z.optional(z.string()),
});
/** `GET /api/staff/quarantine`. */
export type QuarantineListResponse = z.infer<typeof quarantineListResponseSchema>;

/** What could be read of the raw mail, as plain text only: its HTML is never shown. */
export const quarantinePreviewSchema = z.object({
  from: z.optional(z.object({ name: z.string(), address: z.string() })),
  to: z.array(z.string()),
  subject: z.string(),
  date: z.optional(z.string()),
  text: z.string(),
  /** The text was cut to its first part. */
  truncated: z.boolean(),
  /** The mail has an HTML version too (not shown here; download the original to inspect it). */
  hasHtml: z.boolean(),
  attachments: z.array(z.object({ name: z.string(), contentType: z.string(), size: z.number() })),
});
export type QuarantinePreview = z.infer<typeof quarantinePreviewSchema>;

export const quarantineDetailSchema = z.extend(quarantineSummarySchema, {
  /** The raw message's size in bytes, when it is in the bucket. */
  size: z.optional(z.number()),
  preview: z.optional(quarantinePreviewSchema),
  /** Why there is no preview: unreadable even within SES's own limits, too large, or missing. */
  previewUnavailable: z.optional(z.enum(['unreadable', 'too-large', 'missing'])),
  /** A 5-minute link that downloads the original (`.eml`), never shown inline. */
  downloadUrl: z.optional(z.string()),
  /** What the caller may do with it now. */
  actions: z.array(z.enum(['release'])),
});
export type QuarantineDetail = z.infer<typeof quarantineDetailSchema>;

/** `GET /api/staff/quarantine/{id}`. */
export const quarantineResponseSchema = z.object({ mail: quarantineDetailSchema });
export type QuarantineResponse = z.infer<typeof quarantineResponseSchema>;

/** `POST /api/staff/quarantine/{id}/release`: the mail as released, and its ticket's reference. */
export const quarantineReleaseResponseSchema = z.object({
  mail: quarantineSummarySchema,
  reference: z.string(),
});
export type QuarantineReleaseResponse = z.infer<typeof quarantineReleaseResponseSchema>;

// ---- Post and phone (issue 7) -----------------------------------------------------------------

export const postRegistrationSchema = z.object({
  id: z.string(),
  /** `awaiting-scan` until the upload arrives and is checked; then `accepted` or `refused`. */
  state: z.enum(['awaiting-scan', 'accepted', 'refused']),
  createdAt: z.string(),
  registeredBy: z.string(),
  sender: z.object({
    name: z.string(),
    postalAddress: z.object({
      addressLine: z.string(),
      place: z.string(),
      postalCode: z.string(),
      country: z.optional(z.string()),
    }),
    email: z.optional(z.string()),
    phone: z.optional(z.string()),
  }),
  receivedOn: z.string(),
  registeredMailNumber: z.optional(z.string()),
  subject: z.optional(z.string()),
  topic: z.optional(z.string()),
  language: z.enum(['lv', 'en']),
  file: z.object({ filename: z.string(), contentType: z.string(), size: z.number() }),
  /** Accepted: the ticket's reference (the ticket itself appears once intake has stored it). */
  reference: z.optional(z.string()),
  scan: z.optional(
    z.object({
      kind: z.string(),
      pages: z.number(),
      needsTranscription: z.boolean(),
      ocr: z.optional(z.boolean()),
    }),
  ),
  /** Refused: the reason's code, what the file was, and the explanation in the caller's language. */
  refusal: z.optional(
    z.object({ reason: z.string(), detected: z.optional(z.string()), message: z.string() }),
  ),
  settledAt: z.optional(z.string()),
});
export type PostRegistrationView = z.infer<typeof postRegistrationSchema>;

/** `POST /api/staff/post` (with `upload`) and `GET /api/staff/post/{id}`. */
export const postRegistrationResponseSchema = z.object({
  registration: postRegistrationSchema,
  /** Only when registering: PUT the scan's bytes to `url` with exactly `headers` before `expiresAt`. */
  upload: z.optional(
    z.object({ url: z.string(), headers: z.record(z.string(), z.string()), expiresAt: z.string() }),
  ),
});
export type PostRegistrationResponse = z.infer<typeof postRegistrationResponseSchema>;

export const postRegistrationListResponseSchema = z.object({
  items: z.array(postRegistrationSchema),
  cursor: z.optional(z.string()),
});
export type PostRegistrationListResponse = z.infer<typeof postRegistrationListResponseSchema>;

export const letterSchema = z.object({
  reference: z.string(),
  letterId: z.string(),
  /** What it is: `acknowledgement`, `reply`, `reroute-notice`, `deadline-extension`, `end-service`. */
  kind: z.string(),
  createdAt: z.string(),
  recipientName: z.string(),
  competence: z.string(),
  size: z.number(),
  /** Files a reply carried, to print and enclose. */
  enclosures: z.number(),
  dispatch: z.optional(
    z.object({
      by: z.string(),
      at: z.string(),
      dispatchedOn: z.string(),
      registeredMailNumber: z.optional(z.string()),
    }),
  ),
});
export type LetterView = z.infer<typeof letterSchema>;

export const letterListResponseSchema = z.object({
  items: z.array(letterSchema),
  cursor: z.optional(z.string()),
});
export type LetterListResponse = z.infer<typeof letterListResponseSchema>;

/** One letter with short-lived download links (the PDF, then each enclosure). */
export const letterResponseSchema = z.object({
  letter: z.extend(letterSchema, {
    downloadUrl: z.string(),
    enclosureLinks: z.array(z.object({ filename: z.string(), url: z.string() })),
  }),
});
export type LetterResponse = z.infer<typeof letterResponseSchema>;

/** `POST /api/staff/calls`: the new ticket's reference, unit and dates (it is stored within seconds). */
export const logCallResponseSchema = z.object({
  reference: z.string(),
  competence: z.enum(competenceIds),
  unit: localized,
  answerDeadline: z.string(),
  expectedAnswerBy: z.string(),
});
export type LogCallResponse = z.infer<typeof logCallResponseSchema>;

// ---- Audit trail (issue 6, item 5: auditors) -------------------------------------------------

/** An audit record exactly as stored: the shape of a CloudTrail event record. */
export const auditRecordSchema = z.object({
  eventVersion: z.string(),
  /** ISO instant, UTC. */
  eventTime: z.string(),
  eventSource: z.string(),
  eventName: z.string(),
  eventType: z.string(),
  awsRegion: z.string(),
  userIdentity: z.object({
    type: z.enum(['Anonymous', 'Client', 'Staff', 'Service']),
    principalId: z.optional(z.string()),
    userName: z.optional(z.string()),
    invokedBy: z.optional(z.string()),
  }),
  sourceIPAddress: z.string(),
  userAgent: z.string(),
  requestParameters: z.nullable(z.record(z.string(), z.unknown())),
  responseElements: z.nullable(z.record(z.string(), z.unknown())),
  requestID: z.string(),
  eventID: z.string(),
  readOnly: z.boolean(),
  resources: z.array(z.object({ type: z.string(), ARN: z.string() })),
  errorCode: z.optional(z.string()),
  errorMessage: z.optional(z.string()),
});
export type AuditRecordView = z.infer<typeof auditRecordSchema>;

/** `GET /api/staff/audit`: a page of records, and the cursor of the next one. */
export const auditListResponseSchema = z.object({
  records: z.array(auditRecordSchema),
  cursor: z.optional(z.string()),
  /**
   * With `client`: the client has more requests than were looked at (the newest 100); the records
   * of older ones are not in the answer. Narrow by `ticket` to see one of them.
   */
  moreTickets: z.optional(z.literal(true)),
});
export type AuditListResponse = z.infer<typeof auditListResponseSchema>;

export const subjectEntrySchema = z.object({
  eventTime: z.string(),
  /** The staff member's user name, the function's name, or the kind of caller. */
  user: z.string(),
  actor: z.enum(['Anonymous', 'Client', 'Staff', 'Service']),
  eventName: z.string(),
  /** What the event is, from the audit catalogue. */
  description: localized,
  readOnly: z.boolean(),
  outcome: z.enum(['success', 'failure']),
  errorCode: z.optional(z.string()),
  /**
   * Why, as far as the trail says: the kind of event, the unit acted for, a stated reason's
   * fingerprint and length (the words stay on the ticket), other plain parameters.
   */
  why: z.object({
    category: z.string(),
    competence: z.optional(z.string()),
    reasonSha256: z.optional(z.string()),
    reasonLength: z.optional(z.number()),
    details: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
  }),
});
export type SubjectEntryView = z.infer<typeof subjectEntrySchema>;

/**
 * `GET /api/staff/audit/subject`: per ticket of the client (oldest first), every recorded event; at
 * most 10,000 entries (1,000 a ticket) and some 4 MB, past which it says what it left out.
 */
export const subjectReportSchema = z.object({
  /** The client's key (`client-…`, as the tickets table has it); the address is never repeated. */
  clientKey: z.string(),
  /** SHA-256 of the address asked about (trimmed, lower case), when it was asked by address. */
  clientSha256: z.optional(z.string()),
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  generatedAt: z.string(),
  tickets: z.array(
    z.object({
      reference: z.string(),
      competence: z.string(),
      unit: localized,
      receivedAt: z.string(),
      entries: z.array(subjectEntrySchema),
      /** This ticket's entries past the report's limits were left out. */
      truncated: z.optional(z.boolean()),
    }),
  ),
  /**
   * The report is incomplete: a ticket's entries were cut, tickets were left out past its limits
   * (`ticketsLeftOut`), or the client may have tickets older than those looked at (`moreTickets`).
   */
  truncated: z.optional(z.boolean()),
  /** How many of the client's tickets looked at are not in the report (its entries or size spent). */
  ticketsLeftOut: z.optional(z.number()),
  /** The client has at least as many tickets as are looked at (the newest 100): older ones may exist. */
  moreTickets: z.optional(z.boolean()),
});
export type SubjectReportResponse = z.infer<typeof subjectReportSchema>;
