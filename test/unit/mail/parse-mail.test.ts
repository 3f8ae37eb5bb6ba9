import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../../shared/mail/parse-mail.ts';
import type { MailLimits, ParsedMail, ParseOutcome } from '../../../shared/mail/parsed-mail.ts';
import {
  fixtureDirectory,
  forwardedInner,
  mailFixtures,
  samplePdf,
  samplePng,
} from '../../fixtures/mail/generate-fixtures.ts';

const latvianText = [
  'Labdien! Lūdzu, atmaksājiet valsts nodevu par prasības pieteikumu lietā Nr. C-1234/2026.',
  'Ģimenes ārsts, Ķekava, Ļaudona, Ņikita, Šķēde, Žūrija, Čiekurkalns, Ēriks, Īle, Ūdris, Ābele.',
  'Mūsu ģimenē ķēniņš čīkstēja, ļaudis šņāca, žagata ņaudēja.',
].join('\n');

function fixture(name: string): Buffer {
  return readFileSync(join(fixtureDirectory, name));
}

async function parsedFixture(name: string, limits?: Partial<MailLimits>): Promise<ParsedMail> {
  return mailOf(await parseMail(fixture(name), limits));
}

function mailOf(outcome: ParseOutcome): ParsedMail {
  if (!outcome.ok) throw new Error(`expected a parsed mail, got ${outcome.reason}: ${outcome.detail}`);
  return outcome.mail;
}

/** A message from header lines and a body, CRLF line endings. */
function rawMail(headers: readonly string[], body = 'Labdien!'): Buffer {
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}\r\n`, 'utf8');
}

const sender = 'From: Jānis Bērziņš <janis.berzins@pasts.example>';

describe('the fixture corpus', () => {
  it('is on disk exactly as the generator builds it (CRLF line endings kept)', () => {
    // Prepare
    const built = mailFixtures();
    const onDisk = readdirSync(fixtureDirectory).filter((name) => name.endsWith('.eml'));

    // Assess
    expect(onDisk.sort()).toEqual([...built.keys()].sort());
    for (const [name, bytes] of built) {
      const hint = `${name} differs from what generate-fixtures.ts builds: run it again`;
      expect(fixture(name).equals(bytes), hint).toBe(true);
      expect(fixture(name).toString('latin1'), name).not.toMatch(/[^\r]\n/);
    }
  });

  it('is listed file by file in its README and stays small', () => {
    const readme = readFileSync(join(fixtureDirectory, 'README.md'), 'utf8');
    let total = 0;
    for (const [name, bytes] of mailFixtures()) {
      expect(readme, name).toContain(`\`${name}\``);
      total += bytes.length;
    }
    expect(total).toBeLessThan(300 * 1024);
  });
});

