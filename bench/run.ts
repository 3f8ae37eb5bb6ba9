/**
 * `npm run bench`: end-to-end intake throughput and latency of the local sandbox, next to a raw
 * bound measured in the same run on the same emulators.
 *
 * - end-to-end: N web-form requests with concurrency C through the gateway, ingest-web,
 *   intake.fifo, process-intake and DynamoDB; latency is from submit to the ticket being stored.
 * - raw: the same count of bare SQS send/receive/delete plus a DynamoDB put, with the same
 *   concurrency, on the same emulators: what the plumbing allows with no courtdesk code at all.
 *
 * Both run once unmeasured first (BENCH_WARMUP requests, default 200) so that the JVM of DynamoDB
 * Local and Node's JIT are warm for both.
 *
 * - email: BENCH_EMAILS (default 300) mails over SMTP with the same concurrency, through the SMTP
 *   listener, the bucket, ingest-email, intake.fifo and process-intake; from sending to stored.
 *
 * - bundles, first and alone on the machine: every function bundled as `npm run bundle` does, the
 *   most code any loads at cold start, and each bundled handler's import time in a fresh process
 *   over a hello world's importing the same AWS SDK packages (bench/bundles.ts).
 *
 * - assistant: the knowledge base's search on the blind evaluation set (top-1, top-3) and the p95
 *   of one question against 1,000 generated articles per language (bench/assistant*.ts).
 *
 * - cost: once the bench's sandbox has stopped, web and email tickets one at a time through a
 *   metered sandbox of their own, from submission to the reply sent, priced (bench/cost.ts).
 *
 * Options (env): BENCH_REQUESTS (default 1000), BENCH_CONCURRENCY (default 16), BENCH_USE_RUNNING=1
 * to measure a sandbox already running on the default ports (COURTDESK_* env as for npm start; start
 * it with COURTDESK_EDGE_LIMITS='{"form":{"limit":1000000}}', or its per-address limit refuses the run),
 * BENCH_COST_TICKETS (tickets of each channel for the cost, default 20; 0 leaves the cost out).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { BatchGetCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import nodemailer from 'nodemailer';
import { tables } from '../infra/inventory-tables.ts';
import { createTables, localCredentials, localRegion } from '../infra/local/emulators.ts';
import { startSandbox } from '../infra/local/sandbox.ts';
import { bundleFunctions } from '../scripts/bundle.ts';
import { analyticsBench } from './analytics.ts';
import { assistantBench, assistantBenchLines } from './assistant.ts';
import { evaluateAssistant, evaluationLines } from './assistant-evaluation.ts';
import { bundleMax, coldImportLine, coldImports, coldImportTable } from './bundles.ts';
import { costBench } from './cost.ts';
import { retentionBench } from './retention.ts';
import { worklistBench } from './worklists.ts';

const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
const warmupRequests = Number(process.env.BENCH_WARMUP ?? 200);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const worklistTickets = Number(process.env.BENCH_WORKLIST_TICKETS ?? 100_000);
const analyticsTickets = Number(process.env.BENCH_ANALYTICS_TICKETS ?? 100_000);
const emails = Number(process.env.BENCH_EMAILS ?? 300);

interface Target {
  web: string;
  dynamodb: string;
  sqs: string;
  ticketsTable: string;
  intakeQueueUrl: string;
  smtpPort: number;
  inboundDomain: string;
  /** Until the sandbox's stream consumers have read everything written so far. */
  streamsCaughtUp(): Promise<void>;
  stop(): Promise<void>;
}

