/**
 * The staff API (`/api/staff/*`, and the public `GET /api/auth/config`). The JWT authorizer (the
 * local gateway in the sandbox) has verified the token; this reads who the caller is from its
 * claims, validates the request against the contract's schemas, calls the use case and maps
 * refusals to 400/403/404/409/422 — each 403 audited with `errorCode: AccessDenied`.
 */

import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { EmfRefusalMetrics } from '../../shared/adapters/cloudwatch/audit-metrics.ts';
import { InvalidCursor } from '../../shared/adapters/dynamodb/worklists.ts';
import type { AuditEventName } from '../../shared/domain/audit-catalogue.ts';
import { competences } from '../../shared/domain/competences.ts';
import {
  type DeadlineExtensionRejected,
  ExtensionBeyondLegalMaximum,
  ExtensionDateInvalid,
  ExtensionNotLater,
  ExtensionNotOnWorkingDay,
} from '../../shared/domain/deadlines.ts';
import { stableId } from '../../shared/domain/ids.ts';
import { registrationIdPattern } from '../../shared/domain/postal-registration.ts';
import { staffFromClaims } from '../../shared/domain/staff.ts';
import type { Language } from '../../shared/domain/topics.ts';
import { httpErrorHandler } from '../../shared/http/error-handler.ts';
import { csvFile, json } from '../../shared/http/responses.ts';
import {
  type MeResponse,
  quarantineIdPattern,
  referencePattern,
  schemas,
} from '../../shared/http/staff-contract.ts';
import { quarantineMessage } from '../../shared/i18n/quarantine-messages.ts';
import { isStaffMessageKey, type StaffMessageKey, staffMessage } from '../../shared/i18n/staff-messages.ts';
import { logger } from '../../shared/logger.ts';
import {
  assertAuditor,
  type CsvFile,
  dataSubjectReport,
  exportAuditRecords,
  exportDataSubjectReport,
  listAuditRecords,
} from '../../shared/use-cases/audit-desk.ts';
import { ExtensionRefused, extendTicketDeadline } from '../../shared/use-cases/extend-deadline.ts';
import { logCall } from '../../shared/use-cases/log-call.ts';
import {
  assertMailroom,
  dispatchLetter,
  listLetters,
  listRegistrations,
  MailroomRefused,
  readLetter,
  readRegistration,
  registerPost,
} from '../../shared/use-cases/mailroom.ts';
import {
  listQuarantine,
  QuarantineRefused,
  readQuarantinedMail,
  recordQuarantineRefusal,
  releaseQuarantinedMail,
} from '../../shared/use-cases/quarantine-mail.ts';
import { RerouteRefused, rerouteTicket } from '../../shared/use-cases/reroute-ticket.ts';
import {
  addNote,
  assertMayAct,
  changeStatus,
  createReplyUpload,
  endService,
  listTemplates,
  listWorklist,
  readTicket,
  recordCallback,
  recordRefusal,
  relatedTickets,
  replyToClient,
  type StaffCaller,
  StaffFieldsRefused,
  StaffRefused,
  searchTickets,
  staffAudit,
  takeOne,
  ticketAfterAction,
  transcribeScan,
} from '../../shared/use-cases/staff-desk.ts';
import { recordMe, recordSignIn } from '../../shared/use-cases/staff-session.ts';
import { TakeRefused, takeNextTicket } from '../../shared/use-cases/take-ticket.ts';
import { unitName } from '../../shared/use-cases/ticket-views.ts';
import { buildDependencies } from './dependencies.ts';

const deps = buildDependencies();
const refusalMetrics = new EmfRefusalMetrics();

interface RouteContext {
  readonly caller: StaffCaller;
  readonly event: APIGatewayProxyEventV2;
  readonly reference: string;
  /** A quarantined mail's or a post registration's id (`{id}` in the path), validated. */
  readonly id: string;
  /** A letter's id (`{letterId}` in the path), validated. */
  readonly letterId: string;
  readonly language: Language;
}

type RouteHandler = (context: RouteContext) => Promise<unknown>;

/** A route's answer that is a file to download rather than JSON. */
class Download {
  readonly file: CsvFile;
  constructor(file: CsvFile) {
    this.file = file;
  }
}

/** CSV asked for: `format=csv`, or `Accept: text/csv` without `format=json`. */
function wantsCsv(event: APIGatewayProxyEventV2): boolean {
  const format = event.queryStringParameters?.format;
  return format === 'csv' || (format === undefined && /\btext\/csv\b/i.test(event.headers?.accept ?? ''));
}

