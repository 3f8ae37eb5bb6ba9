/**
 * Keyed pseudonyms on DynamoDB Local: a new ticket is written with its data-subject index items;
 * the migration moves what the legacy (unkeyed) client key held — the client index attribute, the
 * sender and survey-cap flags, the first mail's message-id key — to the keyed key, backfills the
 * index, is resumed after a stop, changes nothing when run again, and is audited with counts only;
 * and it never undoes an erasure or a rectification made while it runs.
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePseudonyms } from '../../shared/adapters/dynamodb/pseudonym-migration.ts';
import { subjectIndexItem, ticketSubjectKeys } from '../../shared/adapters/dynamodb/subject-items.ts';
import { ticketItem } from '../../shared/adapters/dynamodb/ticket-items.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { MemoryAuditLog } from '../../shared/adapters/memory/index.ts';
import { clientGroupId, legacyClientKey } from '../../shared/domain/ids.ts';
import { messageIdKey } from '../../shared/domain/threading.ts';
import type { Ticket } from '../../shared/domain/ticket.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';
import { testPseudonymSecret } from '../support/pseudonym-test-key.ts';
import { newTicket, testTicket } from '../support/tickets.ts';

let dynamo: TestDynamo;
let documents: DynamoDBDocumentClient;
const tables = () => ({ client: documents, ticketsTable: 'tickets', auditTable: 'audit' });
const to = { version: 1, secret: testPseudonymSecret };

beforeAll(async () => {
  dynamo = await startTestDynamo();
  documents = dynamo.documents;
});

afterAll(async () => {
  await dynamo?.stop();
});

const get = async (pk: string, sk: string) =>
  (await documents.send(new GetCommand({ TableName: 'tickets', Key: { pk, sk } }))).Item;

const clientOf = (n: number) => ({
  name: `Klients ${n}`,
  email: `Klients.${n}@Example.lv`,
  phone: `2900000${n}`,
  postalAddress: { addressLine: `Iela ${n}`, place: 'Rīga', postalCode: 'LV-1010' },
});

describe('a new ticket', () => {
  it('is written with its data-subject index items, which hold the reference and nothing else', async () => {
    const store = new DynamoTicketStore(tables());
    const ticket: Ticket = {
      ...testTicket('TA-2026-700001', 'general', {
        receivedAt: '2026-11-27T10:00:00.000Z',
        answerDeadline: '2026-12-28',
      }),
      client: clientOf(1),
    };
    expect(await store.createTickets([newTicket(ticket)])).toEqual(['created']);
    const keys = ticketSubjectKeys(ticket);
    expect(keys).toHaveLength(3);
    for (const key of keys) {
      const item = await get(`SUBJECT#${key}`, 'TICKET#TA-2026-700001');
      expect(item).toEqual(subjectIndexItem(key, 'TA-2026-700001'));
    }
    expect((await get('TICKET#TA-2026-700001', 'TICKET'))?.clientKey).toBe(
      clientGroupId(ticket.client.email),
    );
  });
});

describe('the migration', () => {
  const references = ['TA-2025-800001', 'TA-2025-800002', 'TA-2025-800003'];
  const tickets = references.map(
    (reference, n): Ticket => ({
      ...testTicket(reference, 'general', {
        receivedAt: '2025-11-27T10:00:00.000Z',
        answerDeadline: '2025-12-28',
      }),
      client: clientOf(n + 2),
      email: { messageId: `<first-${n}@mail.example.lv>`, references: [] },
    }),
  );

  beforeAll(async () => {
    // As written before the keys were keyed: the legacy client key everywhere, no subject index.
    for (const ticket of tickets) {
      const legacy = legacyClientKey(ticket.client.email);
      await documents.send(
        new PutCommand({ TableName: 'tickets', Item: { ...ticketItem(ticket), clientKey: legacy } }),
      );
      await documents.send(
        new PutCommand({
          TableName: 'tickets',
          Item: {
            pk: `MSGID#${messageIdKey(ticket.email?.messageId ?? '', legacy)}`,
            sk: 'MSGID',
            type: 'msgid',
            reference: ticket.reference,
          },
        }),
      );
    }
    const first = legacyClientKey(tickets[0]!.client.email);
    await documents.send(
      new PutCommand({
        TableName: 'tickets',
        Item: { pk: `SENDER#${first}`, sk: 'SENDER', endedAt: '2025-12-01' },
      }),
    );
    await documents.send(
      new PutCommand({
        TableName: 'tickets',
        Item: { pk: `SURVEYCAP#${first}`, sk: 'SURVEYCAP', until: '2026-01-01', expiresAt: 1 },
      }),
    );
  });

  it('stops after its bounded run, is resumed, and moves every legacy-keyed item to the keyed key', async () => {
    const audit = new MemoryAuditLog();
    const stopped = await migratePseudonyms(tables(), { to, audit, pageSize: 1, maxPages: 1 });
    expect(stopped.done).toBe(false);
    expect(audit.records).toHaveLength(0);
    const finished = await migratePseudonyms(tables(), { to, audit, pageSize: 1 });
    expect(finished.done).toBe(true);
    for (const ticket of tickets) {
      const keyed = clientGroupId(ticket.client.email);
      const legacy = legacyClientKey(ticket.client.email);
      expect((await get(`TICKET#${ticket.reference}`, 'TICKET'))?.clientKey).toBe(keyed);
      const id = ticket.email?.messageId ?? '';
      expect((await get(`MSGID#${messageIdKey(id, keyed)}`, 'MSGID'))?.reference).toBe(ticket.reference);
      expect(await get(`MSGID#${messageIdKey(id, legacy)}`, 'MSGID')).toBeUndefined();
      for (const key of ticketSubjectKeys(ticket))
        expect(await get(`SUBJECT#${key}`, `TICKET#${ticket.reference}`)).toBeDefined();
    }
    const first = tickets[0]!.client.email;
    expect(await get(`SENDER#${legacyClientKey(first)}`, 'SENDER')).toBeUndefined();
    expect((await get(`SENDER#${clientGroupId(first)}`, 'SENDER'))?.endedAt).toBe('2025-12-01');
    expect((await get(`SURVEYCAP#${clientGroupId(first)}`, 'SURVEYCAP'))?.until).toBe('2026-01-01');
    expect(finished.counts).toMatchObject({ senders: 1, surveyCaps: 1, messageIds: 3 });
    expect(finished.counts.clientKeys).toBeGreaterThanOrEqual(3);
    // One record, counts only: no address, no key.
    expect(audit.records.map((record) => record.eventName)).toEqual(['RekeyPseudonyms']);
    const text = JSON.stringify(audit.records);
    expect(text).not.toMatch(/@example\.lv|client-[0-9a-f]{40}|subject-/i);
  });

  it('changes nothing when run again (a finished pass is skipped; forced, it finds nothing to move)', async () => {
    const before = await documents.send(new ScanCommand({ TableName: 'tickets' }));
    const audit = new MemoryAuditLog();
    expect(await migratePseudonyms(tables(), { to, audit })).toMatchObject({ done: true, skipped: true });
    const forced = await migratePseudonyms(tables(), { to, audit, force: true });
    expect(forced.counts).toMatchObject({ clientKeys: 0, senders: 0, surveyCaps: 0, messageIds: 0 });
    const after = await documents.send(new ScanCommand({ TableName: 'tickets' }));
    const withoutProgress = (items: Record<string, unknown>[] = []) =>
      items
        .filter((item) => !String(item.pk).startsWith('MIGRATION#'))
        .sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`));
    expect(withoutProgress(after.Items)).toEqual(withoutProgress(before.Items));
  });
});

describe('the migration and a change made while it runs', () => {
  const ticketOf = (reference: string, n: number): Ticket => ({
    ...testTicket(reference, 'general', {
      receivedAt: '2025-10-01T10:00:00.000Z',
      answerDeadline: '2025-11-01',
    }),
    client: clientOf(n),
  });
  const putLegacy = (ticket: Ticket) =>
    documents.send(
      new PutCommand({
        TableName: 'tickets',
        Item: { ...ticketItem(ticket), clientKey: legacyClientKey(ticket.client.email) },
      }),
    );
  /** The tables, with `meanwhile` run once right after the scan page that holds `reference` is read. */
  const changingAfterScan = (reference: string, meanwhile: () => Promise<void>) => {
    let done = false;
    const send = async (command: unknown) => {
      const out = await documents.send(command as never);
      const items = (out as { Items?: Record<string, unknown>[] }).Items;
      if (!done && command instanceof ScanCommand && items?.some((item) => item.reference === reference)) {
        done = true;
        await meanwhile();
      }
      return out;
    };
    return { ...tables(), client: { send } as unknown as DynamoDBDocumentClient };
  };
  const withoutClientKey = ({ clientKey: _, ...item }: Record<string, unknown>) => item;
  const subjectItemsOf = async (reference: string) =>
    (
      (await documents.send(new ScanCommand({ TableName: 'tickets', ConsistentRead: true }))).Items ?? []
    ).filter((item) => String(item.pk).startsWith('SUBJECT#') && item.sk === `TICKET#${reference}`);

  it('leaves alone a ticket erased after the scan read it, and one erased before', async () => {
    const erasedMeanwhile = ticketOf('TA-2025-810001', 11);
    const erasedBefore = ticketOf('TA-2025-810002', 12);
    await putLegacy(erasedMeanwhile);
    await documents.send(
      new PutCommand({
        TableName: 'tickets',
        Item: {
          // As the erasure leaves it: no client index attribute.
          ...withoutClientKey(ticketItem({ ...erasedBefore, client: { name: '', email: '' } })),
          erasedAt: '2025-12-01T00:00:00.000Z',
          erasure: { basis: 'request' },
        },
      }),
    );
    const erase = async () => {
      // As the erasure does: the client emptied, the client index attribute and subject items gone.
      await documents.send(
        new UpdateCommand({
          TableName: 'tickets',
          Key: { pk: 'TICKET#TA-2025-810001', sk: 'TICKET' },
          UpdateExpression: 'SET #client = :empty, erasedAt = :at, erasure = :erasure REMOVE clientKey',
          ExpressionAttributeNames: { '#client': 'client' },
          ExpressionAttributeValues: {
            ':empty': { name: '', email: '' },
            ':at': '2025-12-02T00:00:00.000Z',
            ':erasure': { basis: 'request' },
          },
        }),
      );
    };
    const audit = new MemoryAuditLog();
    const result = await migratePseudonyms(changingAfterScan('TA-2025-810001', erase), {
      to,
      audit,
      force: true,
    });
    expect(result.done).toBe(true);
    expect(result.counts.changedMeanwhile).toBe(1);
    const after = await get('TICKET#TA-2025-810001', 'TICKET');
    expect(after).toMatchObject({ client: { name: '', email: '' }, erasedAt: '2025-12-02T00:00:00.000Z' });
    expect(after).not.toHaveProperty('clientKey');
    expect(await subjectItemsOf('TA-2025-810001')).toEqual([]);
    const before = await get('TICKET#TA-2025-810002', 'TICKET');
    expect(before).not.toHaveProperty('clientKey');
    expect(before?.client).toEqual({ name: '', email: '' });
    expect(await subjectItemsOf('TA-2025-810002')).toEqual([]);
  });

  it('does not overwrite a ticket whose address was corrected after the scan read it', async () => {
    const ticket = ticketOf('TA-2025-810003', 13);
    await putLegacy(ticket);
    const corrected = { ...ticket.client, email: 'jauna.adrese@example.lv' };
    const rectify = async () => {
      // As the rectification does: the new address, its keyed client key and subject items.
      await documents.send(
        new UpdateCommand({
          TableName: 'tickets',
          Key: { pk: 'TICKET#TA-2025-810003', sk: 'TICKET' },
          UpdateExpression: 'SET #client = :client, clientKey = :key',
          ExpressionAttributeNames: { '#client': 'client' },
          ExpressionAttributeValues: { ':client': corrected, ':key': clientGroupId(corrected.email) },
        }),
      );
      for (const key of ticketSubjectKeys({ client: corrected }))
        await documents.send(
          new PutCommand({ TableName: 'tickets', Item: subjectIndexItem(key, 'TA-2025-810003') }),
        );
    };
    const result = await migratePseudonyms(changingAfterScan('TA-2025-810003', rectify), {
      to,
      audit: new MemoryAuditLog(),
      force: true,
    });
    expect(result.counts.changedMeanwhile).toBe(1);
    const after = await get('TICKET#TA-2025-810003', 'TICKET');
    expect(after?.client).toEqual(corrected);
    expect(after?.clientKey).toBe(clientGroupId(corrected.email));
    const keys = (await subjectItemsOf('TA-2025-810003')).map((item) => String(item.pk)).sort();
    expect(keys).toEqual(
      ticketSubjectKeys({ client: corrected })
        .map((key) => `SUBJECT#${key}`)
        .sort(),
    );
    // The old address's subject key (not shared with the corrected data) is not written back.
    const oldEmailKey = ticketSubjectKeys({ client: { name: '', email: ticket.client.email } });
    for (const key of oldEmailKey) expect(keys).not.toContain(`SUBJECT#${key}`);
  });
});
