/** Errors in logs: name and masked message only, never the attributes SDK errors carry. */
import { describe, expect, it } from 'vitest';
import { loggedError } from '../../../shared/logged-error.ts';

describe('loggedError', () => {
  it('masks email addresses and phone-like numbers in the message', () => {
    const error = new Error(
      'Illegal address: Zelmars.Forenzikis@Example.lv, phone +371 2614 7395, (2614) 7395, code 010180-12345',
    );
    expect(loggedError(error)).toEqual({
      errorName: 'Error',
      errorMessage: 'Illegal address: [email], phone [number], [number], code [number]',
    });
  });

  it('keeps short numbers, references and SDK names, and drops every other attribute', () => {
    const error = Object.assign(new Error('The conditional request failed for TA-2026-000021 (3 items)'), {
      name: 'ConditionalCheckFailedException',
      Item: { client: { M: { email: { S: 'zelmars@example.lv' } } } },
    });
    const logged = loggedError(error);
    expect(logged).toEqual({
      errorName: 'ConditionalCheckFailedException',
      errorMessage: 'The conditional request failed for TA-2026-000021 (3 items)',
    });
    expect(JSON.stringify(logged)).not.toContain('zelmars');
  });

  it('names what is not an Error by its type, with no message', () => {
    expect(loggedError({ email: 'x@example.lv' })).toEqual({ errorName: 'object' });
  });
});
