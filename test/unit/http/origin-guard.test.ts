/**
 * The origin guard: a request without CloudFront's secret is answered 403 before anything else
 * runs; with it, the viewer address CloudFront gave becomes the client's address, and only then.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { httpErrorHandler } from '../../../shared/http/error-handler.ts';
import {
  clientAddressOf,
  type OriginSecrets,
  originGuard,
  parseViewerAddress,
} from '../../../shared/http/middleware/origin-guard.ts';

const secret = 'Q3x9origin0secret0of0the0test0distribution0abc';

function eventWith(headers: Record<string, string>): APIGatewayProxyEventV2 {
  return {
    routeKey: 'POST /api/requests',
    headers,
    requestContext: { requestId: 'r-1', http: { method: 'POST', sourceIp: '130.176.0.1' } },
  } as unknown as APIGatewayProxyEventV2;
}

function guarded(secrets: OriginSecrets = async () => [secret]) {
  const seen: string[] = [];
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpErrorHandler())
    .use(originGuard(secrets))
    .use({
      before: async () => {
        seen.push('next middleware');
      },
    })
    .handler(async (event) => {
      seen.push(`handler from ${clientAddressOf(event)}`);
      return { statusCode: 204 };
    });
  return { seen, call: (event: APIGatewayProxyEventV2) => handler(event, {} as Context) };
}

describe('the origin guard', () => {
  it('refuses a request without the origin header with a bare 403, and runs nothing after it', async () => {
    // Prepare
    const { seen, call } = guarded();
    // Act
    const response = await call(eventWith({ 'cloudfront-viewer-address': '198.51.100.7:4431' }));
    // Assess
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body ?? '')).toEqual({ message: 'Forbidden' });
    expect(seen).toEqual([]);
  });

  it('refuses a wrong secret, one of another length, and an empty one alike', async () => {
    const { seen, call } = guarded();
    for (const given of [`${secret.slice(0, -1)}x`, secret.slice(1), `${secret} `, '']) {
      const response = await call(eventWith({ 'x-courtdesk-origin': given }));
      expect(response.statusCode, JSON.stringify(given)).toBe(403);
    }
    expect(seen).toEqual([]);
  });

  it('lets the request with the secret through, with the viewer address as the client address', async () => {
    const { seen, call } = guarded();
    const response = await call(
      eventWith({ 'x-courtdesk-origin': secret, 'cloudfront-viewer-address': '198.51.100.7:4431' }),
    );
    expect(response.statusCode).toBe(204);
    expect(seen).toEqual(['next middleware', 'handler from 198.51.100.7']);
  });

  it("trusts the viewer address only with the secret: without it, API Gateway's source address stands", async () => {
    const event = eventWith({
      'x-courtdesk-origin': 'guessed',
      'cloudfront-viewer-address': '203.0.113.9:1',
    });
    const { call } = guarded();
    expect((await call(event)).statusCode).toBe(403);
    expect(clientAddressOf(event)).toBe('130.176.0.1');
    // With the secret but no (or no usable) viewer address: the source address, not a made-up one.
    const { seen, call: callAgain } = guarded();
    await callAgain(eventWith({ 'x-courtdesk-origin': secret }));
    await callAgain(eventWith({ 'x-courtdesk-origin': secret, 'cloudfront-viewer-address': 'not-an-ip:80' }));
    expect(seen.filter((line) => line.startsWith('handler'))).toEqual([
      'handler from 130.176.0.1',
      'handler from 130.176.0.1',
    ]);
  });

  it('accepts the previous secret during a rotation, as long as the secrets say so', async () => {
    let accepted = ['new0secret0value0of0at0least0thirty0two0chars', secret];
    const { call } = guarded(async () => accepted);
    expect((await call(eventWith({ 'x-courtdesk-origin': secret }))).statusCode).toBe(204);
    accepted = ['new0secret0value0of0at0least0thirty0two0chars'];
    expect((await call(eventWith({ 'x-courtdesk-origin': secret }))).statusCode).toBe(403);
  });

  it('fails closed: secrets that cannot be read are a 500, never a request let through', async () => {
    const { seen, call } = guarded(async () => {
      throw new Error('Secrets Manager unreachable');
    });
    const response = await call(eventWith({ 'x-courtdesk-origin': secret }));
    expect(response.statusCode).toBe(500);
    expect(seen).toEqual([]);
  });
});

describe('parseViewerAddress', () => {
  it.each([
    ['198.51.100.10:46532', '198.51.100.10'],
    ['[::1]:443', '::1'],
    ['[2001:db8::8a2e:370:7334]:50000', '2001:db8::8a2e:370:7334'],
    // CloudFront's IPv6 form without brackets: the port after the last colon.
    ['2001:db8::8a2e:370:7334:50000', '2001:db8::8a2e:370:7334'],
    [' 127.0.0.1:5173 ', '127.0.0.1'],
  ])('reads %s as %s', (value, address) => {
    expect(parseViewerAddress(value)).toBe(address);
  });

  it.each([
    [undefined],
    [''],
    ['198.51.100.10'],
    ['198.51.100.10:'],
    ['example.org:443'],
    ['[::1]'],
    ['999.1.1.1:80'],
    ['198.51.100.10:80, 203.0.113.9:80'],
  ])('reads nothing from %s', (value) => {
    expect(parseViewerAddress(value)).toBeUndefined();
  });
});
