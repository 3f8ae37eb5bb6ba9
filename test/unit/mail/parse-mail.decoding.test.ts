import fc from 'fast-check';
import iconv from 'iconv-lite';
import { decode as libmimeDecode } from 'libmime/lib/charset';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../../shared/mail/parse-mail.ts';
import type { ParsedMail, ParseOutcome } from '../../../shared/mail/parsed-mail.ts';
import { encodeSingleByte, mailFixtures } from '../../fixtures/mail/generate-fixtures.ts';
import { type DecodedView, mailparserView, parsedView } from './mailparser-oracle.ts';

const latvian = 'Ģimenes ārsts, Ķekava, Ļaudona, Ņikita, Šķēde, Žūrija, Čiekurkalns';

function message(headers: readonly string[], body: Buffer | string = 'Labdien!'): Buffer {
  return Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(body)]);
}

function bWord(text: string, charset: string): string {
  return `=?${charset}?B?${iconv.encode(text, charset).toString('base64')}?=`;
}

function qWord(text: string, charset: string): string {
  const bytes = [...iconv.encode(text, charset)];
  const encoded = bytes.map((byte) =>
    byte === 0x20
      ? '_'
      : /[A-Za-z0-9]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return `=?${charset}?Q?${encoded.join('')}?=`;
}

function percent(text: string, charset: string): string {
  return [...encodeSingleByte(text, charset)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
}

async function parsed(raw: Buffer): Promise<ParsedMail> {
  const outcome = await parseMail(raw);
  if (!outcome.ok) throw new Error(`expected a parsed mail, got ${outcome.reason}`);
  return outcome.mail;
}

/** Parses and checks the result against mailparser's reading of the same bytes. */
async function parsedAsMailparser(raw: Buffer): Promise<ParsedMail> {
  const mail = await parsed(raw);
  expect(parsedView(mail)).toEqual(await mailparserView(raw));
  return mail;
}

const from = 'From: Jānis <janis@pasts.example>';

describe('parseMail charsets, as mailparser decodes them', () => {
  it.each([
    ['windows-1257', 'quoted-printable'],
    ['iso-8859-13', '8bit'],
    ['iso-8859-4', 'base64'],
  ])('%s body (%s)', async (charset, encoding) => {
    const bytes = encodeSingleByte(latvian, charset);
    const body =
      encoding === 'base64'
        ? bytes.toString('base64')
        : encoding === 'quoted-printable'
          ? bytes
              .toString('latin1')
              .replace(/[\u0080-\u00ff=]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase()}`)
          : bytes;
    const mail = await parsedAsMailparser(
      message(
        [from, `Content-Type: text/plain; charset=${charset}`, `Content-Transfer-Encoding: ${encoding}`],
        body,
      ),
    );

    expect(mail.text).toBe(latvian);
  });

  it.each([
    ['koi8-r', 'Прошу вернуть государственную пошлину'],
    ['gb18030', '申请退还国家规费 𠀀'],
    ['big5', '申請退還國家規費'],
    ['shift_jis', '手数料の返還を求めます'],
    ['euc-kr', '수수료 환불을 요청합니다'],
  ])('%s body and subject', async (charset, text) => {
    const mail = await parsedAsMailparser(
      message(
        [
          from,
          `Subject: ${bWord(text, charset)}`,
          `Content-Type: text/plain; charset="${charset}"`,
          'Content-Transfer-Encoding: base64',
        ],
        iconv.encode(text, charset).toString('base64'),
      ),
    );

    expect(mail.subject).toBe(text);
    expect(mail.text).toBe(text);
  });

  it('iso-2022-jp body and subject (encoding-japanese, loaded for it)', async () => {
    const jis = '\x1b$B<j?tNA$NJV4T\x1b(B';
    const mail = await parsedAsMailparser(
      message(
        [
          from,
          `Subject: =?ISO-2022-JP?B?${Buffer.from(jis, 'latin1').toString('base64')}?=`,
          'Content-Type: text/plain; charset=ISO-2022-JP',
        ],
        Buffer.from(`${jis}\r\n`, 'latin1'),
      ),
    );

    expect(mail.subject).toBe('手数料の返還');
    expect(mail.text).toBe('手数料の返還\n');
  });

  it('reads UTF-7 as UTF-8, so +ADw-script+AD4- never becomes <script>', async () => {
    const mail = await parsedAsMailparser(
      message(
        [from, 'Subject: =?utf-7?Q?+ADw-b+AD4-?=', 'Content-Type: text/plain; charset=utf-7'],
        '+ADw-script+AD4-',
      ),
    );

    expect(mail.subject).toBe('+ADw-b+AD4-');
    expect(mail.text).toBe('+ADw-script+AD4-');
  });

  it('reads an unknown charset as UTF-8', async () => {
    const mail = await parsedAsMailparser(
      message(
        [
          from,
          `Subject: ${bWord('Ķekava', 'utf8').replace('utf8', 'x-nezinams')}`,
          'Content-Type: text/plain; charset=x-nezinams',
        ],
        'Ķekava',
      ),
    );

    expect(mail.subject).toBe('Ķekava');
    expect(mail.text).toBe('Ķekava');
  });

  it.each([
    ['iso-8859-16', 'Întâlnire: șase țări'],
    ['macintosh', 'Café — naïve'],
    ['cp437', 'Café'],
    ['windows-1253', 'Καλημέρα'],
    ['utf-16', 'Lūdzu'],
  ])('decodes %s through libmime, loaded for it', async (charset, text) => {
    const mail = await parsedAsMailparser(
      message(
        [
          from,
          `Subject: ${qWord(text, charset)}`,
          `Content-Type: text/plain; charset=${charset}`,
          'Content-Transfer-Encoding: base64',
        ],
        iconv.encode(text, charset).toString('base64'),
      ),
    );

    expect(mail.subject).toBe(text);
    expect(mail.text).toBe(text);
  });

  const utf8AsLatin1 = (text: string): string => Buffer.from(text).toString('latin1');

  // Byte sequences where the platform's decoder (ICU) and libmime's (iconv-lite, encoding-japanese) differ.
  it.each([
    ['euc-kr', 'a Unified Hangul Code syllable', '\x8c\x63\xb9\xe6\xb0\xa2\xc7\xcf', '똠방각하'],
    ['ks_c_5601-1987', 'a Unified Hangul Code syllable', '\x8c\x63\xb9\xe6\xb0\xa2\xc7\xcf', '똠방각하'],
    ['big5', 'an HKSCS character', '\x87\x40', '䏰'],
    ['big5-hkscs', 'HKSCS letters with combining marks', '\x88\x62\x88\x64', 'Ê̄Ê̌'],
    ['gbk', 'the euro sign of GBK', '\xa2\xe3', '€'],
    ['gb18030', 'a GB18030-2005 private-use character', '\xa6\xd9', '\ue78d'],
    ['shift_jis', 'DEL', 'A\x7f', 'A\x7f'],
    ['iso-2022-jp', 'JIS X 0212', '\x1b$(D0!\x1b(B', '丂'],
    ['iso-2022-jp', 'JIS X 0201 Roman', '\x1b(J\\~\x1b(B', '\\~'],
    ['iso-2022-jp', 'mislabelled UTF-8', utf8AsLatin1('こんにちは 日本語'), 'こんにちは 日本語'],
    ['euc-jp', 'mislabelled UTF-8', utf8AsLatin1('裁判所'), undefined],
    ['utf-16le', 'an odd last byte', 'a\x00b', 'a'],
    ['utf-16be', 'an odd last byte', '\x00ab', 'a'],
  ])('decodes %s: %s, as libmime does', async (charset, _label, bytes, expected) => {
    const encoded = Buffer.from(bytes, 'latin1').toString('base64');
    const mail = await parsedAsMailparser(
      message(
        [
          from,
          `Subject: =?${charset}?B?${encoded}?=`,
          `Content-Type: text/plain; charset=${charset}`,
          'Content-Transfer-Encoding: base64',
        ],
        encoded,
      ),
    );

    const libmimeText = libmimeDecode(Buffer.from(bytes, 'latin1'), charset);
    expect(mail.text).toBe(libmimeText);
    if (expected !== undefined) expect(mail.text).toBe(expected);
  });
});

describe('parseMail encoded words (RFC 2047, RFC 2231), as mailparser decodes them', () => {
  it('joins adjacent B and Q words of one charset, drops the space between words, keeps plain text', async () => {
    const utf8 = Buffer.from('Ģimenes ārsts');
    const split = `=?UTF-8?B?${utf8.subarray(0, 2).toString('base64')}?= =?UTF-8?B?${utf8.subarray(2).toString('base64')}?=`;
    const mail = await parsedAsMailparser(
      message([
        from,
        `Subject: ${split} un ${qWord('Šķēde', 'iso-8859-13')}\r\n ${qWord(' Žūrija', 'windows-1257')} beigas`,
      ]),
    );

    expect(mail.subject).toBe('Ģimenes ārsts un Šķēde Žūrija beigas');
  });

  it('decodes mixed charsets in display names of From, To and Cc', async () => {
    const mail = await parsedAsMailparser(
      message([
        `From: ${bWord('Ģirts Šķēle', 'windows-1257')} <girts@pasts.example>`,
        `To: ${qWord('Ņikita', 'iso-8859-4')} ${qWord('Ļaudona', 'iso-8859-13')} <nikita@pasts.example>, "${bWord('Anna', 'utf8')}" <anna@pasts.example>`,
        `Cc: Tiesa: ${qWord('Ēriks', 'utf8')} <eriks@pasts.example>;`,
      ]),
    );

    expect(mail.from).toEqual({ name: 'Ģirts Šķēle', address: 'girts@pasts.example' });
    expect(mail.to).toEqual([
      { name: 'ŅikitaĻaudona', address: 'nikita@pasts.example' },
      { name: 'Anna', address: 'anna@pasts.example' },
    ]);
    expect(mail.cc).toEqual([{ name: 'Ēriks', address: 'eriks@pasts.example' }]);
  });

  it('decodes file names in RFC 2047 and RFC 2231 (with continuations and a charset)', async () => {
    const body = [
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Teksts',
      '--b',
      `Content-Type: application/pdf; name="${bWord('Pieteikums Ķekavā.pdf', 'iso-8859-13')}"`,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1').toString('base64'),
      '--b',
      'Content-Type: text/plain',
      `Content-Disposition: attachment; filename*0*=iso-8859-13''${percent('Šķēde ', 'iso-8859-13')}; filename*1=pilnvara.txt`,
      '',
      'Pilnvara',
      '--b',
      'Content-Type: application/octet-stream',
      'Content-Disposition: attachment; filename="skenejums.png"',
      '',
      'PNG',
      '--b--',
    ].join('\r\n');
    const mail = await parsedAsMailparser(message([from, 'Content-Type: multipart/mixed; boundary=b'], body));

    expect(mail.attachments.map((attachment) => [attachment.filename, attachment.contentType])).toEqual([
      ['Pieteikums Ķekavā.pdf', 'application/pdf'],
      ['Šķēde pilnvara.txt', 'text/plain'],
      ['skenejums.png', 'image/png'],
    ]);
  });

  it('keeps an address that an encoded word would turn into something else out', async () => {
    await parsedAsMailparser(
      message([from, `To: x <${bWord('a@b.example, c@d.example', 'utf8')}>, ok@pasts.example`]),
    );
  });
});

/**
 * The parser departs from mailparser on purpose for undeclared 8-bit text (read as UTF-8 or the
 * Baltic code page it reads best in, where mailparser gives U+FFFD or latin1): where the input
 * holds such bytes, only what that cannot change is compared — whether there is HTML, the types
 * and contents of attachments — and the parser must leave no more U+FFFD than mailparser.
 */
function comparable(view: DecodedView, undeclared: boolean): unknown {
  if (!undeclared) return view;
  // Addresses too: a domain with an 8-bit byte read as a letter is a valid (punycode) domain,
  // where mailparser's U+FFFD made the address invalid.
  return {
    html: view.html !== undefined,
    attachments: view.attachments.map(({ contentType, content }) => ({ contentType, content })),
  };
}

const replacements = (view: DecodedView): number => JSON.stringify(view).split('\ufffd').length;

async function expectAsMailparser(bytes: Buffer, outcome: ParseOutcome, eightBitAdded: boolean) {
  if (!outcome.ok) return;
  const ours = parsedView(outcome.mail);
  const theirs = await mailparserView(bytes);
  // mailparser's U+FFFD marks bytes it could not read as UTF-8: the parser reads them otherwise.
  const undeclared = eightBitAdded || replacements(theirs) > 1;
  expect(comparable(ours, undeclared)).toEqual(comparable(theirs, undeclared));
  if (undeclared) expect(replacements(ours)).toBeLessThanOrEqual(replacements(theirs));
}

describe('parseMail decodes as mailparser (differential property)', () => {
  // The fixtures of undeclared 8-bit text are checked letter by letter in parse-mail.test.ts.
  const undeclaredFixtures = new Set(['undeclared-windows-1257.eml', 'us-ascii-windows-1257.eml']);
  const fixtures = [...mailFixtures().values()];
  const limits = { maxParts: 200, maxDepth: 20, maxAttachments: 200 };
  // Structure-changing insertions on top of the fuzz test's single characters.
  const insertions = [
    'Content-Type: message/rfc822\r\n',
    '\r\n',
    'Content-Disposition: inline\r\n',
    '\r\n\r\n',
    'Content-Type: text/html; charset=windows-1257\r\n',
    '\n',
    'Content-Transfer-Encoding: quoted-printable\r\n',
    '\r',
    'Content-Type: text/plain; format=flowed; delsp=yes\r\n',
    '\u0000',
    "Content-Disposition: attachment; filename*=utf-8''%C5%A0.pdf\r\n",
    ':',
    '=?iso-8859-13?Q?=D0',
    ';',
    '=?utf-8?B?',
    '"',
    '?=',
    '=',
    '--',
    '(',
    '\u00e9',
    '\r\n\t',
  ];

  it('agrees with mailparser on every fixture, and on mutated fixtures it accepts', async () => {
    for (const [name, fixture] of mailFixtures()) {
      await expectAsMailparser(fixture, await parseMail(fixture, limits), undeclaredFixtures.has(name));
    }
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fixtures),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...insertions)), { minLength: 1, maxLength: 6 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (fixture, inserts, cut) => {
          let bytes =
            cut === undefined ? Buffer.from(fixture) : fixture.subarray(0, 1 + (cut % fixture.length));
          for (const [at, text] of inserts) {
            const position = at % bytes.length;
            bytes = Buffer.concat([
              bytes.subarray(0, position),
              Buffer.from(text, 'latin1'),
              bytes.subarray(position),
            ]);
          }
          // An inserted "é" is one latin1 byte: invalid UTF-8 wherever it lands in text.
          const eightBitAdded = inserts.some(([, text]) => text === '\u00e9');
          await expectAsMailparser(bytes, await parseMail(bytes, limits), eightBitAdded);
        },
      ),
      // MAIL_DIFF_RUNS=5000 for a longer search.
      { numRuns: Number(process.env.MAIL_DIFF_RUNS ?? 300) },
    );
  });
});
