/**
 * The fixtures of mail real servers sent that ingestion once failed on (`real-world-fixtures.ts`):
 * what the parser makes of each, value by value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../../shared/mail/parse-mail.ts';
import type { ParsedMail } from '../../../shared/mail/parsed-mail.ts';
import { fixtureDirectory, samplePdf, samplePng } from '../../fixtures/mail/generate-fixtures.ts';
import { latvianRequest, latvianSubject } from '../../fixtures/mail/real-world-fixtures.ts';

async function parsedFixture(name: string): Promise<ParsedMail> {
  const outcome = await parseMail(readFileSync(join(fixtureDirectory, name)));
  if (!outcome.ok) throw new Error(`expected a parsed mail, got ${outcome.reason}: ${outcome.detail}`);
  return outcome.mail;
}

const latvianText = `${latvianRequest.replace(/\r\n/g, '\n')}\n`;

describe('parseMail on the real-world fixtures', () => {
  it('content-type-invalid.eml: a type that is no type/subtype counts as none, the name types the file', async () => {
    const mail = await parsedFixture('content-type-invalid.eml');

    expect(mail.text).toBe('Pielikumā izziņa, pilnvara, foto un skenējums.');
    expect(mail.attachments.map(({ content: _content, ...rest }) => rest)).toEqual([
      // `Content-Type: PDF`
      { filename: 'izzina.pdf', contentType: 'application/pdf', size: samplePdf().length, inline: false },
      // `application/pdf/x; name=a.pdf`
      { filename: 'a.pdf', contentType: 'application/pdf', size: samplePdf().length, inline: false },
      // `image/jpeg ; name="x" junk ;; =; (comment`
      { filename: 'x', contentType: 'image/jpeg', size: samplePng.length, inline: false },
      // A folded `X-Injected:` in the type; `../../rēķins<RLO>fdp.exe` as the name.
      {
        filename: 'rēķinsfdp.exe',
        contentType: 'application/octet-stream',
        size: samplePdf().length,
        inline: false,
      },
    ]);
    expect(mail.attachments.every((attachment) => attachment.content.length > 0)).toBe(true);
    expect(mail.attachments[2]?.content.equals(samplePng)).toBe(true);
  });

  it.each([
    ['undeclared-windows-1257.eml', 'Windows-1257 bytes, no charset'],
    ['undeclared-utf8.eml', 'UTF-8 bytes, no Content-Type'],
    ['us-ascii-windows-1257.eml', 'Windows-1257 bytes declared US-ASCII'],
  ])('%s (%s): the Latvian text, subject and sender read exactly', async (name) => {
    const mail = await parsedFixture(name);

    expect(mail.text).toBe(latvianText);
    expect(mail.subject).toBe(latvianSubject);
    expect(mail.from).toEqual({ name: 'Ģirts Šķēle', address: 'girts.skele@pasts.example' });
    expect(mail.text).not.toContain('\ufffd');
  });
});