async function target(): Promise<Target> {
  if (process.env.BENCH_USE_RUNNING === '1') {
    const port = (name: string, fallback: number) => Number(process.env[name] || fallback);
    return {
      web: `http://localhost:${port('COURTDESK_PORT', 3000)}`,
      dynamodb: `http://127.0.0.1:${port('COURTDESK_DYNAMODB_PORT', 8000)}`,
      sqs: `http://sqs.${localRegion}.localhost:${port('COURTDESK_SQS_PORT', 4566)}`,
      ticketsTable: 'tickets',
      intakeQueueUrl: `http://sqs.${localRegion}.localhost:${port('COURTDESK_SQS_PORT', 4566)}/000000000000/intake.fifo`,
      smtpPort: port('COURTDESK_SMTP_PORT', 2525),
      inboundDomain: 'courtdesk.localhost',
      streamsCaughtUp: async () => undefined,
      stop: async () => undefined,
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'courtdesk-bench-'));
  const sandbox = await startSandbox({
    dataDir,
    quiet: true,
    buildWeb: false,
    // Every request comes from 127.0.0.1: a limit far above the run, so the limiter's cost is still
    // measured but never refuses.
    edgeLimits: { form: { limit: 1_000_000 } },
    ...(process.env.BENCH_POLLERS ? { pollerConcurrency: Number(process.env.BENCH_POLLERS) } : {}),
  });
  return {
    web: sandbox.urls.web,
    dynamodb: sandbox.urls.dynamodb,
    sqs: sandbox.urls.sqs,
    ticketsTable: sandbox.tableNames.tickets ?? 'tickets',
    intakeQueueUrl: sandbox.queueUrls.intake?.url ?? '',
    smtpPort: sandbox.smtp.port,
    inboundDomain: sandbox.smtp.inboundDomain,
    streamsCaughtUp: () => sandbox.streamsCaughtUp(),
    stop: async () => {
      await sandbox.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `task(i)` for i in [0, count) with at most `limit` at once. */
async function pool(count: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        await task(i);
      }
    }),
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** What one run measured: throughput, latency percentiles (ms) and its length (s). */
interface Measured {
  perSecond: number;
  p50: number;
  p95: number;
  elapsed: number;
}

function measured(count: number, latencies: number[], elapsedSeconds: number): Measured {
  return {
    perSecond: count / elapsedSeconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    elapsed: elapsedSeconds,
  };
}

/**
 * Once intake has drained: when each of `startedAt`'s requests had its ticket stored (its latency),
 * and the throughput from `started` to the last ticket stored.
 */
async function settled(
  t: Target,
  documents: DynamoDBDocumentClient,
  started: number,
  startedAt: ReadonlyMap<string, number>,
): Promise<Measured> {
  await intakeDrained(t);
  const storedAt = await storedTimes(t, documents, [...startedAt.keys()]);
  const elapsed = (Math.max(...storedAt.values()) - started) / 1000;
  const latencies = [...startedAt].map(([reference, at]) => (storedAt.get(reference) ?? at) - at);
  return measured(startedAt.size, latencies, elapsed);
}

/** The messages of a queue that are waiting or being handled: together, what is not done yet. */
const pendingCounts = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] as const;

/** Waits until intake.fifo has nothing visible or in flight: every request has been handled. */
async function intakeDrained(t: Target): Promise<void> {
  const sqs = new SQSClient({ endpoint: t.sqs, region: localRegion, credentials: localCredentials });
  const deadline = Date.now() + 300_000;
  try {
    for (;;) {
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: t.intakeQueueUrl, AttributeNames: [...pendingCounts] }),
      );
      const pending = pendingCounts.reduce((sum, name) => sum + Number(Attributes?.[name] ?? 0), 0);
      if (pending === 0) return;
      if (Date.now() > deadline) throw new Error('intake did not drain in 5 minutes');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    sqs.destroy();
  }
}

/**
 * The items of the tickets table at `keys`, read 100 at a time (BatchGetItem's limit). Items not
 * there yet, or left unprocessed, are left out: the callers ask again for what is missing.
 */
async function batchGet(
  t: Target,
  documents: DynamoDBDocumentClient,
  keys: readonly { pk: string; sk: string }[],
  projection?: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    const result = await documents.send(
      new BatchGetCommand({
        RequestItems: {
          [t.ticketsTable]: {
            Keys: keys.slice(i, i + 100),
            ...(projection ? { ProjectionExpression: projection } : {}),
          },
        },
      }),
    );
    items.push(...(result.Responses?.[t.ticketsTable] ?? []));
  }
  return items;
}

