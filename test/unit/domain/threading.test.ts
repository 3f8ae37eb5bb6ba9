import { describe, expect, it } from 'vitest';
import {
  closedAtOf,
  decideThreading,
  messageIdClues,
  messageIdKey,
  subjectReferences,
} from '../../../shared/domain/threading.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import { testTicket } from '../../support/tickets.ts';

const ticket = (fields: Partial<Ticket> = {}): Ticket =>
  testTicket('TA-2026-000001', 'court-fees', {
    answerDeadline: '2026-12-28',
    receivedAt: '2026-11-02T10:00:00.000Z',
    ...fields,
  });
const decide = (
  candidateTicket: Ticket,
  by: 'message-id' | 'subject-reference',
  fields: { senderEmail?: string; receivedAt?: string; automatic?: boolean } = {},
) =>
  decideThreading({
    senderEmail: fields.senderEmail ?? 'anna@example.lv',
    receivedAt: fields.receivedAt ?? '2026-11-27T10:00:00.000Z',
    automatic: fields.automatic ?? false,
    ...(by === 'message-id'
      ? { byMessageId: { ticket: candidateTicket, by, matched: 'x@example.lv' } }
      : { bySubject: { ticket: candidateTicket, by, matched: candidateTicket.reference } }),
    reopenWindowDays: 30,
  });
const closed = (at: string, assignee?: string) =>
  ticket({
    status: 'closed',
    ...(assignee ? { assignee } : {}),
    statusChanges: [
      { from: 'open', to: 'answered', by: 'agent', at: '2026-11-03T10:00:00.000Z' },
      { from: 'answered', to: 'closed', by: 'agent', at },
    ],
  });

describe('decideThreading', () => {
  it('starts a new ticket when nothing matched', () => {
    expect(
      decideThreading({
        senderEmail: 'a@example.lv',
        receivedAt: '2026-11-27T10:00:00.000Z',
        automatic: false,
        reopenWindowDays: 30,
      }),
    ).toEqual({ kind: 'new' });
  });

  it('joins an open ticket by message id or by its reference from its own client (any case)', () => {
    expect(decide(ticket({ status: 'open' }), 'message-id')).toMatchObject({ kind: 'join' });
    const joined = decide(ticket(), 'subject-reference', { senderEmail: ' ANNA@example.LV ' });
    expect(joined).toMatchObject({ kind: 'join', candidate: { by: 'subject-reference' } });
    expect(joined).not.toHaveProperty('reopenTo');
  });

  it('never attaches a quoted reference from another sender: a new ticket, linked', () => {
    expect(decide(ticket(), 'subject-reference', { senderEmail: 'stranger@example.com' })).toMatchObject({
      kind: 'new-linked',
      relation: 'quotes',
      why: 'other-sender',
    });
  });

  it('reopens answered and waiting tickets to their assignee', () => {
    for (const status of ['answered', 'waiting-on-client'] as const)
      expect(decide(ticket({ status, assignee: 'agent.court-fees' }), 'message-id')).toMatchObject({
        kind: 'join',
        reopenTo: 'open',
      });
  });

  it('reopens a closed ticket within the window (to the queue if nobody took it), else links a new one', () => {
    expect(decide(closed('2026-11-20T10:00:00.000Z', 'agent'), 'message-id')).toMatchObject({
      kind: 'join',
      reopenTo: 'open',
    });
    expect(decide(closed('2026-11-20T10:00:00.000Z'), 'message-id')).toMatchObject({
      kind: 'join',
      reopenTo: 'new',
    });
    // 30 days and a minute after closing.
    expect(
      decide(closed('2026-10-28T09:59:00.000Z', 'agent'), 'message-id', {
        receivedAt: '2026-11-27T10:00:00.000Z',
      }),
    ).toMatchObject({ kind: 'new-linked', relation: 'follow-up-of', why: 'closed-past-window' });
  });

  it('lets an automatic mail join without reopening, and never continues a ticket whose service ended', () => {
    expect(decide(closed('2026-01-01T00:00:00.000Z'), 'message-id', { automatic: true })).toEqual(
      expect.objectContaining({ kind: 'join' }),
    );
    expect(decide(closed('2026-01-01T00:00:00.000Z'), 'message-id', { automatic: true })).not.toHaveProperty(
      'reopenTo',
    );
    const ended = ticket({
      status: 'closed',
      serviceEnded: { reason: 'x', by: 'supervisor', at: '2026-11-26T10:00:00.000Z' },
    });
    expect(decide(ended, 'message-id')).toMatchObject({ kind: 'new-linked', why: 'service-ended' });
  });

  it('prefers the message-id match over a quoted reference', () => {
    const other = testTicket('TA-2026-000009', 'court-fees', {
      answerDeadline: '2026-12-28',
      receivedAt: '2026-11-02T10:00:00.000Z',
      client: { name: 'B', email: 'b@example.lv' },
    });
    const decision = decideThreading({
      senderEmail: 'anna@example.lv',
      receivedAt: '2026-11-27T10:00:00.000Z',
      automatic: false,
      byMessageId: { ticket: ticket({ status: 'open' }), by: 'message-id', matched: 'm@x' },
      bySubject: { ticket: other, by: 'subject-reference', matched: other.reference },
      reopenWindowDays: 30,
    });
    expect(decision).toMatchObject({ kind: 'join', candidate: { ticket: { reference: 'TA-2026-000001' } } });
  });
});

describe('message ids and references', () => {
  it('keys our SES messages by the SES id, others as they are', () => {
    expect(messageIdKey('<0100018c-abc-000000@eu-north-1.amazonses.com>')).toBe('ses:0100018c-abc-000000');
    expect(messageIdKey('ses-123@email.amazonses.com')).toBe('ses:ses-123');
    expect(messageIdKey('<CAF=x@mail.gmail.com>')).toBe('id:CAF=x@mail.gmail.com');
    // Not our domain, though it ends alike.
    expect(messageIdKey('a@notamazonses.com')).toBe('id:a@notamazonses.com');
  });

  it('reads references from a subject, in order, without repeats', () => {
    expect(
      subjectReferences('Re: Atbilde uz Jūsu pieprasījumu — ta-2026-000123 (TA-2026-000123, TA-2025-004567)'),
    ).toEqual(['TA-2026-000123', 'TA-2025-004567']);
    expect(subjectReferences('XTA-2026-000123 TA-26-1 TA-2026-12345')).toEqual([]);
  });

  it('offers In-Reply-To first, then References newest first, at most 20', () => {
    expect(messageIdClues('c@x', ['a@x', 'b@x', 'c@x'])).toEqual(['c@x', 'b@x', 'a@x']);
    expect(
      messageIdClues(
        undefined,
        Array.from({ length: 30 }, (_, i) => `${i}@x`),
      ),
    ).toHaveLength(20);
  });

  it('takes the last change to closed as the closing time', () => {
    expect(closedAtOf(closed('2026-11-20T10:00:00.000Z'))).toBe('2026-11-20T10:00:00.000Z');
  });
});
