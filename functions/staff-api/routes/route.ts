/**
 * What a staff route is: its audit event, who may call it, and what it runs. The table of routes is
 * typed from the contract's route list: a route module may only name routes of the contract
 * (`RouteModule`), and the table must hold every one of them (`StaffRouteTable`).
 */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { AuditEventName } from '../../../shared/domain/audit-catalogue.ts';
import type { Language } from '../../../shared/domain/language.ts';
import type { TicketAction } from '../../../shared/domain/staff.ts';
import { Download, type ResponseOrDownload } from '../../../shared/http/middleware/csv-download.ts';
import type { JsonBodyContext } from '../../../shared/http/middleware/json-body.ts';
import { json } from '../../../shared/http/responses.ts';
import type { StaffRouteBody, StaffRouteKey, StaffRouteQuery } from '../../../shared/http/staff-contract.ts';
import { assertMayAct } from '../../../shared/use-cases/staff-access.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';
import type { buildDependencies } from '../dependencies.ts';

export type StaffApiDeps = ReturnType<typeof buildDependencies>;

/** The route called, by whom, with the path's parameters (checked by the time the route runs). */
export interface StaffCall {
  readonly route: Route;
  readonly caller: StaffCaller;
  readonly language: Language;
  readonly reference: string;
  readonly id: string;
  readonly letterId: string;
}

export interface StaffCallContext extends Context {
  staffCall: StaffCall;
}

/** What the middlewares leave for the route: the call, and the request checked against the contract. */
export interface CheckedRequestContext extends StaffCallContext, JsonBodyContext {
  checked: { readonly body: unknown; readonly query: unknown };
}

export interface RouteContext<K extends StaffRouteKey = StaffRouteKey> {
  readonly deps: StaffApiDeps;
  readonly caller: StaffCaller;
  readonly event: APIGatewayProxyEventV2;
  /** The body, checked against the route's schema. */
  readonly body: StaffRouteBody<K>;
  /** The query, checked against the route's schema. */
  readonly query: StaffRouteQuery<K>;
  /** A ticket's reference (`{reference}` in the path), checked. */
  readonly reference: string;
  /** A quarantined mail's, a post registration's or a knowledge base entry's id (`{id}` in the path), checked. */
  readonly id: string;
  /** A letter's id (`{letterId}` in the path), checked. */
  readonly letterId: string;
  readonly language: Language;
}

export interface Route<K extends StaffRouteKey = StaffRouteKey> {
  /** The audit event of the request, also for refusals recorded before the use case runs. */
  readonly eventName: AuditEventName;
  /** The event of this request when it depends on more than the route (a CSV export). */
  readonly eventNameOf?: (event: APIGatewayProxyEventV2) => AuditEventName;
  /** Works tickets: refused to a caller without units. */
  readonly tickets?: true;
  /** Checked on the ticket before the verb runs, for verbs that leave the caller's right to the route. */
  readonly mayAct?: TicketAction;
  /** The supervisors' (the use case checks): refusals are recorded with the mail's id. */
  readonly quarantine?: true;
  /** The mailroom's (role `mailroom`), checked before anything else is read. */
  readonly mailroom?: true;
  /** The auditors' (role `auditor`), checked before the query, so that others learn nothing. */
  readonly auditor?: true;
  /** The data protection officer's (role `dpo`), checked before anything is read. */
  readonly dataProtection?: true;
  /** The knowledge base's editing (roles `editor`, `admin`), checked before anything is read. */
  readonly knowledgeEditor?: true;
  /**
   * A read by POST (its parameters name people, and URLs end up in access logs): a refusal is
   * recorded as a read, as a GET's is.
   */
  readonly reads?: true;
  /** The query to check, when not the request's own. */
  readonly queryOf?: (event: APIGatewayProxyEventV2) => unknown;
  run(context: RouteContext<K>): Promise<unknown>;
}

/** Some of the contract's routes, and nothing else. */
export type RouteModule = { readonly [K in StaffRouteKey]?: Route<K> };

/** Every route of the contract. */
export type StaffRouteTable = { readonly [K in StaffRouteKey]: Route<K> };

/** The client's retry key of a POST, when well-formed (a retry then adds nothing). */
export function idempotencyKey(event: APIGatewayProxyEventV2): string | undefined {
  const key = event.headers?.['idempotency-key'];
  return key && /^[A-Za-z0-9_-]{8,128}$/.test(key) ? key : undefined;
}

/** A list's page as the query asks for it. */
export function pageOf(query: { readonly cursor?: string; readonly limit?: string }): {
  cursor: string | undefined;
  limit: number | undefined;
} {
  return { cursor: query.cursor, limit: query.limit ? Number(query.limit) : undefined };
}

/** The handler behind the middlewares: the route, run with its checked request; JSON unless a download. */
export function runRoute(deps: StaffApiDeps) {
  return async (
    event: APIGatewayProxyEventV2,
    context: CheckedRequestContext,
  ): Promise<ResponseOrDownload> => {
    const { staffCall: call, checked } = context;
    const request = checked as Pick<RouteContext, 'body' | 'query'>;
    if (call.route.mayAct) await assertMayAct(deps, call.caller, call.reference, call.route.mayAct);
    const result = await call.route.run({ ...call, ...request, deps, event });
    return result instanceof Download ? result : json(200, result);
  };
}
