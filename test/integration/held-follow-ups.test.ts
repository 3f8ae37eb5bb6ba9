/**
 * Legal holds and mail that joins a held ticket later, on the memory fakes and on DynamoDB Local:
 * a follow-up written under a hold protects its raw mail and quarantine copy (`HOLDKEY#`) in the
 * same write, a hold changed since the decision read the ticket means deciding again, the
 * retention sweeper keeps that raw mail after intake's idempotency record is gone, and the lift
 * takes the protection away. Then the one-off backfill (`backfillHoldKeys`) that writes the items
 * of holds set before holds wrote them.
 */
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTicketErasure } from '../../shared/adapters/dynamodb/data-subject-erasure.ts';
import { heldObjectItem } from '../../shared/adapters/dynamodb/data-subject-items.ts';
import { backfillHoldKeys } from '../../shared/adapters/dynamodb/hold-keys-backfill.ts';
import { DynamoRetentionGuards } from '../../shared/adapters/dynamodb/retention.ts';
import { messageKey, ticketItem } from '../../shared/adapters/dynamodb/ticket-items.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { MemoryDataSubjects } from '../../shared/adapters/memory/data-subjects.ts';
import { FixedClock, MemoryAuditLog, MemoryTicketStore } from '../../shared/adapters/memory/index.ts';
import { MemoryObjectVersions } from '../../shared/adapters/memory/object-versions.ts';
import {
  MemoryRetentionGuards,
  MemoryRetentionIndex,
  MemoryRetentionProgress,
  MemoryVersionedBucket,
} from '../../shared/adapters/memory/retention.ts';
import { parseRetentionSchedule } from '../../shared/domain/retention.ts';
import type { Ticket } from '../../shared/domain/ticket.ts';
import type { LegalHold, TicketErasure } from '../../shared/ports/data-subjects.ts';
import type { LegalHolds } from '../../shared/ports/legal-holds.ts';
import type { RetentionGuards } from '../../shared/ports/retention.ts';
import type { ClientFollowUp } from '../../shared/ports/threading.ts';
import type { TicketStore } from '../../shared/ports/ticket-store.ts';
import { applyRetention } from '../../shared/use-cases/apply-retention.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';
import { newTicket } from '../support/tickets.ts';
import { anAudit, aTicket, unique, uniqueUnit } from './ports/ports-under-test.ts';

let dynamo: TestDynamo | undefined;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.stop();
});

interface System {
  readonly store: TicketStore;
  readonly holds: LegalHolds & TicketErasure;
  /** The sweeper's guards: what it finds protected, and a ticket's hold. */
  readonly guards: RetentionGuards;
}

function memorySystem(): System {
  const store = new MemoryTicketStore();
  const subjects = new MemoryDataSubjects(store, new MemoryObjectVersions());
  const guards = new MemoryRetentionGuards(subjects.heldObjects);
  return { store, holds: subjects, guards };
}

function dynamoSystem(): System {
  if (!dynamo) throw new Error('DynamoDB Local did not start');
  const tables = { client: dynamo.documents, ticketsTable: 'tickets', auditTable: 'audit' };
  return {
    store: new DynamoTicketStore(tables),
    holds: new DynamoTicketErasure(tables, new MemoryObjectVersions()),
    guards: new DynamoRetentionGuards(tables),
  };
}

const hold: LegalHold = { reason: 'Tiesvedība C-1/2026', by: 'dpo.daina', at: '2026-12-10T10:00:00.000Z' };

/** A client's follow-up mail (SES id `ses`) to `ticket`, decided on with the ticket under `held`. */
function followUp(ticket: Ticket, ses: string, held: string | undefined): ClientFollowUp {
  return {
    expect: {
      status: ticket.status,
      competence: ticket.competence,
      answerDeadline: ticket.answerDeadline,
      review: false,
      ...(held ? { legalHold: held } : {}),
    },
    message: {
      id: `client-${ses}`,
      kind: 'client',
      at: '2026-12-12T09:00:00.000Z',
      author: ticket.client.email,
      text: 'Vai ir ziņas?',
      subject: `Re: ${ticket.reference}`,
      source: { channel: 'email', id: ses, idempotencyKey: `email:${ses}` },
    },
    threadKeys: [`src:email:${ses}`],
    audit: anAudit('AddClientMessage', '2026-12-12T09:00:00.000Z', [ticket.reference]),
  };
}

