import { describe, expect, it } from 'vitest';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryMailer,
  MemoryQueue,
  MemoryTicketStore,
} from '../../../shared/adapters/memory/index.ts';
import type { ClientRequest } from '../../../shared/domain/client-request.ts';
import { IdempotencyKeyReused, TicketNotFound, ValidationFailed } from '../../../shared/domain/errors.ts';
import { clientGroupId } from '../../../shared/domain/ids.ts';
import type { IntakeMessage, OutboundMessage } from '../../../shared/domain/intake-message.ts';
import { ReferenceAllocator } from '../../../shared/domain/reference.ts';
import { message as catalogueMessage } from '../../../shared/i18n/messages.ts';
import { BacklogCache } from '../../../shared/use-cases/backlog-cache.ts';
import {
  processIntakeMessage,
  processIntakeMessages,
} from '../../../shared/use-cases/process-intake-message.ts';
import { sendOutboundMessage } from '../../../shared/use-cases/send-outbound-message.ts';
import { discardSpamSubmission, submitWebRequest } from '../../../shared/use-cases/submit-web-request.ts';

const request: ClientRequest = {
  name: 'Anna Kalniņa',
  email: 'Anna@Example.lv',
  topic: 'legal-aid',
  subject: 'Juridiskā palīdzība',
  message: 'Vai man pienākas valsts nodrošinātā juridiskā palīdzība?',
  language: 'lv',
};
const context = { sourceIPAddress: '192.0.2.10', userAgent: 'test', requestId: 'req-1' };

function system() {
  const store = new MemoryTicketStore();
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const intakeQueue = new MemoryQueue<IntakeMessage>();
  const outboundQueue = new MemoryQueue<OutboundMessage>();
  const audit = new MemoryAuditLog();
  const mailer = new MemoryMailer();
  const references = new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size));
  return {
    store,
    clock,
    intakeQueue,
    outboundQueue,
    audit,
    mailer,
    submit: { store, intakeQueue, audit, clock, references, backlog: new BacklogCache(store, clock) },
    intake: { store, outboundQueue, clock, backlog: new BacklogCache(store, clock) },
    send: { store, mailer, clock, senderAddress: 'noreply@courtdesk.example.lv' },
  };
}

describe('submitWebRequest', () => {
  it('answers with the reference and the expected dates and enqueues one intake message', async () => {
    const s = system();
    const receipt = await submitWebRequest(s.submit, request, context);
    // Legal aid answers first within 2 working days and has no backlog: Tuesday 1 December.
    expect(receipt).toEqual({
      reference: 'TA-2026-000001',
      expectedAnswerBy: '2026-12-01',
      answerDeadline: '2026-12-28',
      competence: {
        id: 'legal-aid',
        label: { lv: 'Valsts nodrošinātā juridiskā palīdzība', en: 'State-guaranteed legal aid' },
      },
    });
    expect(s.intakeQueue.sent).toHaveLength(1);
    const [entry] = s.intakeQueue.sent;
    expect(entry?.message).toMatchObject({ reference: 'TA-2026-000001', channel: 'web', topic: 'legal-aid' });
    // One client's messages share a group, whatever the case of their address.
    expect(entry?.options.groupId).toMatch(/^client-[0-9a-f]{40}$/);
    // The intake is audited when the ticket is created, with this request's origin.
    expect(s.audit.records).toHaveLength(0);
    expect(entry?.message.origin).toEqual({
      sourceIPAddress: '192.0.2.10',
      userAgent: 'test',
      requestId: 'req-1',
    });
  });

  it('routes by the words of the request when the topic is general, and dates by the backlog', async () => {
    // Prepare: the insolvency unit has 200 open tickets (20 working days of answers).
    const s = system();
    await s.store.adjustOpenTickets(new Map([['insolvency', 200]]));

    // Act
    const receipt = await submitWebRequest(
      s.submit,
      {
        ...request,
        topic: 'general',
        subject: 'Jautājums',
        message: 'Kā sazināties ar maksātnespējas administratoru?',
      },
      context,
    );

    // Assess
    expect(receipt.competence.id).toBe('insolvency');
    expect(receipt.expectedAnswerBy > '2026-12-21').toBe(true);
    expect(receipt.expectedAnswerBy <= receipt.answerDeadline).toBe(true);
    const routing = s.intakeQueue.sent[0]?.message.routing;
    expect(routing?.ruleId).toBe('keywords-insolvency');
    expect(routing?.explanation.lv).toContain('maksātnespējas');
  });

  it('returns the first answer for a retry with the same idempotency key', async () => {
    const s = system();
    const first = await submitWebRequest(s.submit, request, { ...context, idempotencyKey: 'key-12345678' });
    s.clock.advance(60_000);
    const retry = await submitWebRequest(s.submit, request, { ...context, idempotencyKey: 'key-12345678' });
    expect(retry).toEqual(first);
    expect(s.intakeQueue.sent).toHaveLength(1);
  });

  it('refuses an idempotency key reused for a different request', async () => {
    const s = system();
    await submitWebRequest(s.submit, request, { ...context, idempotencyKey: 'key-12345678' });
    await expect(
      submitWebRequest(
        s.submit,
        { ...request, subject: 'Cits' },
        { ...context, idempotencyKey: 'key-12345678' },
      ),
    ).rejects.toBeInstanceOf(IdempotencyKeyReused);
  });

  it('discards spam without storing or enqueuing it, and counts it', async () => {
    const s = system();
    const receipt = await discardSpamSubmission(s.submit, request, context);
    expect(receipt.reference).toMatch(/^TA-2026-\d{6}$/);
    expect(s.intakeQueue.sent).toHaveLength(0);
    expect(s.store.tickets.size).toBe(0);
    expect(await s.store.discardedCount('honeypot', '2026-11-27')).toBe(1);
    expect(s.audit.records[0]?.errorCode).toBe('SpamDiscarded');
  });
});

