/**
 * Who calls which route. The JWT authorizer (the local gateway in the sandbox) has verified the
 * token; this reads the caller from its claims, admits the call against the sessions store (signed
 * out, idle too long: 401; the first call records the sign-in), and refuses what the route or its
 * path rules out before anything is read.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Language } from '../../../shared/domain/language.ts';
import { registrationIdPattern } from '../../../shared/domain/postal-registration.ts';
import { accessDenied, notFound, Refused } from '../../../shared/domain/refused.ts';
import { editsKnowledge, protectsData, staffFromClaims } from '../../../shared/domain/staff.ts';
import { clientAddressOf } from '../../../shared/http/middleware/origin-guard.ts';
import { json } from '../../../shared/http/responses.ts';
import { quarantineIdPattern, referencePattern } from '../../../shared/http/staff-contract.ts';
import { staffMessage } from '../../../shared/i18n/staff-messages.ts';
import { isValidSlug } from '../../../shared/knowledge/urls.ts';
import { assertAuditor } from '../../../shared/use-cases/audit-desk.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';
import { admitSession } from '../../../shared/use-cases/staff-session.ts';
import type { Route, StaffApiDeps, StaffCall, StaffCallContext, StaffRouteTable } from '../routes/route.ts';

/** A letter's id: its outbound message's (`ack-TA-…`, `reply-<uuid>`, …). */
const letterIdPattern = /^[A-Za-z0-9-]{1,128}$/;

/** Latvian unless the caller's Accept-Language starts with `en`. */
export function staffLanguage(event: APIGatewayProxyEventV2): Language {
  return /^\s*en\b/i.test(event.headers?.['accept-language'] ?? '') ? 'en' : 'lv';
}

/** Claims as the JWT authorizer passes them (`requestContext.authorizer.jwt.claims`). */
function claimsOf(event: APIGatewayProxyEventV2): Record<string, unknown> | undefined {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
  return context.authorizer?.jwt?.claims;
}

/**
 * Answers the public routes (no token) before anything else: each gives the JSON to answer with.
 */
export function publicRoutes(
  routes: Readonly<Record<string, (deps: StaffApiDeps) => unknown>>,
  deps: StaffApiDeps,
): MiddlewareObj<APIGatewayProxyEventV2> {
  return {
    before: async ({ event }) => {
      const answer = Object.hasOwn(routes, event.routeKey) ? routes[event.routeKey] : undefined;
      return answer ? json(200, answer(deps)) : undefined;
    },
  };
}

export function staffCall(
  routes: StaffRouteTable,
  deps: StaffApiDeps,
): MiddlewareObj<APIGatewayProxyEventV2, unknown, Error, StaffCallContext> {
  const table: Readonly<Record<string, Route>> = routes;
  const before = async (request: Request<APIGatewayProxyEventV2, unknown, Error, StaffCallContext>) => {
    const { event } = request;
    const language = staffLanguage(event);
    const route = Object.hasOwn(table, event.routeKey) ? table[event.routeKey] : undefined;
    if (!route) return json(404, { message: staffMessage(language, 'staff.NotFound'), code: 'NotFound' });
    const claims = claimsOf(event);
    // Access tokens only: an ID token (also signed by the pool, for the same client) carries no scope.
    const identity = claims?.token_use === 'access' ? staffFromClaims(claims) : undefined;
    // The authorizer lets no request without a valid token through; this guards a misconfiguration.
    if (!identity) return json(401, { message: staffMessage(language, 'staff.unauthorized') });
    const caller: StaffCaller = {
      ...identity,
      sourceIPAddress: clientAddressOf(event),
      userAgent: event.requestContext.http.userAgent ?? '',
      requestId: event.requestContext.requestId,
    };
    const call: StaffCall = {
      route,
      caller,
      language,
      reference: event.pathParameters?.reference ?? '',
      id: event.pathParameters?.id ?? '',
      letterId: event.pathParameters?.letterId ?? '',
    };
    // The session on the server: signed out or idle too long is refused whatever the token's
    // expiry (the page's own timeout and sign-out cannot be relied on); a first call signs in.
    const refusal = await admitSession(deps.session, caller);
    // An idle session may still sign out (the page's own idle sign-out comes after the server's
    // limit): its tokens are refused either way, and the sign-out is recorded.
    const idleSignOut = refusal === 'SessionIdle' && event.routeKey === 'POST /api/staff/sign-out';
    if (refusal && !idleSignOut)
      return json(401, { message: staffMessage(language, `staff.${refusal}`), code: refusal });
    request.context.staffCall = call;
    refuseEarly(call, event.routeKey);
    return undefined;
  };
  return { before };
}

/** What the route or the path rules out, in this order (each refusal audited as any other). */
function refuseEarly({ route, caller, reference, id, letterId }: StaffCall, routeKey: string): void {
  if (route.tickets && caller.competences.length === 0) throw accessDenied();
  if (routeKey.includes('{reference}') && !referencePattern.test(reference)) throw notFound();
  // The mailroom's and the auditors' routes: the role first, so that others learn nothing.
  // The role alone (assertMailroom's check, without loading the mailroom's code at cold start).
  if (route.mailroom && !caller.roles.includes('mailroom')) throw accessDenied();
  if (route.auditor) assertAuditor(caller);
  // The data protection officer's routes: the role first, before anything is read.
  if (route.dataProtection && !protectsData(caller)) throw accessDenied();
  if (route.knowledgeEditor) {
    // The role alone (editKnowledge's own check, without loading the editing code at cold start).
    if (!editsKnowledge(caller)) throw accessDenied();
    if (routeKey.includes('{id}') && !isValidSlug(id)) throw notFound('KnowledgeNotFound');
    return;
  }
  if (routeKey.includes('{id}') && !(route.mailroom ? registrationIdPattern : quarantineIdPattern).test(id))
    throw route.quarantine
      ? new Refused('NotFound', 404, { messageKey: 'quarantine.NotFound' })
      : notFound('RegistrationNotFound');
  if (routeKey.includes('{letterId}') && !letterIdPattern.test(letterId)) throw notFound('LetterNotFound');
}
