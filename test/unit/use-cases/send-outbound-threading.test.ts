/**
 * Outbound mail: every message to a client about an email ticket threads under
 * the client's mail, comes as text and HTML, and nothing from a ticket can add a header.
 */
import type { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryMailer,
  MemoryQueue,
  MemoryTicketStore,
} from '../../../shared/adapters/memory/index.ts';
import { SesMailer } from '../../../shared/adapters/ses/mailer.ts';
import type { IntakeMessage, OutboundMessage } from '../../../shared/domain/intake-message.ts';
import type { Language } from '../../../shared/domain/language.ts';
import { ReferenceAllocator } from '../../../shared/domain/reference.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import { htmlFromText } from '../../../shared/mail/notices.ts';
import { UnsafeHeaderField } from '../../../shared/mail/outbound-headers.ts';
import type { Mailer } from '../../../shared/ports/mailer.ts';
import { BacklogCache } from '../../../shared/use-cases/backlog-cache.ts';
import { processIntakeMessage } from '../../../shared/use-cases/process-intake-message.ts';
import { sendOutboundMessage } from '../../../shared/use-cases/send-outbound-message.ts';
import { submitWebRequest } from '../../../shared/use-cases/submit-web-request.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const clientMail = {
  messageId: 'CAKw=x+y_z@mail.example.lv',
  references: ['root@mail.example.lv', 'second@courtdesk.example.lv'],
};

/** A ticket as the intake leaves it, then given the channel and mail ids of an email request. */
async function ticket(language: Language, email?: Ticket['email'], patch: Partial<Ticket> = {}) {
  const store = new MemoryTicketStore();
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const intakeQueue = new MemoryQueue<IntakeMessage>();
  const outboundQueue = new MemoryQueue<OutboundMessage>();
  const backlog = new BacklogCache(store, clock);
  const references = new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size));
  const { reference } = await submitWebRequest(
    { store, intakeQueue, audit: new MemoryAuditLog(), clock, references, backlog },
    {
      name: 'Anna Kalniņa',
      email: 'anna@example.lv',
      topic: 'legal-aid',
      subject: 'Juridiskā palīdzība',
      message: 'Vai man pienākas valsts nodrošinātā juridiskā palīdzība?',
      language,
    },
    { sourceIPAddress: '192.0.2.10', userAgent: 'test', requestId: 'req-1' },
  );
  await processIntakeMessage(
    { store, outboundQueue, clock, backlog },
    intakeQueue.sent[0]?.message as IntakeMessage,
  );
  const created = store.tickets.get(reference) as Ticket;
  store.tickets.set(reference, { ...created, ...(email ? { channel: 'email', email } : {}), ...patch });
  const mailer = new MemoryMailer();
  const send = (outbound: OutboundMessage, other: Mailer = mailer) =>
    sendOutboundMessage(
      { store, mailer: other, clock, senderAddress: 'noreply@courtdesk.example.lv' },
      outbound,
    );
  return { store, mailer, reference, send };
}

function outbound(reference: string, kind: OutboundMessage['kind'], id = kind): OutboundMessage {
  return {
    version: 1,
    kind,
    outboundId: `${id}-1`,
    reference,
    ...(kind === 'reply' ? { messageId: 'm1' } : {}),
  };
}

function addReply(store: MemoryTicketStore, reference: string, text: string): void {
  store.messages.set(`${reference}/m1`, {
    id: 'm1',
    kind: 'reply',
    at: '2026-11-27T11:00:00Z',
    author: 'agent',
    text,
    outboundId: 'reply-1',
  });
}

/** A stand-in SES client that keeps the requests it is given. */
function sesStub() {
  const inputs: SendEmailCommand['input'][] = [];
  const client = {
    send: async (command: SendEmailCommand) => {
      inputs.push(command.input);
      return { MessageId: `ses-${inputs.length}` };
    },
  } as unknown as SESv2Client;
  return { inputs, mailer: new SesMailer({ client }) };
}

