/**
 * Letters for clients who wrote by post without an email address: send-email
 * prints the message as a PDF for the mailroom instead of mailing it, once per outbound message;
 * staff see how the client is answered, and each letter's delivery until it is posted.
 */
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import {
  FixedClock,
  MemoryBlobStore,
  MemoryMailer,
  MemoryTicketStore,
} from '../../../shared/adapters/memory/index.ts';
import { MemoryPostalDesk } from '../../../shared/adapters/memory/postal.ts';
import type { OutboundMessage } from '../../../shared/domain/intake-message.ts';
import type { PostalAddress } from '../../../shared/domain/postal-address.ts';
import { placeholderEmail } from '../../../shared/domain/postal-registration.ts';
import { staffFromClaims } from '../../../shared/domain/staff.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import { message as catalogueMessage } from '../../../shared/i18n/messages.ts';
import { renderLetter } from '../../../shared/letters/letter-pdf.ts';
import type { CompletedSend } from '../../../shared/ports/outbound.ts';
import type { SentRecord, TicketRecord } from '../../../shared/ports/ticket-desk.ts';
import {
  type SendOutboundDeps,
  sendOutboundMessage,
} from '../../../shared/use-cases/send-outbound-message.ts';
import { answeredBy, needsTranscription, ticketDetail } from '../../../shared/use-cases/ticket-views.ts';
import { testTicket } from '../../support/tickets.ts';

const reference = 'TA-2026-000042';
const address: PostalAddress = { addressLine: 'Brīvības iela 12-3', place: 'Rīga', postalCode: 'LV-1050' };
const postEmail = placeholderEmail('post', ['Jānis Bērziņš', 'LV-1050', 'Brīvības iela 12-3']);

/**
 * The memory store, keeping the sends it recorded and putting their letters on the mailroom's
 * desk, as the DynamoDB store writes `letterItem` with the send record.
 */
class LetterKeepingStore extends MemoryTicketStore {
  readonly completed: CompletedSend[] = [];
  constructor(readonly postal: MemoryPostalDesk) {
    super();
  }
  override async completeOutbounds(entries: readonly CompletedSend[]): Promise<(boolean | Error)[]> {
    const results = await super.completeOutbounds(entries);
    entries.forEach((entry, index) => {
      if (results[index] !== true) return;
      this.completed.push(entry);
      if (entry.letter) this.postal.addLetter(entry.letter);
    });
    return results;
  }
}

/** The bucket, with every write counted. */
class CountingBlobStore extends MemoryBlobStore {
  puts = 0;
  override async put(key: string, content: Buffer, contentType: string): Promise<void> {
    this.puts += 1;
    return super.put(key, content, contentType);
  }
}

function postalTicket(client: Partial<Ticket['client']> = {}, fields: Partial<Ticket> = {}): Ticket {
  return testTicket(reference, 'court-fees', {
    channel: 'postal',
    status: 'open',
    receivedAt: '2026-11-24T22:00:00.000Z',
    answerDeadline: '2026-12-28',
    expectedAnswerBy: '2026-12-04',
    client: { name: 'Jānis Bērziņš', email: postEmail, postalAddress: address, ...client },
    ...fields,
  });
}

function system(ticket: Ticket, options: { letters?: boolean } = {}) {
  const postal = new MemoryPostalDesk();
  const store = new LetterKeepingStore(postal);
  store.tickets.set(ticket.reference, ticket);
  const mailer = new MemoryMailer();
  const files = new CountingBlobStore();
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const deps: SendOutboundDeps = {
    store,
    mailer,
    clock,
    senderAddress: 'noreply@courtdesk.example.lv',
    ...(options.letters === false ? {} : { letters: { render: renderLetter, files, prefix: 'letters/' } }),
  };
  return { postal, store, mailer, files, clock, deps };
}

const acknowledgement: OutboundMessage = {
  version: 1,
  kind: 'acknowledgement',
  outboundId: `ack-${reference}`,
  reference,
};

