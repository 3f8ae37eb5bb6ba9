import { describe, expect, it } from 'vitest';
import { parseMail } from '../../../shared/mail/parse-mail.ts';
import type { ParsedMail } from '../../../shared/mail/parsed-mail.ts';
import { mailparserView, parsedView } from './mailparser-oracle.ts';

function lines(...all: readonly string[]): Buffer {
  return Buffer.from(all.join('\r\n'));
}

async function parsed(raw: Buffer): Promise<ParsedMail> {
  const outcome = await parseMail(raw);
  if (!outcome.ok) throw new Error(`expected a parsed mail, got ${outcome.reason}`);
  return outcome.mail;
}

describe('parseMail embedded messages, as mailparser shows them', () => {
  it('shows the headers of a message inside an embedded message once, the innermost', async () => {
    const raw = lines(
      'From: a@pasts.example',
      'Content-Type: multipart/mixed; boundary=robeza',
      '',
      '--robeza',
      'Content-Type: text/plain',
      '',
      'Pārsūtu vēstuli.',
      '--robeza',
      'Content-Type: message/rfc822',
      'Content-Disposition: inline',
      '',
      'From: vidus@pasts.example',
      'Subject: Vidējā',
      'Content-Type: message/rfc822',
      'Content-Disposition: inline',
      '',
      'From: ieksa@pasts.example',
      'Subject: Iekšējā',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Iekšējais teksts',
      '--robeza--',
      '',
    );

    const mail = await parsed(raw);

    expect(parsedView(mail)).toEqual(await mailparserView(raw));
    expect(mail.text).toBe(
      'Pārsūtu vēstuli.\n\nFrom: ieksa@pasts.example\nSubject: Iekšējā\n\nIekšējais teksts',
    );
  });
});

// Where the parser deliberately reads a message otherwise than mailparser did.
describe('parseMail where it departs from mailparser', () => {
  it('joins an address domain split by white space (RFC 5322 obs-domain), as nodemailer 10 does', async () => {
    const mail = await parsed(lines('From: a@example .com', '', 'Labdien!'));

    // mailparser's older address parser gave the address a@example and the name ".com".
    expect(mail.from).toEqual({ name: '', address: 'a@example.com' });
  });

  it.each([
    ['before a further part', ['--robeza', 'Content-Type: text/plain', '', 'Teksts', '--robeza--']],
    ['before the closing delimiter', ['--robeza--']],
  ])(
    'gives a part whose body is one empty line no content %s (RFC 2046: the line break is the delimiter’s)',
    async (_label, rest) => {
      const raw = lines(
        'From: a@pasts.example',
        'Content-Type: multipart/mixed; boundary=robeza',
        '',
        '--robeza',
        'Content-Type: application/octet-stream',
        'Content-Disposition: attachment; filename=tukss.bin',
        '',
        '',
        ...rest,
        '',
      );

      // mailparser (mailsplit) kept the line break, two bytes, when another part followed.
      expect((await parsed(raw)).attachments.map((attachment) => attachment.size)).toEqual([0]);
    },
  );

  it('keeps the line breaks before the delimiter but the last one', async () => {
    const raw = lines(
      'From: a@pasts.example',
      'Content-Type: multipart/mixed; boundary=robeza',
      '',
      '--robeza',
      'Content-Type: application/octet-stream',
      'Content-Disposition: attachment; filename=divas.bin',
      '',
      '',
      '',
      '--robeza--',
      '',
    );

    expect((await parsed(raw)).attachments[0]?.content.toString('latin1')).toBe('\r\n');
  });
});