describe('parseMail on the fixture corpus', () => {
  it('plain-utf8.eml: raw UTF-8 headers and body, addresses lower-cased, ids without brackets', async () => {
    const mail = await parsedFixture('plain-utf8.eml');

    expect(mail).toEqual({
      messageId: '20250603100000.1234@pasts.example',
      inReplyTo: 'ack-0001@courtdesk.localhost',
      references: ['first-0001@pasts.example', 'ack-0001@courtdesk.localhost'],
      from: { name: 'Jānis Bērziņš', address: 'janis.berzins@pasts.example' },
      replyTo: { name: '', address: 'janis.berzins+atbilde@pasts.example' },
      to: [{ name: 'Tiesu administrācija', address: 'palidziba@courtdesk.localhost' }],
      cc: [
        { name: '', address: 'anna.liepa@pasts.example' },
        { name: 'Juridiskā nodaļa', address: 'juristi@pasts.example' },
      ],
      subject: 'Valsts nodevas atmaksa — lūdzu palīdzēt',
      date: '2025-06-03T07:00:00.000Z',
      text: `${latvianText}\n\nAr cieņu,\nJānis Bērziņš`,
      attachments: [],
    });
  });

  it('alternative.eml: the text part is the text, the HTML part is kept as sent', async () => {
    const mail = await parsedFixture('alternative.eml');

    expect(mail.subject).toBe('Jautājums par tiesas sēdi');
    expect(mail.text).toBe(
      'Labdien!\n\nVai tiesas sēde lietā Nr. C-1234/2026 notiks 12. jūnijā plkst. 10.00, kā norādīts paziņojumā, vai tā ir pārcelta?\n\nAr cieņu,\nAnna Liepa',
    );
    expect(mail.html).toBe(
      '<html><body><p>Labdien!</p><p>Vai tiesas sēde lietā <b>Nr. C-1234/2026</b> notiks 12. jūnijā plkst. 10.00?</p><p>Ar cieņu,<br>Anna Liepa</p></body></html>',
    );
    expect(mail.messageId).toBe('CAF=alt.5678@mail.pasts.example');
    expect(mail.date).toBe('2025-06-04T06:15:30.000Z');
    expect(mail.attachments).toEqual([]);
    expect(mail.automatic).toBeUndefined();
  });

  it('attachment-pdf.eml: base64 attachments with RFC 2231 and path-carrying names', async () => {
    const mail = await parsedFixture('attachment-pdf.eml');

    expect(mail.text).toBe('Pielikumā iesniegums un pilnvara.');
    expect(mail.attachments.map(({ content: _content, ...rest }) => rest)).toEqual([
      { filename: 'iesniegums-Šķēde.pdf', contentType: 'application/pdf', size: 480, inline: false },
      { filename: 'pilnvara.txt', contentType: 'text/plain', size: 56, inline: false },
    ]);
    expect(mail.attachments[0]?.content.equals(samplePdf())).toBe(true);
    expect(mail.attachments[1]?.content.toString('utf8')).toBe(
      'Pilnvara: Pēteris Šķēde pilnvaro Ņikitu Ļaudonu.\r\n',
    );
  });

  it('inline-image.eml: HTML-only mail gets text from its HTML; related images are inline with their cid', async () => {
    const mail = await parsedFixture('inline-image.eml');

    expect(mail.text).toBe(
      'Labdien!\n\nPievienoju ekrānuzņēmumu no e-pakalpojuma:\n\nekrāns [cid:ekrans.001@pasts.example]\n\n[cid:paraksts@pasts.example]\n\nAr cieņu,\nLīga Ozola',
    );
    expect(mail.html).toContain('<img src="cid:ekrans.001@pasts.example" alt="ekrāns">');
    expect(mail.attachments.map(({ content: _content, ...rest }) => rest)).toEqual([
      {
        filename: 'ekrans.png',
        contentType: 'image/png',
        size: samplePng.length,
        inline: true,
        contentId: 'ekrans.001@pasts.example',
      },
      {
        filename: 'attachment-2.png',
        contentType: 'image/png',
        size: samplePng.length,
        inline: true,
        contentId: 'paraksts@pasts.example',
      },
    ]);
    expect(mail.attachments[0]?.content.equals(samplePng)).toBe(true);
  });

  it.each([
    ['charset-iso-8859-13.eml', '8bit body, Q-encoded words'],
    ['charset-windows-1257.eml', 'quoted-printable body, B-encoded words'],
    ['charset-iso-8859-4.eml', 'base64 body, Q-encoded words'],
  ])('%s (%s): Latvian text, subject and names decode exactly', async (name) => {
    const mail = await parsedFixture(name);

    expect(mail.text).toBe(`${latvianText}\n`);
    expect(mail.subject).toBe('Nodevas atmaksa: Ķekava, Ļaudona, Ņikita');
    expect(mail.from).toEqual({ name: 'Ģirts Šķēle', address: 'girts.skele@pasts.example' });
    expect(mail.to).toEqual([{ name: 'Tiesu administrācija', address: 'palidziba@courtdesk.localhost' }]);
  });

  it('encoded-words.eml: a UTF-8 word split inside a character, mixed charsets, encoded file name', async () => {
    const mail = await parsedFixture('encoded-words.eml');

    expect(mail.subject).toBe('Ģimenes ārsts un Šķēde Žūrija');
    expect(mail.from).toEqual({ name: 'Ģirts Šķēle', address: 'girts.skele@pasts.example' });
    expect(mail.to).toEqual([{ name: 'Ņikita Ļaudona', address: 'palidziba@courtdesk.localhost' }]);
    expect(mail.text).toBe(`${latvianText}\n`);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      filename: 'Pieteikums Ķekavā.txt',
      contentType: 'text/plain',
      size: 16,
    });
  });

  it('forwarded.eml: an attached message/rfc822 is an .eml attachment with the message as sent', async () => {
    const mail = await parsedFixture('forwarded.eml');

    expect(mail.subject).toBe('Fwd: Lēmums lietā');
    expect(mail.text).toBe('Pārsūtu tiesas vēstuli, lūdzu paskaidrot lēmumu.');
    expect(mail.attachments).toHaveLength(1);
    const [forwarded] = mail.attachments;
    expect(forwarded).toMatchObject({
      filename: 'attachment-1.eml',
      contentType: 'message/rfc822',
      inline: false,
    });
    expect(forwarded?.content.equals(forwardedInner())).toBe(true);
    expect(forwarded?.size).toBe(forwardedInner().length);
  });

  it('auto-reply-ooo.eml: an out-of-office reply is automatic (Auto-Submitted)', async () => {
    const mail = await parsedFixture('auto-reply-ooo.eml');

    expect(mail.automatic).toBe('auto-submitted');
    expect(mail.subject).toBe('Automātiskā atbilde: Jūsu pieprasījums reģistrēts');
    expect(mail.inReplyTo).toBe('ack-0003@courtdesk.localhost');
    expect(mail.text).toBe('Esmu atvaļinājumā līdz 20. jūnijam. Steidzamos jautājumos zvaniet 67000000.\n');
  });

  it('dsn-bounce.eml: a delivery status notification reports the original id, recipient and action', async () => {
    const mail = await parsedFixture('dsn-bounce.eml');

    expect(mail.automatic).toBe('delivery-status');
    expect(mail.deliveryStatus).toEqual({
      originalMessageId: 'ack-0002@courtdesk.localhost',
      recipient: 'nezinams.adresats@pasts.example',
      action: 'failed',
    });
    expect(mail.from?.address).toBe('mailer-daemon@mx.pasts.example');
    expect(mail.text).toBe(
      "This is the mail system at host mx.pasts.example.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n",
    );
    // The status fields are read, not listed; the returned headers are kept as a file.
    expect(mail.attachments.map((attachment) => [attachment.filename, attachment.contentType])).toEqual([
      ['attachment-1.txt', 'text/rfc822-headers'],
    ]);
  });

  it('mailing-list.eml: list headers make it automatic', async () => {
    const mail = await parsedFixture('mailing-list.eml');

    expect(mail.automatic).toBe('mailing-list');
    expect(mail.subject).toBe('[Jaunumi] Grozījumi Civilprocesa likumā');
  });

  it('truncated.eml: a message cut mid-base64 without its closing boundary keeps what arrived', async () => {
    const mail = await parsedFixture('truncated.eml');

    expect(mail.text).toBe('Sūtu dokumentu, savienojums ir lēns.');
    expect(mail.attachments).toHaveLength(1);
    const [partial] = mail.attachments;
    expect(partial).toMatchObject({ filename: 'dokuments.pdf', contentType: 'application/pdf', size: 84 });
    expect(partial?.content.equals(samplePdf().subarray(0, 84))).toBe(true);
  });

  it('malformed-headers.eml: garbage lines, a nameless header and NUL bytes do not stop the parse', async () => {
    const mail = await parsedFixture('malformed-headers.eml');

    expect(mail.from).toEqual({ name: 'Ūdris Ēriks', address: 'udris.eriks@pasts.example' });
    // Only the one real address of the To line survives.
    expect(mail.to).toEqual([{ name: '', address: 'palidziba@courtdesk.localhost' }]);
    expect(mail.subject).toBe('Ir galvenes ar kļūdām');
    expect(mail.date).toBeUndefined();
    expect(mail.messageId).toBe('malformed.0001@pasts.example');
    // An unknown charset is read as UTF-8.
    expect(mail.text).toBe('Teksts ar nezināmu kodējumu, kas tomēr ir UTF-8.\n');
  });

  it('no-from.eml: a message without a From address is refused as no-sender', async () => {
    const outcome = await parseMail(fixture('no-from.eml'));

    expect(outcome).toEqual({
      ok: false,
      reason: 'no-sender',
      detail: 'The message has no From address that parses.',
    });
  });

  it('nested-12.eml: twelve nested multiparts are too deep by default, fine with a higher limit', async () => {
    expect(await parseMail(fixture('nested-12.eml'))).toEqual({
      ok: false,
      reason: 'too-deep',
      detail: 'The MIME parts nest deeper than 10 levels.',
    });
    expect((await parseMail(fixture('nested-12.eml'), { maxDepth: 11 })).ok).toBe(false);

    const mail = await parsedFixture('nested-12.eml', { maxDepth: 12 });
    expect(mail.text).toBe('Dziļi ieligzdots teksts.');
  });

  it('parts-120.eml: 121 MIME nodes are too many by default; 119 attachments are too many by default', async () => {
    expect(await parseMail(fixture('parts-120.eml'))).toEqual({
      ok: false,
      reason: 'too-many-parts',
      detail: 'The message has more than 100 MIME parts.',
    });
    expect((await parseMail(fixture('parts-120.eml'), { maxParts: 120 })).ok).toBe(false);
    expect(await parseMail(fixture('parts-120.eml'), { maxParts: 121 })).toEqual({
      ok: false,
      reason: 'too-many-attachments',
      detail: 'The message has more than 20 attachments.',
    });

    const mail = await parsedFixture('parts-120.eml', { maxParts: 121, maxAttachments: 119 });
    expect(mail.text).toBe('Pielikumā visi dokumenti.');
    expect(mail.attachments).toHaveLength(119);
    expect(mail.attachments[118]).toMatchObject({ filename: 'pielikums-119.txt', size: 13 });
    expect(mail.attachments[118]?.content.toString()).toBe('Dokuments 119');
  });
});