describe('sendOutboundMessage threads under the client’s mail', () => {
  it.each(['acknowledgement', 'reply', 'reroute-notice', 'deadline-extension', 'end-service'] as const)(
    'sets In-Reply-To and References on the %s of an email ticket',
    async (kind) => {
      // Prepare
      const s = await ticket('en', clientMail);
      addReply(s.store, s.reference, 'You are entitled to legal aid.');

      // Act
      expect(await s.send(outbound(s.reference, kind))).toBe('sent');

      // Assess
      const [email] = s.mailer.sent;
      expect(email?.headers).toEqual(
        expect.arrayContaining([
          { name: 'In-Reply-To', value: '<CAKw=x+y_z@mail.example.lv>' },
          {
            name: 'References',
            value: '<root@mail.example.lv> <second@courtdesk.example.lv> <CAKw=x+y_z@mail.example.lv>',
          },
        ]),
      );
      // The reference stays in the subject, for clients whose mail program drops the headers.
      expect(email?.subject).toContain(s.reference);
      // The SES message id is kept, so that the client's answer threads back.
      expect(s.store.outbound.get(`${s.reference}/${kind}-1`)?.sesMessageId).toBe('memory-1');
    },
  );

  it('sends nothing to a client without an email address, and records why (answered by post)', async () => {
    const { store, mailer, reference, send } = await ticket('lv', undefined, {
      client: { name: 'Nezināms sūtītājs (unknown sender)', email: 'unknown-sender+x1@invalid' },
    });

    expect(await send(outbound(reference, 'reroute-notice'))).toBe('sent');

    expect(mailer.sent).toEqual([]);
    expect(store.audit.at(-1)).toMatchObject({
      eventName: 'WithholdEmail',
      responseElements: { reason: 'no-address' },
    });
    // Redelivered: recorded already, still nothing sent.
    expect(await send(outbound(reference, 'reroute-notice'))).toBe('already-sent');
    expect(mailer.sent).toEqual([]);
  });

  it('sets neither on a web ticket, and keeps Auto-Submitted on notices only', async () => {
    const s = await ticket('en');
    addReply(s.store, s.reference, 'You are entitled to legal aid.');

    await s.send(outbound(s.reference, 'acknowledgement'));
    await s.send(outbound(s.reference, 'reply'));

    const [acknowledgement, reply] = s.mailer.sent;
    expect(acknowledgement?.headers).toEqual([{ name: 'Auto-Submitted', value: 'auto-replied' }]);
    expect(reply?.headers).toBeUndefined();
  });

  it('references only what is left of a long thread, within one header line', async () => {
    const references = Array.from({ length: 60 }, (_, index) => `m${index}@mail.example.lv`);
    const s = await ticket('lv', { messageId: 'last@mail.example.lv', references });

    await s.send(outbound(s.reference, 'acknowledgement'));

    const value = s.mailer.sent[0]?.headers?.find((field) => field.name === 'References')?.value ?? '';
    const ids = value.split(' ');
    expect(ids).toHaveLength(20);
    expect(ids[0]).toBe('<m0@mail.example.lv>');
    expect(ids.at(-1)).toBe('<last@mail.example.lv>');
    expect(`References: ${value}`.length).toBeLessThan(998);
  });
});

describe('sendOutboundMessage sends text and HTML', () => {
  it('sends an HTML version of the acknowledgement in the ticket’s language', async () => {
    const s = await ticket('lv', clientMail);

    await s.send(outbound(s.reference, 'acknowledgement'));

    const [email] = s.mailer.sent;
    expect(email?.html).toContain('<html lang="lv">');
    expect(email?.html).toContain(`<title>Jūsu pieprasījums saņemts — ${s.reference}</title>`);
    expect(email?.html).toContain('<p>Labdien!</p>');
    expect(email?.html).toContain('<p>Ar cieņu<br>\nTiesu administrācija</p>');
    expect(email?.html?.match(/<p>/g)?.length).toBeGreaterThan(4);
  });

  it('escapes a staff member’s markup in the HTML version, and keeps their line breaks', async () => {
    const s = await ticket('en', clientMail);
    addReply(s.store, s.reference, 'See <script>alert("x")</script> & more\nsecond line\n\nNext paragraph');

    await s.send(outbound(s.reference, 'reply'));

    const [email] = s.mailer.sent;
    expect(email?.html).toContain('<html lang="en">');
    expect(email?.html).toContain(
      '<p>See &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more<br>\nsecond line</p>\n<p>Next paragraph</p>',
    );
    expect(email?.html).not.toContain('<script');
    expect(email?.text).toContain('See <script>alert("x")</script> & more\nsecond line');
  });

  it('makes paragraphs of blank-line-separated text only', () => {
    expect(htmlFromText('\n\na\r\nb\n \n\n<c>\n', 'en', 'T & U')).toBe(
      [
        '<!DOCTYPE html>',
        '<html lang="en">',
        '<head>',
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<title>T &amp; U</title>',
        '</head>',
        '<body>',
        '<p>a<br>\nb</p>',
        '<p>&lt;c&gt;</p>',
        '</body>',
        '</html>',
        '',
      ].join('\n'),
    );
  });
});

