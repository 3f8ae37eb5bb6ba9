import { describe, expect, it } from 'vitest';
import { staffFromClaims } from '../../../shared/domain/staff.ts';
import { deadlineBadge, ticketDetail } from '../../../shared/use-cases/ticket-views.ts';
import { testTicket } from '../../support/tickets.ts';

const dates = { today: '2026-11-27', dueThrough: '2026-12-01' };
const agent = staffFromClaims({ username: 'a', 'cognito:groups': ['role-agent', 'competence-court-fees'] })!;
const ticket = (fields: Parameters<typeof testTicket>[2]) =>
  testTicket('TA-2026-000001', 'court-fees', fields);

describe('deadlineBadge', () => {
  it('marks tickets still to answer as overdue after the deadline and due soon within the window', () => {
    const at = { receivedAt: '2026-10-01T10:00:00Z' };
    expect(deadlineBadge(ticket({ ...at, answerDeadline: '2026-11-26' }), dates)).toBe('overdue');
    expect(deadlineBadge(ticket({ ...at, answerDeadline: '2026-11-27' }), dates)).toBe('due-soon');
    expect(deadlineBadge(ticket({ ...at, answerDeadline: '2026-12-01' }), dates)).toBe('due-soon');
    expect(deadlineBadge(ticket({ ...at, answerDeadline: '2026-12-02' }), dates)).toBeUndefined();
    expect(
      deadlineBadge(ticket({ ...at, answerDeadline: '2026-11-01', status: 'answered' }), dates),
    ).toBeUndefined();
  });
});

describe('ticketDetail', () => {
  it('puts the thread in time order with notes marked, replies with their delivery, and notices', () => {
    const record = {
      ticket: ticket({ receivedAt: '2026-11-20T08:00:00Z', answerDeadline: '2026-12-21', status: 'open' }),
      messages: [
        {
          id: 'r1',
          kind: 'reply' as const,
          at: '2026-11-21T09:00:00Z',
          author: 'a',
          text: 'Atbilde',
          outboundId: 'reply-r1',
        },
        { id: 'n1', kind: 'note' as const, at: '2026-11-20T12:00:00Z', author: 'a', text: 'Piezīme' },
      ],
      sent: [
        {
          outboundId: 'ack-TA-2026-000001',
          kind: 'acknowledgement',
          sentAt: '2026-11-20T08:00:05Z',
          sesMessageId: 's1',
        },
      ],
    };
    const detail = ticketDetail(record, agent, dates);
    expect(detail.thread.map((entry) => [entry.kind, entry.id])).toEqual([
      ['client', 'client-0'],
      ['notice', 'ack-TA-2026-000001'],
      ['note', 'n1'],
      ['reply', 'r1'],
    ]);
    expect(detail.thread[3]?.delivery).toEqual({ state: 'queued' });
    expect(detail.thread[2]?.delivery).toBeUndefined();
    expect(detail.actions).toEqual(['note', 'reply', 'status', 'route', 'deadline', 'end-service']);
  });

  it('shows an acknowledgement withheld by the hourly limit as withheld, not sent', () => {
    const record = {
      ticket: ticket({ receivedAt: '2026-11-20T08:00:00Z', answerDeadline: '2026-12-21' }),
      messages: [],
      sent: [
        {
          outboundId: 'ack-TA-2026-000001',
          kind: 'acknowledgement',
          sentAt: '2026-11-20T08:00:05Z',
          sesMessageId: '',
          withheld: 'rate-limit' as const,
        },
      ],
    };
    expect(ticketDetail(record, agent, dates).thread[1]).toMatchObject({
      kind: 'notice',
      notice: 'acknowledgement',
      delivery: { state: 'withheld', reason: 'rate-limit' },
    });
  });

  it('offers no email reply to a client without an email address (answered by post)', () => {
    const record = {
      ticket: ticket({
        receivedAt: '2026-11-20T08:00:00Z',
        answerDeadline: '2026-12-21',
        status: 'open',
        assignee: 'agent',
        client: { name: 'Nezināms sūtītājs (unknown sender)', email: 'unknown-sender+abc@invalid' },
      }),
      messages: [],
      sent: [],
    };
    expect(ticketDetail(record, agent, dates).actions).not.toContain('reply');
    expect(ticketDetail(record, agent, dates).actions).toContain('note');
  });

  it('offers nothing to someone outside the unit, and take only on a new ticket', () => {
    const other = staffFromClaims({ username: 'o', 'cognito:groups': ['role-agent', 'competence-general'] })!;
    const fresh = {
      ticket: ticket({ receivedAt: '2026-11-20T08:00:00Z', answerDeadline: '2026-12-21' }),
      messages: [],
      sent: [],
    };
    expect(ticketDetail(fresh, other, dates).actions).toEqual([]);
    expect(ticketDetail(fresh, agent, dates).actions).toEqual([
      'note',
      'take',
      'status',
      'route',
      'deadline',
      'end-service',
    ]);
    const review = {
      ...fresh,
      ticket: { ...fresh.ticket, review: { reason: 'service-ended' as const, since: 'x' } },
    };
    expect(ticketDetail(review, agent, dates).actions).not.toContain('take');
  });

  it('names in each history entry what changed by id, so that the page can name it, and the reason', () => {
    const detail = ticketDetail(
      {
        ticket: ticket({
          receivedAt: '2026-11-20T08:00:00Z',
          answerDeadline: '2026-12-21',
          status: 'open',
          reroutes: [
            { from: 'legal-aid', to: 'court-fees', reason: 'Nodevas', by: 'b', at: '2026-11-20T09:00:00Z' },
          ],
          deadlineExtensions: [
            {
              from: '2026-12-21',
              to: '2027-01-20',
              reason: 'Sarežģīts',
              by: 'a',
              at: '2026-11-21T09:00:00Z',
            },
          ],
          statusChanges: [{ from: 'new', to: 'open', by: 'a', at: '2026-11-20T10:00:00Z' }],
        }),
        messages: [],
        sent: [],
      },
      agent,
      dates,
    );
    expect(detail.history.map(({ action, change, reason }) => ({ action, change, reason }))).toEqual([
      { action: 'received', change: { kind: 'unit', to: 'legal-aid' }, reason: undefined },
      {
        action: 'rerouted',
        change: { kind: 'unit', from: 'legal-aid', to: 'court-fees' },
        reason: 'Nodevas',
      },
      { action: 'status', change: { kind: 'status', from: 'new', to: 'open' }, reason: undefined },
      {
        action: 'deadline-extended',
        change: { kind: 'deadline', from: '2026-12-21', to: '2027-01-20' },
        reason: 'Sarežģīts',
      },
    ]);
    // The words with ids stay for readers that name nothing themselves.
    expect(detail.history[1]?.detail).toBe('legal-aid → court-fees: Nodevas');
  });
});
