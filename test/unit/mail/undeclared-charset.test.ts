import { describe, expect, it } from 'vitest';
import { parseMail } from '../../../shared/mail/parse-mail.ts';
import {
  decodeUndeclared,
  decodeUndeclaredHeader,
  guessCharset,
  latvianScore,
} from '../../../shared/mail/undeclared-charset.ts';
import { encodeSingleByte } from '../../fixtures/mail/generate-fixtures.ts';

const sentences = [
  'Lūdzu, atsūtiet izziņu par tiesas nodevas samaksu.',
  'Ģimenes ārsts, ķēde, Ņina, Šķēle, Žīgurs',
  'Mūsu ģimenē ķēniņš čīkstēja, ļaudis šņāca, žagata ņaudēja.',
  'Labdien! Vai tiesas sēde lietā Nr. C-1234/2026 notiks 12. jūnijā?',
  'ĀBELE ČAKS ĒRIKS ĢIRTS ĪLE ĶEKAVA ĻAUDONA ŅIKITA ŠĶĒLE ŪDRIS ŽĪGURS',
];

describe('guessCharset and decodeUndeclared', () => {
  it.each(sentences)('read valid UTF-8 as UTF-8: %s', (sentence) => {
    const bytes = Buffer.from(sentence, 'utf8');
    expect(guessCharset(bytes)).toBe('utf-8');
    expect(decodeUndeclared(bytes)).toBe(sentence);
  });

  it.each(
    sentences.flatMap((sentence) =>
      (['windows-1257', 'ISO-8859-13', 'ISO-8859-4'] as const).map((charset) => [charset, sentence] as const),
    ),
  )('read %s bytes back exactly: %s', (charset, sentence) => {
    const bytes = encodeSingleByte(sentence, charset);
    expect(decodeUndeclared(bytes)).toBe(sentence);
  });

  it('gives Windows-1257 the tie where it and ISO-8859-13 read the same letters', () => {
    const bytes = encodeSingleByte('Šķēle', 'windows-1257');
    expect(encodeSingleByte('Šķēle', 'ISO-8859-13').equals(bytes)).toBe(true);
    expect(guessCharset(bytes)).toBe('windows-1257');
  });

  it('tells Windows-1257 from ISO-8859-13 by their punctuation bytes', () => {
    // „ ” – are 0x84 0x94 0x96 in Windows-1257 (C1 controls in ISO-8859-13), 0xA5 0xA1 and none there.
    const windows = encodeSingleByte('„Ūdrupe” – ķēde', 'windows-1257');
    expect(guessCharset(windows)).toBe('windows-1257');
    const iso = encodeSingleByte('„Ūdrupe” ķēde', 'ISO-8859-13');
    expect(guessCharset(iso)).toBe('ISO-8859-13');
    expect(decodeUndeclared(iso)).toBe('„Ūdrupe” ķēde');
  });

  it('reads ASCII as it is', () => {
    expect(decodeUndeclared(Buffer.from('Labdien, Janis!'))).toBe('Labdien, Janis!');
  });

  it('keeps UTF-8 text with one broken byte UTF-8, the byte as U+FFFD, rather than make it mojibake', () => {
    const bytes = Buffer.concat([
      Buffer.from('Ģimenes ārsts, ķēde, ', 'utf8'),
      Buffer.from([0xff]),
      Buffer.from('Ņina, Šķēle', 'utf8'),
    ]);
    expect(guessCharset(bytes)).toBe('utf-8');
    expect(decodeUndeclared(bytes)).toBe('Ģimenes ārsts, ķēde, \ufffdŅina, Šķēle');
  });

  it('scores Latvian letters up, other letters down, broken characters most', () => {
    expect(latvianScore('ķēde')).toBe(4);
    expect(latvianScore('kede')).toBe(0);
    expect(latvianScore('íçde')).toBe(-2);
    expect(latvianScore('\ufffd\u0085')).toBe(-8);
    expect(latvianScore('„–”€')).toBe(0);
  });

  it('decodes raw 8-bit header bytes (a binary string) the same way', () => {
    const subject = encodeSingleByte('Izziņa — Šķēle', 'windows-1257').toString('latin1');
    expect(decodeUndeclaredHeader(subject)).toBe('Izziņa — Šķēle');
    expect(decodeUndeclaredHeader('=?utf-8?Q?x?=')).toBe('=?utf-8?Q?x?=');
  });
});

