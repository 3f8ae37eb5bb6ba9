/**
 * `GET /api/staff/analytics` through staff-api's middlewares (caller from the token's claims, the
 * contract's query check, refusals, CSV download), on memory adapters: the role matrix, JSON and
 * CSV, and what each request is audited as.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { checkedRequest } from '../../../functions/staff-api/middleware/checked-request.ts';
import { refusals } from '../../../functions/staff-api/middleware/refusals.ts';
import { staffCall } from '../../../functions/staff-api/middleware/staff-call.ts';
import { staffRouteTable } from '../../../functions/staff-api/routes/index.ts';
import { runRoute, type StaffApiDeps } from '../../../functions/staff-api/routes/route.ts';
import { MemoryStaffSessions } from '../../../shared/adapters/memory/audit-trail.ts';
import { MemoryFiguresReader } from '../../../shared/adapters/memory/figures-reader.ts';
import { MemoryFiguresTable } from '../../../shared/adapters/memory/figures-table.ts';
import { FixedClock, MemoryAuditLog } from '../../../shared/adapters/memory/index.ts';
import { MemoryQuestionLog } from '../../../shared/adapters/memory/question-log.ts';
import { httpErrorHandler } from '../../../shared/http/error-handler.ts';
import { csvDownload } from '../../../shared/http/middleware/csv-download.ts';
import { addDays } from '../../support/figures-buckets.ts';

function setUp() {
  const table = new MemoryFiguresTable();
  addDays(table, [
    { day: '2026-03-03', sk: 'court-fees#web', values: { received: 3, backlog: 3 } },
    { day: '2026-03-04', sk: 'insolvency#email', values: { received: 2, backlog: 2 } },
  ]);
  const audit = new MemoryAuditLog();
  const clock = new FixedClock('2026-03-18T08:00:00.000Z');
  const deps = {
    audit,
    clock,
    session: { sessions: new MemoryStaffSessions(audit), audit, clock },
    mailQuarantine: { audit, clock },
    analytics: {
      figures: new MemoryFiguresReader(table),
      questionLog: new MemoryQuestionLog(),
      worklists: { outOfOrderTakes: async () => [] },
      audit,
      clock,
    },
  } as unknown as StaffApiDeps;
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpErrorHandler())
    .use(staffCall(staffRouteTable, deps))
    .use(refusals(deps))
    .use(checkedRequest())
    .use(csvDownload())
    .handler(runRoute(deps) as never);
  let request = 0;
  const call = async (
    groups: readonly string[],
    query: Record<string, string> = {},
    headers: Record<string, string> = {},
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    request += 1;
    const event = {
      routeKey: 'GET /api/staff/analytics',
      rawPath: '/api/staff/analytics',
      headers,
      queryStringParameters: query,
      requestContext: {
        requestId: `request-${request}`,
        http: { method: 'GET', sourceIp: '192.0.2.1', userAgent: 'test' },
        authorizer: {
          jwt: {
            claims: {
              token_use: 'access',
              username: `user-${request}`,
              'cognito:groups': `[${groups.join(' ')}]`,
              jti: `session-${request}`,
              exp: 9_999_999_999,
            },
          },
        },
      },
    } as unknown as APIGatewayProxyEventV2;
    return (await handler(event, {} as never)) as APIGatewayProxyStructuredResultV2;
  };
  const events = () =>
    (audit.records as { eventName: string; errorCode?: string }[])
      .filter((record) => record.eventName !== 'SignIn')
      .map((record) => [record.eventName, record.errorCode ?? 'ok']);
  return { call, events };
}

const supervisorOfFees = ['role-supervisor', 'competence-court-fees-supervisors'];

describe('GET /api/staff/analytics', () => {
  it('refuses every role but supervisors and administrators (403, audited)', async () => {
    const { call, events } = setUp();
    for (const role of ['agent', 'mailroom', 'auditor', 'editor']) {
      const response = await call([`role-${role}`, 'competence-court-fees'], {}, { 'accept-language': 'en' });
      expect(response.statusCode, role).toBe(403);
      expect(JSON.parse(response.body ?? '')).toMatchObject({ code: 'AccessDenied' });
    }
    expect(events()).toEqual(Array(4).fill(['GetServiceFigures', 'AccessDenied']));
  });

  it('answers a supervisor for their own unit and refuses another unit', async () => {
    const { call, events } = setUp();
    const own = await call(supervisorOfFees, {
      competence: 'court-fees',
      from: '2026-03-01',
      to: '2026-03-18',
    });
    expect(own.statusCode).toBe(200);
    const body = JSON.parse(own.body ?? '');
    expect(body.competences).toEqual(['court-fees']);
    expect(body.rows[0]).toMatchObject({ period: null, competence: null, channel: null, received: 3 });
    const all = await call(supervisorOfFees, { from: '2026-03-01', to: '2026-03-18' });
    expect(JSON.parse(all.body ?? '').competences).toEqual(['court-fees']);
    const other = await call(supervisorOfFees, { competence: 'insolvency' });
    expect(other.statusCode).toBe(403);
    expect(events()).toEqual([
      ['GetServiceFigures', 'ok'],
      ['GetServiceFigures', 'ok'],
      ['GetServiceFigures', 'AccessDenied'],
    ]);
  });

  it('answers an administrator for every unit, as JSON or CSV', async () => {
    const { call, events } = setUp();
    const json = await call(['role-admin'], { from: '2026-03-01', to: '2026-03-18', granularity: 'month' });
    expect(json.statusCode).toBe(200);
    expect(JSON.parse(json.body ?? '').rows[0]).toMatchObject({ received: 5, backlogAtEnd: 5 });
    const csv = await call(['role-admin'], { from: '2026-03-01', to: '2026-03-18', format: 'csv' });
    expect(csv.statusCode).toBe(200);
    expect(String(csv.headers?.['content-type'])).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.body?.startsWith('\uFEFF"Perioda sākums";')).toBe(true);
    const accepted = await call(['role-admin'], {}, { accept: 'text/csv', 'accept-language': 'en' });
    expect(accepted.body?.startsWith('\uFEFF"Period start";')).toBe(true);
    expect(events()).toEqual([
      ['GetServiceFigures', 'ok'],
      ['ExportServiceFigures', 'ok'],
      ['ExportServiceFigures', 'ok'],
    ]);
  });

  it('refuses a query at fault field by field (400), in the caller’s language', async () => {
    const { call } = setUp();
    const response = await call(
      ['role-admin'],
      { from: '2025-01-01', to: '2026-03-01' },
      { 'accept-language': 'en' },
    );
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body ?? '')).toEqual({
      errors: [{ field: 'from', message: 'The period may be at most 366 days.' }],
    });
    const lv = await call(['role-admin'], { granularity: 'year' });
    expect(lv.statusCode).toBe(400);
    expect(JSON.parse(lv.body ?? '').errors[0]).toEqual({
      field: 'granularity',
      message: 'Nederīga vērtība.',
    });
  });
});
