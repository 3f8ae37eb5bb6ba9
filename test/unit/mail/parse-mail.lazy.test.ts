import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadedLegacyDecoders } from '../../../shared/mail/charsets.ts';
import { mimeTypeTableLoaded } from '../../../shared/mail/mime-types.ts';
import { parseMail } from '../../../shared/mail/parse-mail.ts';
import type { ParseOutcome } from '../../../shared/mail/parsed-mail.ts';
import { fixtureDirectory } from '../../fixtures/mail/generate-fixtures.ts';

// This file runs in a module graph of its own: nothing has loaded the lazy modules before it.
const imported = vi.hoisted(() => ({ mailparser: false, splits: 0 }));
vi.mock('mailparser', async (importOriginal) => {
  imported.mailparser = true;
  return importOriginal();
});
vi.mock('../../../shared/mail/mime-structure.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../shared/mail/mime-structure.ts')>();
  return {
    ...actual,
    splitMessage: (...args: Parameters<typeof actual.splitMessage>) => {
      imported.splits++;
      return actual.splitMessage(...args);
    },
  };
});

function attachmentMail(headers: readonly string[]): Buffer {
  return Buffer.from(
    [
      'From: a@pasts.example',
      'Content-Type: multipart/mixed; boundary=robeza',
      '',
      '--robeza',
      ...headers,
      '',
      '%PDF',
      '--robeza--',
    ].join('\r\n'),
  );
}

/** Parses once, counting how often the message was split. */
async function parsedCountingSplits(raw: Buffer): Promise<{ outcome: ParseOutcome; splits: number }> {
  const before = imported.splits;
  const outcome = await parseMail(raw);
  return { outcome, splits: imported.splits - before };
}

const commonMail = [
  'plain-utf8.eml',
  'charset-iso-8859-13.eml',
  'charset-windows-1257.eml',
  'charset-iso-8859-4.eml',
  'encoded-words.eml',
  'attachment-pdf.eml',
  'forwarded.eml',
  'auto-reply-ooo.eml',
  'dsn-bounce.eml',
  'mailing-list.eml',
];

describe('what parseMail loads', () => {
  it('parses text mail in the usual charsets, with attachments, without the lazy modules', async () => {
    for (const name of commonMail) {
      expect((await parseMail(readFileSync(join(fixtureDirectory, name)))).ok, name).toBe(true);
    }

    expect(loadedLegacyDecoders()).toBeUndefined();
    expect(mimeTypeTableLoaded()).toBe(false);
    expect(imported.mailparser).toBe(false);
  });

  it('loads mailparser for a message whose only body is HTML', async () => {
    const outcome = await parseMail(readFileSync(join(fixtureDirectory, 'inline-image.eml')));

    expect(outcome.ok && outcome.mail.text).toContain('Pievienoju ekrānuzņēmumu');
    expect(imported.mailparser).toBe(true);
    expect(loadedLegacyDecoders()).toBeUndefined();
  });

  it.each([
    ['an octet-stream part', ['Content-Type: application/octet-stream; name=iesniegums.pdf']],
    ['a part without a type', ['Content-Disposition: attachment; filename=iesniegums.pdf']],
  ])(
    'types %s named .pdf from the common types, without the full table or a second parse',
    async (_label, headers) => {
      const { outcome, splits } = await parsedCountingSplits(attachmentMail(headers));

      expect(outcome.ok && outcome.mail.attachments[0]?.contentType).toBe('application/pdf');
      expect(splits).toBe(1);
      expect(mimeTypeTableLoaded()).toBe(false);
      expect(loadedLegacyDecoders()).toBeUndefined();
    },
  );

  it('loads the full type table for an inline part named .stm without a type, which makes it the HTML body', async () => {
    const { outcome, splits } = await parsedCountingSplits(
      attachmentMail(['Content-Disposition: inline; filename=vestule.stm']),
    );

    expect(outcome.ok && outcome.mail.html).toBe('%PDF');
    expect(outcome.ok && outcome.mail.attachments).toEqual([]);
    expect(splits).toBe(1);
    expect(mimeTypeTableLoaded()).toBe(true);
  });

  it.each([
    [
      'an octet-stream part',
      ['Content-Type: application/octet-stream', 'Content-Disposition: attachment; filename=plans.dwg'],
    ],
    ['a part without a type', ['Content-Disposition: attachment; filename=plans.dwg']],
  ])(
    'loads the full type table for %s with a rarer extension, before decoding, in one parse',
    async (_label, headers) => {
      const { outcome, splits } = await parsedCountingSplits(attachmentMail(headers));

      expect(outcome.ok && outcome.mail.attachments[0]?.contentType).toBe('application/acad');
      expect(splits).toBe(1);
      expect(mimeTypeTableLoaded()).toBe(true);
      expect(loadedLegacyDecoders()).toBeUndefined();
    },
  );

  it('loads the legacy decoders for a Korean message, and parses it again with them', async () => {
    const raw = Buffer.from(
      'From: a@pasts.example\r\nContent-Type: text/plain; charset=euc-kr\r\n\r\n\x8c\x63\r\n',
      'latin1',
    );

    const { outcome, splits } = await parsedCountingSplits(raw);

    expect(outcome.ok && outcome.mail.text).toBe('똠\n');
    expect(splits).toBe(2);
    expect(loadedLegacyDecoders()?.legacyDecodersLoaded).toBe(true);
  });
});

describe('the bundled parser', () => {
  it('keeps libmime, iconv-lite, mailparser and html-to-text out of what it loads up front', async () => {
    const { build } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
    const result = await build({
      entryPoints: ['shared/mail/parse-mail.ts'],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      minify: true,
      write: false,
      metafile: true,
      outdir: 'out',
      logLevel: 'silent',
    });
    const outputs = result.metafile.outputs;
    const entry = Object.keys(outputs).find((key) => outputs[key]?.entryPoint) ?? '';
    const loaded = new Set<string>();
    const pending = [entry];
    while (pending.length > 0) {
      const key = pending.pop() as string;
      if (loaded.has(key)) continue;
      loaded.add(key);
      for (const next of outputs[key]?.imports ?? [])
        if (next.kind === 'import-statement') pending.push(next.path);
    }
    const inputs = [...loaded].flatMap((key) => Object.keys(outputs[key]?.inputs ?? {}));
    const bytes = [...loaded].reduce((sum, key) => sum + (outputs[key]?.bytes ?? 0), 0);

    expect(
      inputs.filter((input) =>
        /iconv-lite|encoding-japanese|mailparser|html-to-text|mailsplit|\/he\//.test(input),
      ),
    ).toEqual([]);
    expect(
      inputs.filter((input) => /libmime\/dist\/esm\/(?:charset|mimetypes|libmime)\.js/.test(input)),
    ).toEqual([]);
    expect(bytes).toBeLessThan(80 * 1024);
    expect(Object.keys(outputs).length).toBeGreaterThan(loaded.size);
  });
});
