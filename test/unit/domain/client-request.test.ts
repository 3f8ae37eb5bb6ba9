import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestLanguage, validateClientRequest } from '../../../shared/domain/client-request.ts';

const valid = {
  name: 'Jānis Bērziņš',
  email: 'janis@example.lv',
  topic: 'court-fees',
  subject: 'Valsts nodeva',
  message: 'Cik liela ir valsts nodeva?',
  consent: true,
  language: 'lv',
};

describe('validateClientRequest', () => {
  it('accepts a complete request and trims its text', () => {
    const result = validateClientRequest({ ...valid, name: '  Jānis Bērziņš ', phone: '' }, 'lv');
    expect(result).toEqual({ ok: true, request: { ...withoutConsent(valid), name: 'Jānis Bērziņš' } });
  });

  it('keeps a phone number when one is given', () => {
    const result = validateClientRequest({ ...valid, phone: '+371 20 000 000' }, 'lv');
    expect(result.ok && result.request.phone).toBe('+371 20 000 000');
  });

  it('explains every missing field once, in Latvian', () => {
    const result = validateClientRequest({ language: 'lv' }, 'lv');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.field)).toEqual([
      'name',
      'email',
      'topic',
      'subject',
      'message',
      'consent',
    ]);
    expect(result.errors.find((error) => error.field === 'name')?.message).toBe('Šis lauks ir obligāts.');
    expect(result.errors.find((error) => error.field === 'consent')?.message).toMatch(
      /personas datu apstrādei/,
    );
  });

  it('explains in English when asked', () => {
    const result = validateClientRequest({ ...valid, email: 'not-an-email', language: 'en' }, 'en');
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'email', message: 'Enter a valid email address, for example name@example.com.' }],
    });
  });

  it('rejects an unknown topic, a false consent and an unknown language', () => {
    const result = validateClientRequest(
      { ...valid, topic: 'weather', consent: false, language: 'de' },
      'lv',
    );
    expect(result.ok ? [] : result.errors.map((error) => error.field)).toEqual([
      'topic',
      'consent',
      'language',
    ]);
  });

  it('rejects text over its limit', () => {
    const result = validateClientRequest({ ...valid, subject: 'x'.repeat(201) }, 'lv');
    expect(result.ok ? [] : result.errors.map((error) => error.field)).toEqual(['subject']);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (data) => {
        const result = validateClientRequest(data, requestLanguage(data));
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});

function withoutConsent(request: typeof valid) {
  const { consent: _consent, ...rest } = request;
  return rest;
}