describe('a callback request (§19.1)', () => {
  it('enqueues the number in E.164 as the callback and the client’s phone, and the ticket waits for the call', async () => {
    // Prepare
    const s = system();

    // Act
    await submitWebRequest(s.submit, { ...request, callback: true, phone: '00371 29-123-456' }, context);
    const message = s.intakeQueue.sent[0]?.message as IntakeMessage;
    await processIntakeMessage(s.intake, message);

    // Assess
    expect(message.callback).toEqual({ phone: '+37129123456' });
    expect(message.client).toEqual({ name: 'Anna Kalniņa', email: 'Anna@Example.lv', phone: '+37129123456' });
    const ticket = s.store.tickets.get(message.reference);
    expect(ticket?.callback).toEqual({ phone: '+37129123456' });
    expect(ticket?.client.phone).toBe('+37129123456');
  });

  it('keeps the number as typed and asks for no call without a callback', async () => {
    const s = system();
    await submitWebRequest(s.submit, { ...request, phone: '+371 67 000 000' }, context);
    const message = s.intakeQueue.sent[0]?.message;
    expect(message?.client.phone).toBe('+371 67 000 000');
    expect(message).not.toHaveProperty('callback');
  });

  it.each([
    ['67000000', 'lv', 'a landline'],
    ['+371 67 000 000', 'en', 'a landline in international form'],
    ['+49 151 12345678', 'lv', 'a German mobile'],
    ['+370 612 34567', 'en', 'a Lithuanian mobile'],
    ['+371 2301 0000', 'lv', 'a range no mobile operator has, which the browser lets through'],
  ] as const)(
    'refuses %j on field phone, in %s (%s), and enqueues nothing',
    async (phone, language, _case) => {
      // Prepare
      const s = system();

      // Act
      const submitted = submitWebRequest(s.submit, { ...request, language, callback: true, phone }, context);

      // Assess
      await expect(submitted).rejects.toBeInstanceOf(ValidationFailed);
      await expect(submitted).rejects.toMatchObject({
        status: 400,
        fieldErrors: [{ field: 'phone', message: catalogueMessage(language, 'error.phone.callback') }],
      });
      expect(s.intakeQueue.sent).toHaveLength(0);
    },
  );

  it('refuses a spam submission’s landline callback as it would a real one', async () => {
    const s = system();
    await expect(
      discardSpamSubmission(s.submit, { ...request, callback: true, phone: '67000000' }, context),
    ).rejects.toBeInstanceOf(ValidationFailed);
    expect(await s.store.discardedCount('honeypot', '2026-11-27')).toBe(0);
  });
});

