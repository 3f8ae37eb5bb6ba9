/**
 * The figures writer on DynamoDB Local: the transaction of bookkeeping and bucket additions, its
 * condition, and the rebuild's scan of the tickets table, after a randomised workload delivered
 * with duplicates and replays, written in steps.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials, localRegion } from '../../infra/local/emulators.ts';
import { DynamoFiguresStore } from '../../shared/adapters/dynamodb/figures-store.ts';
import { MemoryFiguresStore } from '../../shared/adapters/memory/figures-store.ts';
import { MemoryFiguresTable } from '../../shared/adapters/memory/figures-table.ts';
import { applyChange, applyChanges } from '../../shared/use-cases/figures/apply-changes.ts';
import { rebuildFigures } from '../../shared/use-cases/figures/rebuild-figures.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';
import { randomWorkload, redelivered } from '../support/figures-workload.ts';

let dynamo: TestDynamo;
let tables = 0;

beforeAll(async () => {
  dynamo = await startTestDynamo();
});

afterAll(async () => {
  await dynamo?.stop();
});

/** A fresh `figures` table as the inventory describes it: `pk`/`sk`, no index. */
async function figuresTable(): Promise<string> {
  tables += 1;
  const name = `figures-${tables}`;
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: localRegion,
    credentials: localCredentials,
  });
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  client.destroy();
  return name;
}

const take = {
  pk: 'TAKES#civil#2026-03',
  sk: '2026-03-10T09:00:00.000Z#TA-1',
  competence: 'civil',
  takenAt: '2026-03-10T09:00:00.000Z',
  inOrder: false,
};
const source = { pk: take.pk, sk: take.sk };

describe('DynamoFiguresStore', () => {
  it('writes the bookkeeping and adds to the buckets in one transaction, conditional on the revision', async () => {
    const store = new DynamoFiguresStore({ client: dynamo.documents, figuresTable: await figuresTable() });
    const book = { source, sequence: '5', applied: { 'FIG#d#2026-03-10|civil#-|taken': 1 }, revision: 1 };
    const adds = [{ pk: 'FIG#d#2026-03-10', sk: 'civil#-', add: { taken: 1, takenOutOfOrder: 1 } }];
    expect(await store.write({ book, expectedRevision: undefined, adds })).toBe('written');
    // A second writer that read nothing, or an older revision, loses: nothing is added.
    expect(await store.write({ book, expectedRevision: undefined, adds })).toBe('conflict');
    expect(await store.write({ book: { ...book, revision: 2 }, expectedRevision: 7, adds })).toBe('conflict');
    expect(await store.book(source)).toEqual(book);
    expect(
      await store.write({
        book: { ...book, revision: 2 },
        expectedRevision: 1,
        adds: [{ ...adds[0]!, add: { taken: -1 } }],
      }),
    ).toBe('written');
    expect(await store.buckets()).toEqual([
      { pk: 'FIG#d#2026-03-10', sk: 'civil#-', values: { taken: 0, takenOutOfOrder: 1 } },
    ]);
    expect(await store.books()).toEqual([{ ...book, revision: 2 }]);
  });

  it('keeps the same figures as the memory store and the rebuild after a redelivered workload', async () => {
    const figures = await figuresTable();
    const { records, finalItems } = randomWorkload(2026, 40);
    // The source items in the tickets table, and one item that is no figure source.
    for (const item of finalItems)
      await dynamo.documents.send(new PutCommand({ TableName: dynamo.tables.tickets, Item: item }));
    await dynamo.documents.send(
      new PutCommand({
        TableName: dynamo.tables.tickets,
        Item: { pk: 'TICKET#X', sk: 'MESSAGE#1', type: 'message' },
      }),
    );
    const store = new DynamoFiguresStore({
      client: dynamo.documents,
      figuresTable: figures,
      ticketsTable: dynamo.tables.tickets,
    });
    const delivered = redelivered(records, 2026);
    // Three buckets a transaction: most changes are written in steps.
    expect((await applyChanges({ figures: store, bucketsPerWrite: 3 }, delivered)).failed).toBeUndefined();

    const memory = new MemoryFiguresTable();
    await applyChanges({ figures: new MemoryFiguresStore(memory) }, records);
    const nonZero = (values: Record<string, number>) =>
      Object.fromEntries(Object.entries(values).filter(([, n]) => n));
    const byKey = (buckets: { pk: string; sk: string; values: Record<string, number> }[]) =>
      Object.fromEntries(buckets.map((bucket) => [`${bucket.pk}|${bucket.sk}`, nonZero(bucket.values)]));
    expect(byKey(await store.buckets())).toEqual(byKey(await new MemoryFiguresStore(memory).buckets()));

    const check = await rebuildFigures({ store }, { write: false });
    expect(check.sources).toBe(finalItems.length);
    expect(check.differences).toEqual([]);
    expect(check.booksDiffering).toBe(0);
  });

  it('replaces buckets and bookkeeping with the rebuild’s recount', async () => {
    const figures = await figuresTable();
    const store = new DynamoFiguresStore({
      client: dynamo.documents,
      figuresTable: figures,
      ticketsTable: dynamo.tables.tickets,
    });
    await dynamo.documents.send(new PutCommand({ TableName: dynamo.tables.tickets, Item: take }));
    await dynamo.documents.send(
      new PutCommand({ TableName: figures, Item: { pk: 'FIG#d#2020-01-01', sk: 'civil#web', received: 4 } }),
    );
    const before = await rebuildFigures({ store }, { write: false });
    expect(before.differences).toContainEqual({
      pk: 'FIG#d#2020-01-01',
      sk: 'civil#web',
      attribute: 'received',
      kept: 4,
      recounted: 0,
    });
    await rebuildFigures({ store }, { write: true });
    const after = await rebuildFigures({ store }, { write: false });
    expect(after.differences).toEqual([]);
    expect(after.booksDiffering).toBe(0);
    const items = (await dynamo.documents.send(new ScanCommand({ TableName: figures }))).Items ?? [];
    expect(items.some((item) => item.pk === 'FIG#d#2020-01-01')).toBe(false);
    expect(items).toContainEqual({ pk: 'FIG#d#2026-03-10', sk: 'civil#-', taken: 1, takenOutOfOrder: 1 });
    // The stream carries on from the recount: the take seen again adds nothing.
    expect(await applyChange({ figures: store }, { source, image: take, sequence: '1' })).toBe('applied');
    expect((await rebuildFigures({ store }, { write: false })).differences).toEqual([]);
  });
});
