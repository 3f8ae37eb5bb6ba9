/**
 * The figures' reader over hand-made buckets, in memory and on DynamoDB Local: a span's sums equal
 * the days' figures added up, whatever whole years, months and weeks it reads; the backlog from the
 * beginning; filters by unit and channel. Also times the two ways of reading on DynamoDB Local.
 */
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials, localRegion } from '../../infra/local/emulators.ts';
import { DynamoFiguresReader } from '../../shared/adapters/dynamodb/figures-reader.ts';
import { MemoryFiguresReader } from '../../shared/adapters/memory/figures-reader.ts';
import { MemoryFiguresTable } from '../../shared/adapters/memory/figures-table.ts';
import { answerBin, bucketSk, firstResponseBin } from '../../shared/domain/figures/layout.ts';
import { type FiguresReader, figuresEpoch, plusDays } from '../../shared/ports/figures-reader.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';
import { bucketsOf, type DayFigures } from '../support/figures-buckets.ts';

/** A pseudo-random but fixed workload: `count` days of figures over three years, three units. */
function workload(count: number): DayFigures[] {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const units = ['court-fees', 'land-registry', 'insolvency'];
  const channels = ['web', 'email', 'postal', 'phone', '-'] as const;
  return Array.from({ length: count }, () => {
    const channel = channels[next(5)] ?? 'web';
    const values: Record<string, number> =
      channel === '-'
        ? { taken: 1 + next(3), takenOutOfOrder: next(2) }
        : {
            received: 1 + next(4),
            backlog: next(5) - 1,
            answered: next(3),
            [firstResponseBin(next(6))]: 1,
            [answerBin(next(20))]: 1,
          };
    return {
      day: plusDays('2024-01-01', next(3 * 365)),
      sk: bucketSk(units[next(3)] ?? 'x', channel),
      values,
    };
  });
}

const days = workload(600);

/** The brute-force sum of `name` over a span's days, per sort key. */
function expected(name: string, from: string, to: string, keep: (sk: string) => boolean = () => true) {
  const sums = new Map<string, number>();
  for (const { day, sk, values } of days)
    if (day >= from && day <= to && keep(sk) && values[name] !== undefined)
      sums.set(sk, (sums.get(sk) ?? 0) + (values[name] ?? 0));
  return sums;
}

function actual(figures: ReadonlyMap<string, { counters: Record<string, number> }>, name: string) {
  const sums = new Map<string, number>();
  for (const [sk, bucket] of figures) if (bucket.counters[name]) sums.set(sk, bucket.counters[name] ?? 0);
  return sums;
}

const allUnits = { competences: ['court-fees', 'land-registry', 'insolvency'] };
const nonZero = (sums: Map<string, number>) => new Map([...sums].filter(([, value]) => value !== 0));

let dynamo: TestDynamo;
const table = 'figures';
const memoryTable = new MemoryFiguresTable();

