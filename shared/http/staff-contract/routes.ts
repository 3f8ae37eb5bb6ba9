/**
 * Every route of the staff API: method, path, request schema (body or query), what it answers. The
 * staff-api function's route table is typed from this list (`StaffRouteKey`), so that a route
 * missing from it, or one it does not list, fails to compile; the OpenAPI document
 * (`docs/openapi.json`, `npm run openapi`) is generated from it.
 */
import type * as z from 'zod/mini';
import { knowledgeSearchResponseSchema, questionFiguresSchema } from '../../use-cases/views/assistant.ts';
import { auditListResponseSchema, subjectReportSchema } from '../../use-cases/views/audit.ts';
import { logCallResponseSchema } from '../../use-cases/views/calls.ts';
import { serviceFiguresSchema } from '../../use-cases/views/figures.ts';
import {
  letterListResponseSchema,
  letterResponseSchema,
  postRegistrationListResponseSchema,
  postRegistrationResponseSchema,
} from '../../use-cases/views/post.ts';
import {
  quarantineListResponseSchema,
  quarantineReleaseResponseSchema,
} from '../../use-cases/views/quarantine.ts';
import {
  templatesResponseSchema,
  ticketListResponseSchema,
  uploadResponseSchema,
} from '../../use-cases/views/tickets.ts';
import { dataSubjectRoutes } from './data-subject-routes.ts';
import { feedbackRoutes } from './feedback-routes.ts';
import { knowledgeEditingRoutes } from './knowledge-routes.ts';
import { schemas } from './requests.ts';
import {
  meResponseSchema,
  quarantineResponseSchema,
  rerouteResponseSchema,
  sessionActivityResponseSchema,
  signOutResponseSchema,
  takeNextResponseSchema,
  ticketResponseSchema,
} from './responses.ts';

