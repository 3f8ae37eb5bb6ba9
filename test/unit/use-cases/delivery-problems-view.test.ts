import { describe, expect, it } from 'vitest';
import type { DeliveryProblem } from '../../../shared/domain/delivery-problem.ts';
import { staffFromClaims } from '../../../shared/domain/staff.ts';
import type { TicketRecord } from '../../../shared/ports/ticket-desk.ts';
import { clientDeliveryView } from '../../../shared/use-cases/delivery-problems-view.ts';
import { ticketDetail } from '../../../shared/use-cases/ticket-views.ts';
import { testTicket } from '../../support/tickets.ts';

const dates = { today: '2026-11-27', dueThrough: '2026-12-01' };
const agent = staffFromClaims({ username: 'a', 'cognito:groups': ['role-agent', 'competence-court-fees'] })!;

function problem(fields: Partial<DeliveryProblem> & Pick<DeliveryProblem, 'feedbackId' | 'sesMessageId'>) {
  return {
    kind: 'bounce' as const,
    type: 'Permanent',
    subtype: 'General',
    at: '2026-11-21T09:00:10.000Z',
    recordedAt: '2026-11-21T09:00:11.000Z',
    undeliverable: true,
    ...fields,
  };
}

/** A ticket acknowledged (SES id `s-ack`) and answered (reply r1, SES id `s-reply`). */
function record(deliveryProblems?: readonly DeliveryProblem[]): TicketRecord {
  return {
    ticket: testTicket('TA-2026-000001', 'court-fees', {
      receivedAt: '2026-11-20T08:00:00Z',
      answerDeadline: '2026-12-21',
      status: 'answered',
    }),
    messages: [
      {
        id: 'r1',
        kind: 'reply',
        at: '2026-11-21T09:00:00Z',
        author: 'a',
        text: 'Atbilde',
        outboundId: 'reply-r1',
      },
    ],
    sent: [
      {
        outboundId: 'ack-TA-2026-000001',
        kind: 'acknowledgement',
        sentAt: '2026-11-20T08:00:05Z',
        sesMessageId: 's-ack',
      },
      { outboundId: 'reply-r1', kind: 'reply', sentAt: '2026-11-21T09:00:02Z', sesMessageId: 's-reply' },
    ],
    ...(deliveryProblems ? { deliveryProblems } : {}),
  };
}

describe('clientDeliveryView', () => {
  it('shows nothing while SES reported nothing', () => {
    expect(clientDeliveryView(record())).toEqual({});
    expect(clientDeliveryView(record([]))).toEqual({});
    expect(ticketDetail(record(), agent, dates).client).toEqual({
      name: 'Anna Kalniņa',
      email: 'anna@example.lv',
    });
  });

  it('marks the address undeliverable by the latest permanent bounce or complaint, naming its message', () => {
    const view = clientDeliveryView(
      record([
        problem({ feedbackId: 'f2', sesMessageId: 's-reply', at: '2026-11-21T09:00:10.000Z' }),
        problem({
          feedbackId: 'f1',
          sesMessageId: 's-ack',
          type: 'Transient',
          subtype: 'MailboxFull',
          at: '2026-11-20T09:00:00.000Z',
          undeliverable: false,
        }),
      ]),
    );
    expect(view).toEqual({
      emailUndeliverable: {
        reason: 'bounce',
        at: '2026-11-21T09:00:10.000Z',
        type: 'Permanent',
        subtype: 'General',
        undeliverable: true,
        entryId: 'r1',
        message: 'reply',
      },
      deliveryProblems: [
        {
          reason: 'bounce',
          at: '2026-11-20T09:00:00.000Z',
          type: 'Transient',
          subtype: 'MailboxFull',
          undeliverable: false,
          entryId: 'ack-TA-2026-000001',
          message: 'acknowledgement',
        },
        view.emailUndeliverable,
      ],
    });
  });

  it('keeps a transient bounce for staff without marking the address', () => {
    const view = clientDeliveryView(
      record([problem({ feedbackId: 'f1', sesMessageId: 's-ack', type: 'Transient', undeliverable: false })]),
    );
    expect(view.emailUndeliverable).toBeUndefined();
    expect(view.deliveryProblems).toHaveLength(1);
  });

  it('marks a complaint, and a problem whose send record is not there (yet) without a thread entry', () => {
    const view = clientDeliveryView(
      record([
        problem({
          feedbackId: 'f3',
          sesMessageId: 's-unknown',
          kind: 'complaint',
          type: 'abuse',
          subtype: undefined,
        }),
      ]),
    );
    expect(view.emailUndeliverable).toEqual({
      reason: 'complaint',
      at: '2026-11-21T09:00:10.000Z',
      type: 'abuse',
      undeliverable: true,
    });
  });

  it('is part of the ticket detail staff read', () => {
    const detail = ticketDetail(record([problem({ feedbackId: 'f2', sesMessageId: 's-ack' })]), agent, dates);
    expect(detail.client.emailUndeliverable).toMatchObject({
      reason: 'bounce',
      entryId: 'ack-TA-2026-000001',
    });
  });
});