describe('parseMail on undeclared 8-bit text', () => {
  const headers = (extra: string[]) => [
    'From: a@pasts.example',
    'To: palidziba@courtdesk.localhost',
    ...extra,
    'MIME-Version: 1.0',
  ];
  const raw = (head: string[], body: Buffer) =>
    Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]);

  it.each([
    ['no charset', 'Content-Type: text/plain'],
    ['us-ascii', 'Content-Type: text/plain; charset=us-ascii'],
    ['ascii', 'Content-Type: text/plain; charset="ASCII"'],
    ['no Content-Type', 'X-Mailer: old'],
  ])('reads a Windows-1257 body with %s', async (_case, contentType) => {
    const body = encodeSingleByte(`${sentences[0]}\r\n${sentences[1]}`, 'windows-1257');
    const outcome = await parseMail(raw(headers([contentType, 'Content-Transfer-Encoding: 8bit']), body));
    expect(outcome.ok && outcome.mail.text).toBe(`${sentences[0]}\n${sentences[1]}`);
  });

  it('reads an ISO-8859-4 quoted-printable HTML part without a charset', async () => {
    const body = encodeSingleByte(`<p>${sentences[2]}</p>`, 'ISO-8859-4');
    const qp = [...body]
      .map((byte) =>
        byte < 0x80 && byte !== 0x3d ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase()}`,
      )
      .join('');
    const outcome = await parseMail(
      raw(
        headers(['Content-Type: text/html', 'Content-Transfer-Encoding: quoted-printable']),
        Buffer.from(qp),
      ),
    );
    expect(outcome.ok && outcome.mail.html).toBe(`<p>${sentences[2]}</p>`);
  });

  it('leaves a declared charset to its decoder (a declared UTF-8 with a broken byte stays U+FFFD)', async () => {
    const body = encodeSingleByte('Šķēle', 'windows-1257');
    const outcome = await parseMail(raw(headers(['Content-Type: text/plain; charset=utf-8']), body));
    expect(outcome.ok && outcome.mail.text).toBe('\ufffd\ufffd\ufffdle');
  });

  it('reads raw Windows-1257 bytes in the Subject, a display name and a file name', async () => {
    const subject = encodeSingleByte(`Subject: ${sentences[1]}`, 'windows-1257');
    const from = encodeSingleByte('From: Ģirts Šķēle <girts@pasts.example>', 'windows-1257');
    const disposition = encodeSingleByte(
      'Content-Disposition: attachment; filename="izziņa Šķēle.pdf"',
      'windows-1257',
    );
    const message = Buffer.concat([
      from,
      Buffer.from('\r\nTo: palidziba@courtdesk.localhost\r\n'),
      subject,
      Buffer.from('\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n'),
      Buffer.from('Content-Type: text/plain\r\n\r\nPielikumā.\r\n--b\r\nContent-Type: application/pdf\r\n'),
      disposition,
      Buffer.from('\r\n\r\n%PDF-1.4\r\n--b--\r\n'),
    ]);
    const outcome = await parseMail(message);
    if (!outcome.ok) throw new Error(outcome.detail);
    expect(outcome.mail.subject).toBe(sentences[1]);
    expect(outcome.mail.from).toEqual({ name: 'Ģirts Šķēle', address: 'girts@pasts.example' });
    expect(outcome.mail.attachments.map((attachment) => attachment.filename)).toEqual(['izziņa Šķēle.pdf']);
  });
});

describe('guessing on a long body', () => {
  const line = encodeSingleByte(`${sentences[0]} ${sentences[1]}\r\n`, 'windows-1257');
  const body = Buffer.concat(Array.from({ length: Math.ceil(5_000_000 / line.length) }, () => line));

  function cpuMs(work: () => unknown): number {
    const started = process.cpuUsage();
    work();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
  }

  it('reads 5 MB in about the time one decode takes: only a sample is scored', () => {
    const declared = cpuMs(() => new TextDecoder('windows-1257').decode(body));
    let text = '';
    const undeclared = cpuMs(() => {
      text = decodeUndeclared(body);
    });

    expect(text.slice(0, sentences[0]?.length)).toBe(sentences[0]);
    // Scoring every candidate over the whole body took four decodes and four scans.
    expect(undeclared).toBeLessThan(2 * declared + 250);
  }, 60_000);

  it('takes the sample where the 8-bit text starts, after a megabyte of ASCII', () => {
    const bytes = Buffer.concat([
      Buffer.alloc(1_000_000, 'a'),
      encodeSingleByte(sentences[2] ?? '', 'ISO-8859-4'),
    ]);
    expect(guessCharset(bytes)).toBe('ISO-8859-4');
    expect(decodeUndeclared(bytes).endsWith(sentences[2] ?? '')).toBe(true);
  });
});
