/** The error handler's log line: an unexpected error is logged by name, status and category only. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { errorResponse } from '../../../shared/http/error-handler.ts';
import { logLinesOf } from '../../support/log-lines.ts';

const event = {
  headers: { 'accept-language': 'en' },
  requestContext: { requestId: 'req-1' },
} as unknown as APIGatewayProxyEventV2;

describe('errorResponse', () => {
  it('logs an SDK error whose message carries an address without the address', async () => {
    // Prepare
    const error = Object.assign(
      new Error('Illegal address: Zelmars.Forenzikis@Example.lv; recipient <anna@example.com> refused'),
      { name: 'MessageRejected', $metadata: { httpStatusCode: 400 }, Recipient: 'anna@example.com' },
    );
    let response: ReturnType<typeof errorResponse> | undefined;
    // Act
    const lines = await logLinesOf(() => {
      response = errorResponse(error, event);
    });
    // Assess
    expect(response?.statusCode).toBe(500);
    expect(response?.body).not.toContain('@');
    const line = lines.find((entry) => entry.includes('Unhandled error'));
    expect(line, `no log line among ${lines.length}`).toBeDefined();
    expect(JSON.parse(line as string)).toMatchObject({
      message: 'Unhandled error',
      requestId: 'req-1',
      errorName: 'MessageRejected',
      httpStatusCode: 400,
      errorCategory: 'invalid-request',
    });
    expect(line).not.toMatch(/@|Forenzikis|anna/i);
  });
});
