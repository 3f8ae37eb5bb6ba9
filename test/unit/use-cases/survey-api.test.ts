/**
 * The survey API on the memory adapters, through its middy handler: 400 naming each field (lv and
 * en), 404 for a forged link or an unknown ticket (alike), 410 for an expired link and past the
 * 14-day change window, 409 for a ticket not answered; one response per ticket, a change making a
 * new version; and a GET — a mail scanner opening the link — records nothing.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { surveyHandler } from '../../../functions/survey-api/survey-routes.ts';
import { FixedClock, MemoryAuditLog } from '../../../shared/adapters/memory/index.ts';
import { MemorySurveyTokens } from '../../../shared/adapters/memory/survey-tokens.ts';
import { MemorySurveys } from '../../../shared/adapters/memory/surveys.ts';
import { ticketResource } from '../../../shared/domain/audit-event.ts';
import { originGuard } from '../../../shared/http/middleware/origin-guard.ts';

const reference = 'TA-2026-000042';
const answeredAt = '2026-03-02T09:00:00.000Z';
const day = 86_400_000;

let clock: FixedClock;
let surveys: MemorySurveys;
let audit: MemoryAuditLog;
let tokens: MemorySurveyTokens;
let handler: ReturnType<typeof surveyHandler>;
let ids = 0;

beforeEach(() => {
  clock = new FixedClock('2026-03-02T10:00:00.000Z');
  surveys = new MemorySurveys();
  audit = new MemoryAuditLog();
  tokens = new MemorySurveyTokens();
  handler = surveyHandler({ tokens, surveys, audit, clock, ids: { newId: () => `event-${++ids}` } });
  surveys.putTicket({
    reference,
    status: 'answered',
    competence: 'court-fees',
    channel: 'web',
    language: 'lv',
    answeredAt,
  });
});

const link = (ref = reference, expiresInDays = 28) =>
  tokens.sign({
    reference: ref,
    expiresAt: new Date(clock.now().getTime() + expiresInDays * day).toISOString(),
  });

function event(method: 'GET' | 'POST', options: { query?: Record<string, string>; body?: unknown } = {}) {
  return {
    version: '2.0',
    routeKey: `${method} /api/survey`,
    rawPath: '/api/survey',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'user-agent': 'vitest' },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    isBase64Encoded: false,
    requestContext: {
      http: {
        method,
        path: '/api/survey',
        protocol: 'HTTP/1.1',
        sourceIp: '198.51.100.9',
        userAgent: 'vitest',
      },
      requestId: `request-${ids}`,
    },
  } as unknown as APIGatewayProxyEventV2;
}

async function call(
  method: 'GET' | 'POST',
  options: { query?: Record<string, string>; body?: unknown } = {},
) {
  const result = (await handler(event(method, options), {} as Context)) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') as Record<string, unknown> };
}

const get = async (t: string) => call('GET', { query: { t } });

/** A POST with its body as given (not JSON-encoded here) and its own content type. */
async function postRaw(body: string, contentType = 'application/json') {
  const raw = event('POST');
  const result = (await handler(
    { ...raw, body, headers: { ...raw.headers, 'content-type': contentType } },
    {} as Context,
  )) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') as Record<string, unknown> };
}
const post = async (body: Record<string, unknown>) => call('POST', { body });

