/**
 * The survey page's calls read the API's answers: a body the API refused before reading it (400,
 * 413, 415 with `{ error, message }`) is a failure with the API's own words, the form kept.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchSurvey, sendSurvey, surveyTokenOf } from '../../../web/src/survey-api.ts';

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

describe('the survey link’s token', () => {
  const token = 'TA-2026-000042.mzq1a0.AbC_dEf-123';
  const at = (search: string, hash: string) => ({ pathname: '/aptauja/', search, hash });

  it('is read from the fragment, and the address is left as it is', () => {
    expect(surveyTokenOf(at('', `#t=${token}`))).toEqual({ token });
    expect(surveyTokenOf(at('?lang=en', `#t=${token}`))).toEqual({ token });
    expect(surveyTokenOf(at('', ''))).toEqual({ token: '' });
  });

  it('is read from an older link’s query, whose address becomes the fragment form', () => {
    expect(surveyTokenOf(at(`?t=${token}`, ''))).toEqual({ token, replaceWith: `/aptauja/#t=${token}` });
    expect(surveyTokenOf(at(`?t=${token}&lang=en`, ''))).toEqual({
      token,
      replaceWith: `/aptauja/?lang=en#t=${token}`,
    });
  });

  it('is asked for with a POST, in the body: no URL holds it', async () => {
    const fetched = vi.fn(async () => new Response(JSON.stringify({}), { status: 500 }));
    vi.stubGlobal('fetch', fetched);
    await fetchSurvey(token);
    const [url, init] = fetched.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/survey/view');
    expect(url).not.toContain(token);
    expect(init).toMatchObject({ method: 'POST', body: JSON.stringify({ t: token }) });
  });
});
