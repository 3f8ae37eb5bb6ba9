/**
 * The data-subject ports (`DataSubjectRecords`, `TicketErasure`, `LegalHolds`) on both adapters:
 * the memory fakes and the DynamoDB adapters on DynamoDB Local, with the same files fake.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTicketErasure } from '../../shared/adapters/dynamodb/data-subject-erasure.ts';
import { subjectTicketItem } from '../../shared/adapters/dynamodb/data-subject-items.ts';
import { DynamoDataSubjectRecords } from '../../shared/adapters/dynamodb/data-subjects.ts';
import { DynamoRetentionGuards } from '../../shared/adapters/dynamodb/retention.ts';
import { DynamoSubjectExports } from '../../shared/adapters/dynamodb/subject-exports.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { MemoryDataSubjects } from '../../shared/adapters/memory/data-subjects.ts';
import { MemoryTicketStore } from '../../shared/adapters/memory/index.ts';
import { MemoryObjectVersions } from '../../shared/adapters/memory/object-versions.ts';
import { clientGroupId } from '../../shared/domain/ids.ts';
import { normaliseEmail, subjectKey, subjectKeysOf } from '../../shared/domain/pseudonyms.ts';
import { sesMessageIdKey } from '../../shared/domain/threading.ts';
import type { Ticket } from '../../shared/domain/ticket.ts';
import type { DataSubjectRecords, SubjectExports, TicketErasure } from '../../shared/ports/data-subjects.ts';
import type { LegalHolds } from '../../shared/ports/legal-holds.ts';
import type { TicketStore } from '../../shared/ports/ticket-store.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';
import { newTicket } from '../support/tickets.ts';
import { anAudit, aTicket, unique, uniqueUnit } from './ports/ports-under-test.ts';

interface Subjects {
  readonly store: TicketStore;
  readonly records: DataSubjectRecords;
  readonly erasure: TicketErasure & LegalHolds;
  readonly exports: SubjectExports;
  readonly files: FlakyVersions;
  /** Whether the retention sweeper finds the object protected by a legal hold. */
  heldObject(key: string): Promise<boolean>;
  /** Stores a new ticket as intake does, with its data-subject index items. */
  create(ticket: Ticket): Promise<void>;
}

let dynamo: TestDynamo | undefined;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.stop();
});

/** Object versions whose next deletion can be made to fail, as a Lambda stopping half-way would. */
class FlakyVersions extends MemoryObjectVersions {
  failAfter: number | undefined;

  override async deleteEveryVersion(key: string): Promise<number> {
    if (this.failAfter !== undefined && this.failAfter-- <= 0) {
      this.failAfter = undefined;
      throw new Error('Stopped half-way');
    }
    return super.deleteEveryVersion(key);
  }
}

function memorySubjects(): Subjects {
  const store = new MemoryTicketStore();
  const files = new FlakyVersions();
  const subjects = new MemoryDataSubjects(store, files);
  return {
    store,
    records: subjects,
    erasure: subjects,
    exports: subjects,
    files,
    heldObject: async (key) => subjects.heldObjects.has(key),
    async create(ticket) {
      await store.createTickets([newTicket(ticket)]);
    },
  };
}

function dynamoSubjects(): Subjects {
  if (!dynamo) throw new Error('DynamoDB Local did not start');
  const { documents, tables } = dynamo;
  const dynamoTables = { client: documents, ticketsTable: tables.tickets, auditTable: tables.audit };
  const store = new DynamoTicketStore(dynamoTables);
  const files = new FlakyVersions();
  const guards = new DynamoRetentionGuards(dynamoTables);
  return {
    store,
    records: new DynamoDataSubjectRecords({ ...dynamoTables, knowledgeTable: tables.knowledge }),
    erasure: new DynamoTicketErasure(dynamoTables, files),
    exports: new DynamoSubjectExports(dynamoTables),
    files,
    heldObject: (key) => guards.heldObject(key),
    async create(ticket) {
      await store.createTickets([newTicket(ticket)]);
      for (const key of subjectKeysOf(ticket.client))
        await documents.send(
          new PutCommand({ TableName: tables.tickets, Item: subjectTicketItem(key, ticket.reference) }),
        );
    },
  };
}

const erasure = { basis: 'request', by: 'dpo.daina', at: '2026-12-20T10:00:00.000Z' };

