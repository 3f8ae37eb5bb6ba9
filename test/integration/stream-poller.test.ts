/**
 * The sandbox's stream poller (infra/local/stream-poller.ts) over DynamoDB Local's stream of a
 * tickets table, with a fake handler: Lambda's event shape, the trigger's key filters, order,
 * retries from the failed record, bisection and giving up, positions kept across a restart; and
 * the upgrade of a data folder whose tickets table has no stream yet.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions } from '../../infra/inventory.ts';
import { createTables, localCredentials, localRegion, startDynamo } from '../../infra/local/emulators.ts';
import { freePort } from '../../infra/local/ports.ts';
import {
  passesFilters,
  type StreamPoller,
  startStreamPoller,
  type TableStreamTrigger,
} from '../../infra/local/stream-poller.ts';
import { upgradeSandboxTables } from '../../infra/local/upgrade-tables.ts';

const spec = functions.find((entry) => entry.name === 'aggregate-figures')!;
const inventoryTrigger = spec.triggers.find((trigger) => trigger.kind === 'table-stream')!;

let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;
let folder: string;
let tableCount = 0;

beforeAll(async () => {
  dynamo = await startDynamo(await freePort(), undefined);
  client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: localRegion,
    credentials: localCredentials,
  });
  documents = DynamoDBDocumentClient.from(client);
  folder = mkdtempSync(join(tmpdir(), 'courtdesk-streams-'));
}, 60_000);

afterAll(async () => {
  documents?.destroy();
  await dynamo?.stop();
  rmSync(folder, { recursive: true, force: true });
});

/** The inventory's tables under names of their own, so that each test has its own stream. */
async function freshTables(): Promise<Record<'tickets' | 'audit' | 'knowledge' | 'figures', string>> {
  tableCount += 1;
  const names = {
    tickets: `tickets${tableCount}`,
    audit: `audit${tableCount}`,
    knowledge: `knowledge${tableCount}`,
    figures: `figures${tableCount}`,
  };
  await createTables(dynamo.endpoint, names);
  return names;
}

interface Harness {
  readonly poller: StreamPoller;
  readonly received: DynamoDBRecord[];
  readonly invocations: number[];
}

/** A poller on `table` with a fake handler answering `respond` (all succeeded by default). */
function poll(
  table: string,
  respond: (event: DynamoDBStreamEvent) => DynamoDBBatchResponse | Promise<DynamoDBBatchResponse> = () => ({
    batchItemFailures: [],
  }),
  trigger: TableStreamTrigger = inventoryTrigger,
  positionsFile = join(folder, `${table}.json`),
): Harness {
  const received: DynamoDBRecord[] = [];
  const invocations: number[] = [];
  const poller = startStreamPoller({
    endpoint: dynamo.endpoint,
    tableName: table,
    trigger,
    spec,
    handler: async (event) => {
      invocations.push(event.Records.length);
      const response = await respond(event);
      const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
      const firstFailed = event.Records.findIndex((record) =>
        failed.has(record.dynamodb?.SequenceNumber ?? ''),
      );
      received.push(...(firstFailed === -1 ? event.Records : event.Records.slice(0, firstFailed)));
      return response;
    },
    positionsFile,
    failureFolder: join(folder, 'failed'),
    pollIntervalMs: 50,
    retryDelayMs: 50,
  });
  return { poller, received, invocations };
}

const keysOf = (record: DynamoDBRecord) =>
  `${record.eventName} ${record.dynamodb?.Keys?.pk?.S} ${record.dynamodb?.Keys?.sk?.S}`;

const put = (table: string, item: Record<string, unknown>) =>
  documents.send(new PutCommand({ TableName: table, Item: item }));

