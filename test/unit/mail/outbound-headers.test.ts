import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  maxIdListLength,
  maxReferenceCount,
  messageIdList,
  normalizeMessageId,
  safeHeaderField,
  safeHeaderValue,
  safeMailHeaders,
  threadingHeaders,
  UnsafeHeaderField,
} from '../../../shared/mail/outbound-headers.ts';

const numRuns = 10_000;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
const forbidden = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** A line end followed by something that reads as a field of its own. */
const injection = /[\r\n\u0085\u2028\u2029][ \t]*[!-9;-~]+[ \t]*:/;

/** Fragments that attackers and broken programs put into header values. */
const hostileFragments = [
  '\r',
  '\n',
  '\r\n',
  '\n\r',
  '\u0000',
  '\t',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u2028',
  '\u2029',
  '\ud800',
  '\udfff',
  ' ',
  '  ',
  ':',
  '<',
  '>',
  '@',
  '\r\nBcc: evil@example.com',
  '\nBcc:evil@example.com',
  '\r\n\r\n<html>',
  '%0d%0aBcc: evil@example.com',
  '\u0085To: evil@example.com',
  '\u2028Cc: evil@example.com',
  '=?utf-8?q?=0d=0aBcc:?=',
];

const binaryText = fc.string({ unit: 'binary' });
/** Strings rich in line ends and control characters, mixed with random text. */
const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...hostileFragments), fc.string({ unit: 'binary', maxLength: 8 })), {
    maxLength: 24,
  })
  .map((parts) => parts.join(''));
const anyText = fc.oneof(binaryText, hostileText);

const safeCharacter = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 1 })
  .filter((character) => character !== ' ' && !forbidden.test(character));
/** Values that need no folding: no control character, single spaces between words. */
const safeText = fc
  .array(fc.string({ unit: safeCharacter, minLength: 1, maxLength: 12 }), { maxLength: 8 })
  .map((words) => words.join(' '));

describe('safeHeaderValue', () => {
  it('lets no control character, line separator or injected field through (property)', () => {
    // Prepare
    const property = fc.property(anyText, (value) => {
      // Act
      const safe = safeHeaderValue(value);
      // Assess
      return (
        !forbidden.test(safe) &&
        !loneSurrogate.test(safe) &&
        !injection.test(safe) &&
        !safe.includes('\r\nBcc:') &&
        safeHeaderValue(safe) === safe
      );
    });
    fc.assert(property, { numRuns });
  });

  it('leaves a value that needs no folding unchanged (property)', () => {
    fc.assert(
      fc.property(safeText, (value) => safeHeaderValue(value) === value),
      { numRuns },
    );
    expect(safeHeaderValue('Jūsu pieprasījums saņemts — TA-2026-000001')).toBe(
      'Jūsu pieprasījums saņemts — TA-2026-000001',
    );
  });

  it('folds line ends into one space, so an injected field stays text on the one line', () => {
    expect(safeHeaderValue('Hello\r\nBcc: evil@example.com')).toBe('Hello Bcc: evil@example.com');
    expect(safeHeaderValue(' a\t\u0000 b\u2028\u0085c\r\n')).toBe('a b c');
    expect(safeHeaderValue('\ud800x')).toBe('\ufffdx');
  });
});

describe('message ids', () => {
  it('keeps plain ids, with or without brackets, and drops anything else', () => {
    expect(normalizeMessageId('CAKw=x+y_z@mail.gmail.com')).toBe('CAKw=x+y_z@mail.gmail.com');
    expect(normalizeMessageId(' <1234.5678@[192.0.2.1]> ')).toBe('1234.5678@[192.0.2.1]');
    for (const invalid of [
      '',
      'no-at-sign',
      'a b@example.lv',
      'a@b>c',
      'a@b<c',
      '<<a@b>>',
      'a@b@c',
      '@example.lv',
      'left@',
      'a@b\r\nBcc: evil@example.com',
      'a\u0000@b',
      'ā@example.lv',
      `${'x'.repeat(250)}@example.lv`,
    ]) {
      expect(normalizeMessageId(invalid), JSON.stringify(invalid)).toBeUndefined();
    }
  });

  it('builds a list of bracketed ids that fits one header line, whatever comes in (property)', () => {
    const ids = fc.array(
      fc.oneof(anyText, fc.constantFrom('a@b.lv', '<c@d.lv>', `${'y'.repeat(240)}@example.lv`)),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(ids, (input) => {
        const list = messageIdList(input);
        if (list === '') return true;
        const items = list.split(' ');
        return (
          /^[!-~]+(?: [!-~]+)*$/.test(list) &&
          list.length <= maxIdListLength &&
          items.length <= maxReferenceCount &&
          items.every((item) => /^<[^<>\s]+@[^<>\s]+>$/.test(item))
        );
      }),
      { numRuns },
    );
  });

  it('keeps the thread’s first id and the newest ones when the thread is long', () => {
    // Prepare
    const ids = Array.from({ length: 50 }, (_, index) => `m${index}@example.lv`);

    // Act
    const items = messageIdList(ids).split(' ');

    // Assess
    expect(items).toHaveLength(maxReferenceCount);
    expect(items[0]).toBe('<m0@example.lv>');
    expect(items.slice(1)).toEqual(ids.slice(-19).map((id) => `<${id}>`));
  });

  it('stays within the line length with long ids, and keeps a repeated id at its newest place', () => {
    const long = Array.from({ length: 10 }, (_, index) => `${index}${'x'.repeat(200)}@example.lv`);
    const list = messageIdList(long);
    expect(list.length).toBeLessThanOrEqual(maxIdListLength);
    expect(list.startsWith(`<${long[0]}>`)).toBe(true);
    expect(list.endsWith(`<${long[9]}>`)).toBe(true);
    expect(messageIdList(['a@x', 'b@x', 'a@x'])).toBe('<b@x> <a@x>');
  });
});

