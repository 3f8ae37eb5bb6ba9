/**
 * The limits on acknowledgements: the court's hourly budget across all addresses withholds the
 * acknowledgements over it (audited, shown to staff on the ticket), counts nothing else, and
 * neither it nor the per-address cap fails open — a count that cannot be read or written fails the
 * send, so that the queue delivers it again later, and nothing is sent unchecked.
 */
import type { Context, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { sendEmailHandler } from '../../../functions/send-email/send-email-handler.ts';
import { MemoryAcknowledgementBudget } from '../../../shared/adapters/memory/acknowledgement-budget.ts';
import {
  FixedClock,
  MemoryMailer,
  MemoryQueue,
  MemoryTicketDesk,
  MemoryTicketStore,
} from '../../../shared/adapters/memory/index.ts';
import type { OutboundMessage } from '../../../shared/domain/intake-message.ts';
import { staffFromClaims } from '../../../shared/domain/staff.ts';
import {
  sendOutboundMessage,
  sendOutboundMessages,
} from '../../../shared/use-cases/send-outbound-message.ts';
import { ticketDetail } from '../../../shared/use-cases/ticket-views.ts';
import { testTicket } from '../../support/tickets.ts';

const acknowledgement = (reference: string): OutboundMessage => ({
  version: 1,
  kind: 'acknowledgement',
  outboundId: `ack-${reference}`,
  reference,
});

/** `count` tickets from as many addresses, received a minute apart, and send-email's use case over them. */
function system(count: number, perHour = 3) {
  const store = new MemoryTicketStore();
  const references: string[] = [];
  for (let i = 1; i <= count; i += 1) {
    const reference = `TA-2026-${String(i).padStart(6, '0')}`;
    references.push(reference);
    store.tickets.set(
      reference,
      testTicket(reference, 'court-fees', {
        receivedAt: `2026-11-27T09:${String(i).padStart(2, '0')}:00.000Z`,
        answerDeadline: '2026-12-28',
        client: { name: 'Klients', email: `klients-${i}@example.lv` },
      }),
    );
  }
  const counter = new MemoryAcknowledgementBudget();
  const mailer = new MemoryMailer();
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const deps = {
    store,
    mailer,
    clock,
    senderAddress: 'noreply@courtdesk.example.lv',
    acknowledgementBudget: { counter, perHour },
  };
  return { store, counter, mailer, clock, deps, references };
}

describe('the hourly acknowledgement budget', () => {
  it('withholds the acknowledgements over it, audited with the reason, and shows staff why', async () => {
    // Prepare: four new tickets from four addresses, a budget of three an hour
    const s = system(4);

    // Act
    const outcomes = await sendOutboundMessages(s.deps, s.references.map(acknowledgement));

    // Assess: three mails; the fourth recorded as withheld (never sent later), audited
    expect(outcomes).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(s.mailer.sent).toHaveLength(3);
    const fourth = s.references[3] ?? '';
    expect(s.mailer.sent.map((mail) => mail.to)).not.toContain('klients-4@example.lv');
    expect(s.store.outbound.get(`${fourth}/ack-${fourth}`)).toMatchObject({ withheld: 'ack-budget' });
    const withheld = s.store.audit.filter((record) => record.eventName === 'WithholdAcknowledgement');
    expect(withheld).toHaveLength(1);
    expect(withheld[0]).toMatchObject({
      responseElements: { reason: 'ack-budget', limit: 3 },
      resources: [{ ARN: expect.stringContaining(fourth) }],
    });
    expect(JSON.stringify(withheld[0])).not.toContain('klients-4@example.lv');
    // A redelivery finds it recorded: nothing more is sent or counted.
    expect(await sendOutboundMessage(s.deps, acknowledgement(fourth))).toBe('already-sent');
    expect(s.counter.counts.get('2026-11-27T10')).toBe(3);
    // Staff see the ticket's acknowledgement as withheld by the budget, not as sent or queued.
    const agent = staffFromClaims({
      username: 'a',
      'cognito:groups': ['role-agent', 'competence-court-fees'],
    });
    const record = await new MemoryTicketDesk(s.store).record(fourth);
    if (!agent || !record) throw new Error('no agent or record');
    const detail = ticketDetail(record, agent, { today: '2026-11-27', dueThrough: '2026-12-01' });
    expect(detail.thread.find((entry) => entry.kind === 'notice')?.delivery).toEqual({
      state: 'withheld',
      reason: 'ack-budget',
    });
  });

  it('counts an acknowledgement delivered twice once: the second delivery sends it without counting again', async () => {
    // Prepare: a budget of two; the first delivery claims its place, then SES fails
    const s = system(2, 2);
    const [first, second] = s.references as [string, string];
    s.mailer.failNext = true;
    await expect(sendOutboundMessage(s.deps, acknowledgement(first))).rejects.toThrow('mailer unavailable');
    expect(s.counter.counts.get('2026-11-27T10')).toBe(1);

    // Act: the queue delivers the same message again, then another ticket's acknowledgement comes
    const again = await sendOutboundMessage(s.deps, acknowledgement(first));
    const other = await sendOutboundMessage(s.deps, acknowledgement(second));

    // Assess: both sent; the hour counted two, not three (the second had its place)
    expect([again, other]).toEqual(['sent', 'sent']);
    expect(s.mailer.sent.map((mail) => mail.to)).toEqual(['klients-1@example.lv', 'klients-2@example.lv']);
    expect(s.counter.counts.get('2026-11-27T10')).toBe(2);
  });

  it('starts again the next hour', async () => {
    const s = system(2, 1);
    await sendOutboundMessage(s.deps, acknowledgement(s.references[0] ?? ''));
    s.clock.advance(3600_000);
    await sendOutboundMessage(s.deps, acknowledgement(s.references[1] ?? ''));
    expect(s.mailer.sent).toHaveLength(2);
  });

  it('counts only acknowledgements: notices and staff replies go when it is spent', async () => {
    // Prepare: the hour's budget spent by the first ticket's acknowledgement
    const s = system(1, 1);
    const reference = s.references[0] ?? '';
    await sendOutboundMessage(s.deps, acknowledgement(reference));
    s.store.messages.set(`${reference}/m1`, {
      id: 'm1',
      kind: 'reply',
      at: '2026-11-27T10:00:00Z',
      author: 'agent',
      text: 'Atbilde',
      outboundId: 'reply-1',
    });

    // Act
    const reply = await sendOutboundMessage(s.deps, {
      version: 1,
      kind: 'reply',
      outboundId: 'reply-1',
      reference,
      messageId: 'm1',
    });
    const notice = await sendOutboundMessage(s.deps, {
      version: 1,
      kind: 'deadline-extension',
      outboundId: 'extension-1',
      reference,
    });

    // Assess
    expect([reply, notice]).toEqual(['sent', 'sent']);
    expect(s.mailer.sent).toHaveLength(3);
    expect(s.counter.counts.get('2026-11-27T10')).toBe(1);
  });

  it('is not spent by an acknowledgement the address cap withholds', async () => {
    // Prepare: six tickets of one address within the hour, a budget of ten
    const s = system(6, 10);
    for (const reference of s.references) {
      const ticket = s.store.tickets.get(reference);
      if (ticket)
        s.store.tickets.set(reference, { ...ticket, client: { ...ticket.client, email: 'a@example.lv' } });
    }

    // Act
    for (const reference of s.references) await sendOutboundMessage(s.deps, acknowledgement(reference));

    // Assess: five sent and counted, the sixth withheld by the address's cap
    expect(s.mailer.sent).toHaveLength(5);
    expect(s.counter.counts.get('2026-11-27T10')).toBe(5);
    const sixth = s.references[5] ?? '';
    expect(s.store.outbound.get(`${sixth}/ack-${sixth}`)).toMatchObject({ withheld: 'rate-limit' });
  });

  it('fails the send when it cannot be counted: nothing sent, nothing recorded, the error propagates', async () => {
    // Prepare: the budget's counter refuses (DynamoDB unavailable)
    const s = system(1);
    s.counter.failing = new Error('ProvisionedThroughputExceededException');
    const reference = s.references[0] ?? '';

    // Act
    const attempt = sendOutboundMessage(s.deps, acknowledgement(reference));

    // Assess: the error reaches the queue handler; a later delivery finds the message unsent
    await expect(attempt).rejects.toThrow('ProvisionedThroughputExceededException');
    expect(s.mailer.sent).toHaveLength(0);
    expect(s.store.outbound.size).toBe(0);
    expect(s.store.audit).toHaveLength(0);
    s.counter.failing = undefined;
    expect(await sendOutboundMessage(s.deps, acknowledgement(reference))).toBe('sent');
    expect(s.mailer.sent).toHaveLength(1);
  });
});

describe('the per-address cap', () => {
  it('no longer fails open: when its count cannot be read the send fails, nothing is sent or counted', async () => {
    // Prepare: the client index cannot be read
    const s = system(1);
    s.store.ticketsReceivedBetween = async () => {
      throw new Error('InternalServerError');
    };

    // Act
    const attempt = sendOutboundMessage(s.deps, acknowledgement(s.references[0] ?? ''));

    // Assess
    await expect(attempt).rejects.toThrow('InternalServerError');
    expect(s.mailer.sent).toHaveLength(0);
    expect(s.store.outbound.size).toBe(0);
    expect(s.counter.counts.size).toBe(0);
  });

  it('makes send-email report the message as failed, so that the queue redelivers it later', async () => {
    // Prepare
    const s = system(1);
    s.store.ticketsReceivedBetween = async () => {
      throw new Error('InternalServerError');
    };
    const handler = sendEmailHandler({ ...s.deps, outboundQueue: new MemoryQueue<OutboundMessage>() });
    const event: SQSEvent = {
      Records: [
        {
          messageId: 'sqs-1',
          receiptHandle: 'handle-1',
          body: JSON.stringify(acknowledgement(s.references[0] ?? '')),
          attributes: {
            ApproximateReceiveCount: '1',
            SentTimestamp: '0',
            SenderId: 'test',
            ApproximateFirstReceiveTimestamp: '0',
            MessageGroupId: 'ticket-1',
          },
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:eu-north-1:000000000000:outbound.fifo',
          awsRegion: 'eu-north-1',
        },
      ],
    };

    // Act
    const answer = await handler(event, {} as Context);

    // Assess
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'sqs-1' }]);
    expect(s.mailer.sent).toHaveLength(0);
  });
});