/**
 * Audit event names of the routes, for refusals recorded before the use case runs. `quarantine`
 * routes are the supervisors' (the use case checks), their refusals recorded with the mail's id.
 */
const routes: Record<
  string,
  {
    eventName: AuditEventName;
    /** The event of this request when it depends on more than the route (a CSV export). */
    eventNameOf?: (event: APIGatewayProxyEventV2) => AuditEventName;
    tickets: boolean;
    quarantine?: true;
    /** The mailroom's (role `mailroom`). */
    mailroom?: true;
    run: RouteHandler;
  }
> = {
  'GET /api/staff/me': { eventName: 'GetMe', tickets: false, run: me },
  'POST /api/staff/sign-out': { eventName: 'SignOut', tickets: false, run: signOut },
  'GET /api/staff/tickets': {
    eventName: 'ListTickets',
    tickets: true,
    run: async ({ caller, event }) => {
      const query = parse(schemas.worklistQuery, event.queryStringParameters ?? {});
      return listWorklist(deps, caller, {
        view: query.view,
        competence: query.competence,
        cursor: query.cursor,
        limit: query.limit ? Number(query.limit) : undefined,
      });
    },
  },
  'POST /api/staff/tickets/next': {
    eventName: 'TakeNextTicket',
    tickets: true,
    run: async ({ caller, event }) => {
      const body = parse(schemas.takeNext, bodyOf(event));
      const units = body.competence
        ? caller.competences.filter((id) => id === body.competence)
        : caller.competences;
      if (body.competence && units.length === 0) throw new StaffRefused('AccessDenied');
      const taken = await takeNextTicket(deps, { ...caller, competences: units });
      // Taking writes its own record (TakeTicket); asking when nothing waits is recorded too.
      if (!taken)
        await deps.audit.append([
          staffAudit(caller, {
            eventName: 'TakeNextTicket',
            eventTime: now(),
            readOnly: true,
            requestParameters: body.competence ? { competence: body.competence } : null,
            responseElements: { ticket: null },
          }),
        ]);
      return { ticket: taken ? await ticketAfterAction(deps, caller, taken.reference) : null };
    },
  },
  'GET /api/staff/search': {
    eventName: 'SearchTickets',
    tickets: true,
    run: async ({ caller, event }) => {
      const query = parse(schemas.searchQuery, { q: event.queryStringParameters?.q?.trim() });
      return { items: await searchTickets(deps, caller, query.q) };
    },
  },
  'GET /api/staff/templates': {
    eventName: 'ListTemplates',
    tickets: true,
    run: async ({ caller }) => listTemplates(deps, caller),
  },
  'GET /api/staff/tickets/{reference}': {
    eventName: 'GetTicket',
    tickets: true,
    run: async ({ caller, reference }) => ({ ticket: await readTicket(deps, caller, reference) }),
  },
  'GET /api/staff/tickets/{reference}/related': {
    eventName: 'ListClientTickets',
    tickets: true,
    run: async ({ caller, reference }) => ({ items: await relatedTickets(deps, caller, reference) }),
  },
  'POST /api/staff/tickets/{reference}/take': {
    eventName: 'TakeTicket',
    tickets: true,
    run: async ({ caller, event, reference }) => {
      const body = parse(schemas.take, bodyOf(event));
      return { ticket: await takeOne(deps, caller, reference, body.reason) };
    },
  },
  'POST /api/staff/tickets/{reference}/replies': {
    eventName: 'ReplyToClient',
    tickets: true,
    run: async ({ caller, event, reference }) => {
      const body = parse(schemas.reply, bodyOf(event));
      const ticket = await replyToClient(
        deps,
        caller,
        reference,
        { text: body.text, status: body.status, attachments: body.attachments },
        idempotencyKey(event),
      );
      return { ticket };
    },
  },
  'POST /api/staff/tickets/{reference}/uploads': {
    eventName: 'CreateReplyUpload',
    tickets: true,
    run: async ({ caller, event, reference }) => {
      const body = parse(schemas.upload, bodyOf(event));
      return createReplyUpload(deps, caller, reference, body);
    },
  },
  'POST /api/staff/tickets/{reference}/notes': {
    eventName: 'AddNote',
    tickets: true,
    run: async ({ caller, event, reference }) => {
      const body = parse(schemas.note, bodyOf(event));
      return { ticket: await addNote(deps, caller, reference, body.text, idempotencyKey(event)) };
    },
  },
  'POST /api/staff/tickets/{reference}/route': {
    eventName: 'RerouteTicket',
    tickets: true,
    run: async ({ caller, event, reference }) => {
      const body = parse(schemas.route, bodyOf(event));
      await assertMayAct(deps, caller, reference, 'route');
      await rerouteTicket(deps, caller, reference, body.competence, body.reason);
      // The caller may have moved it out of their units: answer what they may still see.
      return caller.competences.includes(body.competence)
        ? { ticket: await ticketAfterAction(deps, caller, reference) }
        : { ticket: null, movedTo: body.competence };
    },
  },
  'POST /api/staff/tickets/{reference}/status': {
    eventName: 'ChangeTicketStatus',
    tickets: true,
    run: async ({ caller, event, reference }) => {
      const body = parse(schemas.status, bodyOf(event));
      return { ticket: await changeStatus(deps, caller, reference, body.status) };
    },
  },
  'POST /api/staff/tickets/{reference}/deadline': {
    eventName: 'ExtendDeadline',
    tickets: true,
    run: async ({ caller, event, reference }) => {
      const body = parse(schemas.deadline, bodyOf(event));
      await assertMayAct(deps, caller, reference, 'deadline');
      await extendTicketDeadline(deps, caller, reference, body.deadline, body.reason);
      return { ticket: await ticketAfterAction(deps, caller, reference) };
    },
  },
  'POST /api/staff/tickets/{reference}/end-service': {
    eventName: 'EndService',
    tickets: true,
    run: async ({ caller, event, reference }) => {
      const body = parse(schemas.endService, bodyOf(event));
      return { ticket: await endService(deps, caller, reference, body.reason) };
    },
  },
  'GET /api/staff/quarantine': {
    eventName: 'ListQuarantine',
    tickets: false,
    quarantine: true,
    run: async ({ caller, event }) => {
      const query = parse(schemas.quarantineQuery, event.queryStringParameters ?? {});
      return listQuarantine(deps.mailQuarantine, caller, {
        competence: query.competence,
        state: query.state,
        cursor: query.cursor,
        limit: query.limit ? Number(query.limit) : undefined,
      });
    },
  },
  'GET /api/staff/quarantine/{id}': {
    eventName: 'GetQuarantinedMail',
    tickets: false,
    quarantine: true,
    run: async ({ caller, id }) => ({ mail: await readQuarantinedMail(deps.mailQuarantine, caller, id) }),
  },
  'POST /api/staff/quarantine/{id}/release': {
    eventName: 'ReleaseQuarantinedMail',
    tickets: false,
    quarantine: true,
    run: async ({ caller, event, id }) => {
      const body = parse(schemas.releaseQuarantined, bodyOf(event));
      return releaseQuarantinedMail(deps.mailQuarantine, caller, id, body.reason);
    },
  },
  'POST /api/staff/tickets/{reference}/callback': {
    eventName: 'RecordCallback',
    tickets: true,
    run: async ({ caller, event, reference }) => {
      const body = parse(schemas.recordCallback, bodyOf(event));
      return { ticket: await recordCallback(deps, caller, reference, body) };
    },
  },
  'POST /api/staff/tickets/{reference}/transcription': {
    eventName: 'TranscribeScan',
    tickets: true,
    run: async ({ caller, event, reference }) => {
      const body = parse(schemas.transcription, bodyOf(event));
      return { ticket: await transcribeScan(deps, caller, reference, body.text) };
    },
  },
  'POST /api/staff/calls': {
    eventName: 'LogCall',
    tickets: true,
    run: async ({ caller, event }) => {
      const body = parse(schemas.logCall, bodyOf(event));
      return logCall(deps.calls, caller, body, idempotencyKey(event));
    },
  },
  // The mailroom (issue 7): the role is checked by the use cases before anything is read.
  'POST /api/staff/post': {
    mailroom: true,
    eventName: 'RegisterPost',
    tickets: false,
    run: async ({ caller, event, language }) => {
      const body = parse(schemas.registerPost, bodyOf(event));
      return registerPost(deps.mailroom, caller, body, language, idempotencyKey(event));
    },
  },
  'GET /api/staff/post': {
    mailroom: true,
    eventName: 'ListPostRegistrations',
    tickets: false,
    run: async ({ caller, event, language }) => {
      const query = parse(schemas.postListQuery, event.queryStringParameters ?? {});
      return listRegistrations(
        deps.mailroom,
        caller,
        { cursor: query.cursor, limit: query.limit ? Number(query.limit) : undefined },
        language,
      );
    },
  },
  'GET /api/staff/post/{id}': {
    mailroom: true,
    eventName: 'GetPostRegistration',
    tickets: false,
    run: async ({ caller, id, language }) => readRegistration(deps.mailroom, caller, id, language),
  },
  'GET /api/staff/letters': {
    mailroom: true,
    eventName: 'ListLetters',
    tickets: false,
    run: async ({ caller, event }) => {
      const query = parse(schemas.letterListQuery, event.queryStringParameters ?? {});
      return listLetters(deps.mailroom, caller, {
        state: query.state,
        cursor: query.cursor,
        limit: query.limit ? Number(query.limit) : undefined,
      });
    },
  },
  'GET /api/staff/letters/{reference}/{letterId}': {
    mailroom: true,
    eventName: 'GetLetter',
    tickets: false,
    run: async ({ caller, reference, letterId }) => readLetter(deps.mailroom, caller, reference, letterId),
  },
  'POST /api/staff/letters/{reference}/{letterId}/dispatch': {
    mailroom: true,
    eventName: 'DispatchLetter',
    tickets: false,
    run: async ({ caller, event, reference, letterId }) => {
      const body = parse(schemas.dispatchLetter, bodyOf(event));
      return dispatchLetter(deps.mailroom, caller, reference, letterId, body);
    },
  },
  // Auditors (issue 6, item 5): the role is checked before the query, so others learn nothing.
  'GET /api/staff/audit': {
    eventName: 'ListAuditRecords',
    eventNameOf: (event) => (wantsCsv(event) ? 'ExportAuditRecords' : 'ListAuditRecords'),
    tickets: false,
    run: async ({ caller, event }) => {
      assertAuditor(caller);
      const { format: _format, ...query } = parse(schemas.auditQuery, event.queryStringParameters ?? {});
      return wantsCsv(event)
        ? new Download(await exportAuditRecords(deps.auditDesk, caller, query))
        : listAuditRecords(deps.auditDesk, caller, query);
    },
  },
  'GET /api/staff/audit/subject': {
    eventName: 'GetDataSubjectReport',
    eventNameOf: (event) => (wantsCsv(event) ? 'ExportDataSubjectReport' : 'GetDataSubjectReport'),
    tickets: false,
    run: async ({ caller, event }) => {
      assertAuditor(caller);
      const { format: _format, ...query } = parse(
        schemas.subjectReportQuery,
        event.queryStringParameters ?? {},
      );
      return wantsCsv(event)
        ? new Download(await exportDataSubjectReport(deps.auditDesk, caller, query))
        : dataSubjectReport(deps.auditDesk, caller, query);
    },
  },
};

