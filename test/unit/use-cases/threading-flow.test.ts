/**
 * §7 threading end to end through the use cases (memory adapters): inbound mail → ingest-email →
 * process-intake → send-email, and the client's next mail joins, reopens, or starts a linked ticket.
 */
import { describe, expect, it } from 'vitest';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryBlobStore,
  MemoryMailer,
  MemoryQueue,
  MemoryTicketStore,
} from '../../../shared/adapters/memory/index.ts';
import type { IntakeMessage, OutboundMessage } from '../../../shared/domain/intake-message.ts';
import { ReferenceAllocator } from '../../../shared/domain/reference.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import { BacklogCache } from '../../../shared/use-cases/backlog-cache.ts';
import { ingestEmail } from '../../../shared/use-cases/ingest-email.ts';
import { processIntakeMessages } from '../../../shared/use-cases/process-intake-message.ts';
import { sendOutboundMessages } from '../../../shared/use-cases/send-outbound-message.ts';

const pass = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' } as const;

function system() {
  const store = new MemoryTicketStore();
  const blobs = new MemoryBlobStore();
  const intakeQueue = new MemoryQueue<IntakeMessage>();
  const outboundQueue = new MemoryQueue<OutboundMessage>();
  const mailer = new MemoryMailer();
  const audit = new MemoryAuditLog();
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const ingest = {
    store,
    blobs,
    intakeQueue,
    audit,
    clock,
    references: new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size)),
    rawMailPrefix: 'raw-mail/',
    attachmentsPrefix: 'attachments/',
    inboundDomain: 'courtdesk.localhost',
  };
  const intake = {
    store,
    outboundQueue,
    clock,
    backlog: new BacklogCache(store, clock),
    reopenWindowDays: 30,
  };
  const send = { store, mailer, clock, senderAddress: 'noreply@courtdesk.example.lv' };
  let taken = 0;
  let sentUpTo = 0;
  const s = {
    store,
    mailer,
    intakeQueue,
    outboundQueue,
    clock,
    /** SMTP would deliver it: stored raw, ingested (nothing processed yet). */
    async deliver(
      id: string,
      headers: string[],
      body: string,
      verdicts: Partial<Record<keyof typeof pass, 'PASS' | 'FAIL' | 'GRAY'>> = {},
    ) {
      blobs.objects.set(`raw-mail/${id}`, {
        content: Buffer.from(
          [
            ...headers,
            'To: nodevas@courtdesk.localhost',
            'Content-Type: text/plain; charset=utf-8',
            '',
            body,
            '',
          ].join('\r\n'),
        ),
        contentType: 'message/rfc822',
      });
      return ingestEmail(ingest, {
        messageId: id,
        receivedAt: clock.now().toISOString(),
        recipients: ['nodevas@courtdesk.localhost'],
        verdicts: { ...pass, ...verdicts },
      });
    },
    /** process-intake takes what is queued (one batch), then send-email sends what that queued. */
    async process() {
      const batch = intakeQueue.sent.slice(taken).map((entry) => entry.message);
      taken = intakeQueue.sent.length;
      const outcomes = await processIntakeMessages(intake, batch);
      const outbound = outboundQueue.sent.slice(sentUpTo).map((entry) => entry.message);
      sentUpTo = outboundQueue.sent.length;
      await sendOutboundMessages(send, outbound);
      return outcomes;
    },
    async receive(
      id: string,
      headers: string[],
      body: string,
      verdicts: Partial<Record<keyof typeof pass, 'PASS' | 'FAIL' | 'GRAY'>> = {},
    ) {
      await s.deliver(id, headers, body, verdicts);
      const [outcome] = await s.process();
      if (!outcome || outcome instanceof Error) throw outcome ?? new Error('no outcome');
      return outcome;
    },
    ticket(reference: string): Ticket {
      const ticket = store.tickets.get(reference);
      if (!ticket) throw new Error(`no ticket ${reference}`);
      return ticket;
    },
    set(reference: string, fields: Partial<Ticket>) {
      store.tickets.set(reference, { ...s.ticket(reference), ...fields });
    },
    clientMessages(reference: string) {
      return [...store.messages.entries()]
        .filter(([key, message]) => key.startsWith(`${reference}/`) && message.kind === 'client')
        .map(([, message]) => message);
    },
  };
  return s;
}

const anna = 'From: Anna Kalniņa <anna@example.lv>';

