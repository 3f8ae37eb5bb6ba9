/** The sandbox's SES mailbox simulator: mail to bounce@ / complaint@simulator.amazonses.com → SES's events. */
import type { EventBridgeEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { functions } from '../../infra/inventory.ts';
import {
  type MailEventFunction,
  simulatedEvent,
  simulatedEventOf,
  startMailEventSimulator,
} from '../../infra/local/mail-events.ts';
import { MemoryDeliveryProblems } from '../../shared/adapters/memory/delivery-problems.ts';
import { FixedClock, MemoryAuditLog } from '../../shared/adapters/memory/index.ts';
import { recordDeliveryEvent } from '../../shared/use-cases/record-delivery-event.ts';

const spec = functions.find((candidate) => candidate.name === 'mail-events')!;

/** A mail as aws-ses-v2-local stores it. */
function stored(
  to: string,
  subject = 'Jūsu pieprasījums saņemts — TA-2026-000007',
  messageId = 'ses-local-1',
) {
  return {
    messageId,
    from: 'noreply@courtdesk.localhost',
    replyTo: [],
    destination: { to: [to], cc: [], bcc: [] },
    subject,
    body: { text: 'Labdien!' },
    attachments: [],
    at: 1795161605,
  };
}

function recorder(events: MailEventFunction['events'] = ['bounce', 'complaint']) {
  const received: EventBridgeEvent<string, unknown>[] = [];
  const target: MailEventFunction = {
    spec,
    events,
    handler: async (event) => {
      received.push(event);
    },
  };
  return { received, target };
}

describe('simulatedEventOf', () => {
  it.each([
    ['bounce@simulator.amazonses.com', 'bounce'],
    ['Bounce+ticket-7@Simulator.AmazonSES.com', 'bounce'],
    ['complaint@simulator.amazonses.com', 'complaint'],
    ['success@simulator.amazonses.com', undefined],
    ['ooto@simulator.amazonses.com', undefined],
    ['bounce@example.lv', undefined],
    ['not an address', undefined],
  ])('%s → %s', (address, kind) => {
    expect(simulatedEventOf(address)).toBe(kind);
  });
});

describe('simulatedEvent', () => {
  it('is an EventBridge event of SES that mail-events records, the reference taken from the subject', async () => {
    const event = simulatedEvent(
      'bounce',
      stored('bounce@simulator.amazonses.com'),
      'bounce@simulator.amazonses.com',
    );
    expect(event).toMatchObject({
      source: 'aws.ses',
      'detail-type': 'Email Bounced',
      detail: {
        eventType: 'Bounce',
        mail: { messageId: 'ses-local-1', tags: { reference: ['TA-2026-000007'] } },
        bounce: { bounceType: 'Permanent', bounceSubType: 'General' },
      },
    });
    const deliveries = new MemoryDeliveryProblems(() => true);
    const outcome = await recordDeliveryEvent(
      { deliveries, audit: new MemoryAuditLog(), clock: new FixedClock('2026-11-20T08:00:10Z') },
      event.detail,
    );
    expect(outcome).toMatchObject({ outcome: 'recorded', reference: 'TA-2026-000007', undeliverable: true });
  });

  it('gives the same mail the same feedback id, so that a second look is a redelivery', () => {
    const mail = stored('complaint@simulator.amazonses.com');
    const first = simulatedEvent('complaint', mail, 'complaint@simulator.amazonses.com');
    const second = simulatedEvent('complaint', mail, 'complaint@simulator.amazonses.com');
    expect(first.id).not.toBe(second.id);
    expect((first.detail as { complaint: { feedbackId: string } }).complaint.feedbackId).toBe(
      (second.detail as { complaint: { feedbackId: string } }).complaint.feedbackId,
    );
  });

  it('carries no reference tag for mail without one in its subject', () => {
    const event = simulatedEvent('bounce', stored('bounce@simulator.amazonses.com', 'Digest'), 'x');
    expect((event.detail as { mail: { tags: Record<string, unknown> } }).mail.tags).not.toHaveProperty(
      'reference',
    );
  });
});

describe('startMailEventSimulator', () => {
  it('invokes the function once for each simulator mail that lands after the start', async () => {
    // Prepare: one mail already stored (a restored mailbox).
    const mailbox: unknown[] = [stored('bounce@simulator.amazonses.com', 'old', 'ses-old')];
    const { received, target } = recorder();
    const simulator = startMailEventSimulator({
      mailbox: () => mailbox,
      functions: [target],
      intervalMs: 60_000,
    });
    // Act
    mailbox.push(
      stored('anna@example.lv', 'TA-2026-000001', 'ses-2'),
      stored('bounce@simulator.amazonses.com', 'TA-2026-000002', 'ses-3'),
      stored('complaint@simulator.amazonses.com', 'TA-2026-000003', 'ses-4'),
      { malformed: true },
    );
    await simulator.flush();
    await simulator.flush();
    await simulator.stop();
    // Assess
    expect(
      received.map((event) => [
        event['detail-type'],
        (event.detail as { mail: { messageId: string } }).mail.messageId,
      ]),
    ).toEqual([
      ['Email Bounced', 'ses-3'],
      ['Email Complaint Received', 'ses-4'],
    ]);
  });

  it('neither repeats nor misses an event when the oldest mail is pruned from the store', async () => {
    // Prepare: two mails already stored, one more handled after the start.
    const bounce = 'bounce@simulator.amazonses.com';
    const mailbox: unknown[] = [stored(bounce, 'TA-2026-000001', 'ses-1'), stored(bounce, 'x', 'ses-2')];
    const { received, target } = recorder();
    const simulator = startMailEventSimulator({
      mailbox: () => mailbox,
      functions: [target],
      intervalMs: 60_000,
    });
    mailbox.push(stored('complaint@simulator.amazonses.com', 'TA-2026-000003', 'ses-3'));
    await simulator.flush();
    // Act: the retention prunes the two oldest mails; then one more lands.
    mailbox.splice(0, 2);
    await simulator.flush();
    mailbox.push(stored(bounce, 'TA-2026-000004', 'ses-4'));
    await simulator.stop();
    // Assess
    expect(received.map((event) => (event.detail as { mail: { messageId: string } }).mail.messageId)).toEqual(
      ['ses-3', 'ses-4'],
    );
  });

  it('produces only the events the trigger lists', async () => {
    const mailbox: unknown[] = [];
    const { received, target } = recorder(['bounce']);
    const simulator = startMailEventSimulator({
      mailbox: () => mailbox,
      functions: [target],
      intervalMs: 60_000,
    });
    mailbox.push(stored('complaint@simulator.amazonses.com'));
    await simulator.stop();
    expect(received).toEqual([]);
  });

  it('reports a failed invocation and carries on', async () => {
    const mailbox: unknown[] = [];
    const errors: unknown[] = [];
    const target: MailEventFunction = {
      spec,
      events: ['bounce'],
      handler: async () => {
        throw new Error('handler failed');
      },
    };
    const simulator = startMailEventSimulator({
      mailbox: () => mailbox,
      functions: [target],
      intervalMs: 60_000,
      onError: (error) => errors.push(error),
    });
    mailbox.push(stored('bounce@simulator.amazonses.com'));
    await simulator.stop();
    expect(errors).toEqual([new Error('handler failed')]);
    expect(simulator.inFlight()).toBe(0);
  });
});