const now = () => deps.clock.now().toISOString();

/** A letter's id: its outbound message's (`ack-TA-…`, `reply-<uuid>`, …). */
const letterIdPattern = /^[A-Za-z0-9-]{1,128}$/;

async function me({ caller }: RouteContext): Promise<MeResponse> {
  // Every call is a read of the caller's own roles and units (the sign-in is recorded before).
  await recordMe(deps.session, caller);
  return {
    username: caller.username,
    roles: [...caller.roles],
    competences: caller.competences.map((id) => ({
      id,
      name: unitName(id),
      supervisor: caller.supervises.includes(id),
    })),
    units: competences.map((competence) => ({
      id: competence.id,
      name: unitName(competence.id),
    })),
    sessionExpiresAt: new Date(caller.expiresAt * 1000).toISOString(),
    idleTimeoutMinutes: deps.authConfig.idleTimeoutMinutes,
  };
}

async function signOut({ caller }: RouteContext): Promise<{ signedOut: true }> {
  await deps.audit.append([
    staffAudit(caller, {
      eventName: 'SignOut',
      eventTime: now(),
      readOnly: false,
      eventID: stableId(caller.sessionId, 'SignOut'),
    }),
  ]);
  return { signedOut: true };
}

class InvalidRequest extends Error {
  readonly errors: readonly { field: string; key: StaffMessageKey; values?: Record<string, string> }[];
  constructor(errors: InvalidRequest['errors']) {
    super('Invalid request');
    this.name = 'InvalidRequest';
    this.errors = errors;
  }
}

