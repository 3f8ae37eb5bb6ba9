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
import { type CompetenceId, competences } from '../domain/competences.ts';
import type { StaffRole } from '../domain/staff.ts';

export { type StaffRole, staffRoles } from '../domain/staff.ts';

const competenceIds = competences.map((competence) => competence.id) as [CompetenceId, ...CompetenceId[]];
export const referencePattern = /^TA-\d{4}-\d{6,}$/;
const calendarDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
/** Free text staff write: trimmed by the server, never empty, bounded. */
const staffText = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

export const worklistViews = ['queue', 'mine', 'due', 'overdue', 'review'] as const;
export type WorklistViewName = (typeof worklistViews)[number];

/** Statuses staff may set; `new` is only ever the state of an untaken ticket. */
export const settableStatuses = ['open', 'waiting-on-client', 'answered', 'closed'] as const;

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
  }),
  note: z.object({ text: staffText(20_000) }),
  route: z.object({ competence: z.enum(competenceIds), reason: staffText(1000) }),
  status: z.object({ status: z.enum(settableStatuses) }),
  deadline: z.object({ deadline: calendarDate, reason: staffText(1000) }),
  endService: z.object({ reason: staffText(1000) }),
} as const;

export type WorklistQuery = z.infer<typeof schemas.worklistQuery>;
export type ReplyRequest = z.infer<typeof schemas.reply>;

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
  { method: 'GET', path: '/api/staff/me', summary: 'Who am I: roles, units, session limits' },
  {
    method: 'GET',
    path: '/api/staff/tickets',
    query: schemas.worklistQuery,
    summary: 'A worklist: queue (new, oldest first), mine, due soon, overdue, review (supervisors)',
  },
  {
    method: 'POST',
    path: '/api/staff/tickets/next',
    body: schemas.takeNext,
    summary: 'Take the oldest waiting ticket of my units',
  },
  { method: 'GET', path: '/api/staff/search', query: schemas.searchQuery, summary: 'Search my units' },
  { method: 'GET', path: '/api/staff/templates', summary: 'Saved answer templates of my units' },
  { method: 'GET', path: '/api/staff/tickets/{reference}', summary: 'A ticket with thread and history' },
  {
    method: 'GET',
    path: '/api/staff/tickets/{reference}/related',
    summary: "The client's other tickets in my units",
  },
  {
    method: 'POST',
    path: '/api/staff/tickets/{reference}/take',
    body: schemas.take,
    summary: 'Take this ticket (a reason when older ones wait)',
  },
  {
    method: 'POST',
    path: '/api/staff/tickets/{reference}/replies',
    body: schemas.reply,
    summary: 'Reply to the client by email (through outbound.fifo)',
  },
  {
    method: 'POST',
    path: '/api/staff/tickets/{reference}/notes',
    body: schemas.note,
    summary: 'Internal note (never sent)',
  },
  {
    method: 'POST',
    path: '/api/staff/tickets/{reference}/route',
    body: schemas.route,
    summary: 'Re-route to the competent unit, with a reason',
  },
  {
    method: 'POST',
    path: '/api/staff/tickets/{reference}/status',
    body: schemas.status,
    summary: 'Change status',
  },
  {
    method: 'POST',
    path: '/api/staff/tickets/{reference}/deadline',
    body: schemas.deadline,
    summary: 'Extend the answer deadline, with the reason the client is told',
  },
  {
    method: 'POST',
    path: '/api/staff/tickets/{reference}/end-service',
    body: schemas.endService,
    summary: 'End service (§17): close, tell the client, flag the sender',
  },
  { method: 'POST', path: '/api/staff/sign-out', summary: 'Record the end of the session' },
] as const satisfies readonly {
  method: 'GET' | 'POST';
  path: `/api/${string}`;
  summary: string;
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
}[];

// ---- Answers ------------------------------------------------------------------------------

export interface UnitSummary {
  readonly id: CompetenceId;
  readonly name: { readonly lv: string; readonly en: string };
}

