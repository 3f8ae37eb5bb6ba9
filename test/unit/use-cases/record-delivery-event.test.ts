import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemoryDeliveryProblems } from '../../../shared/adapters/memory/delivery-problems.ts';
import { FixedClock, MemoryAuditLog } from '../../../shared/adapters/memory/index.ts';
import { recordDeliveryEvent } from '../../../shared/use-cases/record-delivery-event.ts';

/** An EventBridge event from `test/fixtures/ses-events/`, as SES publishes it. */
function fixture(name: string): { detail: Record<string, unknown> } & Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../fixtures/ses-events/${name}.json`, import.meta.url), 'utf8'));
}

const reference = 'TA-2026-000001';

function setup(tickets: readonly string[] = [reference]) {
  const deliveries = new MemoryDeliveryProblems((candidate) => tickets.includes(candidate));
  const clock = new FixedClock('2026-11-20T08:00:10Z');
  const audit = new MemoryAuditLog();
  return { deliveries, audit, deps: { deliveries, audit, clock } };
}

describe('recordDeliveryEvent', () => {
  it('records a permanent bounce on the ticket as undeliverable, with its audit record', async () => {
    // Prepare
    const { deliveries, deps } = setup();
    // Act
    const outcome = await recordDeliveryEvent(deps, fixture('bounce-permanent').detail);
    // Assess
    expect(outcome).toEqual({
      outcome: 'recorded',
      reference,
      sesMessageId: '0102018d1234abcd-aa11bb22-cc33-4dd4-8ee5-ff6677889900-000000',
      feedbackId: '0102018d1234abcd-ef012345-6789-4abc-8def-0123456789ab-000000',
      kind: 'bounce',
      type: 'Permanent',
      undeliverable: true,
    });
    expect(deliveries.of(reference)).toEqual([
      {
        feedbackId: '0102018d1234abcd-ef012345-6789-4abc-8def-0123456789ab-000000',
        sesMessageId: '0102018d1234abcd-aa11bb22-cc33-4dd4-8ee5-ff6677889900-000000',
        kind: 'bounce',
        type: 'Permanent',
        subtype: 'General',
        status: '5.1.1',
        at: '2026-11-20T08:00:08.669Z',
        recordedAt: '2026-11-20T08:00:10.000Z',
        undeliverable: true,
      },
    ]);
    expect(deliveries.audit).toHaveLength(1);
    expect(deliveries.audit[0]).toMatchObject({
      eventName: 'RecordBounce',
      eventType: 'AwsServiceEvent',
      eventTime: '2026-11-20T08:00:10.000Z',
      userIdentity: { type: 'Service', invokedBy: 'ses.amazonaws.com' },
      requestID: '0102018d1234abcd-ef012345-6789-4abc-8def-0123456789ab-000000',
      responseElements: { undeliverable: true },
      resources: [{ type: 'Courtdesk::Ticket', ARN: `arn:courtdesk:tickets::ticket/${reference}` }],
    });
  });

  it('keeps no address and no diagnostic text, in the record or its audit record', async () => {
    const { deliveries, deps } = setup();
    await recordDeliveryEvent(deps, fixture('bounce-permanent').detail);
    const kept = JSON.stringify([deliveries.of(reference), deliveries.audit]);
    expect(kept).not.toContain('@');
    expect(kept).not.toContain('user unknown');
    expect(kept).not.toContain('192.0.2.10');
  });

  it('records a redelivered event once (by feedback id)', async () => {
    const { deliveries, deps } = setup();
    const event = fixture('bounce-permanent').detail;
    expect((await recordDeliveryEvent(deps, event)).outcome).toBe('recorded');
    const again = await recordDeliveryEvent(deps, structuredClone(event));
    expect(again).toMatchObject({ outcome: 'duplicate', reference, undeliverable: true });
    expect(deliveries.of(reference)).toHaveLength(1);
    expect(deliveries.audit).toHaveLength(1);
  });

  it('records a transient bounce without marking the address', async () => {
    const { deliveries, deps } = setup();
    const outcome = await recordDeliveryEvent(deps, fixture('bounce-transient').detail);
    expect(outcome).toMatchObject({ outcome: 'recorded', type: 'Transient', undeliverable: false });
    expect(deliveries.of(reference)).toEqual([
      expect.objectContaining({
        kind: 'bounce',
        type: 'Transient',
        subtype: 'MailboxFull',
        undeliverable: false,
      }),
    ]);
    expect(deliveries.audit[0]?.responseElements).toEqual({ undeliverable: false });
  });

  it('treats an undetermined bounce like a transient one', async () => {
    const { deliveries, deps } = setup();
    const event = fixture('bounce-permanent').detail as { bounce: Record<string, unknown> };
    event.bounce.bounceType = 'Undetermined';
    event.bounce.bounceSubType = 'Undetermined';
    expect(await recordDeliveryEvent(deps, event)).toMatchObject({ undeliverable: false });
    expect(deliveries.of(reference)[0]?.undeliverable).toBe(false);
  });

  it('records a complaint as undeliverable', async () => {
    const { deliveries, deps } = setup();
    const outcome = await recordDeliveryEvent(deps, fixture('complaint').detail);
    expect(outcome).toMatchObject({
      outcome: 'recorded',
      kind: 'complaint',
      type: 'abuse',
      undeliverable: true,
    });
    expect(deliveries.of(reference)).toEqual([
      {
        feedbackId: '0102018d5678abcd-11223344-5566-4778-8899-aabbccddeeff-000000',
        sesMessageId: '0102018d5678abcd-99887766-5544-4332-8211-00ffeeddccbb-000000',
        kind: 'complaint',
        type: 'abuse',
        at: '2026-11-21T10:14:58.000Z',
        recordedAt: '2026-11-20T08:00:10.000Z',
        undeliverable: true,
      },
    ]);
    expect(deliveries.audit[0]?.eventName).toBe('RecordComplaint');
  });

  it('ignores an event whose reference names no ticket, says so, and records that it did (once)', async () => {
    const { deliveries, audit, deps } = setup([]);
    const outcome = await recordDeliveryEvent(deps, fixture('bounce-permanent').detail);
    expect(outcome).toEqual({
      outcome: 'unknown-ticket',
      reference,
      sesMessageId: '0102018d1234abcd-aa11bb22-cc33-4dd4-8ee5-ff6677889900-000000',
    });
    expect(deliveries.problems.size).toBe(0);
    expect(deliveries.audit).toEqual([]);
    await recordDeliveryEvent(deps, fixture('bounce-permanent').detail);
    expect(audit.records).toHaveLength(1);
    expect(audit.records[0]).toMatchObject({
      eventName: 'IgnoreMailEvent',
      responseElements: { outcome: 'unknown-ticket' },
      requestParameters: {
        reference,
        sesMessageId: '0102018d1234abcd-aa11bb22-cc33-4dd4-8ee5-ff6677889900-000000',
      },
      resources: [{ ARN: `arn:courtdesk:tickets::ticket/${reference}` }],
    });
    // No address, no diagnostic text.
    expect(JSON.stringify(audit.records)).not.toMatch(/@|diagnostic/i);
  });

  it('records nothing extra for a bounce it marks (the mark has its own record)', async () => {
    const { audit, deps } = setup();
    await recordDeliveryEvent(deps, fixture('bounce-permanent').detail);
    expect(audit.records).toEqual([]);
  });

  it('ignores mail without our reference tag, or with a tag that is not a reference', async () => {
    const { deliveries, deps } = setup();
    const untagged = fixture('bounce-permanent').detail as { mail: { tags: Record<string, unknown> } };
    delete untagged.mail.tags.reference;
    expect(await recordDeliveryEvent(deps, untagged)).toMatchObject({
      outcome: 'no-reference',
      eventType: 'Bounce',
    });
    const forged = fixture('bounce-permanent').detail as { mail: { tags: Record<string, unknown> } };
    forged.mail.tags.reference = ['TICKET#TA-2026-000001'];
    expect(await recordDeliveryEvent(deps, forged)).toMatchObject({ outcome: 'no-reference' });
    expect(deliveries.problems.size).toBe(0);
  });

  it('ignores event types that report no problem', async () => {
    const { deliveries, audit, deps } = setup();
    const delivery = {
      eventType: 'Delivery',
      mail: fixture('bounce-permanent').detail.mail,
      delivery: { timestamp: '2026-11-20T08:00:06Z', recipients: ['anna@example.lv'] },
    };
    const sesMessageId = (delivery.mail as { messageId: string }).messageId;
    expect(await recordDeliveryEvent(deps, delivery)).toEqual({
      outcome: 'ignored',
      eventType: 'Delivery',
      sesMessageId,
    });
    // Redelivered, it keeps one record, keyed by the mail's id.
    await recordDeliveryEvent(deps, structuredClone(delivery));
    expect(deliveries.problems.size).toBe(0);
    expect(audit.records.map((record) => record.responseElements)).toEqual([{ outcome: 'ignored' }]);
    expect(audit.records[0]?.requestID).toBe(sesMessageId);
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'Bounce'],
    ['an empty object', {}],
    ['a bounce without its bounce part', { eventType: 'Bounce', mail: { messageId: 'm-1' } }],
    [
      'a bounce without a feedback id',
      {
        eventType: 'Bounce',
        mail: { messageId: 'm-1' },
        bounce: { bounceType: 'Permanent', timestamp: '2026-11-20T08:00:00Z' },
      },
    ],
    [
      'a bounce with a time that is not one',
      {
        eventType: 'Bounce',
        mail: { messageId: 'm-1' },
        bounce: { bounceType: 'Permanent', timestamp: 'yesterday', feedbackId: 'f-1' },
      },
    ],
    [
      'a message id that cannot be a key part',
      {
        eventType: 'Complaint',
        mail: { messageId: 'm#1/../x' },
        complaint: { timestamp: '2026-11-20T08:00:00Z', feedbackId: 'f-1' },
      },
    ],
  ])(
    'does not crash on a malformed event (%s), marks nothing and audits the refusal',
    async (_name, detail) => {
      const { deliveries, audit, deps } = setup();
      const outcome = await recordDeliveryEvent(deps, detail);
      expect(outcome.outcome).toBe('malformed');
      expect(deliveries.problems.size).toBe(0);
      expect(audit.records.map((record) => [record.eventName, record.responseElements])).toEqual([
        ['IgnoreMailEvent', { outcome: 'malformed' }],
      ]);
    },
  );

  it('lets a failing store fail the event, so that Lambda retries it', async () => {
    const deps = {
      deliveries: { record: () => Promise.reject(new Error('store unavailable')) },
      audit: new MemoryAuditLog(),
      clock: new FixedClock('2026-11-20T08:00:10Z'),
    };
    await expect(recordDeliveryEvent(deps, fixture('complaint').detail)).rejects.toThrow('store unavailable');
  });
});