describe('processIntakeMessage', () => {
  it('creates the ticket once, even when the message is delivered twice', async () => {
    const s = system();
    await submitWebRequest(s.submit, request, context);
    const message = s.intakeQueue.sent[0]?.message as IntakeMessage;

    const first = await processIntakeMessage(s.intake, message);
    const second = await processIntakeMessage(s.intake, message);

    expect(first.outcome).toBe('created');
    expect(second.outcome).toBe('exists');
    expect(s.store.tickets.size).toBe(1);
    expect(s.store.tickets.get(message.reference)).toMatchObject({
      status: 'new',
      competence: 'legal-aid',
      channel: 'web',
      answerDeadline: '2026-12-28',
      client: { name: 'Anna Kalniņa', email: 'Anna@Example.lv' },
    });
    expect(s.outboundQueue.sent).toHaveLength(1);
    expect(s.store.audit.map((record) => record.eventName)).toEqual(['CreateTicket']);
    expect(s.store.tickets.get(message.reference)?.routing.ruleId).toBe('topic-legal-aid');
    // Counted once as open in its unit, although delivered twice.
    expect(await s.store.openTickets('legal-aid')).toBe(1);
  });
});

describe('processIntakeMessages', () => {
  it('stores the other clients’ tickets when one cannot be stored, and fails only that one', async () => {
    // Prepare: three clients' requests; the store refuses the second.
    const s = system();
    for (const email of ['a@example.lv', 'b@example.lv', 'c@example.lv']) {
      await submitWebRequest(s.submit, { ...request, email }, context);
    }
    const messages = s.intakeQueue.sent.map((entry) => entry.message);
    s.store.refuse.add(messages[1]?.reference ?? '');

    // Act
    const outcomes = await processIntakeMessages(s.intake, messages);

    // Assess
    expect(outcomes[0]).toEqual({ reference: messages[0]?.reference, outcome: 'created' });
    expect(outcomes[1]).toBeInstanceOf(Error);
    expect(outcomes[2]).toEqual({ reference: messages[2]?.reference, outcome: 'created' });
    expect(s.outboundQueue.sent.map((entry) => entry.message.reference)).toEqual([
      messages[0]?.reference,
      messages[2]?.reference,
    ]);
  });
});

describe('acknowledgements to one address', () => {
  it('are at most five an hour; the sixth request is stored but not acknowledged', async () => {
    // Prepare: seven requests from one address, stored
    const s = system();
    for (let i = 0; i < 7; i += 1)
      await submitWebRequest(s.submit, { ...request, subject: `Nr. ${i}` }, context);
    await processIntakeMessages(
      s.intake,
      s.intakeQueue.sent.map((entry) => entry.message),
    );
    expect(s.store.tickets.size).toBe(7);

    // Act: their acknowledgements go out (one redelivered)
    const outbound = s.outboundQueue.sent.map((entry) => entry.message);
    const outcomes = [];
    for (const message of outbound) outcomes.push(await sendOutboundMessage(s.send, message));
    outcomes.push(await sendOutboundMessage(s.send, outbound[6] as OutboundMessage));

    // Assess: five mails; the rest withheld (and recorded, so never sent later), audited
    expect(s.mailer.sent).toHaveLength(5);
    expect(outcomes).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'sent', 'sent', 'already-sent']);
    expect(s.store.audit.filter((record) => record.eventName === 'WithholdAcknowledgement')).toHaveLength(2);
    expect(s.store.tickets.get(outbound[6]?.reference ?? '')?.acknowledgement).toBeUndefined();

    // The next hour, the address is acknowledged again.
    s.clock.advance(3600_000);
    await submitWebRequest(s.submit, { ...request, subject: 'Nākamā stunda' }, context);
    await processIntakeMessages(s.intake, [s.intakeQueue.sent.at(-1)?.message as IntakeMessage]);
    await sendOutboundMessage(s.send, s.outboundQueue.sent.at(-1)?.message as OutboundMessage);
    expect(s.mailer.sent).toHaveLength(6);
  });
});

describe('a sender whose service was ended (§17)', () => {
  it('gets a ticket held for a supervisor and no acknowledgement; other senders are unaffected', async () => {
    // Prepare: the same person writes again (address in other case), and a stranger writes.
    const s = system();
    s.store.serviceEnded.add(clientGroupId('anna@example.lv'));
    await submitWebRequest(s.submit, request, context);
    await submitWebRequest(s.submit, { ...request, email: 'other@example.lv' }, context);
    const [flagged, other] = s.intakeQueue.sent.map((entry) => entry.message);

    // Act
    await processIntakeMessages(s.intake, [flagged as IntakeMessage, other as IntakeMessage]);

    // Assess
    expect(s.store.tickets.get(flagged?.reference ?? '')?.review).toEqual({
      reason: 'service-ended',
      since: '2026-11-27T10:00:00.000Z',
    });
    expect(s.store.tickets.get(other?.reference ?? '')?.review).toBeUndefined();
    expect(s.outboundQueue.sent.map((entry) => entry.message.reference)).toEqual([other?.reference]);
  });
});

