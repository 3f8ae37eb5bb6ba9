import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  csvDownload,
  Download,
  type ResponseOrDownload,
} from '../../../shared/http/middleware/csv-download.ts';
import {
  type JsonBodyContext,
  type JsonBodyOptions,
  jsonBody,
} from '../../../shared/http/middleware/json-body.ts';

class Refusal extends Error {}

function event(body: string | undefined, headers: Record<string, string> = {}, base64 = false) {
  return {
    routeKey: 'POST /x',
    headers,
    body,
    isBase64Encoded: base64,
    requestContext: { requestId: 'r-1', http: { method: 'POST', sourceIp: '127.0.0.1' } },
  } as unknown as APIGatewayProxyEventV2;
}

/** What the JSON body middleware leaves for the handler, or the error it refuses with. */
async function parsed(options: Partial<JsonBodyOptions>, request: APIGatewayProxyEventV2): Promise<unknown> {
  const handler = middy<APIGatewayProxyEventV2, unknown, Error, JsonBodyContext>()
    .use(jsonBody({ malformed: () => new Refusal('malformed'), ...options }))
    .handler(async (_event, context) => context.jsonBody);
  return handler(request, {} as Context).catch((error: Error) => error.message);
}

describe('the JSON body middleware', () => {
  it('parses an object, as sent or base64-encoded, and leaves the event as it came', async () => {
    // Prepare
    const plain = event('{"name":"Anna"}');
    // Act, Assess
    expect(await parsed({}, plain)).toEqual({ name: 'Anna' });
    expect(plain.body).toBe('{"name":"Anna"}');
    expect(await parsed({}, event(Buffer.from('{"a":1}').toString('base64'), {}, true))).toEqual({ a: 1 });
  });

  it('refuses what is not one JSON object', async () => {
    for (const body of ['', 'nope', '[1]', 'null', '"text"', undefined])
      expect(await parsed({}, event(body)), String(body)).toBe('malformed');
  });

  it('takes a missing body as {} when asked, and trims strings when asked', async () => {
    expect(await parsed({ emptyAsObject: true }, event(undefined))).toEqual({});
    expect(await parsed({ emptyAsObject: true }, event(''))).toEqual({});
    expect(await parsed({ trimStrings: true }, event('{"a":"  x ","b":2,"c":" "}'))).toEqual({
      a: 'x',
      b: 2,
      c: '',
    });
    expect(await parsed({}, event('{"a":" x "}'))).toEqual({ a: ' x ' });
  });

  it('checks the content type, then the size in bytes, before parsing', async () => {
    const options = {
      unsupportedType: () => new Refusal('type'),
      limit: { bytes: 10, error: () => new Refusal('size') },
    };
    expect(await parsed(options, event('{}', { 'content-type': 'text/plain' }))).toBe('type');
    expect(await parsed(options, event('{}'))).toBe('type');
    const json = { 'content-type': 'application/json; charset=utf-8' };
    expect(await parsed(options, event('{"a":"āāāā"}', json))).toBe('size');
    expect(await parsed(options, event('{"a":"ā"}', json))).toEqual({ a: 'ā' });
    expect(await parsed(options, event('x'.repeat(11), json))).toBe('size');
    expect(await parsed(options, event('', json))).toBe('malformed');
  });

  it('parses only the requests it is told to', async () => {
    expect(await parsed({ when: () => false }, event('not json'))).toBeUndefined();
  });
});

describe('the CSV download middleware', () => {
  const handler = (answer: ResponseOrDownload) =>
    middy<APIGatewayProxyEventV2, ResponseOrDownload>()
      .use(csvDownload())
      .handler(async () => answer);

  it('makes a download into a CSV file with its row count and, when cut short, its cursor', async () => {
    // Act
    const response = (await handler(
      new Download({ filename: 'audit 1.csv', text: 'a,b\n', rows: 1, cursor: 'next' }),
    )(event(undefined), {} as Context)) as APIGatewayProxyStructuredResultV2;
    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('a,b\n');
    expect(response.headers).toMatchObject({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="audit_1.csv"',
      'x-courtdesk-rows': '1',
      'x-courtdesk-cursor': 'next',
    });
    const whole = (await handler(new Download({ filename: 'a.csv', text: '', rows: 0 }))(
      event(undefined),
      {} as Context,
    )) as APIGatewayProxyStructuredResultV2;
    expect(whole.headers).not.toHaveProperty('x-courtdesk-cursor');
  });

  it('leaves any other answer as it is', async () => {
    const answer = { statusCode: 202, body: '{}' };
    expect(await handler(answer)(event(undefined), {} as Context)).toBe(answer);
  });
});
