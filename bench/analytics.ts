/**
 * The service-quality dashboard's latency against volume: p95 of a 90-day, all-units query (by
 * week, as the dashboard opens) with the figures of 1,000 tickets kept, then of 100,000. The
 * figures are what the stream consumer keeps: every synthetic ticket's contributions (the same
 * `contributions()`), summed per bucket and written to a table of their own. A read is served from
 * the buckets alone, so the ratio should stay near 1 however many tickets there are.
 */
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoFiguresReader } from '../shared/adapters/dynamodb/figures-reader.ts';
import { FixedClock, MemoryAuditLog } from '../shared/adapters/memory/index.ts';
import { MemoryQuestionLog } from '../shared/adapters/memory/question-log.ts';
import { competences } from '../shared/domain/competences.ts';
import { contributions } from '../shared/domain/figures/contributions.ts';
import { buildServiceFigures } from '../shared/use-cases/figures/service-figures.ts';
import type { StaffCaller } from '../shared/use-cases/staff-audit.ts';

const channels = ['web', 'email', 'postal', 'phone'] as const;
const dayMs = 86_400_000;
// The bench's "now": Wednesday 2026-11-18, 10:00 in Riga; tickets over the 120 days before it.
const now = Date.parse('2026-11-18T08:00:00.000Z');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** A small seeded generator, so both runs see tickets alike. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ticket `i` of a run: received, most taken and answered within weeks, some closed, some surveyed. */
function ticketImages(i: number, random: () => number): Record<string, unknown>[] {
  const reference = `TA-2026-${String(i).padStart(6, '0')}`;
  const competence = competences[i % competences.length]?.id ?? 'general';
  const channel = channels[Math.floor(random() * channels.length)] ?? 'web';
  const received = now - Math.floor(random() * 120 * dayMs);
  const at = (ms: number) => new Date(Math.min(ms, now - 60_000)).toISOString();
  const deadline = new Date(received + 30 * dayMs).toISOString().slice(0, 10);
  const answered = random() < 0.8 ? received + Math.floor(random() * 25 * dayMs) : undefined;
  const statusChanges: Record<string, unknown>[] = [];
  if (answered !== undefined && answered < now) {
    statusChanges.push({ from: 'open', to: 'answered', by: 'agent', at: at(answered) });
    if (random() < 0.5)
      statusChanges.push({ from: 'answered', to: 'closed', by: 'agent', at: at(answered + dayMs) });
  }
  const last = statusChanges.at(-1);
  const ticket = {
    pk: `TICKET#${reference}`,
    sk: 'TICKET',
    type: 'ticket',
    reference,
    channel,
    competence,
    status: last ? last.to : 'open',
    receivedAt: at(received),
    storedAt: at(received + 1000),
    answerDeadline: deadline,
    firstResponseDue: deadline,
    expectedAnswerBy: deadline,
    client: { name: 'Bench Client', email: `client-${i % 5000}@example.lv` },
    statusChanges,
    ...(answered !== undefined && answered < now ? { firstResponseAt: at(answered) } : {}),
  };
  const images: Record<string, unknown>[] = [ticket];
  if (answered !== undefined && answered < now && random() < 0.3) {
    const invitedAt = at(answered + 60_000);
    images.push({
      pk: ticket.pk,
      sk: 'SURVEY#INVITATION',
      type: 'survey-invitation',
      reference,
      competence,
      channel,
      invitedAt,
      via: 'email',
      outboundId: `survey-${reference}`,
    });
    if (random() < 0.4)
      images.push({
        pk: ticket.pk,
        sk: 'SURVEY',
        type: 'survey',
        reference,
        competence,
        channel,
        language: 'lv',
        satisfaction: 1 + Math.floor(random() * 5),
        answered: (['yes', 'partly', 'no'] as const)[Math.floor(random() * 3)],
        respondedAt: invitedAt,
        updatedAt: invitedAt,
        version: 1,
      });
  }
  return images;
}

/** The buckets `count` tickets make, summed as the stream consumer keeps them. */
function buckets(count: number): Record<string, unknown>[] {
  const random = seeded(17);
  const sums = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < count; i += 1) {
    for (const image of ticketImages(i, random)) {
      for (const delta of contributions(image)) {
        const key = `${delta.pk}\u0000${delta.sk}`;
        const bucket = sums.get(key) ?? { pk: delta.pk, sk: delta.sk };
        bucket[delta.attribute] = Number(bucket[delta.attribute] ?? 0) + delta.n;
        sums.set(key, bucket);
      }
    }
  }
  return [...sums.values()];
}

async function fill(documents: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[]) {
  for (let start = 0; start < items.length; start += 25 * 8) {
    await Promise.all(
      Array.from({ length: 8 }, async (_, n) => {
        let request: Record<string, unknown>[] | undefined = items
          .slice(start + n * 25, start + (n + 1) * 25)
          .map((Item) => ({ PutRequest: { Item } }));
        while (request?.length) {
          const result = await documents.send(new BatchWriteCommand({ RequestItems: { [table]: request } }));
          request = result.UnprocessedItems?.[table] as Record<string, unknown>[] | undefined;
        }
      }),
    );
  }
}

const admin = {
  username: 'bench-admin',
  roles: ['admin'],
  competences: [],
  supervises: [],
  sessionId: 'bench',
  sourceIPAddress: '127.0.0.1',
  userAgent: 'bench',
  requestId: 'bench',
} as unknown as StaffCaller;

async function p95Of(documents: DynamoDBDocumentClient, table: string, samples: number): Promise<number> {
  const deps = {
    figures: new DynamoFiguresReader({ client: documents, figuresTable: table }),
    questionLog: new MemoryQuestionLog(),
    worklists: { outOfOrderTakes: async () => [] },
    audit: new MemoryAuditLog(),
    clock: new FixedClock(new Date(now)),
  };
  const latencies: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = performance.now();
    const figures = await buildServiceFigures(deps, admin, {});
    latencies.push(performance.now() - started);
    if (!figures.rows.some((row) => row.received > 0)) throw new Error('analytics bench: no figures');
  }
  return percentile(latencies, 95);
}

async function table(client: DynamoDBClient, name: string): Promise<string> {
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
  return name;
}

/** p95 in ms of the dashboard's query with the figures of 1,000 tickets, then of `large`. */
export async function analyticsBench(
  client: DynamoDBClient,
  documents: DynamoDBDocumentClient,
  large = 100_000,
) {
  const runId = Date.now().toString(36);
  const small = await table(client, `figures-bench-${runId}-small`);
  const big = await table(client, `figures-bench-${runId}-large`);
  const smallBuckets = buckets(1000);
  await fill(documents, small, smallBuckets);
  const started = performance.now();
  const largeBuckets = buckets(large);
  await fill(documents, big, largeBuckets);
  const fillSeconds = (performance.now() - started) / 1000;
  await p95Of(documents, small, 20); // warm-up
  const smallP95 = await p95Of(documents, small, 100);
  await p95Of(documents, big, 20);
  const bigP95 = await p95Of(documents, big, 100);
  return {
    small: smallP95,
    big: bigP95,
    large,
    buckets: { small: smallBuckets.length, large: largeBuckets.length },
    fillSeconds,
  };
}