async function heldMailTicket(s: System) {
  const ticket = aTicket(uniqueUnit(), { channel: 'email', sourceId: unique('ses') });
  await s.store.createTickets([newTicket(ticket)]);
  expect(await s.holds.setHold(ticket.reference, hold)).toBe('set');
  return ticket;
}

function heldFollowUpContract(make: () => System) {
  it('protects the raw mail and quarantine copy of a follow-up joined under the hold, until the lift', async () => {
    // Prepare
    const s = make();
    const ticket = await heldMailTicket(s);
    const ses = unique('ses');
    const objects = [`raw-mail/${ses}`, `quarantine/${ses}`];

    // Act
    expect(await s.store.addClientMessage(ticket.reference, followUp(ticket, ses, hold.at))).toBe('added');

    // Assess
    for (const key of objects) expect(await s.guards.heldObject(key)).toBe(true);
    expect(await s.holds.liftHold(ticket.reference)).toEqual(hold);
    for (const key of objects) expect(await s.guards.heldObject(key)).toBe(false);
  });

  it('is decided again when the hold was set, lifted or replaced since the ticket was read', async () => {
    const s = make();
    const ticket = await heldMailTicket(s);

    // Read before the hold: no protection would be written, so the write is refused.
    expect(await s.store.addClientMessage(ticket.reference, followUp(ticket, unique('ses'), undefined))).toBe(
      'conflict',
    );
    // Read under an older hold: the protection would carry the wrong hold.
    expect(
      await s.store.addClientMessage(
        ticket.reference,
        followUp(ticket, unique('ses'), '2026-12-01T00:00:00.000Z'),
      ),
    ).toBe('conflict');
    // Read under the hold, which was lifted since.
    await s.holds.liftHold(ticket.reference);
    const ses = unique('ses');
    expect(await s.store.addClientMessage(ticket.reference, followUp(ticket, ses, hold.at))).toBe('conflict');
    expect(await s.guards.heldObject(`raw-mail/${ses}`)).toBe(false);
    // Read as it is now: added, and nothing protected.
    expect(await s.store.addClientMessage(ticket.reference, followUp(ticket, ses, undefined))).toBe('added');
    expect(await s.guards.heldObject(`raw-mail/${ses}`)).toBe(false);
  });

  it("is kept by the retention sweeper past its period without intake's record, and deleted after the lift", async () => {
    // Prepare: the follow-up's raw mail aged past its 90 days; intake's record (mail → ticket) gone.
    const s = make();
    const ticket = await heldMailTicket(s);
    const ses = unique('ses');
    expect(await s.store.addClientMessage(ticket.reference, followUp(ticket, ses, hold.at))).toBe('added');
    const clock = new FixedClock('2027-06-01T03:00:00Z');
    const bucket = new MemoryVersionedBucket();
    bucket.put(`raw-mail/${ses}`, 'mail', new Date('2026-12-12T09:00:00Z'));
    const sweep = {
      schedule: parseRetentionSchedule({}),
      index: new MemoryRetentionIndex(),
      erasure: s.holds,
      objects: bucket,
      versions: bucket,
      guards: s.guards,
      progress: new MemoryRetentionProgress(),
      audit: new MemoryAuditLog(),
      clock,
    };

    // Act, Assess: kept while held
    const held = await applyRetention(sweep, 'run-1');
    expect(held.counts.objectsHeld).toBe(1);
    expect(bucket.keys()).toEqual([`raw-mail/${ses}`]);

    // Act, Assess: deleted by the next day's run after the lift
    await s.holds.liftHold(ticket.reference);
    clock.advance(86_400_000);
    await applyRetention(sweep, 'run-2');
    expect(bucket.keys()).toEqual([]);
  });
}

