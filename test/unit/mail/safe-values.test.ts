import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeContentType, safeFilename, safeHeaderValue } from '../../../shared/mail/safe-values.ts';

// What S3 takes as a header value and every RFC 2045 token pair is made of: visible ASCII.
const headerSafe = /^[\x21-\x7e]+$/;

describe('safeContentType', () => {
  it.each([
    ['application/pdf', 'application/pdf'],
    ['Application/PDF', 'application/pdf'],
    ['  image/jpeg ; name="x" junk ;; =', 'image/jpeg'],
    ['text/plain; charset=utf-8', 'text/plain'],
    [
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['application/x-pkcs7-signature', 'application/x-pkcs7-signature'],
    ['message/rfc822', 'message/rfc822'],
  ])('keeps the type/subtype of %j as %j', (raw, expected) => {
    expect(safeContentType(raw)).toBe(expected);
  });

  it.each([
    ['PDF'],
    ['application/pdf/x'],
    ['application/'],
    ['/pdf'],
    ['image/jpe g'],
    ['application/pdf X-Injected: yes'],
    ['application/pdf\r\nX-Injected: yes'],
    ['text/plain\u0000'],
    ['applicätion/pdf'],
    ['application/pdf\u202e'],
    ['"application/pdf"'],
    ['application/(comment)pdf'],
    ['application/pdf,text/html'],
    [`application/${'x'.repeat(128)}`],
    [''],
    [undefined],
    [42],
  ])('refuses %j: application/octet-stream', (raw) => {
    expect(safeContentType(raw)).toBe('application/octet-stream');
  });

  it('gives a header-safe value of at most 255 characters for any input, and is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant('a/b; c=d')), (raw) => {
        const type = safeContentType(raw);
        expect(type).toMatch(headerSafe);
        expect(type).toMatch(/^[^/]+\/[^/]+$/);
        expect(type).toBe(type.toLowerCase());
        expect(type.length).toBeLessThanOrEqual(255);
        expect(safeContentType(type)).toBe(type);
      }),
    );
  });
});

describe('safeHeaderValue', () => {
  it('removes CR, LF, NUL and the other controls, collapses white space, and bounds the length', () => {
    expect(safeHeaderValue('Subject\r\nBcc: victim@example.lv', 100)).toBe('Subject Bcc: victim@example.lv');
    expect(safeHeaderValue('a\u0000b\u0007c\u007fd\u0085e\u009bf', 100)).toBe('abcd ef');
    expect(safeHeaderValue('  Ģimenes \t\t ārsts \u2028 ', 100)).toBe('Ģimenes ārsts');
    expect(safeHeaderValue('Šķēle'.repeat(100), 10)).toBe('ŠķēleŠķēle');
    expect(safeHeaderValue(undefined, 10)).toBe('');
  });

  it('never cuts a character in half, and replaces lone surrogates', () => {
    expect(safeHeaderValue('ab😀', 3)).toBe('ab😀');
    expect(safeHeaderValue('a\ud83d b \ude00', 100)).toBe('a\ufffd b \ufffd');
  });

  it('leaves no control character nor lone surrogate for any input, within the bound, idempotently', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'grapheme' }),
        fc.nat(300),
        (a, b, max) => {
          const value = safeHeaderValue(a + b, max);
          // biome-ignore lint/suspicious/noControlCharactersInRegex: what must not be left
          expect(value).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
          expect(value).toBe(Buffer.from(value, 'utf8').toString('utf8'));
          expect(Array.from(value).length).toBeLessThanOrEqual(max);
          expect(safeHeaderValue(value, max)).toBe(value);
        },
      ),
    );
  });
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: what must not be left in a file name
const unsafeInFilenames = /[/\\\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"|?*]/;

describe('safeFilename', () => {
  it.each([
    ['izziņa.pdf', 'izziņa.pdf'],
    ['C:\\Users\\Jānis\\Desktop\\iesniegums.pdf', 'iesniegums.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system.ini', 'system.ini'],
    ['rēķins\u202efdp.exe', 'rēķinsfdp.exe'],
    ['\u2066invoice\u2069\u200b.pdf', 'invoice.pdf'],
    ['\ufeffbom.txt', 'bom.txt'],
    ['a\r\nX-Injected: yes.pdf', 'a X-Injected_ yes.pdf'],
    ['a\r\nContent-Type: text/html.pdf', 'html.pdf'],
    ['nul\u0000byte.pdf', 'nulbyte.pdf'],
    ['what?*<>|".pdf', 'what______.pdf'],
    ['.htaccess', 'htaccess'],
    ['name. . .', 'name'],
  ])('makes %j %j', (raw, expected) => {
    expect(safeFilename(raw, 1, 'application/pdf')).toBe(expected);
  });

  it('keeps the extension when it cuts a long name to 200 characters', () => {
    const name = safeFilename(`${'ā'.repeat(300)}.pdf`, 1, 'application/pdf');
    expect(name).toBe(`${'ā'.repeat(196)}.pdf`);
  });

  it('names a file that has no usable name by its index and type', () => {
    expect(safeFilename(undefined, 3, 'application/pdf')).toBe('attachment-3.pdf');
    expect(safeFilename('../', 1, 'image/jpeg')).toBe('attachment-1.jpg');
    expect(safeFilename('\u202e\u200f', 2, 'PDF')).toBe('attachment-2.bin');
  });

  it('is safe for any input: no path, control or bidi character, at most 200 characters, idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const name = safeFilename(a + b, 1, 'application/pdf');
        expect(name.length).toBeGreaterThan(0);
        expect(name).not.toMatch(unsafeInFilenames);
        expect(name).not.toMatch(/^\.|[. ]$/);
        expect(Array.from(name).length).toBeLessThanOrEqual(200);
        expect(safeFilename(name, 1, 'application/pdf')).toBe(name);
      }),
    );
  });
});