describe('the stream poller', () => {
  it('passes what the trigger filters let through, by key', () => {
    const filters = inventoryTrigger.filters;
    const keys = (pk: string, sk: string) => ({ pk: { S: pk }, sk: { S: sk } });
    expect(passesFilters(keys('TICKET#TA-1', 'TICKET'), filters)).toBe(true);
    expect(passesFilters(keys('TICKET#TA-1', 'SURVEY'), filters)).toBe(true);
    expect(passesFilters(keys('TICKET#TA-1', 'SURVEY#INVITATION'), filters)).toBe(true);
    expect(passesFilters(keys('TAKES#court-fees#2026-11', '2026-11-27T10:00:00Z#TA-1'), filters)).toBe(true);
    expect(passesFilters(keys('TICKET#TA-1', 'SURVEY#COMMENT'), filters)).toBe(false);
    expect(passesFilters(keys('TICKET#TA-1', 'MSG#0001'), filters)).toBe(false);
    expect(passesFilters(keys('STATS#court-fees', 'TAKES#x'), filters)).toBe(false);
    // A take out of order's copy for the figures' list: the take record alone is counted.
    expect(passesFilters(keys('OUTOFORDER#court-fees', '2026-11-27T10:00:00Z#TA-1'), filters)).toBe(false);
  });

  it('delivers ticket, take and survey changes in order, shaped as Lambda delivers them', async () => {
    const { tickets } = await freshTables();
    const { poller, received } = poll(tickets);
    try {
      await put(tickets, { pk: 'TICKET#TA-1', sk: 'TICKET', type: 'ticket', status: 'new' });
      await put(tickets, { pk: 'TICKET#TA-1', sk: 'MSG#0001', type: 'message', body: 'not for figures' });
      await documents.send(
        new UpdateCommand({
          TableName: tickets,
          Key: { pk: 'TICKET#TA-1', sk: 'TICKET' },
          UpdateExpression: 'SET #status = :answered',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':answered': 'answered' },
        }),
      );
      await put(tickets, {
        pk: 'TAKES#court-fees#2026-11',
        sk: '2026-11-27T10:00:00Z#TA-1',
        reference: 'TA-1',
      });
      await put(tickets, { pk: 'TICKET#TA-1', sk: 'SURVEY#INVITATION', type: 'survey-invitation' });
      await put(tickets, { pk: 'TICKET#TA-1', sk: 'SURVEY', type: 'survey', satisfaction: 4 });
      await put(tickets, { pk: 'TICKET#TA-1', sk: 'SURVEY#COMMENT', type: 'survey-comment' });
      await documents.send(
        new DeleteCommand({ TableName: tickets, Key: { pk: 'TICKET#TA-1', sk: 'SURVEY' } }),
      );
      await poller.caughtUp();

      expect(received.map(keysOf)).toEqual([
        'INSERT TICKET#TA-1 TICKET',
        'MODIFY TICKET#TA-1 TICKET',
        'INSERT TAKES#court-fees#2026-11 2026-11-27T10:00:00Z#TA-1',
        'INSERT TICKET#TA-1 SURVEY#INVITATION',
        'INSERT TICKET#TA-1 SURVEY',
        'REMOVE TICKET#TA-1 SURVEY',
      ]);
      const streamArn = (await client.send(new DescribeTableCommand({ TableName: tickets }))).Table
        ?.LatestStreamArn;
      const [insert, modify] = received;
      expect(insert).toMatchObject({
        eventSource: 'aws:dynamodb',
        eventSourceARN: streamArn,
        awsRegion: localRegion,
        eventVersion: '1.1',
        dynamodb: {
          Keys: { pk: { S: 'TICKET#TA-1' }, sk: { S: 'TICKET' } },
          NewImage: {
            pk: { S: 'TICKET#TA-1' },
            sk: { S: 'TICKET' },
            type: { S: 'ticket' },
            status: { S: 'new' },
          },
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      });
      expect(insert?.dynamodb?.OldImage).toBeUndefined();
      expect(typeof insert?.dynamodb?.ApproximateCreationDateTime).toBe('number');
      expect(modify?.dynamodb?.OldImage?.status).toEqual({ S: 'new' });
      expect(modify?.dynamodb?.NewImage?.status).toEqual({ S: 'answered' });
      expect(received.at(-1)?.dynamodb?.NewImage).toBeUndefined();
      expect(received.at(-1)?.dynamodb?.OldImage?.satisfaction).toEqual({ N: '4' });
      const sequence = received.map((record) => BigInt(record.dynamodb?.SequenceNumber ?? '0'));
      expect(sequence).toEqual([...sequence].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    } finally {
      await poller.stop();
    }
  }, 60_000);

  it('on a reported failure, retries from the failed record: nothing before it twice, nothing lost', async () => {
    const { tickets } = await freshTables();
    for (let n = 1; n <= 5; n += 1)
      await put(tickets, { pk: `TICKET#TA-${n}`, sk: 'TICKET', type: 'ticket' });
    let failures = 0;
    const { poller, received } = poll(tickets, (event) => {
      const third = event.Records.find((record) => record.dynamodb?.Keys?.pk?.S === 'TICKET#TA-3');
      if (third && failures < 2) {
        failures += 1;
        return { batchItemFailures: [{ itemIdentifier: third.dynamodb?.SequenceNumber ?? '' }] };
      }
      return { batchItemFailures: [] };
    });
    try {
      await poller.caughtUp();
      expect(failures).toBe(2);
      expect(received.map((record) => record.dynamodb?.Keys?.pk?.S)).toEqual([
        'TICKET#TA-1',
        'TICKET#TA-2',
        'TICKET#TA-3',
        'TICKET#TA-4',
        'TICKET#TA-5',
      ]);
    } finally {
      await poller.stop();
    }
  }, 60_000);

  it('bisects a batch whose handler throws, and gives up on the poison record after its retries', async () => {
    const { tickets } = await freshTables();
    for (const n of [1, 2, 3, 4])
      await put(tickets, { pk: `TICKET#TA-${n}`, sk: 'TICKET', type: 'ticket', poison: n === 3 });
    const { poller, received, invocations } = poll(
      tickets,
      (event) => {
        if (event.Records.some((record) => record.dynamodb?.NewImage?.poison?.BOOL))
          throw new Error('poison');
        return { batchItemFailures: [] };
      },
      { ...inventoryTrigger, retryAttempts: 2 },
    );
    try {
      await poller.caughtUp();
      expect(received.map((record) => record.dynamodb?.Keys?.pk?.S)).toEqual([
        'TICKET#TA-1',
        'TICKET#TA-2',
        'TICKET#TA-4',
      ]);
      // The batch of 4, its halves, then the poison record alone until its retries ran out.
      expect(invocations.slice(0, 3)).toEqual([4, 2, 2]);
      const failed = readdirSync(join(folder, 'failed', spec.name));
      expect(failed).toHaveLength(1);
      const kept = JSON.parse(readFileSync(join(folder, 'failed', spec.name, failed[0]!), 'utf8'));
      expect(kept).toMatchObject({
        requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 },
        DDBStreamBatchInfo: { batchSize: 1 },
      });
    } finally {
      await poller.stop();
    }
  }, 60_000);

  it('goes on from its saved position after a restart, replaying nothing handled', async () => {
    const { tickets } = await freshTables();
    const positions = join(folder, 'restart.json');
    await put(tickets, { pk: 'TICKET#TA-1', sk: 'TICKET', type: 'ticket' });
    const first = poll(tickets, undefined, inventoryTrigger, positions);
    await first.poller.caughtUp();
    await first.poller.stop();
    await put(tickets, { pk: 'TICKET#TA-2', sk: 'TICKET', type: 'ticket' });
    const second = poll(tickets, undefined, inventoryTrigger, positions);
    try {
      await second.poller.caughtUp();
      expect(first.received.map((record) => record.dynamodb?.Keys?.pk?.S)).toEqual(['TICKET#TA-1']);
      expect(second.received.map((record) => record.dynamodb?.Keys?.pk?.S)).toEqual(['TICKET#TA-2']);
    } finally {
      await second.poller.stop();
    }
  }, 60_000);
});

