/**
 * The staff API's refusals: each `Refused` answered with its status and its message in the caller's
 * language, and audited with the route's event (the reference only when well-formed).
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { refusals } from '../../../functions/staff-api/middleware/refusals.ts';
import type {
  Route,
  StaffApiDeps,
  StaffCall,
  StaffCallContext,
} from '../../../functions/staff-api/routes/route.ts';
import type { AuditRecord } from '../../../shared/domain/audit-event.ts';
import { invalidFields, Refused } from '../../../shared/domain/refused.ts';

function setUp(route: Partial<Route>, path: { reference?: string; id?: string } = {}) {
  const records: AuditRecord[] = [];
  const audit = { append: async (batch: readonly AuditRecord[]) => void records.push(...batch) };
  const clock = { now: () => new Date('2026-03-02T10:00:00Z') };
  const deps = { audit, clock, mailQuarantine: { audit, clock } } as unknown as StaffApiDeps;
  const call: StaffCall = {
    route: { eventName: 'GetTicket', run: async () => undefined, ...route },
    caller: {
      username: 'anna',
      roles: ['agent'],
      competences: ['court-fees'],
      supervises: [],
      sessionId: 's-1',
      expiresAt: 0,
      sourceIPAddress: '127.0.0.1',
      userAgent: 'test',
      requestId: 'r-1',
    } as unknown as StaffCall['caller'],
    language: 'en',
    reference: path.reference ?? '',
    id: path.id ?? '',
    letterId: '',
  };
  const answer = (error: Error) =>
    middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, StaffCallContext>()
      .use(refusals(deps))
      .handler(async () => {
        throw error;
      })(
      {
        routeKey: 'GET /api/staff/tickets/{reference}',
        requestContext: { http: { method: 'GET' } },
      } as unknown as APIGatewayProxyEventV2,
      { staffCall: call } as unknown as StaffCallContext & Context,
    );
  return { records, answer };
}

describe('the staff refusal middleware', () => {
  it('answers a refusal with its status and message, and audits it with the well-formed reference', async () => {
    // Prepare
    const { records, answer } = setUp({}, { reference: 'TA-2026-000123' });
    // Act
    const response = await answer(new Refused('AccessDenied', 403));
    // Assess
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body ?? '')).toEqual({
      message: 'You do not have access to this request or action.',
      code: 'AccessDenied',
    });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      eventName: 'GetTicket',
      errorCode: 'AccessDenied',
      readOnly: true,
      requestParameters: { reference: 'TA-2026-000123' },
    });
  });

  it('fills in the values of the message, and falls back to a conflict for an unknown code', async () => {
    const { answer } = setUp({}, { reference: '../etc' });
    const deadline = await answer(
      new Refused('Invalid', 422, { messageKey: 'staff.deadline.notLater', values: { date: '2026-04-01' } }),
    );
    expect(JSON.parse(deadline.body ?? '').message).toBe(
      'The new deadline must be later than the current one (2026-04-01).',
    );
    const unknown = await answer(new Refused('SomethingNew', 409));
    expect(JSON.parse(unknown.body ?? '')).toEqual({
      message: 'Someone else changed this request meanwhile. Refresh and try again.',
      code: 'SomethingNew',
    });
  });

  it('answers fields at fault as a 400 with a message each, audited as ValidationError', async () => {
    const { records, answer } = setUp({}, { reference: '../etc' });
    const response = await answer(invalidFields([{ field: 'text', key: 'staff.field.required' }]));
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body ?? '')).toEqual({
      errors: [{ field: 'text', message: 'This field is required.' }],
    });
    expect(records[0]).toMatchObject({ errorCode: 'ValidationError', requestParameters: null });
  });

  it('takes a quarantine message from its own catalogue, and records the mail’s id', async () => {
    const { records, answer } = setUp({ quarantine: true, eventName: 'GetQuarantinedMail' }, { id: 'abc-1' });
    const response = await answer(new Refused('NotFound', 404, { messageKey: 'quarantine.NotFound' }));
    expect(JSON.parse(response.body ?? '')).toEqual({
      message: 'No such email was found in quarantine.',
      code: 'NotFound',
    });
    expect(records[0]).toMatchObject({ eventName: 'GetQuarantinedMail', requestParameters: { id: 'abc-1' } });
  });

  it('leaves any other error to the error handler', async () => {
    const { records, answer } = setUp({});
    await expect(answer(new Error('boom'))).rejects.toThrow('boom');
    expect(records).toEqual([]);
  });
});
