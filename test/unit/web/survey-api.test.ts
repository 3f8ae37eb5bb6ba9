/**
 * The survey page's calls read the API's answers: a body the API refused before reading it (400,
 * 413, 415 with `{ error, message }`) is a failure with the API's own words, the form kept.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendSurvey } from '../../../web/src/survey-api.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

const answering = (status: number, body: unknown) =>
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status })),
  );

const message = { lv: 'Atbilde ir pārāk gara.', en: 'The response is too long.' };

describe('sendSurvey', () => {
  it.each([
    [400, 'MalformedBody'],
    [413, 'BodyTooLarge'],
    [415, 'UnsupportedContentType'],
  ])('reads a %i %s as a failure with the API’s message', async (status, error) => {
    answering(status, { error, message });
    expect(await sendSurvey('t', { satisfaction: 4, answered: 'yes' })).toEqual({
      kind: 'failed',
      reason: 'server',
      message,
    });
  });

  it('still reads a 400 with fields as field errors, and a body without a message as a server failure', async () => {
    const fields = [{ field: 'comment', message }];
    answering(400, { error: 'ValidationFailed', message, fields, errors: [] });
    expect(await sendSurvey('t', { satisfaction: 4, answered: 'yes' })).toEqual({ kind: 'invalid', fields });
    answering(413, { message: 'Request Entity Too Large' });
    expect(await sendSurvey('t', { satisfaction: 4, answered: 'yes' })).toEqual({
      kind: 'failed',
      reason: 'server',
    });
  });
});
