/** Errors in logs: name, code, HTTP status and a fixed message by category, never the error's own text. */
import { describe, expect, it } from 'vitest';
import { errorCategories, loggedError } from '../../../shared/logged-error.ts';

/** An error shaped as AWS SDK v3 throws them: exception name, `$fault`, `$metadata`, request data. */
function sdkError(name: string, message: string, httpStatusCode: number, extra: object = {}): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, requestId: 'R1', attempts: 1 },
    ...extra,
  });
}

describe('loggedError', () => {
  it('logs no part of a message that quotes an address, in any field', () => {
    // Prepare
    const error = sdkError(
      'MessageRejected',
      'Email address is not verified. The following identities failed the check: Zelmars.Forenzikis@Example.lv',
      400,
    );
    // Act
    const logged = loggedError(error);
    // Assess
    expect(logged).toEqual({
      errorName: 'MessageRejected',
      httpStatusCode: 400,
      errorCategory: 'invalid-request',
      errorMessage: errorCategories['invalid-request'],
    });
    expect(JSON.stringify(logged)).not.toMatch(/@|Forenzikis|verified/i);
  });

  it("drops every other attribute an SDK error carries (a condition check's Item)", () => {
    const error = sdkError('ConditionalCheckFailedException', 'The conditional request failed', 400, {
      Item: { client: { M: { email: { S: 'zelmars@example.lv' } } } },
    });
    const logged = loggedError(error);
    expect(logged).toEqual({
      errorName: 'ConditionalCheckFailedException',
      httpStatusCode: 400,
      errorCategory: 'conditional-check',
      errorMessage: 'A conditional write or transaction was refused',
    });
    expect(JSON.stringify(logged)).not.toContain('zelmars');
  });

  it('categorises by name first, then by code, then by HTTP status', () => {
    expect(loggedError(sdkError('ThrottlingException', 'Rate exceeded', 400)).errorCategory).toBe(
      'throttled',
    );
    expect(loggedError(sdkError('AccessDeniedException', 'User: arn:… is not', 400)).errorCategory).toBe(
      'access-denied',
    );
    expect(loggedError(sdkError('NoSuchKey', 'The key a@b.lv', 404)).errorCategory).toBe('not-found');
    expect(loggedError(sdkError('InternalServerError', 'oops', 500)).errorCategory).toBe('service-error');
    expect(loggedError(sdkError('SomethingNew', 'x', 429)).errorCategory).toBe('throttled');
    const reset = Object.assign(new Error('read ECONNRESET 10.0.0.1'), { code: 'ECONNRESET' });
    expect(loggedError(reset)).toMatchObject({
      errorName: 'Error',
      errorCode: 'ECONNRESET',
      errorCategory: 'network',
    });
    expect(loggedError(new TypeError("Cannot read properties of undefined (reading 'email')"))).toMatchObject(
      {
        errorName: 'TypeError',
        errorCategory: 'program',
        errorMessage: 'A programming error',
      },
    );
    expect(loggedError(new Error('plain'))).toMatchObject({ errorCategory: 'other' });
  });

  it('does not take a name or code that is free text rather than an identifier', () => {
    const error = Object.assign(new Error('x'), { code: 'refused for jane@example.lv' });
    error.name = 'Refused jane@example.lv';
    const logged = loggedError(error);
    expect(logged).toEqual({
      errorName: 'Error',
      errorCategory: 'other',
      errorMessage: errorCategories.other,
    });
  });

  it('ignores a status that is not an HTTP status', () => {
    const error = Object.assign(new Error('x'), { $metadata: { httpStatusCode: '403 for a@b.lv' } });
    expect(loggedError(error)).not.toHaveProperty('httpStatusCode');
  });

  it('names what is not an Error by its type, with the fixed message', () => {
    expect(loggedError({ email: 'x@example.lv' })).toEqual({
      errorName: 'object',
      errorCategory: 'not-an-error',
      errorMessage: 'A value that is not an Error was thrown',
    });
    expect(loggedError('x@example.lv')).toMatchObject({ errorName: 'string' });
  });
});