describe('a follow-up joining a held ticket, on memory', () => heldFollowUpContract(memorySystem));
describe('a follow-up joining a held ticket, on DynamoDB', () => heldFollowUpContract(dynamoSystem));

describe('the hold-key backfill (DynamoDB)', () => {
  const tables = () => {
    if (!dynamo) throw new Error('DynamoDB Local did not start');
    return { client: dynamo.documents, ticketsTable: 'tickets', auditTable: 'audit' };
  };
  const put = (Item: Record<string, unknown>) =>
    tables().client.send(new PutCommand({ TableName: 'tickets', Item }));

  it("writes the missing items of earlier holds' objects, resumably, once; audited with counts only", async () => {
    // Prepare: a ticket held before holds wrote items, with a follow-up and an attachment; one item
    // a newer hold wrote already; a ticket not held.
    const ses = unique('ses');
    const followUpSes = unique('ses');
    const attachment = `attachments/${ses}/a.pdf`;
    const held = aTicket(uniqueUnit(), {
      channel: 'email',
      sourceId: ses,
      attachments: [
        { key: attachment, filename: 'a.pdf', contentType: 'application/pdf', size: 3, inline: false },
      ],
    });
    await put({ ...ticketItem(held), legalHold: hold });
    await put({
      ...messageKey(held.reference, `client-${followUpSes}`),
      type: 'message',
      id: `client-${followUpSes}`,
      kind: 'client',
      at: '2026-12-12T09:00:00.000Z',
      author: held.client.email,
      text: 'Vēlreiz',
      source: { channel: 'email', id: followUpSes },
    });
    await put(heldObjectItem(`raw-mail/${ses}`, held.reference, '2026-12-11T00:00:00.000Z'));
    const free = aTicket(uniqueUnit(), { channel: 'email', sourceId: unique('ses') });
    await put(ticketItem(free));
    const guards = new DynamoRetentionGuards(tables());
    const objects = [
      `raw-mail/${ses}`,
      `quarantine/${ses}`,
      attachment,
      `raw-mail/${followUpSes}`,
      `quarantine/${followUpSes}`,
    ];
    expect(await guards.heldObject(`raw-mail/${followUpSes}`)).toBe(false);
    const audit = new MemoryAuditLog();

    // Act: a bounded run, then the rest
    const first = await backfillHoldKeys(tables(), { audit, pageSize: 1, maxPages: 1 });
    const rest = await backfillHoldKeys(tables(), { audit, pageSize: 1 });

    // Assess
    expect(first.done).toBe(false);
    expect(rest).toMatchObject({ done: true, counts: { held: 1, protected: 4 } });
    for (const key of objects) expect(await guards.heldObject(key)).toBe(true);
    expect(await guards.heldObject(`raw-mail/${free.sourceId}`)).toBe(false);
    const items = (
      await tables().client.send(new ScanCommand({ TableName: 'tickets', ConsistentRead: true }))
    ).Items?.filter((item) => item.type === 'held-object' && item.reference === held.reference);
    expect(items?.map((item) => [item.pk, item.hold]).sort()).toEqual(
      objects
        .map((key) => [`HOLDKEY#${key}`, key === `raw-mail/${ses}` ? '2026-12-11T00:00:00.000Z' : hold.at])
        .sort(),
    );
    expect(audit.records.map((record) => [record.eventName, record.responseElements])).toEqual([
      ['BackfillHoldKeys', rest.counts],
    ]);
    expect(await backfillHoldKeys(tables(), { audit })).toMatchObject({ skipped: true });
    expect(await backfillHoldKeys(tables(), { audit, force: true })).toMatchObject({
      done: true,
      counts: { held: 1, protected: 0 },
    });

    // The lift takes the backfilled protection away with the rest (the older hold's item is left
    // to the erasure: it protects nothing once the ticket is not held).
    expect(
      await new DynamoTicketErasure(tables(), new MemoryObjectVersions()).liftHold(held.reference),
    ).toEqual(hold);
    for (const key of objects) expect(await guards.heldObject(key)).toBe(false);
  });
});
