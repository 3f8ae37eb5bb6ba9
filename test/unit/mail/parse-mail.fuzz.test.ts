import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../../shared/mail/parse-mail.ts';
import type { ParseOutcome, QuarantineReason } from '../../../shared/mail/parsed-mail.ts';
import { mailFixtures } from '../../fixtures/mail/generate-fixtures.ts';

// Generous for one parse of a few kB; a hang or a pathological slow path shows up far above it.
const budgetMs = 2_000;

const reasons: readonly QuarantineReason[] = [
  'too-large',
  'too-many-parts',
  'too-deep',
  'too-many-attachments',
  'attachment-too-large',
  'unparseable',
  'no-sender',
];
const automaticKinds = [
  'auto-submitted',
  'precedence',
  'mailer-daemon',
  'delivery-status',
  'auto-reply-header',
  'mailing-list',
];
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Parses against the budget: a promise that never settles fails the property instead of hanging the run. */
async function parseWithinBudget(raw: Buffer): Promise<ParseOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const started = performance.now();
  const overBudget = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`parseMail did not settle within ${budgetMs} ms`)), budgetMs);
  });
  try {
    const outcome = await Promise.race([parseMail(raw), overBudget]);
    expect(performance.now() - started).toBeLessThan(budgetMs);
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}

/** Every outcome is a well-formed parsed mail or a refusal with a known reason. */
function expectWellFormed(outcome: ParseOutcome): void {
  if (!outcome.ok) {
    expect(reasons).toContain(outcome.reason);
    expect(typeof outcome.detail).toBe('string');
    expect(outcome.detail.length).toBeGreaterThan(0);
    expect(outcome.detail.length).toBeLessThan(200);
    return;
  }
  const { mail } = outcome;
  expect(typeof mail.subject).toBe('string');
  expect(mail.subject).not.toMatch(controlCharacters);
  expect(Array.from(mail.subject).length).toBeLessThanOrEqual(1000);
  expect(mail.subject).toBe(mail.subject.trim());
  expect(typeof mail.text).toBe('string');
  expect(mail.html === undefined || typeof mail.html === 'string').toBe(true);
  for (const address of [mail.from, mail.replyTo, ...mail.to, ...mail.cc]) {
    if (address === undefined) continue;
    expect(address.address).toBe(address.address.trim().toLowerCase());
    expect(address.address).toMatch(/^[^\s@]+@[a-z0-9.-]+$/);
    expect(address.name).not.toMatch(controlCharacters);
  }
  expect(mail.from).toBeDefined();
  for (const id of [mail.messageId, mail.inReplyTo, ...mail.references]) {
    if (id === undefined) continue;
    expect(id.length).toBeGreaterThan(0);
    expect(id).not.toMatch(/[\s<>]/);
  }
  expect(mail.date === undefined || !Number.isNaN(Date.parse(mail.date))).toBe(true);
  for (const attachment of mail.attachments) {
    expect(attachment.filename.length).toBeGreaterThan(0);
    expect(attachment.filename).not.toMatch(/[/\\]/);
    expect(attachment.filename).not.toMatch(controlCharacters);
    expect(attachment.size).toBe(attachment.content.length);
    expect(typeof attachment.contentType).toBe('string');
    expect(typeof attachment.inline).toBe('boolean');
  }
  if (mail.automatic !== undefined) expect(automaticKinds).toContain(mail.automatic);
}

const fixtures = [...mailFixtures().values()];

type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly byte: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'duplicate-boundary'; readonly which: number; readonly times: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      '\r\n',
      '\r\n\r\n',
      '\n',
      '\r',
      '\u0000',
      ':',
      '=?utf-8?B?',
      '?=',
      '\r\n\t',
      '<',
      '>',
      '--',
    ),
  }),
  fc.record({
    kind: fc.constant('duplicate-boundary' as const),
    which: fc.nat(),
    times: fc.integer({ min: 1, max: 5 }),
  }),
);

function mutate(original: Buffer, mutations: readonly Mutation[]): Buffer {
  let bytes = Buffer.from(original);
  for (const change of mutations) {
    if (bytes.length === 0) break;
    switch (change.kind) {
      case 'flip': {
        bytes[change.at % bytes.length] = change.byte;
        break;
      }
      case 'truncate':
        bytes = bytes.subarray(0, change.at % bytes.length);
        break;
      case 'insert': {
        const at = change.at % bytes.length;
        bytes = Buffer.concat([
          bytes.subarray(0, at),
          Buffer.from(change.text, 'latin1'),
          bytes.subarray(at),
        ]);
        break;
      }
      case 'duplicate-boundary': {
        const boundaries = [...bytes.toString('latin1').matchAll(/^--[^\r\n]*\r?\n/gm)];
        const line = boundaries[change.which % Math.max(boundaries.length, 1)];
        if (line?.index === undefined) break;
        bytes = Buffer.concat([
          bytes.subarray(0, line.index),
          Buffer.from(line[0].repeat(change.times), 'latin1'),
          bytes.subarray(line.index),
        ]);
        break;
      }
    }
  }
  return bytes;
}

const headerName = fc.constantFrom(
  'From',
  'To',
  'Cc',
  'Reply-To',
  'Subject',
  'Date',
  'Message-ID',
  'In-Reply-To',
  'References',
  'Content-Type',
  'Content-Transfer-Encoding',
  'Content-Disposition',
  'Auto-Submitted',
  'Precedence',
  'List-Id',
  'Return-Path',
);

/** Messages assembled from plausible header names with arbitrary values and bodies. */
const headerSoup = fc
  .tuple(
    fc.array(fc.tuple(headerName, fc.string({ unit: 'binary', maxLength: 80 })), { maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 400 }),
  )
  .map(([headers, body]) =>
    Buffer.from(
      `From: Fuzz <fuzz@pasts.example>\r\n${headers.map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n${body}`,
      'utf8',
    ),
  );

describe('parseMail under fuzzing (property)', () => {
  it('settles every random byte array within the budget, well-formed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        expectWellFormed(await parseWithinBudget(Buffer.from(bytes)));
      }),
      { numRuns: 300 },
    );
  });

  it('settles every mutated fixture (flipped bytes, truncation, inserted CRLFs, duplicated boundaries)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fixtures),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        async (fixture, mutations) => {
          expectWellFormed(await parseWithinBudget(mutate(fixture, mutations)));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('settles messages with arbitrary header values and bodies, the subject always on one line', async () => {
    await fc.assert(
      fc.asyncProperty(headerSoup, async (raw) => {
        expectWellFormed(await parseWithinBudget(raw));
      }),
      { numRuns: 300 },
    );
  });
});