describe('GET /api/survey', () => {
  it('shows the reference, the unit and the answer time, with no response yet', async () => {
    const { status, body } = await get(await link());
    expect(status).toBe(200);
    expect(body).toEqual({
      reference,
      unit: { id: 'court-fees', name: { lv: expect.any(String), en: expect.any(String) } },
      answeredAt,
      response: null,
    });
  });

  it('records nothing: no survey item, no audit record, however often it is fetched', async () => {
    const t = await link();
    for (let i = 0; i < 3; i += 1) expect((await get(t)).status).toBe(200);
    expect(surveys.surveyItems(reference)).toEqual([]);
    expect(surveys.audit).toEqual([]);
    expect(audit.records).toEqual([]);
  });

  it('answers 404 alike for a forged link, a malformed one and an unknown ticket', async () => {
    const t = await link();
    const forged = `${t.slice(0, -2)}${t.endsWith('AA') ? 'BA' : 'AA'}`;
    const answers = await Promise.all([
      get(forged),
      get('nonsense'),
      get(''),
      get(await link('TA-2026-999999')),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({
        error: 'SurveyNotFound',
        message: { lv: expect.any(String), en: expect.any(String) },
      });
    }
    expect(audit.records).toEqual([]);
  });

  it('answers 410 for an expired link', async () => {
    const t = await link(reference, 1);
    clock.advance(day);
    expect(await get(t)).toMatchObject({ status: 410, body: { error: 'SurveyExpired' } });
  });

  it('answers 409 NotAnswered for a ticket that is not answered or closed (reopened)', async () => {
    surveys.putTicket({
      reference,
      status: 'open',
      competence: 'court-fees',
      channel: 'web',
      language: 'lv',
    });
    expect(await get(await link())).toMatchObject({ status: 409, body: { error: 'NotAnswered' } });
  });
});

describe('POST /api/survey/view (the page’s read: the token in the body, never a URL)', () => {
  const view = async (body: unknown) => {
    const raw = event('POST', { body });
    const result = (await handler(
      { ...raw, routeKey: 'POST /api/survey/view', rawPath: '/api/survey/view' },
      {} as Context,
    )) as APIGatewayProxyStructuredResultV2;
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') as Record<string, unknown> };
  };

  it('answers as the GET does, and records nothing', async () => {
    const t = await link();
    const answer = await view({ t });
    expect(answer).toEqual({ status: 200, body: (await get(t)).body });
    expect(answer.body).toMatchObject({ reference, response: null });
    expect(surveys.surveyItems(reference)).toEqual([]);
    expect(audit.records).toEqual([]);
  });

  it('answers 404 for a forged, missing or non-text token, and 410 for an expired one', async () => {
    const t = await link();
    for (const body of [{ t: `${t.slice(0, -2)}${t.endsWith('AA') ? 'BA' : 'AA'}` }, {}, { t: 42 }]) {
      expect(await view(body), JSON.stringify(body)).toMatchObject({
        status: 404,
        body: { error: 'SurveyNotFound', message: { lv: expect.any(String), en: expect.any(String) } },
      });
    }
    const expiring = await link(reference, 1);
    clock.advance(day);
    expect(await view({ t: expiring })).toMatchObject({ status: 410, body: { error: 'SurveyExpired' } });
  });
});

describe('POST /api/survey', () => {
  it('names every wrong field in Latvian and English, in the web form’s shape too', async () => {
    const { status, body } = await post({ t: await link(), satisfaction: 6, answered: 'maybe', extra: 1 });
    expect(status).toBe(400);
    expect(body.error).toBe('ValidationFailed');
    const fields = body.fields as { field: string; message: { lv: string; en: string } }[];
    expect(fields.map((field) => field.field).sort()).toEqual(['answered', 'body', 'satisfaction']);
    for (const field of fields) expect(field.message.lv).not.toEqual(field.message.en);
    expect(body.errors).toEqual(fields.map(({ field, message }) => ({ field, message: message.lv })));
  });

  it('never repeats an unknown key’s name, in the 400 or in the audit record: only their number', async () => {
    const long = `x${'<script>'.repeat(500)}`;
    const { status, body } = await post({
      t: await link(),
      satisfaction: 0,
      answered: 'yes',
      [long]: 1,
      'Jānis Bērziņš': 2,
      __proto__x: 3,
    });
    expect(status).toBe(400);
    expect(body.fields).toEqual(
      expect.arrayContaining([
        { field: 'body', message: { lv: expect.any(String), en: expect.any(String) } },
        { field: 'satisfaction', message: expect.anything() },
      ]),
    );
    expect(body.fields).toHaveLength(2);
    const text = JSON.stringify(body);
    expect(text).not.toContain('script');
    expect(text).not.toContain('Bērziņš');
    expect(audit.records).toHaveLength(1);
    expect(audit.records[0]).toMatchObject({
      errorCode: 'ValidationFailed',
      requestParameters: { invalidFields: ['satisfaction', 'body'], unknownKeys: 3 },
    });
    expect(JSON.stringify(audit.records[0])).not.toContain('script');
    expect(JSON.stringify(audit.records[0])).not.toContain('Bērziņš');
  });

  it.each([
    ['a fraction', { satisfaction: 2.5 }, 'satisfaction'],
    ['a string score', { satisfaction: '5' }, 'satisfaction'],
    ['no score', { satisfaction: undefined }, 'satisfaction'],
    ['no choice', { answered: undefined }, 'answered'],
    ['a long comment', { comment: 'a'.repeat(1001) }, 'comment'],
    ['a control character', { comment: 'labi\u0007' }, 'comment'],
    ['a bidi override', { comment: 'labi \u202e tā' }, 'comment'],
    ['a zero-width space', { comment: 'la\u200bbi' }, 'comment'],
    ['a left-to-right mark', { comment: 'labi\u200e' }, 'comment'],
    ['a right-to-left mark', { comment: 'labi\u200f' }, 'comment'],
    ['an Arabic letter mark', { comment: 'labi\u061c' }, 'comment'],
    ['a soft hyphen', { comment: 'la\u00adbi' }, 'comment'],
    ['an invisible operator', { comment: 'a\u2062b' }, 'comment'],
    ['a tag character', { comment: 'labi\u{e0041}\u{e007f}' }, 'comment'],
    ['an interlinear annotation', { comment: '\ufff9labi\ufffb' }, 'comment'],
    ['no token', { t: undefined }, 't'],
  ])('refuses %s', async (_case, change, field) => {
    const body = { t: await link(), satisfaction: 4, answered: 'yes', comment: 'Paldies!', ...change };
    const answer = await post(JSON.parse(JSON.stringify(body)));
    expect(answer.status).toBe(400);
    expect((answer.body.fields as { field: string }[]).map((entry) => entry.field)).toEqual([field]);
    expect(surveys.surveyItems(reference)).toEqual([]);
  });

  it('refuses a format character with the same message in Latvian and English as the others', async () => {
    const answer = await post({ t: await link(), satisfaction: 4, answered: 'yes', comment: 'labi\u200e' });
    expect(answer.body.fields).toEqual([
      {
        field: 'comment',
        message: {
          lv: expect.stringContaining('neredzamas vai vadības rakstzīmes'),
          en: expect.stringContaining('invisible or control characters'),
        },
      },
    ]);
  });

  it('accepts letters, emoji with variation selectors and line breaks in a comment', async () => {
    const comment = 'Ļoti labi, paldies! ❤️ 👍🏽\nŠķērsiela';
    expect((await post({ t: await link(), satisfaction: 5, answered: 'yes', comment })).status).toBe(200);
  });

  it.each([
    ['a body that is not JSON', () => postRaw('{"t": "x", '), 400, 'MalformedBody'],
    ['a body over the limit', () => postRaw(JSON.stringify({ t: 'x'.repeat(9000) })), 413, 'BodyTooLarge'],
    [
      'a body that is not sent as JSON',
      () => postRaw('t=x&satisfaction=5', 'application/x-www-form-urlencoded'),
      415,
      'UnsupportedContentType',
    ],
  ])(
    'answers %s as its other refusals are, in Latvian and English, audited',
    async (_case, send, status, error) => {
      const answer = await send();
      expect(answer).toEqual({
        status,
        body: { error, message: { lv: expect.any(String), en: expect.any(String) } },
      });
      const message = answer.body.message as { lv: string; en: string };
      expect(message.lv).not.toEqual(message.en);
      expect(audit.records).toMatchObject([{ eventName: 'RecordSurveyResponse', errorCode: error }]);
    },
  );

  it('accepts a comment of exactly 1,000 characters, with line breaks', async () => {
    const comment = `${'a'.repeat(499)}\n${'b'.repeat(500)}`;
    expect((await post({ t: await link(), satisfaction: 4, answered: 'yes', comment })).status).toBe(200);
  });

  it('records one response per ticket; a second POST changes it and makes a new version', async () => {
    const t = await link();
    const first = await post({ t, satisfaction: 2, answered: 'no', comment: 'Atbilde nepalīdzēja.' });
    expect(first.status).toBe(200);
    expect(first.body.response).toEqual({
      satisfaction: 2,
      answered: 'no',
      comment: 'Atbilde nepalīdzēja.',
      respondedAt: '2026-03-02T10:00:00.000Z',
      changeableUntil: '2026-03-16T10:00:00.000Z',
    });
    const [survey] = surveys.surveyItems(reference).filter((item) => item.sk === 'SURVEY');
    expect(survey).toMatchObject({
      type: 'survey',
      version: 1,
      worklistKey: expect.stringMatching(/^court-fees#feedback#\d$/),
    });

    clock.advance(day);
    const second = await post({ t, satisfaction: 4, answered: 'yes' });
    expect(second.status).toBe(200);
    const items = surveys.surveyItems(reference);
    expect(items).toHaveLength(2);
    const changed = items.find((item) => item.sk === 'SURVEY');
    expect(changed).toMatchObject({ version: 2, satisfaction: 4, respondedAt: '2026-03-02T10:00:00.000Z' });
    expect(changed).not.toHaveProperty('worklistKey');
    expect(changed).not.toHaveProperty('comment');
    // The dropped comment's item is emptied and off the unit's list.
    const comment = items.find((item) => item.sk === 'SURVEY#COMMENT');
    expect(comment).not.toHaveProperty('comment');
    expect(comment).not.toHaveProperty('worklistKey');
    expect((await get(t)).body.response).toMatchObject({ satisfaction: 4, answered: 'yes' });
  });

  it('promises a change only until the link expires, when that comes before the 14 days end', async () => {
    // Invited 20 days ago: the link has 8 days left, fewer than the 14-day change window.
    const t = await link(reference, 8);
    const expiry = new Date(clock.now().getTime() + 8 * day).toISOString();
    const answer = await post({ t, satisfaction: 4, answered: 'yes' });
    expect(answer.status).toBe(200);
    expect(answer.body.response).toMatchObject({ changeableUntil: expiry });
    expect((await get(t)).body.response).toMatchObject({ changeableUntil: expiry });
    // With more of the link left, the 14 days.
    const later = await link(reference, 28);
    expect((await get(later)).body.response).toMatchObject({
      changeableUntil: new Date(clock.now().getTime() + 14 * day).toISOString(),
    });
  });

  it('audits each response without the comment’s words', async () => {
    await post({ t: await link(), satisfaction: 5, answered: 'yes', comment: 'Jānis Bērziņš, paldies' });
    expect(surveys.audit).toHaveLength(1);
    const [record] = surveys.audit;
    expect(record).toMatchObject({
      eventName: 'RecordSurveyResponse',
      userIdentity: { type: 'Anonymous', invokedBy: 'survey-api' },
      requestParameters: { satisfaction: 5, answered: 'yes', commentLength: 22 },
      responseElements: { version: 1 },
      resources: [ticketResource(reference)],
    });
    expect(JSON.stringify(record)).not.toContain('Bērziņš');
  });

  it('the same answer again changes nothing', async () => {
    const t = await link();
    await post({ t, satisfaction: 3, answered: 'partly' });
    await post({ t, satisfaction: 3, answered: 'partly' });
    expect(surveys.surveyItems(reference)[0]).toMatchObject({ version: 1 });
    expect(surveys.audit).toHaveLength(1);
  });

  it('refuses a change after 14 days (410 SurveyClosed), audited with its error code', async () => {
    const t = await link();
    await post({ t, satisfaction: 3, answered: 'partly' });
    clock.advance(14 * day);
    expect(await post({ t, satisfaction: 5, answered: 'yes' })).toMatchObject({
      status: 410,
      body: { error: 'SurveyClosed' },
    });
    expect(audit.records).toMatchObject([
      {
        eventName: 'RecordSurveyResponse',
        errorCode: 'SurveyClosed',
        resources: [ticketResource(reference)],
      },
    ]);
  });

  it('refuses an expired link (410) and a forged one (404), each audited', async () => {
    const t = await link(reference, 1);
    clock.advance(day);
    expect((await post({ t, satisfaction: 5, answered: 'yes' })).status).toBe(410);
    expect(
      (await post({ t: `${reference}.zzzzzz.${'A'.repeat(43)}`, satisfaction: 5, answered: 'yes' })).status,
    ).toBe(404);
    expect(audit.records.map((record) => record.errorCode)).toEqual(['SurveyExpired', 'SurveyNotFound']);
    expect(surveys.surveyItems(reference)).toEqual([]);
  });

  it('refuses a ticket reopened after the invitation (409 NotAnswered)', async () => {
    surveys.putTicket({
      reference,
      status: 'open',
      competence: 'court-fees',
      channel: 'web',
      language: 'lv',
    });
    expect((await post({ t: await link(), satisfaction: 5, answered: 'yes' })).status).toBe(409);
  });

  /** A supervisor's follow-up as staff-api writes it: off the list, the version raised. */
  function followUp(at = '2026-03-03T08:00:00.000Z') {
    const key = `TICKET#${reference}\nSURVEY`;
    const { worklistKey: _listed, ...item } = surveys.items.get(key) ?? {};
    surveys.items.set(key, {
      ...item,
      followUp: { by: 'supervisor.sandra', at },
      version: Number(item.version) + 1,
    });
  }

  it('a follow-up made while the client changes the response is not lost; a low score goes back on the list', async () => {
    const t = await link();
    await post({ t, satisfaction: 2, answered: 'no' });
    // The supervisor's follow-up lands between this request's read and its write.
    const save = surveys.saveResponse.bind(surveys);
    let raced = false;
    surveys.saveResponse = async (write, record) => {
      if (!raced) {
        raced = true;
        followUp();
      }
      return save(write, record);
    };
    clock.advance(day);
    const answer = await post({ t, satisfaction: 1, answered: 'no', comment: 'Joprojām nav atbildes.' });
    expect(answer.status).toBe(200);
    const survey = surveys.surveyItems(reference).find((item) => item.sk === 'SURVEY');
    // Read again after the conflict: the follow-up was seen (version 3, not 2) …
    expect(survey).toMatchObject({ version: 3, satisfaction: 1 });
    // … and, the response still calling for one, it is back on the unit's follow-up list.
    expect(survey).not.toHaveProperty('followUp');
    expect(survey).toMatchObject({ worklistKey: expect.stringMatching(/^court-fees#feedback#\d$/) });
  });

  it('keeps the follow-up when the changed response no longer calls for one', async () => {
    const t = await link();
    await post({ t, satisfaction: 1, answered: 'no' });
    followUp();
    clock.advance(day);
    expect((await post({ t, satisfaction: 4, answered: 'yes' })).status).toBe(200);
    const survey = surveys.surveyItems(reference).find((item) => item.sk === 'SURVEY');
    expect(survey).toMatchObject({ version: 3, followUp: { by: 'supervisor.sandra' } });
    expect(survey).not.toHaveProperty('worklistKey');
  });

  it('a change made meanwhile elsewhere is read again and the response applied on it', async () => {
    const t = await link();
    await post({ t, satisfaction: 3, answered: 'partly' });
    // Another change lands between this request's read and its write.
    const save = surveys.saveResponse.bind(surveys);
    let raced = false;
    surveys.saveResponse = async (write, record) => {
      if (!raced) {
        raced = true;
        await save({ ...write, response: { ...write.response, satisfaction: 1 } }, record);
      }
      return save(write, record);
    };
    const answer = await post({ t, satisfaction: 5, answered: 'yes' });
    expect(answer.status).toBe(200);
    expect(surveys.surveyItems(reference)[0]).toMatchObject({ version: 3, satisfaction: 5 });
  });
});

describe('behind the origin guard, as deployed', () => {
  const originSecret = 'survey0test0origin0secret0of0forty0eight0chars0';
  const guarded = () =>
    surveyHandler(
      { tokens, surveys, audit, clock, ids: { newId: () => `event-${++ids}` } },
      originGuard(async () => [originSecret]),
    );
  const withHeaders = (raw: APIGatewayProxyEventV2, headers: Record<string, string>) => ({
    ...raw,
    headers: { ...raw.headers, 'cloudfront-viewer-address': '[2001:db8::7]:50123', ...headers },
  });

  it("audits the response with the viewer's address CloudFront gave, not the edge's", async () => {
    const raw = event('POST', { body: { t: await link(), satisfaction: 4, answered: 'yes' } });
    const result = (await guarded()(
      withHeaders(raw, { 'x-courtdesk-origin': originSecret }),
      {} as Context,
    )) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(200);
    // The response's record is written with the survey item.
    expect(surveys.audit).toHaveLength(1);
    expect(surveys.audit[0]?.sourceIPAddress).toBe('2001:db8::7');
  });

  it('refuses the same request without the secret: 403, nothing recorded, no address taken', async () => {
    const raw = event('POST', { body: { t: await link(), satisfaction: 4, answered: 'yes' } });
    const result = (await guarded()(
      withHeaders(raw, { 'x-courtdesk-origin': 'not-the-secret' }),
      {} as Context,
    )) as APIGatewayProxyStructuredResultV2;
    expect(result.statusCode).toBe(403);
    expect(audit.records).toEqual([]);
    expect(surveys.audit).toEqual([]);
    expect(surveys.surveyItems(reference)).toEqual([]);
  });
});