function parse<T>(schema: z.ZodMiniType<T>, data: unknown): T {
  const result = z.safeParse(schema, data);
  if (result.success) return result.data;
  const given = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  throw new InvalidRequest(
    result.error.issues.map((issue) => {
      const field = issue.path.map(String).join('.') || 'body';
      // Missing at any depth (`address.place` as much as `name`), once trimmed.
      const value = issue.path.reduce<unknown>(
        (parent, step) =>
          typeof parent === 'object' && parent !== null
            ? (parent as Record<string, unknown>)[String(step)]
            : undefined,
        given,
      );
      const missing =
        issue.path.length > 0 && (value === undefined || value === null || String(value).trim() === '');
      return {
        field,
        key: missing
          ? 'staff.field.required'
          : issue.message === 'postal-code'
            ? 'staff.post.postalCode'
            : issue.code === 'too_big'
              ? 'staff.field.tooLong'
              : 'staff.field.invalid',
      };
    }),
  );
}

function bodyOf(event: APIGatewayProxyEventV2): unknown {
  if (!event.body) return {};
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    const data = JSON.parse(text) as unknown;
    if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
      // Free text is trimmed here, so that "   " is as empty as "".
      return Object.fromEntries(
        Object.entries(data).map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value]),
      );
    }
  } catch {
    // Falls through.
  }
  throw new InvalidRequest([{ field: 'body', key: 'staff.body.malformed' }]);
}