/** The `storedAt` of each ticket, read once the queue has drained (no polling load during the run). */
async function storedTimes(t: Target, documents: DynamoDBDocumentClient, references: string[]) {
  const stored = new Map<string, number>();
  for (let attempt = 0; attempt < 50 && stored.size < references.length; attempt += 1) {
    const missing = references.filter((reference) => !stored.has(reference));
    const keys = missing.map((reference) => ({ pk: `TICKET#${reference}`, sk: 'TICKET' }));
    for (const item of await batchGet(t, documents, keys, 'pk, storedAt')) {
      stored.set(String(item.pk).slice('TICKET#'.length), Date.parse(String(item.storedAt)));
    }
    if (stored.size < references.length) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (stored.size < references.length)
    throw new Error(`${references.length - stored.size} tickets were not stored`);
  return stored;
}

async function endToEnd(t: Target, documents: DynamoDBDocumentClient, requests: number) {
  const submittedAt = new Map<string, number>();
  const started = Date.now();
  await pool(requests, concurrency, async (i) => {
    const before = Date.now();
    const response = await fetch(`${t.web}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({
        name: `Bench Client ${i}`,
        email: `bench-${i}-${randomUUID().slice(0, 6)}@example.lv`,
        topic: 'general',
        subject: `Benchmark ${i}`,
        message: 'Cik ilgā laikā tiks sniegta atbilde?',
        consent: true,
        language: 'lv',
      }),
    });
    if (response.status !== 202)
      throw new Error(`POST answered ${response.status}: ${await response.text()}`);
    const { reference } = (await response.json()) as { reference: string };
    submittedAt.set(reference, before);
  });
  return settled(t, documents, started, submittedAt);
}

/** Mails over SMTP → tickets: per mail from the start of its sending to its ticket being stored. */
async function emailEndToEnd(t: Target, documents: DynamoDBDocumentClient, count: number) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: t.smtpPort,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: concurrency,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  const sentAt = new Map<string, number>();
  const started = Date.now();
  await pool(count, concurrency, async (i) => {
    const before = Date.now();
    const info = await transport.sendMail({
      from: `Bench Sender ${i} <bench-mail-${i}-${randomUUID().slice(0, 6)}@example.lv>`,
      to: `info@${t.inboundDomain}`,
      subject: `Benchmark mail ${i}`,
      text: 'Labdien! Cik ilgā laikā tiks sniegta atbilde uz manu jautājumu?',
    });
    const messageId = /queued as (\w+)/.exec(info.response)?.[1];
    if (!messageId) throw new Error(`SMTP answered ${info.response}`);
    sentAt.set(messageId, before);
  });
  transport.close();
  // ingest-email runs after each 250: wait until every message has its intake message (reference).
  const references = new Map<string, string>();
  const deadline = Date.now() + 300_000;
  while (references.size < sentAt.size) {
    if (Date.now() > deadline) throw new Error(`${sentAt.size - references.size} mails were not ingested`);
    const missing = [...sentAt.keys()].filter((id) => !references.has(id));
    const keys = missing.map((id) => ({ pk: `IDEMPOTENCY#email:${id}`, sk: 'IDEMPOTENCY' }));
    for (const item of await batchGet(t, documents, keys)) {
      const { reference } = item.message as { reference: unknown };
      references.set(String(item.pk).slice('IDEMPOTENCY#email:'.length), String(reference));
    }
    if (references.size < sentAt.size) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Each mail's latency runs from its sending to its ticket being stored.
  const sentAtByReference = new Map([...sentAt].map(([id, at]) => [references.get(id) ?? '', at]));
  return settled(t, documents, started, sentAtByReference);
}

async function raw(t: Target, documents: DynamoDBDocumentClient, requests: number) {
  const sqs = new SQSClient({ endpoint: t.sqs, region: localRegion, credentials: localCredentials });
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: `bench-raw-${Date.now()}.fifo`,
      Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'false' },
    }),
  );
  const latencies: number[] = [];
  const started = performance.now();
  await pool(requests, concurrency, async (i) => {
    const before = performance.now();
    const body = JSON.stringify({ i, payload: 'x'.repeat(600) });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.QueueUrl,
        MessageBody: body,
        MessageGroupId: `group-${i}`,
        MessageDeduplicationId: `raw-${i}-${started}`,
      }),
    );
    let received: { ReceiptHandle?: string; Body?: string } | undefined;
    while (!received) {
      received = (
        await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queue.QueueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 }),
        )
      ).Messages?.[0];
    }
    await documents.send(
      new PutCommand({
        TableName: t.ticketsTable,
        Item: {
          pk: `BENCH#${started}#${i}`,
          sk: 'RAW',
          body: received.Body,
          expiresAt: Math.floor(Date.now() / 1000) + 3600,
        },
      }),
    );
    await sqs.send(
      new DeleteMessageCommand({ QueueUrl: queue.QueueUrl, ReceiptHandle: received.ReceiptHandle }),
    );
    latencies.push(performance.now() - before);
  });
  const elapsed = (performance.now() - started) / 1000;
  sqs.destroy();
  return measured(requests, latencies, elapsed);
}

