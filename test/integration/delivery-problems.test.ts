/** DynamoDeliveryProblems against DynamoDB Local, read back through DynamoTicketDesk.record. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDeliveryProblems } from '../../shared/adapters/dynamodb/delivery-problems.ts';
import { DynamoTicketDesk } from '../../shared/adapters/dynamodb/ticket-desk.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { FixedClock, MemoryAuditLog } from '../../shared/adapters/memory/index.ts';
import { recordDeliveryEvent } from '../../shared/use-cases/record-delivery-event.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';
import { newTicket, testTicket } from '../support/tickets.ts';

let dynamo: TestDynamo;
let deps: { deliveries: DynamoDeliveryProblems; audit: MemoryAuditLog; clock: FixedClock };
let desk: DynamoTicketDesk;

const reference = 'TA-2026-000001';
const detailOf = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/ses-events/${name}.json`, import.meta.url), 'utf8')).detail;

beforeAll(async () => {
  dynamo = await startTestDynamo();
  const tables = { client: dynamo.documents, ticketsTable: 'tickets', auditTable: 'audit' };
  deps = {
    deliveries: new DynamoDeliveryProblems(tables),
    audit: new MemoryAuditLog(),
    clock: new FixedClock('2026-11-20T08:00:10Z'),
  };
  desk = new DynamoTicketDesk(tables);
  const store = new DynamoTicketStore(tables);
  await store.createTickets([
    newTicket(
      testTicket(reference, 'court-fees', {
        receivedAt: '2026-11-20T08:00:00Z',
        answerDeadline: '2026-12-21',
      }),
    ),
  ]);
});

afterAll(async () => {
  await dynamo?.stop();
});

describe('DynamoDeliveryProblems', () => {
  it('keeps a bounce in the ticket partition once, with its audit record, and the desk reads it back', async () => {
    expect((await recordDeliveryEvent(deps, detailOf('bounce-permanent'))).outcome).toBe('recorded');
    expect((await recordDeliveryEvent(deps, detailOf('bounce-permanent'))).outcome).toBe('duplicate');
    expect((await recordDeliveryEvent(deps, detailOf('bounce-transient'))).outcome).toBe('recorded');

    const record = await desk.record(reference);
    expect(record?.deliveryProblems).toEqual([
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
      expect.objectContaining({ type: 'Transient', undeliverable: false }),
    ]);
    // The ticket item itself is not rewritten (nor its worklist index entry).
    expect(record?.ticket.status).toBe('new');
  });

  it('records nothing for a ticket that does not exist', async () => {
    const event = detailOf('complaint') as { mail: { tags: Record<string, string[]> } };
    event.mail.tags.reference = ['TA-2026-999999'];
    expect(await recordDeliveryEvent(deps, event)).toMatchObject({ outcome: 'unknown-ticket' });
    expect(await desk.record('TA-2026-999999')).toBeUndefined();
  });
});
