/**
 * Rectification moves every index item derived from the client's data, on the memory adapters and
 * on DynamoDB Local: after a correction of the email, phone, name and address, the data subject
 * is no longer found by any old value (client key, email, phone, name with address) and is found
 * by every new one; a pending callback moves to the corrected phone, a callback already made keeps
 * its number (it is still on the ticket, so the ticket is still found by it); and on DynamoDB an
 * index item missing for a value not changed is written back.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log.ts';
import { DynamoClientRectification } from '../../shared/adapters/dynamodb/client-rectification.ts';
import { subjectTicketKey } from '../../shared/adapters/dynamodb/data-subject-items.ts';
import { DynamoDataSubjectRecords } from '../../shared/adapters/dynamodb/data-subjects.ts';
import { DynamoThreading } from '../../shared/adapters/dynamodb/threading.ts';
import { DynamoTicketDesk } from '../../shared/adapters/dynamodb/ticket-desk.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { MemoryClientRectification } from '../../shared/adapters/memory/client-rectification.ts';
import { MemoryDataSubjects } from '../../shared/adapters/memory/data-subjects.ts';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryTicketDesk,
  MemoryTicketStore,
} from '../../shared/adapters/memory/index.ts';
import { MemoryObjectVersions } from '../../shared/adapters/memory/object-versions.ts';
import type { CompetenceId } from '../../shared/domain/competences.ts';
import { clientGroupId } from '../../shared/domain/ids.ts';
import {
  normaliseEmail,
  normaliseNameAddress,
  normalisePhone,
  subjectKey,
} from '../../shared/domain/pseudonyms.ts';
import type { Client, Ticket } from '../../shared/domain/ticket.ts';
import type { DataSubjectRecords } from '../../shared/ports/data-subjects.ts';
import type { TicketStore } from '../../shared/ports/ticket-store.ts';
import { type RectifyClientDeps, rectifyClient } from '../../shared/use-cases/rectify-client.ts';
import type { StaffCaller } from '../../shared/use-cases/staff-audit.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';
import { newTicket } from '../support/tickets.ts';
import { aTicket, unique, uniqueUnit } from './ports/ports-under-test.ts';

interface Adapters {
  readonly store: TicketStore;
  readonly records: DataSubjectRecords;
  readonly deps: RectifyClientDeps;
}

let dynamo: TestDynamo | undefined;
beforeAll(async () => {
  dynamo = await startTestDynamo();
});
afterAll(async () => {
  await dynamo?.stop();
});

const clock = new FixedClock('2026-12-10T10:00:00Z');

function memoryAdapters(): Adapters {
  const store = new MemoryTicketStore();
  return {
    store,
    records: new MemoryDataSubjects(store, new MemoryObjectVersions()),
    deps: {
      desk: new MemoryTicketDesk(store),
      threads: store,
      rectification: new MemoryClientRectification(store),
      audit: new MemoryAuditLog(),
      clock,
    },
  };
}

function dynamoAdapters(): Adapters {
  if (!dynamo) throw new Error('DynamoDB Local did not start');
  const { documents, tables } = dynamo;
  const dynamoTables = { client: documents, ticketsTable: tables.tickets, auditTable: tables.audit };
  return {
    store: new DynamoTicketStore(dynamoTables),
    records: new DynamoDataSubjectRecords({ ...dynamoTables, knowledgeTable: tables.knowledge }),
    deps: {
      desk: new DynamoTicketDesk(dynamoTables),
      threads: new DynamoThreading(dynamoTables),
      rectification: new DynamoClientRectification(dynamoTables),
      audit: new DynamoAuditLog({ client: documents, auditTable: tables.audit }),
      clock,
    },
  };
}

/** Every key the data subject `client` is searched by. */
function searchKeys(client: Client): Record<string, string> {
  const address = client.postalAddress;
  return {
    clientKey: clientGroupId(client.email),
    email: subjectKey('email', normaliseEmail(client.email)),
    ...(client.phone ? { phone: subjectKey('phone', normalisePhone(client.phone)) } : {}),
    ...(address
      ? { nameAddress: subjectKey('name-address', normaliseNameAddress(client.name, address)) }
      : {}),
  };
}

/** The tickets found by each key, by the key's name. */
async function found(records: DataSubjectRecords, keys: Record<string, string>) {
  const entries = await Promise.all(
    Object.entries(keys).map(async ([name, key]) => [name, await records.ticketsOf([key])] as const),
  );
  return Object.fromEntries(entries);
}

/** An agent of `unit`. */
function agentOf(unit: CompetenceId): StaffCaller {
  return {
    username: 'agent.anna',
    roles: ['agent'],
    competences: [unit],
    supervises: [],
    expiresAt: 2_000_000_000,
    issuedAt: 1_900_000_000,
    sessionId: 'session-agent',
    sourceIPAddress: '192.0.2.9',
    userAgent: 'test',
    requestId: 'request-agent',
  };
}

