/**
 * Worklist latency against table size: p95 of a worklist page (the oldest 50 new tickets of a
 * unit) with 1,000 tickets in the table, then with 100,000. A worklist page is one Query on each
 * shard of its list's index partitions (merged in receipt order), so the ratio should stay near 1
 * however full the table gets.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { indexKeys } from '../shared/adapters/dynamodb/ticket-store.ts';
import { DynamoWorklists } from '../shared/adapters/dynamodb/worklists.ts';
import { competences } from '../shared/domain/competences.ts';

const statuses = ['new', 'open'] as const;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Writes tickets numbered [from, to) spread over every unit and two statuses, 25 per request. */
async function fill(
  documents: DynamoDBDocumentClient,
  table: string,
  runId: string,
  from: number,
  to: number,
) {
  const writes: Promise<unknown>[] = [];
  const pending: Record<string, unknown>[] = [];
  const flush = async (items: Record<string, unknown>[]) => {
    let request: Record<string, unknown>[] | undefined = items.map((Item) => ({ PutRequest: { Item } }));
    while (request?.length) {
      const result = await documents.send(new BatchWriteCommand({ RequestItems: { [table]: request } }));
      request = result.UnprocessedItems?.[table] as Record<string, unknown>[] | undefined;
    }
  };
  for (let i = from; i < to; i += 1) {
    const competence = competences[i % competences.length]?.id ?? 'general';
    const status = statuses[Math.floor(i / competences.length) % statuses.length] ?? 'new';
    const reference = `TB-${runId}-${String(i).padStart(7, '0')}`;
    const receivedAt = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
    const answerDeadline = new Date(Date.UTC(2026, 1, 1) + (i % 60) * 86_400_000).toISOString().slice(0, 10);
    const client = { name: 'Bench Client', email: `client-${i % 5000}@example.lv` };
    const ticket = { reference, competence, status, receivedAt, answerDeadline, client };
    pending.push({
      pk: `TICKET#${reference}`,
      sk: 'TICKET',
      type: 'ticket',
      ...indexKeys(ticket),
      ...ticket,
      subject: `Benchmark ticket ${i}`,
      body: 'x'.repeat(300),
      expiresAt: Math.floor(Date.now() / 1000) + 86_400,
    });
    if (pending.length === 25) writes.push(flush(pending.splice(0, 25)));
    if (writes.length >= 8) await Promise.all(writes.splice(0, writes.length));
  }
  if (pending.length) writes.push(flush(pending.splice(0)));
  await Promise.all(writes);
}

async function p95Of(worklists: DynamoWorklists, samples: number): Promise<number> {
  const latencies: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const competence = competences[i % competences.length]?.id ?? 'general';
    const started = performance.now();
    const page = await worklists.list({ kind: 'queue', competence, status: 'new' }, { limit: 50 });
    latencies.push(performance.now() - started);
    if (page.items.length === 0) throw new Error('worklist bench: empty worklist');
  }
  return percentile(latencies, 95);
}

export async function worklistBench(documents: DynamoDBDocumentClient, table: string, large = 100_000) {
  const worklists = new DynamoWorklists({ client: documents, ticketsTable: table, auditTable: 'unused' });
  const runId = Date.now().toString(36);
  await fill(documents, table, runId, 0, 1000);
  await p95Of(worklists, 100); // warm-up
  const small = await p95Of(worklists, 400);
  const started = performance.now();
  await fill(documents, table, runId, 1000, large);
  const fillSeconds = (performance.now() - started) / 1000;
  await p95Of(worklists, 100);
  const big = await p95Of(worklists, 400);
  return { small, big, large, fillSeconds };
}