export const staffRoutes = [
  {
    method: 'GET',
    response: meResponseSchema,
    path: '/api/staff/me',
    summary: 'Who am I: roles, units, session limits',
  },
  {
    method: 'GET',
    response: ticketListResponseSchema,
    path: '/api/staff/tickets',
    query: schemas.worklistQuery,
    summary: 'A worklist: queue (new, oldest first), mine, due soon, overdue, review (supervisors)',
  },
  {
    method: 'POST',
    response: takeNextResponseSchema,
    path: '/api/staff/tickets/next',
    body: schemas.takeNext,
    summary: 'Take the oldest waiting ticket of my units',
  },
  {
    method: 'POST',
    response: ticketListResponseSchema,
    path: '/api/staff/search',
    body: schemas.search,
    summary: "Search my units: a reference, a client's email address, or words (in the body, never the URL)",
  },
  {
    method: 'GET',
    response: templatesResponseSchema,
    path: '/api/staff/templates',
    summary: 'Saved answer templates of my units',
  },
  {
    method: 'GET',
    response: ticketResponseSchema,
    path: '/api/staff/tickets/{reference}',
    summary: 'A ticket with thread and history',
  },
  {
    method: 'GET',
    response: ticketListResponseSchema,
    path: '/api/staff/tickets/{reference}/related',
    summary: "The client's other tickets in my units",
  },
  {
    method: 'POST',
    response: ticketResponseSchema,
    path: '/api/staff/tickets/{reference}/take',
    body: schemas.take,
    summary: 'Take this ticket (a reason when older ones wait)',
  },
  {
    method: 'POST',
    response: uploadResponseSchema,
    path: '/api/staff/tickets/{reference}/uploads',
    body: schemas.upload,
    summary:
      'Announce a file for a reply: a 5-minute signed PUT URL and the headers the PUT must carry (the browser uploads straight to the bucket)',
  },
  {
    method: 'POST',
    response: ticketResponseSchema,
    path: '/api/staff/tickets/{reference}/replies',
    body: schemas.reply,
    summary: 'Reply to the client by email (through outbound.fifo), with uploaded files attached',
  },
  {
    method: 'POST',
    response: ticketResponseSchema,
    path: '/api/staff/tickets/{reference}/notes',
    body: schemas.note,
    summary: 'Internal note (never sent)',
  },
  {
    method: 'POST',
    response: rerouteResponseSchema,
    path: '/api/staff/tickets/{reference}/route',
    body: schemas.route,
    summary: 'Re-route to the competent unit, with a reason',
  },
  {
    method: 'POST',
    response: ticketResponseSchema,
    path: '/api/staff/tickets/{reference}/status',
    body: schemas.status,
    summary: 'Change status',
  },
  {
    method: 'POST',
    response: ticketResponseSchema,
    path: '/api/staff/tickets/{reference}/deadline',
    body: schemas.deadline,
    summary: 'Extend the answer deadline, with the reason the client is told',
  },
  {
    method: 'POST',
    response: ticketResponseSchema,
    path: '/api/staff/tickets/{reference}/end-service',
    body: schemas.endService,
    summary: 'End service (§17): close, tell the client, flag the sender',
  },
  {
    method: 'POST',
    response: signOutResponseSchema,
    path: '/api/staff/sign-out',
    summary: 'Record the end of the session',
  },
  {
    method: 'POST',
    response: sessionActivityResponseSchema,
    path: '/api/staff/session/activity',
    summary:
      "Report deliberate input in the page (typing a reply without a call): the session's last activity on the server follows it; the page calls it at most once a minute",
  },
  {
    method: 'GET',
    response: quarantineListResponseSchema,
    path: '/api/staff/quarantine',
    query: schemas.quarantineQuery,
    summary:
      'Quarantined inbound mail of the units I supervise, with the reason; oldest first, as mail is answered in the order received (§21)',
  },
  {
    method: 'GET',
    response: quarantineResponseSchema,
    path: '/api/staff/quarantine/{id}',
    summary: 'One quarantined mail: reason, recipients, a text-only preview and a 5-minute download link',
  },
  {
    method: 'POST',
    response: quarantineReleaseResponseSchema,
    path: '/api/staff/quarantine/{id}/release',
    body: schemas.releaseQuarantined,
    summary: 'Release a quarantined mail (a reason is required): it becomes a ticket; once only (409 after)',
  },
  {
    method: 'POST',
    response: auditListResponseSchema,
    path: '/api/staff/audit',
    body: schemas.auditSearch,
    csv: true,
    summary:
      'Auditors: audit records (CloudTrail-shaped) by user, ticket, client, event, outcome and time, oldest first (the filters in the body, never the URL: they name people); CSV with format csv',
  },
  {
    method: 'POST',
    response: subjectReportSchema,
    path: '/api/staff/audit/subject',
    body: schemas.subjectReport,
    csv: true,
    summary:
      "Auditors: data-subject access report — who read or changed a client's data, when and why, per ticket (the client in the body, never the URL); at most 10,000 entries and some 4 MB, past which truncated says so; CSV with format csv",
  },
  {
    method: 'POST',
    response: postRegistrationResponseSchema,
    path: '/api/staff/post',
    body: schemas.registerPost,
    summary:
      "Mailroom: register a received letter (sender, address, day received, registered-mail number) and get a 5-minute signed PUT for its scan; the scan's arrival settles it",
  },
  {
    method: 'GET',
    response: postRegistrationListResponseSchema,
    path: '/api/staff/post',
    query: schemas.postListQuery,
    summary:
      'Mailroom: registered letters, newest first, each with its state (awaiting scan, accepted with its reference, refused with the reason)',
  },
  {
    method: 'GET',
    response: postRegistrationResponseSchema,
    path: '/api/staff/post/{id}',
    summary: 'Mailroom: one registration and its state',
  },
  {
    method: 'GET',
    response: letterListResponseSchema,
    path: '/api/staff/letters',
    query: schemas.letterListQuery,
    summary: 'Mailroom: letters to print and post (clients without an email address), oldest first',
  },
  {
    method: 'GET',
    response: letterResponseSchema,
    path: '/api/staff/letters/{reference}/{letterId}',
    summary: 'Mailroom: one letter with 5-minute download links to its PDF and enclosures',
  },
  {
    method: 'POST',
    response: letterResponseSchema,
    path: '/api/staff/letters/{reference}/{letterId}/dispatch',
    body: schemas.dispatchLetter,
    summary:
      'Mailroom: record that the letter was posted (and its registered-mail number); once only (409 after)',
  },
  {
    method: 'POST',
    response: logCallResponseSchema,
    path: '/api/staff/calls',
    body: schemas.logCall,
    summary:
      "Log a phone call as a ticket (channel phone): the menu digit the caller chose, the caller's number, name and question",
  },
  {
    method: 'POST',
    response: ticketResponseSchema,
    path: '/api/staff/tickets/{reference}/callback',
    body: schemas.recordCallback,
    summary: 'Record the callback the client asked for: reached, or not reached (then answer in writing)',
  },
  {
    method: 'POST',
    response: ticketResponseSchema,
    path: '/api/staff/tickets/{reference}/transcription',
    body: schemas.transcription,
    summary: 'Type in the text of a scanned letter that had no text layer',
  },
  ...knowledgeEditingRoutes,
  {
    method: 'POST',
    response: knowledgeSearchResponseSchema,
    path: '/api/staff/knowledge/search',
    body: schemas.knowledgeSearch,
    summary:
      'Agents, supervisors, admins, editors: search the published knowledge base (articles and glossary terms) for a reply — title, snippet, page and the plain text to insert',
  },
  {
    method: 'GET',
    response: questionFiguresSchema,
    path: '/api/staff/knowledge/questions',
    query: schemas.questionFiguresQuery,
    csv: true,
    summary:
      "Supervisors, editors, admins: the assistant's questions (personal data stripped) — top questions by normalised form, unanswered or answered Nē, deflection rate per topic; CSV with format=csv; reading it is audited",
  },
  {
    method: 'GET',
    response: serviceFiguresSchema,
    path: '/api/staff/analytics',
    query: schemas.serviceFiguresQuery,
    csv: true,
    summary:
      'Supervisors (their units), admins (all): the service-quality figures per period, unit and channel — received, answered, closed, backlog, first response and answer in working days (median, p90), deadline compliance, overdue, extensions, re-routes, takes out of order, surveys — and the assistant; CSV with format=csv (; separated, decimal comma); reading it is audited',
  },
  ...feedbackRoutes,
  ...dataSubjectRoutes,
] as const satisfies readonly {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: `/api/${string}`;
  summary: string;
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  /** The route also answers `text/csv` (`format=csv`, in the body of a POST, or `Accept: text/csv`). */
  csv?: boolean;
  /** The 200 answer's schema. */
  response: z.ZodMiniType;
}[];