describe('sendOutboundMessage', () => {
  async function ticketWithAcknowledgement() {
    const s = system();
    await submitWebRequest(s.submit, { ...request, language: 'en' }, context);
    await processIntakeMessage(s.intake, s.intakeQueue.sent[0]?.message as IntakeMessage);
    return { s, outbound: s.outboundQueue.sent[0]?.message as OutboundMessage };
  }

  it('sends the acknowledgement in the client language and records SES message id on the ticket', async () => {
    const { s, outbound } = await ticketWithAcknowledgement();
    expect(await sendOutboundMessage(s.send, outbound)).toBe('sent');
    expect(s.mailer.sent).toHaveLength(1);
    const [email] = s.mailer.sent;
    expect(email?.to).toBe('Anna@Example.lv');
    expect(email?.subject).toBe('We have received your request — TA-2026-000001');
    expect(email?.text).toContain('Expected answer by: 1 December 2026');
    expect(email?.text).toContain('Your request will be handled by: State-guaranteed legal aid.');
    expect(email?.text).toContain('Deadline for our answer: 28 December 2026');
    // Nothing the client typed is repeated to an unverified address.
    expect(email?.text).not.toContain('Anna');
    expect(email?.text).not.toContain('Juridiskā palīdzība');
    expect(email?.headers).toContainEqual({ name: 'Auto-Submitted', value: 'auto-replied' });
    expect(s.store.tickets.get('TA-2026-000001')?.acknowledgement?.sesMessageId).toBe('memory-1');
  });

  it('never sends twice for a redelivered message', async () => {
    const { s, outbound } = await ticketWithAcknowledgement();
    await sendOutboundMessage(s.send, outbound);
    expect(await sendOutboundMessage(s.send, outbound)).toBe('already-sent');
    expect(s.mailer.sent).toHaveLength(1);
  });

  it('sends again after a failed attempt, and records one send', async () => {
    const { s, outbound } = await ticketWithAcknowledgement();
    s.mailer.failNext = true;
    await expect(sendOutboundMessage(s.send, outbound)).rejects.toThrow('mailer unavailable');
    expect(await sendOutboundMessage(s.send, outbound)).toBe('sent');
    expect(s.mailer.sent).toHaveLength(1);
    expect(s.store.audit.filter((record) => record.eventName === 'SendEmail')).toHaveLength(1);
  });

  it('sends a staff reply with its text, the reference in the subject, and no Auto-Submitted', async () => {
    const { s } = await ticketWithAcknowledgement();
    s.store.messages.set('TA-2026-000001/m1', {
      id: 'm1',
      kind: 'reply',
      at: '2026-11-27T11:00:00Z',
      author: 'agent',
      text: 'You are entitled to legal aid.',
      outboundId: 'reply-m1',
    });
    const reply: OutboundMessage = {
      version: 1,
      kind: 'reply',
      outboundId: 'reply-m1',
      reference: 'TA-2026-000001',
      messageId: 'm1',
    };
    expect(await sendOutboundMessage(s.send, reply)).toBe('sent');
    const email = s.mailer.sent.at(-1);
    expect(email?.subject).toBe('Answer to your request — TA-2026-000001');
    expect(email?.text).toMatch(/^You are entitled to legal aid\.\n\n/);
    expect(email?.text).toContain('State-guaranteed legal aid');
    expect(email?.headers ?? []).not.toContainEqual(expect.objectContaining({ name: 'Auto-Submitted' }));
    // A note is never sent, even if a message named it.
    s.store.messages.set('TA-2026-000001/n1', {
      ...s.store.messages.get('TA-2026-000001/m1')!,
      id: 'n1',
      kind: 'note',
    });
    await expect(
      sendOutboundMessage(s.send, { ...reply, outboundId: 'reply-n1', messageId: 'n1' }),
    ).rejects.toThrow('was not found');
  });

  it('fails (to be retried) when the ticket does not exist', async () => {
    const s = system();
    await expect(
      sendOutboundMessage(s.send, {
        version: 1,
        kind: 'acknowledgement',
        outboundId: 'x',
        reference: 'TA-2026-999999',
      }),
    ).rejects.toBeInstanceOf(TicketNotFound);
  });
});
