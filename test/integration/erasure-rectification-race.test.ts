/**
 * An erasure and a rectification of the same ticket at the same time never leave the client's
 * data behind: a rectification landing mid-erasure (after erasure read the ticket, before its last
 * write) makes the erasure start over once and erase the corrected client too; a rectification
 * after the erasure is refused (`conflict`). On DynamoDB Local, and on the memory adapters.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoClientRectification } from '../../shared/adapters/dynamodb/client-rectification.ts';
import { DynamoTicketErasure } from '../../shared/adapters/dynamodb/data-subject-erasure.ts';
import { subjectTicketKey } from '../../shared/adapters/dynamodb/data-subject-items.ts';
import { ticketKey } from '../../shared/adapters/dynamodb/ticket-items.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { MemoryClientRectification } from '../../shared/adapters/memory/client-rectification.ts';
import { MemoryDataSubjects } from '../../shared/adapters/memory/data-subjects.ts';
import { MemoryTicketStore } from '../../shared/adapters/memory/index.ts';
import { MemoryObjectVersions } from '../../shared/adapters/memory/object-versions.ts';
import { clientGroupId } from '../../shared/domain/ids.ts';
import { subjectKeysOf } from '../../shared/domain/pseudonyms.ts';
import type { Client, Ticket } from '../../shared/domain/ticket.ts';
import type {
  ClientRectification,
  ClientRectificationWrite,
} from '../../shared/ports/client-rectification.ts';
import type { TicketErasure } from '../../shared/ports/data-subjects.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';
import { newTicket } from '../support/tickets.ts';
import { anAudit, aTicket } from './ports/ports-under-test.ts';

let dynamo: TestDynamo | undefined;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.stop();
});

const erasure = { basis: 'request', by: 'dpo.daina', at: '2026-12-20T10:00:00.000Z' };

/** The rectification's write of `to` over `from`, as rectify-client.ts makes it. */
function correction(reference: string, from: Client, to: Client): ClientRectificationWrite {
  const before = subjectKeysOf(from);
  const after = subjectKeysOf(to);
  return {
    expect: from,
    client: to,
    clientKey: { from: clientGroupId(from.email), to: clientGroupId(to.email) },
    subjectKeys: {
      remove: before.filter((key) => !after.includes(key)),
      add: after.filter((key) => !before.includes(key)),
    },
    threadKeys: [],
    moveFlags: false,
    clientMessageIds: [],
    correction: { fields: ['name', 'email'], reason: 'Klients norādīja', by: 'agent.anna', at: erasure.at },
    audit: anAudit('RectifyClientData', erasure.at, [reference]),
  };
}

/** Files that let a step run in the middle of an erasure (after it read the ticket), once. */
class InterruptedFiles extends MemoryObjectVersions {
  meanwhile: (() => Promise<void>) | undefined;
  override async deleteEveryVersionUnder(prefix: string): Promise<number> {
    const step = this.meanwhile;
    this.meanwhile = undefined;
    await step?.();
    return super.deleteEveryVersionUnder(prefix);
  }
}

function dynamoSystem() {
  if (!dynamo) throw new Error('DynamoDB Local did not start');
  const { documents, tables } = dynamo;
  const dynamoTables = { client: documents, ticketsTable: tables.tickets, auditTable: tables.audit };
  const store = new DynamoTicketStore(dynamoTables);
  const files = new InterruptedFiles();
  return {
    files,
    erasure: new DynamoTicketErasure(dynamoTables, files) as TicketErasure,
    rectification: new DynamoClientRectification(dynamoTables) as ClientRectification,
    async create(ticket: Ticket) {
      await store.createTickets([newTicket(ticket)]);
    },
    async stored(reference: string) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tables.tickets, Key: ticketKey(reference) }),
      );
      return Item;
    },
    async indexed(key: string, reference: string) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tables.tickets, Key: subjectTicketKey(key, reference) }),
      );
      return Item !== undefined;
    },
  };
}

describe('a rectification racing an erasure, on DynamoDB', () => {
  it('landing mid-erasure: the erasure starts over once and erases the corrected client too', async () => {
    const s = dynamoSystem();
    const ticket = aTicket('court-fees');
    await s.create(ticket);
    const corrected = { name: 'Anna Bērziņa', email: 'anna.berzina@example.lv' };
    const write = correction(ticket.reference, ticket.client, corrected);
    expect(write.subjectKeys.add.length).toBeGreaterThan(0);
    s.files.meanwhile = async () => {
      expect(await s.rectification.rectify(ticket.reference, write)).toBe('rectified');
    };
    expect(await s.erasure.eraseTicket(ticket.reference, erasure)).toEqual({ outcome: 'erased' });
    expect(s.files.meanwhile).toBeUndefined();
    const stored = await s.stored(ticket.reference);
    expect(stored).toMatchObject({ erasedAt: erasure.at, client: { name: '', email: '' } });
    expect(JSON.stringify(stored)).not.toMatch(/Bērziņa|berzina|Klients norādīja/);
    for (const key of write.subjectKeys.add) expect(await s.indexed(key, ticket.reference)).toBe(false);
  });

  it('after the erasure: refused, nothing written back', async () => {
    const s = dynamoSystem();
    const ticket = aTicket('court-fees');
    await s.create(ticket);
    await s.erasure.eraseTicket(ticket.reference, erasure);
    const erased = { name: '', email: '' };
    const write = correction(ticket.reference, erased, { name: 'Anna Bērziņa', email: 'anna.b@example.lv' });
    expect(await s.rectification.rectify(ticket.reference, write)).toBe('conflict');
    expect(await s.stored(ticket.reference)).toMatchObject({ client: erased });
  });
});

describe('a rectification after an erasure, on memory', () => {
  it('is refused, nothing written back', async () => {
    const store = new MemoryTicketStore();
    const subjects = new MemoryDataSubjects(store, new MemoryObjectVersions());
    const rectification = new MemoryClientRectification(store);
    const ticket = aTicket('court-fees');
    await store.createTickets([newTicket(ticket)]);
    await subjects.eraseTicket(ticket.reference, erasure);
    const erased = { name: '', email: '' };
    const write = correction(ticket.reference, erased, { name: 'Anna Bērziņa', email: 'anna.b@example.lv' });
    expect(await rectification.rectify(ticket.reference, write)).toBe('conflict');
    expect(store.tickets.get(ticket.reference)?.client).toEqual(erased);
  });
});
