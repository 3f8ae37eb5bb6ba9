/**
 * The sandbox's TTL reaper on DynamoDB Local: an item whose `expiresAt` has passed is deleted, as
 * DynamoDB's TTL deletes it in the cloud; one not yet due, one without a numeric expiry and one
 * rewritten with a later expiry since the scan are kept. Also the sandbox mailbox's pruning.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tables as inventoryTables } from '../../infra/inventory-tables.ts';
import { mailboxStore, pruneMailbox } from '../../infra/local/kept-state.ts';
import { startSandboxExpiry } from '../../infra/local/sandbox-expiry.ts';
import { createTtlReaper, type ExpiringTable } from '../../infra/local/ttl-reaper.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';
import { eventually } from '../support/eventually.ts';

let dynamo: TestDynamo;
let tables: ExpiringTable[];

beforeAll(async () => {
  dynamo = await startTestDynamo();
  tables = inventoryTables.map((table) => ({ ...table, name: dynamo.tables[table.id] }));
}, 60_000);

afterAll(async () => {
  await dynamo?.stop();
});

const now = new Date('2032-03-01T12:00:00Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

async function put(table: string, pk: string, attributes: Record<string, unknown>): Promise<void> {
  await dynamo.documents.send(new PutCommand({ TableName: table, Item: { pk, sk: 'A', ...attributes } }));
}

async function exists(table: string, pk: string): Promise<boolean> {
  const { Item } = await dynamo.documents.send(
    new GetCommand({ TableName: table, Key: { pk, sk: 'A' }, ConsistentRead: true }),
  );
  return Item !== undefined;
}

describe('createTtlReaper', () => {
  it('deletes the items past their expiry in every table with TTL, and only those', async () => {
    // Prepare
    const { tickets, knowledge, audit } = dynamo.tables;
    await put(tickets, 'IDEMPOTENCY#past', { expiresAt: seconds(now) - 1 });
    await put(tickets, 'IDEMPOTENCY#now', { expiresAt: seconds(now) });
    await put(tickets, 'IDEMPOTENCY#future', { expiresAt: seconds(now) + 1 });
    await put(tickets, 'TICKET#none', { status: 'open' });
    await put(tickets, 'TICKET#text', { expiresAt: String(seconds(now) - 100) });
    await put(knowledge, 'QUESTION#past', { expiresAt: seconds(now) - 86_400 });
    // The audit table has no TTL: an `expiresAt` there means nothing to DynamoDB.
    await put(audit, 'AUDIT#past', { expiresAt: seconds(now) - 86_400 });
    const reaper = createTtlReaper({ documents: dynamo.documents, tables });
    // Act
    const result = await reaper.reap(now);
    // Assess
    expect(result).toEqual({ deleted: 3 });
    expect(await exists(tickets, 'IDEMPOTENCY#past')).toBe(false);
    expect(await exists(tickets, 'IDEMPOTENCY#now')).toBe(false);
    expect(await exists(knowledge, 'QUESTION#past')).toBe(false);
    for (const kept of ['IDEMPOTENCY#future', 'TICKET#none', 'TICKET#text'])
      expect(await exists(tickets, kept), kept).toBe(true);
    expect(await exists(audit, 'AUDIT#past')).toBe(true);
    expect(await reaper.reap(now)).toEqual({ deleted: 0 });
  });

  it('reads the time from its clock when not given one, across pages', async () => {
    const table = dynamo.tables.knowledge;
    const padding = 'x'.repeat(2_000);
    for (let index = 0; index < 550; index += 1)
      await put(table, `PAGED#${index}`, { expiresAt: seconds(now) - 10, padding });
    const reaper = createTtlReaper({ documents: dynamo.documents, tables, clock: { now: () => now } });
    expect(await reaper.reap()).toEqual({ deleted: 550 });
    expect(await exists(table, 'PAGED#0')).toBe(false);
    expect(await exists(table, 'PAGED#549')).toBe(false);
  }, 60_000);

  it('keeps an item rewritten with a later expiry after it was read', async () => {
    // Prepare: the item is rewritten between the scan and the delete.
    const table = dynamo.tables.tickets;
    await put(table, 'IDEMPOTENCY#rewritten', { expiresAt: seconds(now) - 5 });
    const documents = new Proxy(dynamo.documents, {
      get(target, property, receiver) {
        if (property !== 'send') return Reflect.get(target, property, receiver);
        return async (command: { constructor: { name: string } }) => {
          if (command.constructor.name === 'DeleteCommand')
            await put(table, 'IDEMPOTENCY#rewritten', { expiresAt: seconds(now) + 3600 });
          return target.send(command as never);
        };
      },
    });
    // Act
    const result = await createTtlReaper({ documents, tables: [tables[0] as ExpiringTable] }).reap(now);
    // Assess
    expect(result).toEqual({ deleted: 0 });
    expect(await exists(table, 'IDEMPOTENCY#rewritten')).toBe(true);
  });
});

describe('pruneMailbox', () => {
  beforeEach(() => {
    (mailboxStore().getStoreReadonly().emails as unknown[]).length = 0;
  });

  it('removes the mail stored before the cutoff from the emulator’s store, in place', () => {
    const store = mailboxStore();
    const mail = (messageId: string, at: Date) => ({
      messageId,
      destination: { to: ['anna@example.lv'] },
      at: seconds(at),
    });
    const cutoff = new Date('2032-02-01T00:00:00Z');
    const emails = store.getStoreReadonly().emails;
    emails.push(
      mail('old', new Date('2032-01-01T00:00:00Z')),
      mail('edge', cutoff),
      mail('new', new Date('2032-02-15T00:00:00Z')),
    );
    expect(pruneMailbox(cutoff)).toBe(1);
    expect(
      store.getStoreReadonly().emails.map((email) => (email as { messageId: string }).messageId),
    ).toEqual(['edge', 'new']);
    expect(store.getStoreReadonly().emails).toBe(emails);
    expect(pruneMailbox(cutoff)).toBe(0);
  });
});

describe('startSandboxExpiry', () => {
  it('expires what is due on its timer, and at a given instant on request, until stopped', async () => {
    // Prepare
    const table = dynamo.tables.tickets;
    await put(table, 'IDEMPOTENCY#timer', { expiresAt: seconds(new Date()) - 1 });
    await put(table, 'IDEMPOTENCY#later', { expiresAt: seconds(now) - 1 });
    // Act: the timer's first run at once, with the time.
    const expiry = startSandboxExpiry({
      dynamoEndpoint: dynamo.endpoint,
      tables,
      firstRunAfterMs: 0,
      intervalMs: 3_600_000,
    });
    try {
      await eventually(async () => ((await exists(table, 'IDEMPOTENCY#timer')) ? undefined : true), 10_000);
      expect(await exists(table, 'IDEMPOTENCY#later')).toBe(true);
      // Moved forward: what expires by then goes, and the mailbox with the same instant.
      expect(await expiry.run(now)).toMatchObject({ deleted: 1 });
      expect(await exists(table, 'IDEMPOTENCY#later')).toBe(false);
    } finally {
      await expiry.stop();
    }
    // Assess
    await expect(expiry.run(now)).rejects.toThrow('stopping');
  });
});