const assistant = [
  ...evaluationLines(evaluateAssistant()),
  ...assistantBenchLines(assistantBench(1000, 1000)),
];
const bundles = await bundleFunctions();
const imports = await coldImports(bundles);
for (const line of coldImportTable(bundles, imports)) console.log(line);

const t = await target();
const dynamoClient = new DynamoDBClient({
  endpoint: t.dynamodb,
  region: localRegion,
  credentials: localCredentials,
});
const documents = DynamoDBDocumentClient.from(dynamoClient);
try {
  // Warm up JIT, connections and the reference block before measuring.
  const warmup = await fetch(`${t.web}/api/topics`);
  if (warmup.status !== 200) throw new Error(`sandbox not answering at ${t.web}`);
  if (warmupRequests > 0) {
    await raw(t, documents, warmupRequests);
    await endToEnd(t, documents, warmupRequests);
  }
  const rawResult = await raw(t, documents, requests);
  const e2e = await endToEnd(t, documents, requests);
  if (warmupRequests > 0) await emailEndToEnd(t, documents, Math.min(50, emails));
  const email = emails > 0 ? await emailEndToEnd(t, documents, emails) : undefined;
  const line = (name: string, r: Measured) =>
    `${name.padEnd(12)} ${r.perSecond.toFixed(1).padStart(8)} /s   p50 ${r.p50.toFixed(1).padStart(7)} ms   p95 ${r.p95.toFixed(1).padStart(7)} ms   (${r.elapsed.toFixed(2)} s)`;
  console.log(`courtdesk bench: ${requests} requests, concurrency ${concurrency}`);
  console.log(line('raw', rawResult));
  console.log(line('end-to-end', e2e));
  if (email) console.log(line(`email (${emails})`, email));
  // Tables of its own, with no stream consumer behind them: the sandbox's aggregate-figures would
  // otherwise count the 100,000 tickets while the worklist and the dashboard are measured (in the
  // cloud it runs apart from the table; here it shares the two cores).
  const benchTables = Object.fromEntries(
    tables.map((table) => [table.id, `bench-${Date.now().toString(36)}-${table.id}`]),
  );
  await createTables(t.dynamodb, benchTables);
  await t.streamsCaughtUp(); // the intake's tickets counted before the next figures are taken
  const worklist = await worklistBench(documents, benchTables.tickets ?? t.ticketsTable, worklistTickets);
  console.log(
    `worklist p95: ${worklist.small.toFixed(2)} ms with 1,000 tickets, ${worklist.big.toFixed(2)} ms with ${worklist.large.toLocaleString('en')} (filled in ${worklist.fillSeconds.toFixed(0)} s)`,
  );
  console.log(`worklist 100k/1k: ${(worklist.big / worklist.small).toFixed(2)}`);
  const figures = await analyticsBench(dynamoClient, documents, analyticsTickets);
  console.log(
    `analytics p95: ${figures.small.toFixed(1)} ms with 1,000 tickets' figures (${figures.buckets.small} buckets), ${figures.big.toFixed(1)} ms with ${figures.large.toLocaleString('en')} (${figures.buckets.large} buckets)`,
  );
  console.log(`analytics 100k/1k: ${(figures.big / figures.small).toFixed(2)}`);
  console.log((await retentionBench()).line);
  if (email) console.log(`email/raw: ${(email.perSecond / rawResult.perSecond).toFixed(2)}`);
  for (const line of assistant) console.log(line);
  console.log(bundleMax(bundles).line);
  console.log(coldImportLine(imports));
  console.log(`end-to-end/raw: ${(e2e.perSecond / rawResult.perSecond).toFixed(2)}`);
} finally {
  documents.destroy();
  await t.stop();
}

// Its own metered sandbox, so only after the bench's has stopped (and not against a running one).
const costTickets = Number(process.env.BENCH_COST_TICKETS ?? 20);
if (costTickets > 0 && process.env.BENCH_USE_RUNNING !== '1') {
  const cost = await costBench({ ticketsPerChannel: costTickets });
  for (const line of cost.lines) console.log(line);
}
