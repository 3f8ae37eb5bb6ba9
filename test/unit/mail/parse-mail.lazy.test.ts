import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadedLegacyDecoders } from '../../../shared/mail/charsets.ts';
import { parseMail } from '../../../shared/mail/parse-mail.ts';
import { fixtureDirectory } from '../../fixtures/mail/generate-fixtures.ts';

// This file runs in a module graph of its own: nothing has loaded the lazy modules before it.
const imported = vi.hoisted(() => ({ mailparser: false }));
vi.mock('mailparser', async (importOriginal) => {
  imported.mailparser = true;
  return importOriginal();
});

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
    expect(imported.mailparser).toBe(false);
  });

  it('loads mailparser for a message whose only body is HTML', async () => {
    const outcome = await parseMail(readFileSync(join(fixtureDirectory, 'inline-image.eml')));

    expect(outcome.ok && outcome.mail.text).toContain('Pievienoju ekrānuzņēmumu');
    expect(imported.mailparser).toBe(true);
    expect(loadedLegacyDecoders()).toBeUndefined();
  });

  it('loads the legacy decoders for a file type to look up, and parses again with them', async () => {
    const raw = Buffer.from(
      [
        'From: a@pasts.example',
        'Content-Type: multipart/mixed; boundary=robeza',
        '',
        '--robeza',
        'Content-Type: application/octet-stream',
        'Content-Disposition: attachment; filename=iesniegums.pdf',
        '',
        '%PDF',
        '--robeza--',
      ].join('\r\n'),
    );

    const outcome = await parseMail(raw);

    expect(outcome.ok && outcome.mail.attachments[0]?.contentType).toBe('application/pdf');
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