beforeAll(async () => {
  dynamo = await startTestDynamo();
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: localRegion,
    credentials: localCredentials,
  });
  // The inventory's `figures` table, when this branch's inventory does not create it yet.
  if (!((await client.send(new ListTablesCommand({}))).TableNames ?? []).includes(table))
    await client.send(
      new CreateTableCommand({
        TableName: table,
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
  const items = bucketsOf(days);
  for (const item of items) memoryTable.put(item as Record<string, unknown> & { pk: string; sk: string });
  for (let start = 0; start < items.length; start += 25)
    await dynamo.documents.send(
      new BatchWriteCommand({
        RequestItems: { [table]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
}, 60_000);

afterAll(async () => {
  await dynamo?.stop();
});

const readers: [string, () => FiguresReader][] = [
  ['memory', () => new MemoryFiguresReader(memoryTable)],
  ['DynamoDB (query)', () => new DynamoFiguresReader({ client: dynamo.documents, figuresTable: table })],
  [
    'DynamoDB (batch)',
    () => new DynamoFiguresReader({ client: dynamo.documents, figuresTable: table, strategy: 'batch' }),
  ],
];

describe.each(readers)('the figures reader (%s)', (_name, reader) => {
  it('sums any span exactly: edges of days, whole weeks, months and years', async () => {
    const spans = [
      { from: '2024-01-01', to: '2026-12-31' },
      { from: '2024-02-27', to: '2025-03-04' },
      { from: '2025-06-10', to: '2025-06-10' },
      { from: '2025-12-29', to: '2026-01-04' },
      { from: '2026-03-15', to: '2026-06-14' },
    ];
    const sums = await reader().sums(spans, allUnits);
    spans.forEach((span, index) => {
      const figures = sums[index] ?? new Map();
      for (const name of ['received', 'answered', 'taken', 'takenOutOfOrder'])
        expect(nonZero(actual(figures, name)), `${name} ${span.from}..${span.to}`).toEqual(
          nonZero(expected(name, span.from, span.to)),
        );
      // The histograms: every duration once.
      const durations = [...figures.values()].reduce(
        (total, bucket) => total + [...bucket.answer.values()].reduce((a, b) => a + b, 0),
        0,
      );
      expect(durations).toBe(
        days.filter(
          (day) =>
            day.day >= span.from &&
            day.day <= span.to &&
            Object.keys(day.values).some((k) => k.startsWith('ans_')),
        ).length,
      );
    });
  });

  it('reads the backlog from the beginning: the sum of every change up to a day', async () => {
    const through = '2025-08-20';
    const [before] = await reader().sums([{ from: figuresEpoch, to: through }], allUnits);
    expect(nonZero(actual(before ?? new Map(), 'backlog'))).toEqual(
      nonZero(expected('backlog', figuresEpoch, through)),
    );
  });

  it('keeps to the units and the channel asked for (a channel leaves out the takes)', async () => {
    const span = { from: '2024-05-01', to: '2025-05-31' };
    const [one] = await reader().sums([span], { competences: ['insolvency'] });
    expect(nonZero(actual(one ?? new Map(), 'received'))).toEqual(
      nonZero(expected('received', span.from, span.to, (sk) => sk.startsWith('insolvency#'))),
    );
    expect([...(one?.keys() ?? [])].every((sk) => sk.startsWith('insolvency#'))).toBe(true);
    const [email] = await reader().sums([span], {
      competences: ['insolvency', 'court-fees'],
      channel: 'email',
    });
    expect([...(email?.keys() ?? [])].sort()).toEqual(
      [
        ...nonZero(
          expected('received', span.from, span.to, (sk) => sk.endsWith('#email') && !sk.startsWith('land')),
        ),
      ]
        .map(([sk]) => sk)
        .sort(),
    );
  });
});

describe('reading the figures on DynamoDB Local: a query per partition or a batch of keys', () => {
  it('times a 90-day, all-units dashboard read both ways', async () => {
    // 14 weekly periods, the whole range and the backlog before it: what the analytics API reads.
    const spans = [{ from: figuresEpoch, to: '2026-03-01' }];
    for (let from = '2026-03-02'; from <= '2026-05-31'; from = plusDays(from, 7))
      spans.push({ from, to: plusDays(from, 6) });
    const competences = ['court-fees', 'land-registry', 'insolvency', 'a', 'b', 'c', 'd', 'e'];
    const timing: Record<string, number> = {};
    for (const strategy of ['query', 'batch', 'query', 'batch'] as const) {
      const reader = new DynamoFiguresReader({ client: dynamo.documents, figuresTable: table, strategy });
      const started = performance.now();
      for (let round = 0; round < 5; round += 1) await reader.sums(spans, { competences });
      timing[strategy] = (performance.now() - started) / 5;
    }
    console.info(`figures read, ms per dashboard read: ${JSON.stringify(timing)}`);
    expect(timing.query).toBeGreaterThan(0);
  }, 60_000);
});
