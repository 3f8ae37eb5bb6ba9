/**
 * The staff API's requests: the schemas (zod/mini) the staff-api function and the admin page check
 * requests against. Those the staff verbs take are defined beside the verbs (use-cases/views).
 */
import * as z from 'zod/mini';
import { type AuditEventName, auditEventNames } from '../../domain/audit-catalogue.ts';
import { competenceIds } from '../../use-cases/views/common.ts';
import {
  calendarDate,
  logCallRequestSchema,
  registeredMailNumber,
  registerPostRequestSchema,
  replyRequestSchema,
  staffText,
  uploadRequestSchema,
} from '../../use-cases/views/requests.ts';
import { worklistViews } from '../../use-cases/views/tickets.ts';

export const referencePattern = /^TA-\d{4}-\d{6,}$/;

/** A quarantined mail's SES message id, as it appears in the path. */
export const quarantineIdPattern = /^[A-Za-z0-9._-]{1,128}$/;

/** Statuses staff may set; `new` is only ever the state of an untaken ticket. */
export const settableStatuses = ['open', 'waiting-on-client', 'answered', 'closed'] as const;

/** The `client` parameter of the auditors' routes, as the API documentation gives it. */
const clientParameterText =
  'The client: its key as the tickets table has it (client- and 40 hex digits of a keyed HMAC-SHA-256), the legacy unkeyed key (client- and the first 40 hex digits of the SHA-256 of the email address, trimmed and in lower case; the admin page computes it in the browser), or the email address itself. It travels in the body, never the URL (CDN and API access logs record query strings). The lookup is recorded with the keyed key only, never the address nor its unkeyed hash.';

/** The query of a paged list: where the last page ended, and how many to a page. */
const pageQuery = {
  cursor: z.optional(z.string().check(z.maxLength(2000))),
  limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/))),
};