async function pdfText(content: Buffer | undefined): Promise<string> {
  expect(content).toBeDefined();
  const pdf = await getDocumentProxy(new Uint8Array(content as Buffer));
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

describe('send-email for a client without email but with a postal address', () => {
  it('prints the acknowledgement as a PDF letter for the mailroom instead of mailing it', async () => {
    // Prepare
    const s = system(postalTicket());

    // Act
    const outcome = await sendOutboundMessage(s.deps, acknowledgement);

    // Assess: no mail; a PDF under the letters prefix, one per outbound message.
    expect(outcome).toBe('sent');
    expect(s.mailer.sent).toEqual([]);
    const key = `letters/${reference}/ack-${reference}.pdf`;
    expect([...s.files.objects.keys()]).toEqual([key]);
    const stored = s.files.objects.get(key);
    expect(stored?.contentType).toBe('application/pdf');
    expect(stored?.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The send record carries the letter; the audit record says it was prepared, not sent.
    expect(s.store.completed).toHaveLength(1);
    const [send] = s.store.completed;
    expect(send?.withheld).toBeUndefined();
    expect(send?.sesMessageId).toBe('');
    expect(send?.letter).toEqual({
      reference,
      letterId: `ack-${reference}`,
      kind: 'acknowledgement',
      key,
      size: stored?.content.length,
      createdAt: '2026-11-27T10:00:00.000Z',
      recipientName: 'Jānis Bērziņš',
      competence: 'court-fees',
    });
    expect(send?.audit).toMatchObject({
      eventName: 'PrepareLetter',
      requestParameters: { kind: 'acknowledgement', outboundId: `ack-${reference}` },
      responseElements: { key, size: stored?.content.length, enclosures: 0 },
    });
    expect(s.store.audit.map((record) => record.eventName)).toEqual(['PrepareLetter']);

    // The mailroom's list has it.
    const pending = await s.postal.listLetters('pending', { limit: 10 });
    expect(pending.items.map((letter) => letter.letterId)).toEqual([`ack-${reference}`]);
  });

  it('prints the reference, the address block, the acknowledgement and the way online, not the mail footer', async () => {
    const s = system(postalTicket());
    await sendOutboundMessage(s.deps, acknowledgement);
    const text = await pdfText(s.files.objects.get(`letters/${reference}/ack-${reference}.pdf`)?.content);

    expect(text).toContain(reference);
    expect(text).toContain('Jānis Bērziņš');
    expect(text).toContain('Brīvības iela 12-3');
    expect(text).toContain('Rīga, LV-1050');
    expect(text).toContain(catalogueMessage('lv', 'mail.ack.received', { reference }));
    expect(text).toContain('04.12.2026.');
    expect(text).toContain('www.ta.gov.lv');
    expect(text).not.toContain('automātiska vēstule');
    expect(text).not.toContain(postEmail);
  });

  it('prints a reply with its text and lists its files as enclosures', async () => {
    // Prepare
    const s = system(postalTicket());
    const files = [
      {
        key: `replies/${reference}/0b7e2c1e-4f3a-4c2b-9d7e-1a2b3c4d5e6f`,
        filename: 'Lēmums.pdf',
        contentType: 'application/pdf',
        size: 1234,
      },
    ];
    s.store.messages.set(`${reference}/m1`, {
      id: 'm1',
      kind: 'reply',
      at: '2026-11-27T09:59:00Z',
      author: 'agent.court-fees',
      text: 'Pārmaksātā nodeva tiks atmaksāta 10 darba dienu laikā.',
      outboundId: 'reply-m1',
      attachments: files,
    });

    // Act
    const outcome = await sendOutboundMessage(s.deps, {
      version: 1,
      kind: 'reply',
      outboundId: 'reply-m1',
      reference,
      messageId: 'm1',
    });

    // Assess
    expect(outcome).toBe('sent');
    expect(s.mailer.sent).toEqual([]);
    const key = `letters/${reference}/reply-m1.pdf`;
    expect(s.store.completed[0]?.letter).toMatchObject({
      kind: 'reply',
      letterId: 'reply-m1',
      key,
      recipientName: 'Jānis Bērziņš',
      competence: 'court-fees',
      enclosures: [{ key: files[0]?.key, filename: 'Lēmums.pdf' }],
    });
    expect(s.store.completed[0]?.audit.responseElements).toMatchObject({ enclosures: 1 });
    const text = await pdfText(s.files.objects.get(key)?.content);
    expect(text).toContain('Pārmaksātā nodeva tiks atmaksāta 10 darba dienu laikā.');
    expect(text).toContain('Rīga, LV-1050');
    expect(text).toContain('www.ta.gov.lv');
  });

  it('prints an English client’s letter in English', async () => {
    const s = system(postalTicket({}, { language: 'en' }));
    await sendOutboundMessage(s.deps, acknowledgement);
    const text = await pdfText(s.files.objects.get(`letters/${reference}/ack-${reference}.pdf`)?.content);
    expect(text).toContain(catalogueMessage('en', 'mail.ack.received', { reference }));
    expect(text).toContain('www.ta.gov.lv');
  });

  it('sends nothing and writes nothing on a redelivery', async () => {
    // Prepare
    const s = system(postalTicket());
    await sendOutboundMessage(s.deps, acknowledgement);
    const first = s.files.objects.get(`letters/${reference}/ack-${reference}.pdf`)?.content;
    s.clock.advance(60_000);

    // Act
    const again = await sendOutboundMessage(s.deps, acknowledgement);

    // Assess
    expect(again).toBe('already-sent');
    expect(s.files.puts).toBe(1);
    expect(s.files.objects.get(`letters/${reference}/ack-${reference}.pdf`)?.content).toBe(first);
    expect(s.store.completed).toHaveLength(1);
    expect(s.store.audit).toHaveLength(1);
    expect(s.mailer.sent).toEqual([]);
  });

  it('mails a client who gave an email address as well, and prints nothing', async () => {
    const s = system(postalTicket({ email: 'janis@example.lv' }));
    expect(await sendOutboundMessage(s.deps, acknowledgement)).toBe('sent');
    expect(s.mailer.sent.map((mail) => mail.to)).toEqual(['janis@example.lv']);
    expect(s.files.puts).toBe(0);
    expect(s.store.completed[0]?.letter).toBeUndefined();
    expect(s.store.audit.map((record) => record.eventName)).toEqual(['SendEmail']);
  });

  it('withholds as before, no-address, a client with neither email nor postal address', async () => {
    const { postalAddress: _none, ...client } = postalTicket().client;
    const ticket = { ...postalTicket(), client };
    const s = system(ticket);
    expect(await sendOutboundMessage(s.deps, acknowledgement)).toBe('sent');
    expect(s.mailer.sent).toEqual([]);
    expect(s.files.puts).toBe(0);
    expect(s.store.completed[0]).toMatchObject({ withheld: 'no-address', sesMessageId: '' });
    expect(s.store.completed[0]?.letter).toBeUndefined();
    expect(s.store.audit[0]).toMatchObject({
      eventName: 'WithholdAcknowledgement',
      responseElements: { reason: 'no-address' },
    });
    expect(s.postal.letters.size).toBe(0);
  });

  it('withholds as before when the function has no letters to print with', async () => {
    const s = system(postalTicket(), { letters: false });
    expect(await sendOutboundMessage(s.deps, acknowledgement)).toBe('sent');
    expect(s.mailer.sent).toEqual([]);
    expect(s.files.puts).toBe(0);
    expect(s.store.completed[0]).toMatchObject({ withheld: 'no-address' });
    expect(s.store.completed[0]?.letter).toBeUndefined();
  });
});

describe('ticket views of post and phone clients', () => {
  const agent = staffFromClaims({
    username: 'agent.court-fees',
    'cognito:groups': ['role-agent', 'competence-court-fees'],
  });
  if (!agent) throw new Error('No agent');
  const dates = { today: '2026-11-27', dueThrough: '2026-12-01' };
  const record = (ticket: Ticket, sent: SentRecord[] = []): TicketRecord => ({
    ticket,
    messages: [
      {
        id: 'r1',
        kind: 'reply',
        at: '2026-11-26T09:00:00Z',
        author: 'agent.court-fees',
        text: 'Atbilde',
        outboundId: 'reply-r1',
      },
    ],
    sent,
  });

  it('answers by email, by post, or neither', () => {
    expect(answeredBy(postalTicket({ email: 'janis@example.lv' }))).toBe('email');
    expect(
      answeredBy(
        testTicket(reference, 'court-fees', {
          receivedAt: '2026-11-20T08:00:00Z',
          answerDeadline: '2026-12-21',
        }),
      ),
    ).toBe('email');
    expect(answeredBy(postalTicket())).toBe('post');
    const { postalAddress: _none, ...phoneClient } = postalTicket({ email: 'phone-1@phone.invalid' }).client;
    expect(answeredBy({ ...postalTicket(), client: phoneClient })).toBe('none');
    expect(ticketDetail(record(postalTicket()), agent, dates).answeredBy).toBe('post');
  });

  it('shows a reply printed as a letter, then posted with its registered-mail number', () => {
    // Prepare
    const printed: SentRecord = {
      outboundId: 'reply-r1',
      kind: 'reply',
      sentAt: '2026-11-26T09:00:05Z',
      sesMessageId: '',
      letter: { letterId: 'reply-r1' },
    };
    const posted: SentRecord = {
      ...printed,
      letter: {
        letterId: 'reply-r1',
        dispatch: {
          by: 'mailroom.anna',
          at: '2026-11-27T08:00:00Z',
          dispatchedOn: '2026-11-26',
          registeredMailNumber: 'RR987654321LV',
        },
      },
    };

    // Act
    const before = ticketDetail(record(postalTicket(), [printed]), agent, dates);
    const after = ticketDetail(record(postalTicket(), [posted]), agent, dates);

    // Assess
    const reply = (detail: typeof before) => detail.thread.find((entry) => entry.id === 'r1');
    expect(reply(before)?.delivery).toEqual({
      state: 'letter',
      sentAt: '2026-11-26T09:00:05Z',
      letter: { letterId: 'reply-r1' },
    });
    expect(reply(after)?.delivery).toEqual({
      state: 'posted',
      sentAt: '2026-11-27T08:00:00Z',
      letter: { letterId: 'reply-r1', postedOn: '2026-11-26', registeredMailNumber: 'RR987654321LV' },
    });
  });

  it('shows a printed acknowledgement as a letter notice', () => {
    const detail = ticketDetail(
      record(postalTicket(), [
        {
          outboundId: `ack-${reference}`,
          kind: 'acknowledgement',
          sentAt: '2026-11-25T08:00:00Z',
          sesMessageId: '',
          letter: { letterId: `ack-${reference}` },
        },
      ]),
      agent,
      dates,
    );
    expect(detail.thread.find((entry) => entry.id === `ack-${reference}`)).toMatchObject({
      kind: 'notice',
      notice: 'acknowledgement',
      delivery: { state: 'letter', letter: { letterId: `ack-${reference}` } },
    });
  });

  it('lets staff reply to a post client, and not to a client with no address at all', () => {
    expect(ticketDetail(record(postalTicket()), agent, dates).actions).toContain('reply');
    const { postalAddress: _none, ...client } = postalTicket().client;
    expect(ticketDetail(record({ ...postalTicket(), client }), agent, dates).actions).not.toContain('reply');
  });

  it('offers the callback while one is pending, and not once it is recorded', () => {
    const pending = postalTicket({ email: 'anna@example.lv' }, { callback: { phone: '+37129123456' } });
    const done = postalTicket(
      { email: 'anna@example.lv' },
      {
        callback: {
          phone: '+37129123456',
          done: { by: 'agent.court-fees', at: '2026-11-27T09:00:00Z', outcome: 'reached' },
        },
      },
    );
    expect(ticketDetail(record(pending), agent, dates).actions).toContain('callback');
    expect(ticketDetail(record(done), agent, dates).actions).not.toContain('callback');
    expect(ticketDetail(record(postalTicket()), agent, dates).actions).not.toContain('callback');
  });

  it('offers the transcription while a scan without text has none', () => {
    const postal = {
      registrationId: '0b7e2c1e-4f3a-4c2b-9d7e-1a2b3c4d5e6f',
      receivedOn: '2026-11-25',
      registeredBy: 'mailroom.anna',
      scan: { kind: 'jpeg' as const, pages: 1 },
      needsTranscription: true,
    };
    const needed = postalTicket({}, { postal });
    const typed = postalTicket(
      {},
      {
        postal,
        transcription: { text: 'Lūdzu atmaksāt', by: 'agent.court-fees', at: '2026-11-27T09:00:00Z' },
      },
    );
    const withText = postalTicket({}, { postal: { ...postal, needsTranscription: false } });
    expect(needsTranscription(needed)).toBe(true);
    expect(ticketDetail(record(needed), agent, dates).actions).toContain('transcribe');
    expect(ticketDetail(record(needed), agent, dates).needsTranscription).toBe(true);
    for (const ticket of [typed, withText]) {
      expect(needsTranscription(ticket)).toBe(false);
      expect(ticketDetail(record(ticket), agent, dates).actions).not.toContain('transcribe');
    }
  });
});
