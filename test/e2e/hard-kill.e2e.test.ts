/**
 * `kill -9` of `npm start` loses no accepted message (issue 20): web-form requests answered 202 a
 * moment before the kill all become exactly one ticket after the next `npm start`, and a message
 * parked in a dead-letter queue is still there — the queues' journal (`infra/local/queue-journal.ts`)
 * gives back what fauxqs held only in memory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { localCredentials, localRegion } from '../../infra/local/emulators.ts';
import { freePort } from '../../infra/local/ports.ts';
import { repositoryRoot } from '../../infra/local/sandbox.ts';
import { sandboxEndpointsFile } from '../../infra/local/sandbox-endpoints.ts';
import { ticketKey } from '../../shared/adapters/dynamodb/ticket-keys.ts';
import { eventually } from '../support/eventually.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'courtdesk-hard-kill-'));
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** `npm start` (as the README runs it) on the test's ports and data folder; resolves once it runs. */
async function start(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(
    process.execPath,
    [join(repositoryRoot, 'node_modules/tsx/dist/cli.mjs'), 'infra/local/start.ts'],
    {
      cwd: repositoryRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`npm start ended: ${output.slice(-2000)}`);
      return output.includes('courtdesk is running locally') ? true : undefined;
    },
    180_000,
    'npm start',
  );
  return { child, output: () => output };
}

describe('a hard kill of the sandbox', () => {
  it('loses no accepted request and no parked dead letter, and stores each request once', async () => {
    const ports = {
      COURTDESK_PORT: String(await freePort()),
      COURTDESK_MAILBOX_PORT: String(await freePort()),
      COURTDESK_DYNAMODB_PORT: String(await freePort()),
      COURTDESK_SQS_PORT: String(await freePort()),
      COURTDESK_SMTP_PORT: String(await freePort()),
    };
    const env = {
      ...ports,
      COURTDESK_DATA_DIR: dataDir,
      // One test address sends them all: the per-address edge limit is not what is tested.
      COURTDESK_EDGE_LIMITS: '{"form":{"limit":1000000}}',
    };
    const first = await start(env);
    const web = `http://127.0.0.1:${ports.COURTDESK_PORT}`;
    const sqs = new SQSClient({
      endpoint: `http://127.0.0.1:${ports.COURTDESK_SQS_PORT}`,
      region: localRegion,
      credentials: localCredentials,
      useQueueUrlAsEndpoint: false,
    });
    const deadLetterUrl = async () =>
      (await sqs.send(new GetQueueUrlCommand({ QueueName: 'intake-dlq.fifo' }))).QueueUrl;
    const parked = `parked-${randomUUID()}`;
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: await deadLetterUrl(),
        MessageBody: JSON.stringify({ parked }),
        MessageGroupId: 'parked',
        MessageDeduplicationId: parked,
      }),
    );
    const run = randomUUID().slice(0, 8);
    const submit = (index: number) =>
      fetch(`${web}/api/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Kill Test',
          email: `kill-${run}-${index}@example.lv`,
          topic: 'general',
          subject: `Hard kill ${run}`,
          message: `Accepted before the kill, number ${index}`,
          consent: true,
          language: 'en',
        }),
      });
    // Act: 40 requests at once, and the kill as soon as the last is answered.
    const responses = await Promise.all(Array.from({ length: 40 }, (_, index) => submit(index)));
    // The sandbox's own process (tsx runs it as a child of the command started): what a crash or
    // an OOM kill ends. Its DynamoDB Local, in a process group of its own, is left running.
    const { pid } = JSON.parse(readFileSync(join(dataDir, sandboxEndpointsFile), 'utf8')) as { pid: number };
    process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(responses.map((response) => response.status)).toEqual(Array(40).fill(202));
    const references = await Promise.all(
      responses.map(async (response) => ((await response.json()) as { reference: string }).reference),
    );
    expect(new Set(references).size).toBe(40);

    const second = await start(env);
    // Assess: every accepted request is a ticket, the parked message is where it was.
    const documents = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: `http://127.0.0.1:${ports.COURTDESK_DYNAMODB_PORT}`,
        region: localRegion,
        credentials: localCredentials,
      }),
    );
    await eventually(
      async () => {
        for (const reference of references) {
          const { Item } = await documents.send(
            new GetCommand({ TableName: 'tickets', Key: ticketKey(reference) }),
          );
          if (!Item) return undefined;
        }
        return true;
      },
      120_000,
      'every accepted request stored',
    );
    // Once each: no request stored under a second reference.
    let stored = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(
        new ScanCommand({ TableName: 'tickets', ConsistentRead: true, ExclusiveStartKey: startKey }),
      );
      stored += (page.Items ?? []).filter(
        (item) => item.type === 'ticket' && JSON.stringify(item).includes(`Hard kill ${run}`),
      ).length;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    expect(stored).toBe(40);
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: await deadLetterUrl(),
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    expect((received.Messages ?? []).map((message) => message.Body)).toContain(JSON.stringify({ parked }));
    documents.destroy();
    sqs.destroy();
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
    process.stdout.write(
      `hard kill: ${/(\d+) queued message\(s\) recovered/.exec(second.output())?.[0] ?? 'nothing recovered'}\n`,
    );
    expect(second.output()).toMatch(/queued message\(s\) recovered from the journal/);
  }, 600_000);
});
