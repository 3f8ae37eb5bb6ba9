/**
 * `POST /api/staff/search` through staff-api's own middlewares (caller from the token's claims, the
 * body checked against the contract, refusals audited) on the memory adapters: the words travel in
 * the body, are refused field by field as other staff bodies are, and never reach the audit trail.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkedRequest } from '../../../functions/staff-api/middleware/checked-request.ts';
import { refusals } from '../../../functions/staff-api/middleware/refusals.ts';
import { staffCall } from '../../../functions/staff-api/middleware/staff-call.ts';
import { staffRouteTable } from '../../../functions/staff-api/routes/index.ts';
import { runRoute, type StaffApiDeps } from '../../../functions/staff-api/routes/route.ts';
import { MemoryStaffSessions } from '../../../shared/adapters/memory/audit-trail.ts';
import { FixedClock, MemoryAuditLog, MemoryTicketStore } from '../../../shared/adapters/memory/index.ts';
import { httpErrorHandler } from '../../../shared/http/error-handler.ts';
import { staffRouteOf } from '../../../shared/http/staff-contract.ts';
import { testTicket } from '../../support/tickets.ts';

const reference = 'TA-2026-000123';
const route = 'POST /api/staff/search';

let audit: MemoryAuditLog;
let handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
let session = 0;

beforeEach(() => {
  const store = new MemoryTicketStore();
  audit = new MemoryAuditLog();
  const clock = new FixedClock('2026-03-02T10:00:00.000Z');
  store.tickets.set(
    reference,
    testTicket(reference, 'court-fees', {
      answerDeadline: '2026-03-16T10:00:00.000Z',
      receivedAt: '2026-03-01T10:00:00.000Z',
    }),
  );
  const deps = {
    audit,
    clock,
    store,
    session: { sessions: new MemoryStaffSessions(audit), audit, clock },
    mailQuarantine: { audit, clock },
  } as unknown as StaffApiDeps;
  const chain = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpErrorHandler())
    .use(staffCall(staffRouteTable, deps))
    .use(refusals(deps))
    .use(checkedRequest())
    .handler(runRoute(deps) as never);
  handler = (event) => chain(event, {} as never);
});

/** A call of the search by an agent of court-fees, with `body` as the request's text. */
function search(body: string | undefined, language: 'lv' | 'en' = 'en') {
  session += 1;
  return handler({
    routeKey: route,
    rawPath: '/api/staff/search',
    rawQueryString: '',
    headers: { 'accept-language': language, 'content-type': 'application/json' },
    body,
    isBase64Encoded: false,
    requestContext: {
      requestId: `request-${session}`,
      http: {
        method: 'POST',
        path: '/api/staff/search',
        sourceIp: '192.0.2.10',
        userAgent: 'vitest',
        protocol: 'HTTP/1.1',
      },
      authorizer: {
        jwt: {
          claims: {
            token_use: 'access',
            username: 'agent.court-fees',
            'cognito:groups': '[role-agent competence-court-fees]',
            exp: '1900000000',
            iat: '1800000000',
            jti: `session-${session}`,
          },
        },
      },
    },
  } as unknown as APIGatewayProxyEventV2);
}

const json = (result: APIGatewayProxyStructuredResultV2) => JSON.parse(String(result.body));

describe('POST /api/staff/search', () => {
  it('is the only search route: the contract has no GET of it, and the POST takes a body', () => {
    expect(staffRouteOf('GET /api/staff/search')).toBeUndefined();
    expect(staffRouteOf(route)).toMatchObject({ method: 'POST', body: expect.anything() });
    expect(staffRouteOf(route)).not.toHaveProperty('query');
  });

  it('finds a ticket by the reference in the body, trimmed, and audits only the kind of query', async () => {
    // Act
    const result = await search(JSON.stringify({ q: `  ${reference.toLowerCase()} ` }));
    // Assess
    expect(result.statusCode).toBe(200);
    expect(json(result).items.map((item: { reference: string }) => item.reference)).toEqual([reference]);
    const records = audit.records.filter((record) => record.eventName === 'SearchTickets');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ requestParameters: { queryKind: 'reference' } });
    expect(JSON.stringify(records[0])).not.toContain(reference.toLowerCase());
  });

  it.each([
    ['no q', {}, 'This field is required.'],
    ['only spaces', { q: '   ' }, 'This field is required.'],
    ['one character', { q: 'a' }, 'Invalid value.'],
    ['201 characters', { q: 'a'.repeat(201) }, 'The text is too long.'],
    ['a number', { q: 12 }, 'Invalid value.'],
  ])('refuses %s with a 400 naming the field q, audited', async (_case, body, message) => {
    // Act
    const result = await search(JSON.stringify(body));
    // Assess
    expect(result.statusCode).toBe(400);
    expect(json(result).errors).toEqual([{ field: 'q', message }]);
    const records = audit.records.filter((record) => record.eventName === 'SearchTickets');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ errorCode: expect.any(String) });
  });

  it('refuses a body that is not JSON, in the caller’s language', async () => {
    const result = await search('q=anna@example.lv', 'lv');
    expect(result.statusCode).toBe(400);
    expect(json(result).errors).toEqual([
      { field: 'body', message: 'Pieprasījumu nevar nolasīt: tam jābūt derīgam JSON objektam.' },
    ]);
    expect(JSON.stringify(audit.records)).not.toContain('anna@example.lv');
  });
});
