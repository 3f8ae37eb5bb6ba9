import { describe, expect, it } from 'vitest';
import {
  decideThreading,
  messageIdClues,
  messageIdKey,
  settledAtOf,
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
  fields: { senderEmail?: string; receivedAt?: string; automatic?: boolean; senderVerified?: boolean } = {},
) =>
  decideThreading({
    senderEmail: fields.senderEmail ?? 'anna@example.lv',
    senderVerified: fields.senderVerified ?? true,
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
        senderVerified: true,
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

  it('never attaches another sender’s answer to our mail either (a forwarded or copied mail)', () => {
    expect(
      decide(ticket({ status: 'open' }), 'message-id', { senderEmail: 'colleague@example.com' }),
    ).toMatchObject({ kind: 'new-linked', relation: 'quotes', why: 'other-sender' });
  });

  it('takes the subject’s reference only from an authenticated (DMARC) sender', () => {
    expect(decide(ticket({ status: 'open' }), 'subject-reference', { senderVerified: false })).toMatchObject({
      kind: 'new-linked',
      why: 'unverified-sender',
    });
    // A message id of ours needs no DMARC: only a recipient of our mail knows it.
    expect(decide(ticket({ status: 'open' }), 'message-id', { senderVerified: false })).toMatchObject({
      kind: 'join',
    });
  });

  it('does not reopen a ticket answered longer ago than the window', () => {
    const answered = ticket({
      status: 'answered',
      assignee: 'agent',
      statusChanges: [{ from: 'open', to: 'answered', by: 'agent', at: '2026-10-01T10:00:00.000Z' }],
    });
    expect(decide(answered, 'message-id')).toMatchObject({ kind: 'new-linked', why: 'closed-past-window' });
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
      senderVerified: true,
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
  it('keys our SES messages by the SES id, a client’s own ids together with the client', () => {
    expect(messageIdKey('<0100018c-abc-000000@eu-north-1.amazonses.com>', 'client-a')).toBe(
      'ses:0100018c-abc-000000',
    );
    expect(messageIdKey('ses-123@email.amazonses.com', 'client-b')).toBe('ses:ses-123');
    const anna = messageIdKey('<CAF=x@mail.gmail.com>', 'client-anna');
    expect(anna).toMatch(/^id:[0-9a-f]{64}$/);
    expect(messageIdKey('CAF=x@mail.gmail.com', 'client-anna')).toBe(anna);
    // The same id from someone else is another key: a reused Message-ID reaches nobody's ticket.
    expect(messageIdKey('<CAF=x@mail.gmail.com>', 'client-mallory')).not.toBe(anna);
    // Not our domain, though it ends alike.
    expect(messageIdKey('a@notamazonses.com', 'client-a')).toMatch(/^id:/);
    // Short whatever the id's length and script (DynamoDB keys are at most 2048 bytes).
    expect(Buffer.byteLength(messageIdKey(`${'ā'.repeat(990)}@example.lv`, 'client-a'))).toBeLessThan(100);
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

  it('takes the last change to the present status as the time it was settled', () => {
    expect(settledAtOf(closed('2026-11-20T10:00:00.000Z'))).toBe('2026-11-20T10:00:00.000Z');
  });
});
