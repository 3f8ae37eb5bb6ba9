import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkClientRequest,
  latvianMobileCandidate,
  requestLanguage,
} from '../../../shared/domain/client-request.ts';
import { message, validateClientRequest } from '../../../shared/i18n/messages.ts';

const valid = {
  name: 'Jānis Bērziņš',
  email: 'janis@example.lv',
  topic: 'court-fees',
  subject: 'Valsts nodeva',
  message: 'Cik liela ir valsts nodeva?',
  consent: true,
  language: 'lv',
};

describe('checkClientRequest', () => {
  it('names what is wrong with each field by its catalogue key, in the order of the form', () => {
    const result = checkClientRequest({
      ...valid,
      name: '',
      email: 'x',
      phone: 'abc',
      topic: 'weather',
      extra: 1,
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'name', key: 'error.required' },
        { field: 'email', key: 'error.email.invalid' },
        { field: 'phone', key: 'error.phone.invalid' },
        { field: 'topic', key: 'error.topic.invalid' },
      ],
    });
  });

  it('keeps a valid assistant page and drops a wrong one silently: the request is what matters', () => {
    expect(checkClientRequest({ ...valid, assistantPage: 'page-0123456789' })).toMatchObject({
      ok: true,
      request: { assistantPage: 'page-0123456789' },
    });
    for (const assistantPage of ['x', 'page id with spaces', 'a'.repeat(65), 42, null, '']) {
      const result = checkClientRequest({ ...valid, assistantPage });
      expect(result.ok).toBe(true);
      expect(result.ok && 'assistantPage' in result.request).toBe(false);
    }
  });

  it('answers a valid request as validateClientRequest does, in no language', () => {
    expect(checkClientRequest(valid)).toEqual(validateClientRequest(valid, 'en'));
  });
});

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
    // Including a callback box beside anything in the phone field.
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (phone, callback) => {
        const result = validateClientRequest({ ...valid, phone, callback }, 'en');
        expect(typeof result.ok).toBe('boolean');
      }),
    );
    fc.assert(
      fc.property(fc.anything(), (data) => {
        const result = validateClientRequest(data, requestLanguage(data));
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});

describe('a callback request (§19.1)', () => {
  it('accepts a Latvian mobile number as typed, and says that a callback is asked', () => {
    // Act
    const result = validateClientRequest({ ...valid, callback: true, phone: ' +371 20 000 000 ' }, 'lv');

    // Assess
    expect(result).toEqual({
      ok: true,
      request: { ...withoutConsent(valid), callback: true, phone: '+371 20 000 000' },
    });
  });

  it('leaves an unticked box out and keeps today’s rule for the phone number', () => {
    const result = validateClientRequest({ ...valid, callback: false, phone: '67000000' }, 'lv');
    expect(result).toEqual({ ok: true, request: { ...withoutConsent(valid), phone: '67000000' } });
  });

  it.each([
    ['67000000', 'a landline'],
    ['+371 67 000 000', 'a landline in international form'],
    ['+49 151 12345678', 'a German mobile'],
    ['+370 612 34567', 'a Lithuanian mobile'],
    ['12345', 'too short a number'],
    ['nav telefona', 'words'],
  ])('explains on phone that we call back only Latvian mobile numbers: %j (%s)', (phone) => {
    // Act
    const lv = validateClientRequest({ ...valid, callback: true, phone }, 'lv');
    const en = validateClientRequest({ ...valid, callback: true, phone, language: 'en' }, 'en');

    // Assess
    expect(lv).toEqual({
      ok: false,
      errors: [{ field: 'phone', message: message('lv', 'error.phone.callback') }],
    });
    expect(en).toEqual({
      ok: false,
      errors: [{ field: 'phone', message: message('en', 'error.phone.callback') }],
    });
  });

  it('words the explanation with the other ways to an answer, Latvian first', () => {
    expect(message('lv', 'error.phone.callback')).toMatch(/Latvijas mobilo.*e-pasta adresi.*\+371 67063800/s);
    expect(message('en', 'error.phone.callback')).toMatch(
      /only Latvian mobile numbers.*untick.*email address.*call our client service/s,
    );
  });

  it('requires the phone number when the box is ticked', () => {
    for (const phone of [undefined, '', '   ']) {
      const result = validateClientRequest({ ...valid, callback: true, phone }, 'en');
      expect(result).toEqual({ ok: false, errors: [{ field: 'phone', message: 'This field is required.' }] });
    }
  });

  it('explains the phone number together with the other mistakes', () => {
    const result = validateClientRequest({ language: 'lv', callback: true, phone: '67000000' }, 'lv');
    expect(result.ok ? [] : result.errors.map((error) => error.field)).toEqual([
      'name',
      'email',
      'phone',
      'topic',
      'subject',
      'message',
      'consent',
    ]);
  });

  it.each(['yes', 'true', 1, null, {}])('refuses a callback that is not a boolean: %j', (callback) => {
    const result = validateClientRequest({ ...valid, callback, phone: '67000000' }, 'en');
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'callback', message: message('en', 'error.callback.invalid') }],
    });
  });

  it('lets through, by its shape, a number only ingest-web can refuse', () => {
    // 2301 xxxx belongs to no mobile operator; the browser has no metadata to know (callback-phone.ts).
    expect(validateClientRequest({ ...valid, callback: true, phone: '+371 2301 0000' }, 'lv').ok).toBe(true);
  });
});

describe('latvianMobileCandidate', () => {
  it('answers E.164 for eight digits from 2, in the usual spellings, and nothing else', () => {
    for (const input of [
      '20000000',
      '+371 20 000 000',
      '00371-2000-0000',
      '(+371) 20000000',
      '371 20000000',
    ]) {
      expect(latvianMobileCandidate(input), input).toBe('+37120000000');
    }
    for (const input of ['67000000', '+370 61234567', '2000000', '+371 2000 00000', '+371 20000000 5', 'x']) {
      expect(latvianMobileCandidate(input), input).toBeUndefined();
    }
  });
});

function withoutConsent(request: typeof valid) {
  const { consent: _consent, ...rest } = request;
  return rest;
}