/** A first mail from Anna, acknowledged: the ticket and the acknowledgement's SES id. */
async function firstMail(s: ReturnType<typeof system>) {
  const first = await s.receive(
    'ses-first',
    [anna, 'Subject: Nodevas atmaksa', 'Message-ID: <anna-1@example.lv>'],
    'Labdien! Kā atmaksāt nodevu?',
  );
  expect(first.outcome).toBe('created');
  const ack = s.mailer.sent.at(-1);
  expect(ack?.to).toBe('anna@example.lv');
  return { reference: first.reference, ackId: ack?.messageId ?? '' };
}

describe('threading a client mail into its ticket', () => {
  it('joins the ticket when the mail answers our acknowledgement (In-Reply-To), without a new ticket or acknowledgement', async () => {
    const s = system();
    const { reference, ackId } = await firstMail(s);

    const followUp = await s.receive(
      'ses-second',
      [
        anna,
        'Subject: Re: Jūsu pieprasījums saņemts',
        'Message-ID: <anna-2@example.lv>',
        `In-Reply-To: <${ackId}@eu-north-1.amazonses.com>`,
        `References: <anna-1@example.lv> <${ackId}@eu-north-1.amazonses.com>`,
      ],
      'Pielikumā kvīts.',
    );

    expect(followUp).toEqual({ reference, outcome: 'joined' });
    expect(s.store.tickets.size).toBe(1);
    expect(s.mailer.sent).toHaveLength(1);
    expect(s.clientMessages(reference)).toEqual([
      expect.objectContaining({
        kind: 'client',
        author: 'anna@example.lv',
        text: expect.stringContaining('Pielikumā kvīts.'),
        threading: { by: 'message-id', matched: `${ackId}@eu-north-1.amazonses.com` },
      }),
    ]);
    // Our next answer threads under the client's latest mail.
    expect(s.ticket(reference).email).toEqual({
      messageId: 'anna-2@example.lv',
      references: ['anna-1@example.lv', `${ackId}@eu-north-1.amazonses.com`],
    });
  });

  it('joins by the client’s own earlier Message-ID in References, and by the subject reference from the same sender', async () => {
    const s = system();
    const { reference } = await firstMail(s);

    const byOwnId = await s.receive(
      'ses-2',
      [anna, 'Subject: Papildinājums', 'References: <anna-1@example.lv>'],
      'Aizmirsu pievienot.',
    );
    const bySubject = await s.receive(
      'ses-3',
      ['From: ANNA@Example.lv', `Subject: Jautājums par ${reference.toLowerCase()}`],
      'Vai ir ziņas?',
    );

    expect(byOwnId).toEqual({ reference, outcome: 'joined' });
    expect(bySubject).toEqual({ reference, outcome: 'joined' });
    expect(s.clientMessages(reference).map((message) => message.threading?.by)).toEqual([
      'message-id',
      'subject-reference',
    ]);
  });

  it('makes a new, linked ticket when another sender quotes the reference, and tells both tickets', async () => {
    const s = system();
    const { reference } = await firstMail(s);

    const stranger = await s.receive(
      'ses-stranger',
      ['From: someone@example.com', `Subject: Par lietu ${reference}`],
      'Gribu zināt, kas notiek ar šo lietu.',
    );

    expect(stranger.outcome).toBe('created');
    expect(stranger.reference).not.toBe(reference);
    expect(s.clientMessages(reference)).toEqual([]);
    expect(s.ticket(stranger.reference)).toMatchObject({
      client: { email: 'someone@example.com' },
      links: [{ reference, relation: 'quotes' }],
      threading: { linkedTo: reference, by: 'subject-reference', why: 'other-sender' },
    });
    expect(s.ticket(reference).links).toEqual([
      expect.objectContaining({ reference: stranger.reference, relation: 'quoted-by' }),
    ]);
    // The stranger is acknowledged for their own ticket only; nothing goes to Anna.
    expect(s.mailer.sent.map((mail) => mail.to)).toEqual(['anna@example.lv', 'someone@example.com']);
    expect(s.mailer.sent[1]?.subject).toContain(stranger.reference);
  });

  it('reopens an answered ticket to its assignee, with dates counted from the follow-up', async () => {
    const s = system();
    const { reference, ackId } = await firstMail(s);
    s.set(reference, {
      status: 'answered',
      assignee: 'agent.court-fees',
      answerDeadline: '2026-11-30',
      firstResponseDue: '2026-11-28',
      expectedAnswerBy: '2026-11-28',
    });
    s.clock.advance(7 * 24 * 3600 * 1000);
    // Answering took it off the unit's open count; reopening puts it back.
    const competence = s.ticket(reference).competence;
    s.store.open.set(competence, 0);

    const outcome = await s.receive(
      'ses-reopen',
      [anna, 'Subject: Re: atbilde', `In-Reply-To: <${ackId}@email.amazonses.com>`],
      'Paldies, bet vēl viens jautājums.',
    );

    expect(outcome).toEqual({ reference, outcome: 'joined' });
    const ticket = s.ticket(reference);
    expect(ticket.status).toBe('open');
    expect(ticket.statusChanges?.at(-1)).toMatchObject({ from: 'answered', to: 'open', by: 'client' });
    expect(ticket.answerDeadline > '2026-11-30').toBe(true);
    expect(ticket.lastClientMessageAt).toBe('2026-12-04T10:00:00.000Z');
    expect(s.clientMessages(reference)[0]?.threading?.reopened).toBe('open');
    expect(s.store.open.get(competence)).toBe(1);
  });

  it('reopens a closed ticket within the window; past it, starts a new ticket linked to the old one', async () => {
    const s = system();
    const { reference, ackId } = await firstMail(s);
    const closedAt = '2026-11-27T12:00:00.000Z';
    s.set(reference, {
      status: 'closed',
      assignee: 'agent.court-fees',
      statusChanges: [{ from: 'open', to: 'closed', by: 'agent.court-fees', at: closedAt }],
    });
    s.clock.advance(29 * 24 * 3600 * 1000);
    const within = await s.receive(
      'ses-within',
      [anna, `In-Reply-To: <${ackId}@email.amazonses.com>`],
      'Vēl.',
    );
    expect(within).toEqual({ reference, outcome: 'joined' });
    expect(s.ticket(reference).status).toBe('open');

    s.set(reference, {
      status: 'closed',
      statusChanges: [
        { from: 'open', to: 'closed', by: 'agent.court-fees', at: s.clock.now().toISOString() },
      ],
    });
    s.clock.advance(31 * 24 * 3600 * 1000);
    const past = await s.receive(
      'ses-past',
      [anna, `In-Reply-To: <${ackId}@email.amazonses.com>`],
      'Pēc ilga laika.',
    );

    expect(past.outcome).toBe('created');
    expect(s.ticket(reference).status).toBe('closed');
    expect(s.ticket(past.reference)).toMatchObject({
      status: 'new',
      links: [{ reference, relation: 'follow-up-of' }],
      threading: { linkedTo: reference, by: 'message-id', why: 'closed-past-window' },
    });
    expect(s.ticket(reference).links).toEqual([
      expect.objectContaining({ reference: past.reference, relation: 'has-follow-up' }),
    ]);
  });

  it('lets an auto-reply join without reopening the ticket or being acknowledged', async () => {
    const s = system();
    const { reference, ackId } = await firstMail(s);
    s.set(reference, { status: 'answered', assignee: 'agent.court-fees' });

    const outcome = await s.receive(
      'ses-ooo',
      [
        anna,
        'Subject: Prombūtnē',
        'Auto-Submitted: auto-replied',
        `In-Reply-To: <${ackId}@email.amazonses.com>`,
      ],
      'Esmu atvaļinājumā.',
    );

    expect(outcome).toEqual({ reference, outcome: 'joined' });
    expect(s.ticket(reference).status).toBe('answered');
    expect(s.clientMessages(reference)[0]?.threading).toMatchObject({ automatic: true });
    expect(s.mailer.sent).toHaveLength(1);
  });

  it('adds a follow-up once, however often it is delivered or processed', async () => {
    const s = system();
    const { reference, ackId } = await firstMail(s);
    const headers = [anna, `In-Reply-To: <${ackId}@email.amazonses.com>`];
    await s.deliver('ses-again', headers, 'Vienreiz.');
    await s.deliver('ses-again', headers, 'Vienreiz.');
    const message = s.intakeQueue.sent.at(-1)?.message;
    expect(s.intakeQueue.sent).toHaveLength(2);

    const [first] = await s.process();
    const again = await processIntakeMessages(
      {
        store: s.store,
        outboundQueue: s.outboundQueue,
        clock: s.clock,
        backlog: new BacklogCache(s.store, s.clock),
      },
      message ? [message] : [],
    );

    expect(first).toEqual({ reference, outcome: 'joined' });
    expect(again).toEqual([{ reference, outcome: 'exists' }]);
    expect(s.clientMessages(reference)).toHaveLength(1);
    expect(s.store.audit.filter((record) => record.eventName === 'AddClientMessage')).toHaveLength(1);
  });

  it('joins a follow-up processed in the same batch as the mail it answers', async () => {
    const s = system();
    await s.deliver('ses-a', [anna, 'Subject: Jautājums', 'Message-ID: <anna-a@example.lv>'], 'Pirmais.');
    await s.deliver('ses-b', [anna, 'Subject: Re: Jautājums', 'In-Reply-To: <anna-a@example.lv>'], 'Otrais.');

    const [created, joined] = await s.process();

    expect(created).toMatchObject({ outcome: 'created' });
    expect(joined).toEqual({ reference: (created as { reference: string }).reference, outcome: 'joined' });
    expect(s.store.tickets.size).toBe(1);
  });

  it('keeps a client’s Message-ID theirs: someone reusing it reaches a ticket of their own, not the client’s', async () => {
    const s = system();
    const { reference } = await firstMail(s);
    const mallory = await s.receive(
      'ses-mallory',
      ['From: mallory@example.com', 'Subject: Sveiki', 'Message-ID: <anna-1@example.lv>'],
      'Cits teksts.',
    );
    expect(mallory.outcome).toBe('created');

    const annas = await s.receive(
      'ses-anna-again',
      [anna, 'Subject: Re: Nodevas atmaksa', 'In-Reply-To: <anna-1@example.lv>'],
      'Papildinājums.',
    );
    const mallorys = await s.receive(
      'ses-mallory-again',
      ['From: mallory@example.com', 'Subject: Re: Sveiki', 'In-Reply-To: <anna-1@example.lv>'],
      'Vēl.',
    );

    expect(annas).toEqual({ reference, outcome: 'joined' });
    expect(mallorys).toEqual({ reference: mallory.reference, outcome: 'joined' });
    expect(s.clientMessages(reference).map((message) => message.author)).toEqual(['anna@example.lv']);
  });

  it('gives someone answering our mail to the client (forwarded, copied) a linked ticket of their own', async () => {
    const s = system();
    const { reference, ackId } = await firstMail(s);

    const colleague = await s.receive(
      'ses-colleague',
      ['From: kolega@example.lv', `In-Reply-To: <${ackId}@email.amazonses.com>`, 'Subject: Fwd'],
      'Arī man ir jautājums.',
    );

    expect(colleague.outcome).toBe('created');
    expect(s.clientMessages(reference)).toEqual([]);
    expect(s.ticket(colleague.reference).threading).toEqual({
      linkedTo: reference,
      by: 'message-id',
      why: 'other-sender',
    });
  });

  it('does not let a subject reference from an unauthenticated sender (no DMARC pass) continue a ticket', async () => {
    const s = system();
    const { reference } = await firstMail(s);

    const spoofed = await s.receive('ses-spoof', [anna, `Subject: ${reference}`], 'Mainiet manu adresi.', {
      dmarc: 'GRAY',
    });

    expect(spoofed.outcome).toBe('created');
    expect(s.clientMessages(reference)).toEqual([]);
    expect(s.ticket(spoofed.reference).threading).toMatchObject({ why: 'unverified-sender' });
  });

  it('acknowledges a follow-up-path ticket on redelivery when its first acknowledgement failed to queue', async () => {
    const s = system();
    await s.deliver('ses-lonely', [anna, 'Subject: Par TA-2026-999999'], 'Numurs neeksistē.');
    const message = s.intakeQueue.sent.at(-1)?.message;
    if (!message) throw new Error('nothing queued');
    let failures = 1;
    const flaky = {
      send: s.outboundQueue.send.bind(s.outboundQueue),
      sendBatch: async (entries: Parameters<typeof s.outboundQueue.sendBatch>[0]) => {
        if (failures-- > 0) throw new Error('SQS unavailable');
        return s.outboundQueue.sendBatch(entries);
      },
    };
    const deps = {
      store: s.store,
      outboundQueue: flaky,
      clock: s.clock,
      backlog: new BacklogCache(s.store, s.clock),
    };

    const [first] = await processIntakeMessages(deps, [message]);
    const [again] = await processIntakeMessages(deps, [message]);

    expect(first).toBeInstanceOf(Error);
    expect(again).toEqual({ reference: message.reference, outcome: 'exists' });
    expect(s.outboundQueue.sent.map((entry) => entry.message.outboundId)).toEqual([
      `ack-${message.reference}`,
    ]);
  });

  it('counts a reopened ticket as open again only when it had left the open count', async () => {
    const s = system();
    const { reference, ackId } = await firstMail(s);
    const competence = s.ticket(reference).competence;
    s.set(reference, { status: 'waiting-on-client', assignee: 'agent.court-fees' });
    const before = s.store.open.get(competence);

    await s.receive('ses-waiting', [anna, `In-Reply-To: <${ackId}@email.amazonses.com>`], 'Lūk, dokumenti.');

    expect(s.ticket(reference).status).toBe('open');
    expect(s.store.open.get(competence)).toBe(before);
  });
});