/** `GET /api/staff/me`. */
export interface MeResponse {
  readonly username: string;
  readonly roles: readonly StaffRole[];
  /** Units whose tickets the caller works (agents) or supervises. */
  readonly competences: readonly (UnitSummary & { readonly supervisor: boolean })[];
  /** Every unit, for the re-route dialog. */
  readonly units: readonly UnitSummary[];
  /** When the token (the session) ends, ISO instant; the page signs out then at the latest. */
  readonly sessionExpiresAt: string;
  /** Minutes without activity after which the page signs out. */
  readonly idleTimeoutMinutes: number;
}

export type DeadlineBadge = 'overdue' | 'due-soon';

export interface TicketSummary {
  readonly reference: string;
  readonly competence: CompetenceId;
  readonly status: 'new' | 'open' | 'waiting-on-client' | 'answered' | 'closed';
  readonly channel: 'web' | 'email' | 'postal' | 'phone';
  readonly subject: string;
  readonly clientName: string;
  readonly receivedAt: string;
  readonly answerDeadline: string;
  readonly expectedAnswerBy: string;
  readonly assignee?: string;
  /** Still to answer and past the deadline, or within the due-soon window (§5.3). */
  readonly deadlineBadge?: DeadlineBadge;
  /** The sender's service was ended (§17): a supervisor reviews it, no acknowledgement was sent. */
  readonly review?: boolean;
}

/** `GET /api/staff/tickets`, `/search`, `/related`. */
export interface TicketListResponse {
  readonly items: readonly TicketSummary[];
  readonly cursor?: string;
}

export interface ThreadEntry {
  readonly id: string;
  /** The client's message, our reply, an internal note, or an automatic notice to the client. */
  readonly kind: 'client' | 'reply' | 'note' | 'notice';
  readonly at: string;
  /** Staff username for replies and notes. */
  readonly author?: string;
  readonly text: string;
  /** Client HTML (email): untrusted, to be sanitised and shown only in a sandboxed frame. */
  readonly html?: string;
  /** For replies and notices: queued on outbound.fifo, or sent (with SES's time). */
  readonly delivery?: { readonly state: 'queued' | 'sent'; readonly sentAt?: string };
  /** For notices: which one (acknowledgement, reroute-notice, deadline-extension, end-service). */
  readonly notice?: string;
}

export interface HistoryEntry {
  readonly at: string;
  readonly by: string;
  readonly action: 'received' | 'taken' | 'rerouted' | 'deadline-extended' | 'status' | 'service-ended';
  readonly detail: string;
}

export interface Attachment {
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  /** Short-lived download URL. */
  readonly url: string;
}

/** `GET /api/staff/tickets/{reference}` and the answer of every action on a ticket. */
export interface TicketDetail extends TicketSummary {
  readonly language: 'lv' | 'en';
  readonly topic: string;
  readonly client: { readonly name: string; readonly email: string; readonly phone?: string };
  readonly firstResponseDue: string;
  readonly routing: {
    readonly ruleId: string;
    readonly explanation: { readonly lv: string; readonly en: string };
    readonly matched: readonly { readonly field: string; readonly value: string; readonly term: string }[];
  };
  readonly thread: readonly ThreadEntry[];
  readonly attachments: readonly Attachment[];
  readonly history: readonly HistoryEntry[];
  /** What the caller may do with it now. */
  readonly actions: readonly ('take' | 'reply' | 'note' | 'route' | 'status' | 'deadline' | 'end-service')[];
}

export interface TicketResponse {
  readonly ticket: TicketDetail;
}

/** `POST /api/staff/tickets/next`: the ticket taken, or null when nothing waits. */
export interface TakeNextResponse {
  readonly ticket: TicketDetail | null;
}

export interface AnswerTemplate {
  readonly id: string;
  readonly competence: CompetenceId;
  readonly language: 'lv' | 'en';
  readonly title: string;
  readonly text: string;
}

/** `GET /api/staff/templates`. */
export interface TemplatesResponse {
  readonly templates: readonly AnswerTemplate[];
}

/** Any refusal (403, 404, 409, 422). */
export interface ErrorResponse {
  readonly message: string;
  readonly code?: string;
}

/** 400. */
export interface ValidationErrorResponse {
  readonly errors: readonly { readonly field: string; readonly message: string }[];
}