function dataSubjectsContract(make: () => Subjects) {
  async function subjectWithTwoTickets(subjects: Subjects) {
    const email = `${unique('anna')}@example.lv`;
    const client = { name: 'Anna Kalniņa', email, phone: '+37120000001' };
    const unit = uniqueUnit();
    const later = aTicket(unit, { client, receivedAt: '2026-12-02T08:00:00.000Z' });
    const earlier = aTicket(unit, {
      client,
      receivedAt: '2026-12-01T08:00:00.000Z',
      attachments: [
        {
          key: `attachments/${unique('a')}/a.pdf`,
          filename: 'Kalniņa.pdf',
          contentType: 'application/pdf',
          size: 3,
          inline: false,
        },
      ],
    });
    await subjects.create(later);
    await subjects.create(earlier);
    return { email, earlier, later };
  }

  it("finds a subject's tickets by subject key or client key, oldest first, with what they hold", async () => {
    const subjects = make();
    const { email, earlier, later } = await subjectWithTwoTickets(subjects);
    const bySubject = await subjects.records.ticketsOf([subjectKey('email', normaliseEmail(email))]);
    expect(bySubject).toEqual([earlier.reference, later.reference]);
    expect(await subjects.records.ticketsOf([clientGroupId(email)])).toEqual([
      earlier.reference,
      later.reference,
    ]);
    expect(await subjects.records.ticketsOf([subjectKey('email', 'nobody@example.lv')])).toEqual([]);
    const records = await subjects.records.ticketRecords(earlier.reference);
    expect(records?.ticket.client.email).toBe(email);
    expect(records?.files).toEqual([
      expect.objectContaining({
        kind: 'attachment',
        name: 'Kalniņa.pdf',
        key: earlier.attachments?.[0]?.key,
      }),
    ]);
    expect(await subjects.records.ticketRecords(unique('TA'))).toBeUndefined();
  });

  it('erases a ticket: pseudonymised, files (every version) and thread keys gone, no longer found; again is `already`', async () => {
    const subjects = make();
    const { email, earlier, later } = await subjectWithTwoTickets(subjects);
    const fileKey = earlier.attachments?.[0]?.key as string;
    subjects.files.put(fileKey, 'v1');
    subjects.files.put(fileKey, 'v2');
    subjects.files.deleteLatest(fileKey);
    const sesMessageId = unique('ses');
    await subjects.store.completeOutbounds([
      {
        reference: earlier.reference,
        outboundId: `ack-${earlier.reference}`,
        kind: 'acknowledgement',
        sesMessageId,
        sentAt: '2026-12-01T08:05:00.000Z',
        audit: anAudit('SendEmail', '2026-12-01T08:05:00.000Z', [earlier.reference]),
      },
    ]);
    expect(
      (
        await subjects.store.threadTargets(
          [sesMessageIdKey(sesMessageId)],
          new Date('2026-12-03T00:00:00.000Z'),
        )
      ).size,
    ).toBe(1);

    expect(await subjects.erasure.eraseTicket(earlier.reference, erasure)).toEqual({ outcome: 'erased' });

    const erased = await subjects.store.getTicket(earlier.reference);
    expect(erased).toMatchObject({
      client: { name: '', email: '' },
      subject: '',
      body: '',
      erasedAt: erasure.at,
      status: earlier.status,
    });
    expect(JSON.stringify(erased)).not.toContain('Kalniņa');
    expect(subjects.files.versions.has(fileKey)).toBe(false);
    expect(
      (
        await subjects.store.threadTargets(
          [sesMessageIdKey(sesMessageId)],
          new Date('2026-12-03T00:00:00.000Z'),
        )
      ).size,
    ).toBe(0);
    expect(
      await subjects.records.ticketsOf([subjectKey('email', normaliseEmail(email)), clientGroupId(email)]),
    ).toEqual([later.reference]);
    expect(await subjects.erasure.eraseTicket(earlier.reference, erasure)).toEqual({ outcome: 'already' });
    expect(await subjects.erasure.eraseTicket(unique('TA'), erasure)).toEqual({ outcome: 'missing' });
  });

  it('refuses a ticket under legal hold until the hold is lifted', async () => {
    const subjects = make();
    const { later } = await subjectWithTwoTickets(subjects);
    const hold = { reason: 'Tiesvedība C-1/2026', by: 'dpo.daina', at: '2026-12-10T10:00:00.000Z' };
    expect(await subjects.erasure.setHold(later.reference, hold)).toBe('set');
    expect(await subjects.erasure.setHold(later.reference, { ...hold, reason: 'cits' })).toEqual({
      held: hold,
    });
    expect(await subjects.erasure.eraseTicket(later.reference, erasure)).toEqual({ outcome: 'held', hold });
    expect((await subjects.store.getTicket(later.reference))?.client.name).toBe('Anna Kalniņa');
    expect(await subjects.erasure.liftHold(later.reference)).toEqual(hold);
    expect(await subjects.erasure.liftHold(later.reference)).toBe('none');
    expect(await subjects.erasure.eraseTicket(later.reference, erasure)).toEqual({ outcome: 'erased' });
    expect(await subjects.erasure.setHold(unique('TA'), hold)).toBe('missing');
    expect(await subjects.erasure.liftHold(unique('TA'))).toBe('missing');
  });

  /** A ticket made of mail (`ses`) released from quarantine, with its raw mail, held copy and attachment. */
  async function mailTicket(subjects: Subjects) {
    const ses = unique('ses');
    const ticket = aTicket(uniqueUnit(), {
      channel: 'email',
      sourceId: ses,
      attachments: [
        {
          key: `attachments/${ses}/a.pdf`,
          filename: 'a.pdf',
          contentType: 'application/pdf',
          size: 3,
          inline: false,
        },
      ],
    });
    await subjects.create(ticket);
    const keys = [`raw-mail/${ses}`, `quarantine/${ses}`, `attachments/${ses}/a.pdf`];
    for (const key of keys) subjects.files.put(key, 'bytes');
    return { ticket, keys };
  }

  it('claims the ticket first: a hold is refused once an erasure began, and a stopped erasure is finished by the next', async () => {
    const subjects = make();
    const { ticket, keys } = await mailTicket(subjects);
    const hold = { reason: 'Tiesvedība C-1/2026', by: 'dpo.daina', at: '2026-12-20T10:01:00.000Z' };
    subjects.files.failAfter = 1;

    await expect(subjects.erasure.eraseTicket(ticket.reference, erasure)).rejects.toThrow('Stopped half-way');
    expect(await subjects.erasure.setHold(ticket.reference, hold)).toBe('erasing');
    expect(await subjects.erasure.eraseTicket(ticket.reference, erasure)).toEqual({ outcome: 'erased' });

    const erased = await subjects.store.getTicket(ticket.reference);
    expect(erased).toMatchObject({ erasedAt: erasure.at });
    expect(erased).not.toHaveProperty('erasing');
    expect(erased).not.toHaveProperty('legalHold');
    for (const key of keys) expect(subjects.files.versions.has(key)).toBe(false);
    expect(await subjects.erasure.setHold(ticket.reference, hold)).toBe('erased');
  });

  it('deletes the exports that hold the ticket when it is erased, and only those', async () => {
    const subjects = make();
    const { ticket } = await mailTicket(subjects);
    const other = aTicket(uniqueUnit());
    await subjects.create(other);
    const mine = `exports/${unique('x')}.zip`;
    const theirs = `exports/${unique('y')}.zip`;
    await subjects.exports.recordExport('mine', mine, [ticket.reference, other.reference], 2_000_000_000);
    await subjects.exports.recordExport('theirs', theirs, [other.reference], 2_000_000_000);
    subjects.files.put(mine, 'zip v1');
    subjects.files.put(mine, 'zip v2');
    subjects.files.put(theirs, 'zip');

    expect(await subjects.erasure.eraseTicket(ticket.reference, erasure)).toEqual({ outcome: 'erased' });

    expect(subjects.files.versions.has(mine)).toBe(false);
    expect(subjects.files.versions.has(theirs)).toBe(true);
  });

  it("protects each of a held ticket's objects by its key until the hold is lifted", async () => {
    const subjects = make();
    const { ticket, keys } = await mailTicket(subjects);
    const hold = { reason: 'Tiesvedība', by: 'dpo.daina', at: '2026-12-20T10:00:00.000Z' };
    for (const key of keys) expect(await subjects.heldObject(key)).toBe(false);

    expect(await subjects.erasure.setHold(ticket.reference, hold)).toBe('set');
    for (const key of keys) expect(await subjects.heldObject(key)).toBe(true);
    expect(await subjects.heldObject(`raw-mail/${unique('ses')}`)).toBe(false);

    expect(await subjects.erasure.liftHold(ticket.reference)).toEqual(hold);
    for (const key of keys) expect(await subjects.heldObject(key)).toBe(false);
  });
}

describe('data subjects on memory', () => dataSubjectsContract(memorySubjects));
describe('data subjects on DynamoDB', () => dataSubjectsContract(dynamoSubjects));