describe('parseMail limits', () => {
  it('refuses a message over 25 MB as too-large before parsing it', async () => {
    const outcome = await parseMail(Buffer.alloc(25 * 1024 * 1024 + 1, 0x41));

    expect(outcome).toEqual({
      ok: false,
      reason: 'too-large',
      detail: 'The message is 26214401 bytes, over the limit of 26214400.',
    });
  });

  it('takes a lower size limit from the caller', async () => {
    const outcome = await parseMail(fixture('plain-utf8.eml'), { maxBytes: 1000 });

    expect(outcome).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('refuses an attachment over the size limit, and accepts it at the limit', async () => {
    expect(await parseMail(fixture('attachment-pdf.eml'), { maxAttachmentBytes: 479 })).toEqual({
      ok: false,
      reason: 'attachment-too-large',
      detail: 'An attachment is larger than 479 bytes.',
    });
    expect((await parseMail(fixture('attachment-pdf.eml'), { maxAttachmentBytes: 480 })).ok).toBe(true);
  });

  it('refuses more attachments than allowed; inline images count, the text body does not', async () => {
    expect(await parseMail(fixture('inline-image.eml'), { maxAttachments: 1 })).toMatchObject({
      ok: false,
      reason: 'too-many-attachments',
    });
    expect((await parseMail(fixture('attachment-pdf.eml'), { maxAttachments: 2 })).ok).toBe(true);
  });

  it('refuses a header block over 1 MiB as too-large', async () => {
    const outcome = await parseMail(rawMail([sender, `Subject: ${'x'.repeat(2 * 1024 * 1024)}`]));

    expect(outcome).toEqual({
      ok: false,
      reason: 'too-large',
      detail: 'A MIME header block is larger than 1 MiB.',
    });
  });

  it('ignores limits that are not non-negative numbers', async () => {
    const limits = { maxBytes: Number.NaN, maxParts: -1 } as Partial<MailLimits>;

    expect((await parseMail(fixture('plain-utf8.eml'), limits)).ok).toBe(true);
  });

  it('details never carry the sender, recipients or subject', async () => {
    const outcomes = await Promise.all([
      parseMail(fixture('no-from.eml')),
      parseMail(fixture('parts-120.eml')),
      parseMail(fixture('nested-12.eml')),
      parseMail(fixture('attachment-pdf.eml'), { maxAttachmentBytes: 1 }),
      parseMail(fixture('attachment-pdf.eml'), { maxAttachments: 0 }),
    ]);
    for (const outcome of outcomes) {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.detail).not.toMatch(/@|pasts|Šķēde|Bez sūtītāja|pielikum/i);
    }
  });
});

describe('parseMail on unusable input', () => {
  it.each([
    ['an empty buffer', Buffer.alloc(0), 'The message is empty.'],
    ['random bytes', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x0a, 0x0d, 0x0a, 0x41]), undefined],
    ['text without a header section', Buffer.from('Labdien, šī nav e-pasta vēstule.'), undefined],
    [
      'a header section with only garbage lines',
      Buffer.from('not a header\r\nnor this\r\n\r\nbody'),
      undefined,
    ],
  ])('refuses %s as unparseable', async (_label, raw, detail) => {
    const outcome = await parseMail(raw);

    expect(outcome).toMatchObject({ ok: false, reason: 'unparseable' });
    if (detail && !outcome.ok) expect(outcome.detail).toBe(detail);
  });

  it('refuses what is not a byte buffer instead of throwing', async () => {
    const outcome = await parseMail('From: a@pasts.example' as unknown as Buffer);

    expect(outcome).toEqual({ ok: false, reason: 'unparseable', detail: 'The input is not a byte buffer.' });
  });

  it('accepts a plain Uint8Array', async () => {
    const bytes = new Uint8Array(rawMail([sender, 'Subject: Sveiki']));

    expect(mailOf(await parseMail(bytes as Buffer)).subject).toBe('Sveiki');
  });
});

