/**
 * The survey feedback routes through staff-api's own middlewares (caller from the token's claims,
 * the request checked against the contract, refusals audited) on the memory adapters: who may read
 * which unit's lists, comments masked before they leave, and the follow-up recorded once.
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
import { MemorySurveyFeedback } from '../../../shared/adapters/memory/survey-feedback.ts';
import type { SurveyResponse } from '../../../shared/domain/survey-response.ts';
import { httpErrorHandler } from '../../../shared/http/error-handler.ts';

const at = '2026-12-10T09:00:00.000Z';

/** A comment with every kind of personal data the masking knows of. */
const personalComment =
  'Neviens neatbild! Rakstiet anna.berzina@example.lv vai zvaniet +371 29 123 456, kods 010180-12345, konts LV80BANK0000435195001.';

const callers = {
  'supervisor of court-fees': ['role-supervisor', 'competence-court-fees-supervisors'],
  'supervisor of legal-aid': ['role-supervisor', 'competence-legal-aid-supervisors'],
  'agent of court-fees': ['role-agent', 'competence-court-fees'],
  admin: ['role-admin'],
  auditor: ['role-auditor'],
  editor: ['role-editor'],
  mailroom: ['role-mailroom'],
} as const;
type Who = keyof typeof callers;

let store: MemoryTicketStore;
let audit: MemoryAuditLog;
let feedback: MemorySurveyFeedback;
let handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
let session = 0;

function response(reference: string, fields: Partial<SurveyResponse> = {}): SurveyResponse {
  return {
    reference,
    competence: 'court-fees',
    channel: 'email',
    language: 'lv',
    satisfaction: 1,
    answered: 'no',
    comment: personalComment,
    respondedAt: at,
    updatedAt: at,
    version: 1,
    ...fields,
  };
}

beforeEach(() => {
  store = new MemoryTicketStore();
  audit = new MemoryAuditLog();
  feedback = new MemorySurveyFeedback(store);
  const clock = new FixedClock('2026-12-11T10:00:00.000Z');
  const deps = {
    audit,
    clock,
    session: { sessions: new MemoryStaffSessions(audit), audit, clock },
    mailQuarantine: { audit, clock },
    surveyFeedback: async () => ({ feedback, audit, clock }),
  } as unknown as StaffApiDeps;
  const chain = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpErrorHandler())
    .use(staffCall(staffRouteTable, deps))
    .use(refusals(deps))
    .use(checkedRequest())
    .handler(runRoute(deps) as never);
  handler = (event) => chain(event, {} as never);
  store.surveys.set('TA-2026-000101', response('TA-2026-000101'));
  store.surveys.set(
    'TA-2026-000102',
    response('TA-2026-000102', {
      satisfaction: 5,
      answered: 'yes',
      comment: 'Paldies!',
      respondedAt: '2026-12-09T09:00:00.000Z',
    }),
  );
});

function call(
  who: Who,
  routeKey: string,
  request: {
    query?: Record<string, string>;
    reference?: string;
    body?: object;
    language?: 'lv' | 'en';
  } = {},
) {
  session += 1;
  const [method = 'GET', path = ''] = routeKey.split(' ');
  return handler({
    routeKey,
    rawPath: path.replace('{reference}', request.reference ?? ''),
    rawQueryString: new URLSearchParams(request.query).toString(),
    headers: {
      'accept-language': request.language ?? 'en',
      ...(request.body ? { 'content-type': 'application/json' } : {}),
    },
    queryStringParameters: request.query,
    pathParameters: request.reference ? { reference: request.reference } : undefined,
    body: request.body ? JSON.stringify(request.body) : undefined,
    isBase64Encoded: false,
    requestContext: {
      requestId: `request-${session}`,
      http: { method, path, sourceIp: '192.0.2.10', userAgent: 'vitest', protocol: 'HTTP/1.1' },
      authorizer: {
        jwt: {
          claims: {
            token_use: 'access',
            username: who.replace(/ /g, '.'),
            'cognito:groups': `[${callers[who].join(' ')}]`,
            exp: '1900000000',
            iat: '1800000000',
            jti: `session-${session}`,
          },
        },
      },
    },
  } as unknown as APIGatewayProxyEventV2);
}

const list = (who: Who, query: Record<string, string>) => call(who, 'GET /api/staff/feedback', { query });
const followUp = (who: Who, reference: string, body: object = {}) =>
  call(who, 'POST /api/staff/tickets/{reference}/survey/follow-up', { reference, body });
const json = (result: APIGatewayProxyStructuredResultV2) => JSON.parse(String(result.body));