type StaffRouteSpec = (typeof staffRoutes)[number];

/** Each route's entry by its key as API Gateway names it (`event.routeKey`): `GET /api/staff/me`. */
export type StaffRouteSpecs = { [R in StaffRouteSpec as `${R['method']} ${R['path']}`]: R };
export type StaffRouteKey = keyof StaffRouteSpecs;

// Distributive over a union of routes, so that any route's context fits the union's.
type Checked<Spec, Part extends 'body' | 'query'> = Spec extends {
  [P in Part]: infer S extends z.ZodMiniType;
}
  ? z.output<S>
  : undefined;

/** A route's body once its schema has checked it; `undefined` for a route without one. */
export type StaffRouteBody<K extends StaffRouteKey> = Checked<StaffRouteSpecs[K], 'body'>;

/** A route's query once its schema has checked it; `undefined` for a route without one. */
export type StaffRouteQuery<K extends StaffRouteKey> = Checked<StaffRouteSpecs[K], 'query'>;

const byKey = new Map<string, StaffRouteSpec>(
  staffRoutes.map((route) => [`${route.method} ${route.path}`, route]),
);

/** The contract's entry of a route key (`event.routeKey`), if it is a staff route. */
export function staffRouteOf(routeKey: string): StaffRouteSpec | undefined {
  return byKey.get(routeKey);
}