function rectificationKeysContract(make: () => Adapters) {
  const unit = uniqueUnit();
  const caller = agentOf(unit);

  async function ticketOf(adapters: Adapters, client: Client, callback?: Ticket['callback']) {
    const ticket = aTicket(unit, { client, ...(callback ? { callback } : {}) });
    await adapters.store.createTickets([newTicket(ticket)]);
    return ticket;
  }

  // Phones of their own too: the DynamoDB tests share one table.
  let phones = 0;
  const phone = () => {
    phones += 1;
    return `+37120${String(phones).padStart(6, '0')}`;
  };
  const clientNamed = (name: string): Client => ({
    name: 'Anna Kalniņa',
    email: `${unique(name)}@exmaple.lv`,
    phone: phone(),
    postalAddress: { addressLine: 'Brīvības iela 1', place: 'Rīga', postalCode: 'LV-1010' },
  });
  const corrected = (old: Client): Client => ({
    name: 'Anna Ozola',
    email: old.email.replace('@exmaple.lv', '@example.lv'),
    phone: phone(),
    postalAddress: { addressLine: 'Brīvības iela 2', place: 'Rīga', postalCode: 'LV-1011' },
  });

  it('finds the ticket by none of the old values and by every new one, the pending callback’s phone moved', async () => {
    // Prepare
    const adapters = make();
    const old = clientNamed('anna');
    const ticket = await ticketOf(adapters, old, { phone: old.phone ?? '' });
    expect(Object.values(await found(adapters.records, searchKeys(old)))).toEqual(
      Object.values(searchKeys(old)).map(() => [ticket.reference]),
    );
    const now = corrected(old);

    // Act
    const result = await rectifyClient(adapters.deps, caller, ticket.reference, {
      ...now,
      reason: 'Klients norādīja pareizos datus',
    });

    // Assess
    expect(result.changed).toEqual(['name', 'email', 'phone', 'postalAddress']);
    const none = Object.fromEntries(Object.keys(searchKeys(old)).map((name) => [name, []]));
    expect(await found(adapters.records, searchKeys(old))).toEqual(none);
    const all = Object.fromEntries(Object.keys(searchKeys(now)).map((name) => [name, [ticket.reference]]));
    expect(await found(adapters.records, searchKeys(now))).toEqual(all);
    expect((await adapters.store.getTicket(ticket.reference))?.callback?.phone).toBe(now.phone);
  });

  it('moves each value on its own: a change of the name alone moves the name-and-address key only', async () => {
    const adapters = make();
    const old = clientNamed('berta');
    const ticket = await ticketOf(adapters, old);

    await rectifyClient(adapters.deps, caller, ticket.reference, {
      name: 'Berta Liepa',
      reason: 'Precizēts',
    });

    const now = { ...old, name: 'Berta Liepa' };
    expect(await found(adapters.records, searchKeys(old))).toEqual({
      clientKey: [ticket.reference],
      email: [ticket.reference],
      phone: [ticket.reference],
      nameAddress: [],
    });
    expect((await found(adapters.records, searchKeys(now))).nameAddress).toEqual([ticket.reference]);
  });

  it('keeps a made callback’s number, which the ticket still holds, findable', async () => {
    const adapters = make();
    const old = clientNamed('cilda');
    const done = { by: 'agent.anna', at: '2026-12-05T10:00:00.000Z', outcome: 'reached' as const };
    const ticket = await ticketOf(adapters, old, { phone: old.phone ?? '', done });

    const newPhone = phone();
    await rectifyClient(adapters.deps, caller, ticket.reference, { phone: newPhone, reason: 'Jauns numurs' });

    const stored = await adapters.store.getTicket(ticket.reference);
    expect(stored?.callback?.phone).toBe(old.phone);
    expect(await adapters.records.ticketsOf([searchKeys(old).phone ?? ''])).toEqual([ticket.reference]);
    expect(await adapters.records.ticketsOf([subjectKey('phone', normalisePhone(newPhone))])).toEqual([
      ticket.reference,
    ]);
  });
}

describe('rectification keys on memory', () => rectificationKeysContract(memoryAdapters));
describe('rectification keys on DynamoDB', () => {
  rectificationKeysContract(dynamoAdapters);

  it('writes back an index item of an unchanged value that was missing', async () => {
    const adapters = dynamoAdapters();
    const unit = uniqueUnit();
    const client: Client = { name: 'Dace Bērziņa', email: `${unique('dace')}@example.lv` };
    const ticket = aTicket(unit, { client });
    await adapters.store.createTickets([newTicket(ticket)]);
    const email = searchKeys(client).email ?? '';
    await dynamo?.documents.send(
      new DeleteCommand({ TableName: 'tickets', Key: subjectTicketKey(email, ticket.reference) }),
    );
    expect(await adapters.records.ticketsOf([email])).toEqual([]);

    await rectifyClient(adapters.deps, agentOf(unit), ticket.reference, {
      name: 'Dace Liepa',
      reason: 'Precizēts',
    });

    expect(await adapters.records.ticketsOf([email])).toEqual([ticket.reference]);
  });
});