export const schemas = {
  /** `GET /api/staff/tickets` query. */
  worklistQuery: z.object({
    view: z.enum(worklistViews),
    /** One of the caller's units; absent: all of them (no cursor then). */
    competence: z.optional(z.enum(competenceIds)),
    ...pageQuery,
  }),
  /**
   * `POST /api/staff/search`: a reference, a client's email address, or words (trimmed). A body, not
   * a query: the CDN's and the API's access logs record query strings, and these name clients.
   */
  search: z.object({ q: z.string().check(z.minLength(2), z.maxLength(200)) }),
  /** `POST /api/staff/tickets/next`: no body needed. */
  takeNext: z.object({ competence: z.optional(z.enum(competenceIds)) }),
  /** `POST /api/staff/tickets/{reference}/take`: out of queue order needs a reason. */
  take: z.object({ reason: z.optional(z.string().check(z.maxLength(1000))) }),
  reply: replyRequestSchema,
  upload: uploadRequestSchema,
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
    ...pageQuery,
  }),
  /** `POST /api/staff/quarantine/{id}/release`: why the supervisor lets it through. */
  releaseQuarantined: z.object({ reason: staffText(1000) }),
  /**
   * `POST /api/staff/audit` body (auditors): records oldest first. A body, not a query: a staff
   * member's user name and a client's key or address name people, and the CDN's and the API's
   * access logs keep query strings. Filters combine; the lookup is by ticket (`ticket`, or
   * `client`: the client's newest tickets, at most 100), else by staff member (`user`), else the
   * hours of the range. `from`/`to`: ISO instants with a time zone, `from` inclusive, `to`
   * exclusive; default the last 24 hours; at most 31 days. `limit`: 1–1000 (default 100), with
   * `format: 'csv'` 1–10000 (default 10000).
   */
  auditSearch: z.object({
    /** A staff member's user name. */
    user: z.optional(z.string().check(z.maxLength(128))),
    /** A ticket's reference. */
    ticket: z.optional(z.string().check(z.maxLength(40))),
    /**
     * A client: the records of the client's tickets. Its keyed key as the tickets table has it,
     * its legacy (unkeyed) key — `client-` and the first 40 hex digits of the SHA-256 of the
     * address, trimmed and in lower case, which the admin page computes — or the email address
     * itself. The lookup is recorded with the keyed key only.
     */
    client: z.optional(z.string().check(z.maxLength(254), z.describe(clientParameterText))),
    eventName: z.optional(z.enum(auditEventNames as [AuditEventName, ...AuditEventName[]])),
    /** `failure`: refused or failed (`errorCode` set); `success`: the others. */
    outcome: z.optional(z.enum(['success', 'failure'])),
    from: z.optional(z.string().check(z.maxLength(40))),
    to: z.optional(z.string().check(z.maxLength(40))),
    /** Records to a page (to a CSV file); the use case checks the range and says it. */
    limit: z.optional(z.union([z.number(), z.string().check(z.maxLength(6))])),
    cursor: z.optional(z.string().check(z.maxLength(2000))),
    /** `csv` (or `Accept: text/csv`): a CSV file to download instead of JSON. */
    format: z.optional(z.enum(['json', 'csv'])),
  }),
  /**
   * `POST /api/staff/audit/subject` body (auditors): the data-subject access report of a client;
   * the whole history unless `from`/`to` narrow it. A body, not a query: the client is named.
   */
  subjectReport: z.object({
    /** The client's keyed key, legacy (unkeyed) key or email address. */
    client: z.string().check(z.maxLength(254), z.describe(clientParameterText)),
    from: z.optional(z.string().check(z.maxLength(40))),
    to: z.optional(z.string().check(z.maxLength(40))),
    format: z.optional(z.enum(['json', 'csv'])),
  }),
  // ---- Post and phone ----
  registerPost: registerPostRequestSchema,
  /** `GET /api/staff/post` query (mailroom): registrations, newest first. */
  postListQuery: z.object(pageQuery),
  /** `GET /api/staff/letters` query (mailroom): letters to post (`pending`, default) or posted. */
  letterListQuery: z.object({
    state: z.optional(z.enum(['pending', 'dispatched'])),
    ...pageQuery,
  }),
  /** `POST /api/staff/letters/{reference}/{letterId}/dispatch` (mailroom): the letter went out. */
  dispatchLetter: z.object({
    registeredMailNumber,
    /** Default today (Riga); not in the future. */
    dispatchedOn: z.optional(calendarDate),
  }),
  logCall: logCallRequestSchema,
  /** `POST /api/staff/tickets/{reference}/callback`: the callback was made (or the client not reached). */
  recordCallback: z.object({
    outcome: z.enum(['reached', 'not-reached']),
    note: z.optional(z.string().check(z.maxLength(20_000))),
  }),
  /** `POST /api/staff/tickets/{reference}/transcription`: the text of a scan that had none. */
  transcription: z.object({ text: staffText(100_000) }),
  // ---- The knowledge base outside its editor ----
  /**
   * `POST /api/staff/knowledge/search`: words of a client's question (trimmed); `lang` default the
   * interface's. A body, not a query: the words may name the client, and access logs keep queries.
   */
  knowledgeSearch: z.object({
    q: z.string().check(z.minLength(2), z.maxLength(500)),
    lang: z.optional(z.enum(['lv', 'en'])),
  }),
  /**
   * `GET /api/staff/knowledge/questions` query (supervisors, editors, admins): the assistant's
   * question log's figures over the days `from`..`to` (inclusive, Riga days; default the 30 days to
   * today; at most 92), of one topic or all.
   */
  questionFiguresQuery: z.object({
    from: z.optional(calendarDate),
    to: z.optional(calendarDate),
    topic: z.optional(z.enum(competenceIds)),
    /** `csv` (or `Accept: text/csv`): a CSV file to download instead of JSON. */
    format: z.optional(z.enum(['json', 'csv'])),
  }),
  /**
   * `GET /api/staff/analytics` query (supervisors of the unit, admins): the service-quality
   * figures over the days `from`..`to` (inclusive, Riga days; default the 90 days to today; at
   * most 366, by day at most 92), by `granularity` (default `week`), of one unit or all the
   * caller's, of one channel or all.
   */
  serviceFiguresQuery: z.object({
    from: z.optional(calendarDate),
    to: z.optional(calendarDate),
    competence: z.optional(z.enum(competenceIds)),
    channel: z.optional(z.enum(['web', 'email', 'postal', 'phone'])),
    granularity: z.optional(z.enum(['day', 'week', 'month'])),
    /** `csv` (or `Accept: text/csv`): a CSV file to download instead of JSON. */
    format: z.optional(z.enum(['json', 'csv'])),
  }),
} as const;

export type WorklistQuery = z.infer<typeof schemas.worklistQuery>;