describe('parseMail fields', () => {
  it('removes control characters from the subject, keeps words apart and cuts it to 1,000 characters', async () => {
    const encoded = '=?UTF-8?Q?Nodeva=0D=0ABcc:_x@y=00z=C2=85=09=E2=80=A8beigas?=';

    expect(mailOf(await parseMail(rawMail([sender, `Subject: ${encoded}`]))).subject).toBe(
      'Nodeva Bcc: x@yz beigas',
    );
    const long = mailOf(await parseMail(rawMail([sender, `Subject: ${'ā'.repeat(1500)}`]))).subject;
    expect(long).toBe('ā'.repeat(1000));
  });

  it('cuts a long subject between characters, never inside a surrogate pair', async () => {
    const subject = mailOf(await parseMail(rawMail([sender, `Subject: a${'😀'.repeat(1000)}`]))).subject;

    expect(Array.from(subject)).toHaveLength(1000);
    expect(subject).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('decodes encoded words in names and keeps the address in ASCII (punycode) form, lower-cased', async () => {
    const mail = mailOf(
      await parseMail(rawMail(['From: =?UTF-8?Q?=C4=B6=C4=93ni=C5=86=C5=A1?= <  Kenins@Ķekava.Example >'])),
    );

    expect(mail.from).toEqual({ name: 'Ķēniņš', address: 'kenins@xn--ekava-n5a.example' });
  });

  it('flattens address groups and drops what is not an address', async () => {
    const mail = mailOf(
      await parseMail(
        rawMail([
          sender,
          'To: Tiesa: a@tiesa.example, "B" <B@Tiesa.Example>;, nonsense, <x@>',
          'Cc: c@tiesa.example',
        ]),
      ),
    );

    expect(mail.to).toEqual([
      { name: '', address: 'a@tiesa.example' },
      { name: 'B', address: 'b@tiesa.example' },
    ]);
    expect(mail.cc).toEqual([{ name: '', address: 'c@tiesa.example' }]);
  });

  it('takes message ids from brackets, ignoring comments, and keeps References oldest first', async () => {
    const mail = mailOf(
      await parseMail(
        rawMail([
          sender,
          'Message-ID: <a.1@pasts.example> (comment)',
          "In-Reply-To: <b.2@courtdesk.localhost> (Tiesu administrācija's message of Tue)",
          'References: <c.0@pasts.example>\r\n\t<b.2@courtdesk.localhost>',
        ]),
      ),
    );

    expect(mail.messageId).toBe('a.1@pasts.example');
    expect(mail.inReplyTo).toBe('b.2@courtdesk.localhost');
    expect(mail.references).toEqual(['c.0@pasts.example', 'b.2@courtdesk.localhost']);
  });

  it('accepts a message id without brackets and omits ids that are missing', async () => {
    const mail = mailOf(await parseMail(rawMail([sender, 'Message-ID: bare.1@pasts.example'])));

    expect(mail.messageId).toBe('bare.1@pasts.example');
    expect(mail.inReplyTo).toBeUndefined();
    expect(mail.references).toEqual([]);
  });

  it('leaves out a Date that does not parse instead of inventing one', async () => {
    const mail = mailOf(await parseMail(rawMail([sender, 'Date: vakar pēcpusdienā'])));

    expect(mail.date).toBeUndefined();
  });

  it('makes file names safe: last path segment, no control characters, a generated name when empty', async () => {
    const raw = rawMail(
      [sender, 'Content-Type: multipart/mixed; boundary=b'],
      [
        '--b',
        'Content-Type: text/plain',
        '',
        'Teksts',
        '--b',
        'Content-Type: application/octet-stream',
        'Content-Disposition: attachment; filename="../../etc/pass=?UTF-8?Q?=0D=0Awd?="',
        '',
        'a',
        '--b',
        'Content-Type: application/x-unknown; name=".."',
        '',
        'b',
        '--b',
        'Content-Type: application/pdf',
        'Content-Disposition: attachment',
        '',
        'c',
        '--b--',
      ].join('\r\n'),
    );

    const mail = mailOf(await parseMail(raw));

    expect(mail.attachments.map((attachment) => attachment.filename)).toEqual([
      'pass wd',
      'attachment-2.bin',
      'attachment-3.pdf',
    ]);
  });
});

describe('parseMail automatic mail detection', () => {
  it.each([
    ['Auto-Submitted: auto-generated', 'auto-submitted'],
    ['Auto-Submitted: auto-replied; owner-email="x@y"', 'auto-submitted'],
    ['Precedence: bulk', 'precedence'],
    ['Precedence: JUNK', 'precedence'],
    ['Precedence: list', 'precedence'],
    ['X-Autoreply: yes', 'auto-reply-header'],
    ['X-Autorespond: Esmu atvaļinājumā', 'auto-reply-header'],
    ['X-Auto-Response-Suppress: DR, OOF', 'auto-reply-header'],
    ['X-Auto-Response-Suppress: All', 'auto-reply-header'],
    ['List-Id: <jaunumi.pasts.example>', 'mailing-list'],
    ['List-Unsubscribe: <https://pasts.example/atteikties>', 'mailing-list'],
    ['Return-Path: <>', 'mailer-daemon'],
    ['Sender: MAILER-DAEMON@mx.pasts.example', 'mailer-daemon'],
    ['Return-Path: <postmaster@pasts.example>', 'mailer-daemon'],
  ])('%s → %s', async (header, kind) => {
    const mail = mailOf(await parseMail(rawMail([sender, header])));

    expect(mail.automatic).toBe(kind);
  });

  it('recognises a daemon in From', async () => {
    const mail = mailOf(await parseMail(rawMail(['From: Postmaster <POSTMASTER@pasts.example>'])));

    expect(mail.automatic).toBe('mailer-daemon');
  });

  it.each([
    ['Auto-Submitted: no'],
    ['Auto-Submitted: No (a person wrote this)'],
    ['Precedence: normal'],
    ['X-Auto-Response-Suppress: DR, RN, NRN'],
    ['Sender: jaunumi-daemon@pasts.example'],
  ])('%s is not automatic', async (header) => {
    const mail = mailOf(await parseMail(rawMail([sender, header])));

    expect(mail.automatic).toBeUndefined();
  });

  it('prefers the most specific kind when several signs are present', async () => {
    const mail = mailOf(
      await parseMail(
        rawMail([sender, 'Precedence: list', 'List-Id: <jaunumi.pasts.example>', 'X-Autoreply: yes']),
      ),
    );

    expect(mail.automatic).toBe('auto-reply-header');
  });

  it('reads Original-Message-ID from the status part when the notification returns no message', async () => {
    const raw = rawMail(
      [
        'From: postmaster@outlook.example',
        'Content-Type: multipart/report; report-type="delivery-status"; boundary="r"',
      ],
      [
        '--r',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Delivery has failed to these recipients.',
        '--r',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns;outlook.example',
        'Original-Message-ID: <ack-0042@courtdesk.localhost>',
        '',
        'Original-Recipient: rfc822;Anna@Pasts.Example',
        'Action: delayed (will retry)',
        'Status: 4.4.7',
        '--r--',
      ].join('\r\n'),
    );

    const mail = mailOf(await parseMail(raw));

    expect(mail.automatic).toBe('delivery-status');
    expect(mail.deliveryStatus).toEqual({
      originalMessageId: 'ack-0042@courtdesk.localhost',
      recipient: 'anna@pasts.example',
      action: 'delayed',
    });
    expect(mail.attachments).toEqual([]);
  });
});