describe('hostile ticket fields never reach a header', () => {
  const hostile = {
    messageId: 'abc@mail.example.lv>\r\nBcc: evil@example.com',
    references: [
      'root@mail.example.lv',
      'x@y\r\nBcc: evil@example.com',
      '\u0000@example.lv',
      'a b@example.lv',
    ],
  };
  const patch = {
    subject: 'Hello\r\nBcc: evil@example.com',
    client: { name: 'Anna\r\nBcc: evil@example.com', email: 'anna@example.lv' },
  };

  it('drops the invalid ids and sends nothing of the subject or name into the headers', async () => {
    // Prepare
    const s = await ticket('en', hostile, patch);
    addReply(s.store, s.reference, 'Reply\r\nBcc: evil@example.com');

    // Act
    await s.send(outbound(s.reference, 'acknowledgement'));
    await s.send(outbound(s.reference, 'reply'));

    // Assess
    for (const email of s.mailer.sent) {
      expect(email.headers?.find((field) => field.name === 'In-Reply-To')).toBeUndefined();
      expect(email.headers).toContainEqual({ name: 'References', value: '<root@mail.example.lv>' });
      const headerText = JSON.stringify([email.from, email.to, email.subject, email.headers]);
      expect(headerText).not.toContain('evil');
      for (const value of [
        email.from,
        email.to,
        email.subject,
        ...(email.headers ?? []).flatMap(Object.values),
      ]) {
        expect(value).not.toMatch(controlCharacters);
      }
    }
  });

  it('gives SES only safe values, through the real mailer', async () => {
    // Prepare
    const s = await ticket('en', hostile, patch);
    const ses = sesStub();

    // Act
    await s.send(outbound(s.reference, 'acknowledgement'), ses.mailer);

    // Assess
    const [input] = ses.inputs;
    expect(input?.Destination).toEqual({ ToAddresses: ['anna@example.lv'] });
    expect(input?.Content?.Simple?.Headers).toEqual([
      { Name: 'References', Value: '<root@mail.example.lv>' },
      { Name: 'Auto-Submitted', Value: 'auto-replied' },
    ]);
    expect(input?.Content?.Simple?.Subject?.Data).toBe(`We have received your request — ${s.reference}`);
    expect(input?.Content?.Simple?.Body?.Html?.Data).toContain('<html lang="en">');
    expect(input?.Content?.Simple?.Body?.Text?.Data).toContain(s.reference);
    expect(s.store.tickets.get(s.reference)?.acknowledgement?.sesMessageId).toBe('ses-1');
  });

  it('refuses to send to an address with a line end, and sends nothing', async () => {
    const s = await ticket('en', clientMail, {
      client: { name: 'Anna', email: 'anna@example.lv\r\nBcc: evil@example.com' },
    });
    const ses = sesStub();

    await expect(s.send(outbound(s.reference, 'acknowledgement'), ses.mailer)).rejects.toBeInstanceOf(
      UnsafeHeaderField,
    );
    await expect(s.send(outbound(s.reference, 'acknowledgement'))).rejects.toBeInstanceOf(UnsafeHeaderField);
    expect(ses.inputs).toEqual([]);
    expect(s.mailer.sent).toEqual([]);
  });

  it('folds a subject given to the mailer, and refuses an unsafe header name before calling SES', async () => {
    const ses = sesStub();
    const mail = { from: 'noreply@courtdesk.example.lv', to: 'anna@example.lv', text: 'Hello' };

    await ses.mailer.send({ ...mail, subject: 'Answer\r\nBcc: evil@example.com\u0085To: x@example.com' });
    await expect(
      ses.mailer.send({
        ...mail,
        subject: 'Answer',
        headers: [{ name: 'X-A\r\nBcc', value: 'evil@example.com' }],
      }),
    ).rejects.toBeInstanceOf(UnsafeHeaderField);

    expect(ses.inputs).toHaveLength(1);
    expect(ses.inputs[0]?.Content?.Simple?.Subject?.Data).toBe(
      'Answer Bcc: evil@example.com To: x@example.com',
    );
    expect(ses.inputs[0]?.Content?.Simple?.Headers).toBeUndefined();
  });
});