describe('a sandbox data folder from before the stream', () => {
  it('gets the tickets stream turned on, and the poller reads the changes made since', async () => {
    const names = await freshTables();
    await client.send(
      new UpdateTableCommand({ TableName: names.tickets, StreamSpecification: { StreamEnabled: false } }),
    );
    const before = await client.send(new DescribeTableCommand({ TableName: names.tickets }));
    expect(before.Table?.StreamSpecification?.StreamEnabled ?? false).toBe(false);

    const lines: string[] = [];
    await upgradeSandboxTables(dynamo.endpoint, names, (line) => lines.push(line));
    const after = await client.send(new DescribeTableCommand({ TableName: names.tickets }));
    expect(after.Table?.StreamSpecification).toEqual({
      StreamEnabled: true,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    });
    expect(lines.some((line) => line.includes(`Stream of ${names.tickets} turned on`))).toBe(true);
    // Once on, an upgrade leaves it be.
    lines.length = 0;
    await upgradeSandboxTables(dynamo.endpoint, names, (line) => lines.push(line));
    expect(lines).toEqual([]);

    await put(names.tickets, { pk: 'TICKET#TA-9', sk: 'TICKET', type: 'ticket' });
    const { poller, received } = poll(names.tickets);
    try {
      await poller.caughtUp();
      expect(received.map(keysOf)).toEqual(['INSERT TICKET#TA-9 TICKET']);
    } finally {
      await poller.stop();
    }
  }, 60_000);
});