function idempotencyKey(event: APIGatewayProxyEventV2): string | undefined {
  const key = event.headers?.['idempotency-key'];
  return key && /^[A-Za-z0-9_-]{8,128}$/.test(key) ? key : undefined;
}

function languageOf(event: APIGatewayProxyEventV2): Language {
  return /^\s*en\b/i.test(event.headers?.['accept-language'] ?? '') ? 'en' : 'lv';
}

/** Claims as the JWT authorizer passes them (`requestContext.authorizer.jwt.claims`). */
function claimsOf(event: APIGatewayProxyEventV2): Record<string, unknown> | undefined {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
  return context.authorizer?.jwt?.claims;
}

/** How each refusal is answered: status and message key. */
interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly key: StaffMessageKey;
  readonly values?: Record<string, string>;
  /** A message of another catalogue, instead of `key`'s. */
  readonly message?: (language: Language) => string;
}

/** The message for a refused deadline: which rule, with the date that would work. */
function deadlineRule(rule: DeadlineExtensionRejected | undefined): Pick<Refusal, 'key' | 'values'> {
  if (rule instanceof ExtensionNotLater)
    return { key: 'staff.deadline.notLater', values: { date: rule.currentDeadline } };
  if (rule instanceof ExtensionNotOnWorkingDay)
    return { key: 'staff.deadline.notWorkingDay', values: { date: rule.nextWorkingDay } };
  if (rule instanceof ExtensionBeyondLegalMaximum)
    return { key: 'staff.deadline.beyondMaximum', values: { date: rule.latestDeadline } };
  if (rule instanceof ExtensionDateInvalid) return { key: 'staff.deadline.dateInvalid' };
  return { key: 'staff.Invalid' };
}

function refusalOf(error: unknown): Refusal | undefined {
  const plain = (status: number, code: string): Refusal => ({
    status,
    code,
    key: isStaffMessageKey(`staff.${code}`) ? (`staff.${code}` as StaffMessageKey) : 'staff.Conflict',
  });
  if (error instanceof StaffRefused) {
    const status =
      { AccessDenied: 403, NotFound: 404, InvalidCursor: 400, IdempotencyMismatch: 422 }[
        error.code as string
      ] ?? 409;
    return plain(status, error.code);
  }
  if (error instanceof TakeRefused) return plain(error.code === 'AccessDenied' ? 403 : 409, error.code);
  if (error instanceof RerouteRefused) {
    const status =
      { AccessDenied: 403, NotFound: 404, UnknownCompetence: 400, ReasonRequired: 400 }[
        error.code as string
      ] ?? 409;
    return plain(status, error.code);
  }
  if (error instanceof ExtensionRefused) {
    const status = { AccessDenied: 403, NotFound: 404, Invalid: 422 }[error.code as string] ?? 409;
    return error.code === 'Invalid'
      ? { status, code: error.code, ...deadlineRule(error.rule) }
      : plain(status, error.code);
  }
  if (error instanceof InvalidCursor) return plain(400, 'InvalidCursor');
  if (error instanceof MailroomRefused) {
    const status = { AccessDenied: 403, RegistrationNotFound: 404, LetterNotFound: 404 }[
      error.code as string
    ];
    return plain(status ?? 409, error.code);
  }
  if (error instanceof QuarantineRefused) {
    const { code } = error;
    if (code === 'AccessDenied') return plain(403, code);
    if (code === 'InvalidCursor') return plain(400, code);
    return {
      ...plain(code === 'NotFound' ? 404 : 409, code),
      message: (language) => quarantineMessage(language, `quarantine.${code}`),
    };
  }
  return undefined;
}