describe('threadingHeaders', () => {
  it('replies to the client’s message and references their thread followed by it', () => {
    expect(
      threadingHeaders({ messageId: 'c@example.lv', references: ['a@example.lv', 'b@example.lv'] }),
    ).toEqual([
      { name: 'In-Reply-To', value: '<c@example.lv>' },
      { name: 'References', value: '<a@example.lv> <b@example.lv> <c@example.lv>' },
    ]);
    expect(threadingHeaders({ messageId: 'c@example.lv', references: [] })).toEqual([
      { name: 'In-Reply-To', value: '<c@example.lv>' },
      { name: 'References', value: '<c@example.lv>' },
    ]);
  });

  it('sets nothing for a request that did not come by email, and nothing made of invalid ids', () => {
    expect(threadingHeaders(undefined)).toEqual([]);
    expect(threadingHeaders({ references: [] })).toEqual([]);
    expect(
      threadingHeaders({ messageId: 'x\r\nBcc: evil@example.com', references: ['a@example.lv'] }),
    ).toEqual([{ name: 'References', value: '<a@example.lv>' }]);
  });

  it('always gives fields that SES takes as they are (property)', () => {
    const email = fc.record({
      messageId: fc.option(anyText, { nil: undefined }),
      references: fc.array(anyText, { maxLength: 30 }),
    });
    fc.assert(
      fc.property(email, (input) =>
        threadingHeaders(input).every((field) => {
          const safe = safeHeaderField(field);
          return safe.value === field.value && !forbidden.test(field.value);
        }),
      ),
      { numRuns },
    );
  });
});

describe('safeHeaderField and safeMailHeaders', () => {
  it('refuses unsafe names and gives safe values, whatever comes in (property)', () => {
    const field = fc.record({
      name: fc.oneof(anyText, fc.constantFrom('Auto-Submitted', 'X-Ticket', 'Bcc\r\nX', 'A:B')),
      value: anyText,
    });
    fc.assert(
      fc.property(field, (input) => {
        try {
          const safe = safeHeaderField(input);
          return (
            safe.name === input.name &&
            /^[!-9;-~]+$/.test(safe.name) &&
            /^[ -~]*$/.test(safe.value) &&
            !injection.test(`${safe.name}: ${safe.value}`)
          );
        } catch (error) {
          return error instanceof UnsafeHeaderField;
        }
      }),
      { numRuns },
    );
  });

  it('refuses a name or an address with a line end, a value SES cannot take, and a name given twice', () => {
    const mail = { from: 'noreply@courtdesk.example.lv', to: 'anna@example.lv', subject: 'Hello' };
    expect(() => safeHeaderField({ name: 'X-A\r\nBcc', value: 'x' })).toThrow(UnsafeHeaderField);
    expect(() => safeHeaderField({ name: 'X-A', value: 'ā' })).toThrow(UnsafeHeaderField);
    expect(() => safeHeaderField({ name: 'X-A', value: 'x'.repeat(994) })).toThrow(UnsafeHeaderField);
    expect(() => safeMailHeaders({ ...mail, to: 'anna@example.lv\r\nBcc: evil@example.com' })).toThrow(
      UnsafeHeaderField,
    );
    expect(() => safeMailHeaders({ ...mail, from: 'Court <noreply@example.lv>\n' })).toThrow(
      UnsafeHeaderField,
    );
    expect(() =>
      safeMailHeaders({
        ...mail,
        headers: [
          { name: 'Auto-Submitted', value: 'auto-replied' },
          { name: 'auto-submitted', value: 'no' },
        ],
      }),
    ).toThrow(UnsafeHeaderField);
  });

  it('folds the subject and leaves safe fields as they are', () => {
    expect(
      safeMailHeaders({
        from: 'noreply@courtdesk.example.lv',
        to: 'anna@example.lv',
        subject: 'Answer\r\nBcc: evil@example.com',
        headers: [{ name: 'Auto-Submitted', value: 'auto-replied' }],
      }),
    ).toEqual({
      from: 'noreply@courtdesk.example.lv',
      to: 'anna@example.lv',
      subject: 'Answer Bcc: evil@example.com',
      headers: [{ name: 'Auto-Submitted', value: 'auto-replied' }],
    });
  });
});