describe('GET /api/staff/feedback', () => {
  it.each([
    ['supervisor of court-fees', 200],
    ['admin', 200],
    ['supervisor of legal-aid', 403],
    ['agent of court-fees', 403],
    ['auditor', 403],
    ['editor', 403],
    ['mailroom', 403],
  ] as const)('%s → %i', async (who, status) => {
    // Act
    const result = await list(who, { competence: 'court-fees', list: 'followup' });
    // Assess
    expect(result.statusCode).toBe(status);
    const records = audit.records.filter((record) => record.eventName === 'ListSurveyFeedback');
    expect(records).toHaveLength(1);
    if (status === 200) {
      expect(json(result).items.map((item: { reference: string }) => item.reference)).toEqual([
        'TA-2026-000101',
      ]);
      expect(records[0]).toMatchObject({ readOnly: true, resources: [{ ARN: expect.any(String) }] });
    } else {
      expect(json(result)).toMatchObject({ code: 'AccessDenied' });
      expect(records[0]).toMatchObject({ errorCode: 'AccessDenied' });
    }
  });

  it('masks every comment: no e-mail address, phone, personal code or IBAN leaves in clear', async () => {
    for (const which of ['followup', 'comments']) {
      const result = await list('supervisor of court-fees', { competence: 'court-fees', list: which });
      expect(result.statusCode).toBe(200);
      const body = String(result.body);
      for (const secret of ['anna.berzina', '@example.lv', '29 123 456', '010180-12345', 'LV80BANK'])
        expect(body).not.toContain(secret);
      expect(json(result).items[0].comment).toBe(
        'Neviens neatbild! Rakstiet [e-pasts] vai zvaniet [tālrunis], kods [personas kods], konts [IBAN].',
      );
    }
    const comments = json(await list('admin', { competence: 'court-fees', list: 'comments' }));
    expect(comments.items.map((item: { comment: string }) => item.comment)).toContain('Paldies!');
  });

  it('refuses an unknown unit or list field by field, and a foreign cursor', async () => {
    const result = await list('admin', { competence: 'nowhere', list: 'everything' });
    expect(result.statusCode).toBe(400);
    expect(
      json(result)
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(['competence', 'list']);
    const cursor = await list('admin', { competence: 'court-fees', cursor: 'forged' });
    expect(cursor.statusCode).toBe(400);
    expect(json(cursor).code).toBe('InvalidCursor');
  });
});

describe('POST /api/staff/tickets/{reference}/survey/follow-up', () => {
  it('takes the response off the list, once, with its audit record', async () => {
    // Act
    const result = await followUp('supervisor of court-fees', 'TA-2026-000101', {
      note: 'Piezvanīju klientam',
    });
    // Assess
    expect(result.statusCode).toBe(200);
    expect(json(result)).toEqual({
      reference: 'TA-2026-000101',
      followUp: {
        by: 'supervisor.of.court-fees',
        at: '2026-12-11T10:00:00.000Z',
        note: 'Piezvanīju klientam',
      },
    });
    expect(json(await list('admin', { competence: 'court-fees' })).items).toEqual([]);
    const records = audit.records.filter((record) => record.eventName === 'FollowUpSurveyFeedback');
    expect([...records, ...feedback.audit].filter((record) => !record.errorCode)).toHaveLength(1);
    expect(feedback.audit[0]).toMatchObject({
      readOnly: false,
      requestParameters: { reference: 'TA-2026-000101', competence: 'court-fees', withNote: true },
    });
    // The note stays with the response, not in the trail.
    expect(JSON.stringify(feedback.audit)).not.toContain('Piezvanīju');
    const again = await followUp('admin', 'TA-2026-000101');
    expect(again.statusCode).toBe(409);
    expect(json(again).code).toBe('FollowedUpAlready');
  });

  it.each([
    ['agent of court-fees', 'TA-2026-000101', 403],
    ['supervisor of legal-aid', 'TA-2026-000101', 403],
    ['auditor', 'TA-2026-000101', 403],
    ['admin', 'TA-2026-000999', 404],
    ['admin', 'TA-2026-000102', 409],
    ['admin', 'not-a-reference', 404],
  ] as const)('%s on %s → %i, audited', async (who, reference, status) => {
    const result = await followUp(who, reference);
    expect(result.statusCode).toBe(status);
    expect(store.surveys.get('TA-2026-000101')?.followUp).toBeUndefined();
    expect(
      audit.records.filter((record) => record.eventName === 'FollowUpSurveyFeedback' && record.errorCode),
    ).toHaveLength(1);
  });

  it('answers in Latvian by default', async () => {
    const result = await call('admin', 'POST /api/staff/tickets/{reference}/survey/follow-up', {
      reference: 'TA-2026-000999',
      body: {},
      language: 'lv',
    });
    expect(json(result).message).toBe('Klients uz šī pieprasījuma aptauju nav atbildējis.');
  });
});