export async function staffApi(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const language = languageOf(event);
  if (event.routeKey === 'GET /api/auth/config') return json(200, deps.authConfig);
  const route = routes[event.routeKey];
  if (!route) return json(404, { message: staffMessage(language, 'staff.NotFound'), code: 'NotFound' });
  const claims = claimsOf(event);
  // Access tokens only: an ID token (also signed by the pool, for the same client) carries no scope.
  const identity = claims?.token_use === 'access' ? staffFromClaims(claims) : undefined;
  // The authorizer lets no request without a valid token through; this guards a misconfiguration.
  if (!identity) return json(401, { message: staffMessage(language, 'staff.unauthorized') });
  const caller: StaffCaller = {
    ...identity,
    sourceIPAddress: event.requestContext.http.sourceIp,
    userAgent: event.requestContext.http.userAgent ?? '',
    requestId: event.requestContext.requestId,
  };
  const reference = event.pathParameters?.reference ?? '';
  const id = event.pathParameters?.id ?? '';
  const letterId = event.pathParameters?.letterId ?? '';
  // Only a well-formed reference goes into the audit trail and the logs (a path may hold anything).
  const recorded = referencePattern.test(reference) ? reference : undefined;
  const recordedId = quarantineIdPattern.test(id) ? id : undefined;
  const readOnly = event.requestContext.http.method === 'GET';
  const eventName = route.eventNameOf?.(event) ?? route.eventName;
  const refused = (code: string) => {
    // Counted as it happens for the access-denied spike alarm (the record says who and what).
    refusalMetrics.refused(code);
    return route.quarantine
      ? recordQuarantineRefusal(deps.mailQuarantine, caller, eventName, code, recordedId, readOnly)
      : recordRefusal(deps, caller, eventName, code, recorded, readOnly);
  };
  // The session's sign-in, at its first call whatever the route (once per session).
  await recordSignIn(deps.session, caller);
  try {
    if (route.tickets && caller.competences.length === 0) throw new StaffRefused('AccessDenied');
    if (event.routeKey.includes('{reference}') && !referencePattern.test(reference))
      throw new StaffRefused('NotFound');
    // The mailroom's routes: the role first, so that others learn nothing from the path.
    if (route.mailroom) assertMailroom(caller);
    if (event.routeKey.includes('{id}') && !(route.mailroom ? registrationIdPattern.test(id) : recordedId))
      throw route.quarantine
        ? new QuarantineRefused('NotFound')
        : new MailroomRefused('RegistrationNotFound');
    if (event.routeKey.includes('{letterId}') && !letterIdPattern.test(letterId))
      throw new MailroomRefused('LetterNotFound');
    const result = await route
      .run({ caller, event, reference, id, letterId, language })
      .catch((error: unknown) => {
        throw error instanceof StaffFieldsRefused ? new InvalidRequest(error.errors) : error;
      });
    if (result instanceof Download) {
      const { filename, text, rows, cursor } = result.file;
      // The rest of a long export: the same query with this cursor.
      return csvFile(filename, text, {
        'x-courtdesk-rows': String(rows),
        ...(cursor ? { 'x-courtdesk-cursor': cursor } : {}),
      });
    }
    return json(200, result);
  } catch (error) {
    if (error instanceof InvalidRequest) {
      // Refused calls are audited too (issue 6: every staff API call), with the fields at fault.
      await refused('ValidationError');
      return json(400, {
        errors: error.errors.map(({ field, key, values }) => ({
          field,
          message: staffMessage(language, key, values),
        })),
      });
    }
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    await refused(refusal.code);
    logger.info('Staff request refused', {
      requestId: caller.requestId,
      route: event.routeKey,
      code: refusal.code,
      ...(recorded ? { reference: recorded } : {}),
      ...(recordedId ? { messageId: recordedId } : {}),
    });
    return json(refusal.status, {
      message: refusal.message
        ? refusal.message(language)
        : staffMessage(language, refusal.key, refusal.values),
      code: refusal.code,
    });
  }
}

export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
  .use(httpErrorHandler())
  .handler(staffApi);
