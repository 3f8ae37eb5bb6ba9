/**
 * A clean stop compacts DynamoDB Local's file (infra/local/compact-dynamodb.ts): what was deleted
 * before the stop is no longer in the data folder's bytes, the rest is intact after the next start,
 * and the figures (aggregate-figures, fed by the tickets table's stream) count nothing twice.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { dynamoDbFileName } from '../../infra/local/compact-dynamodb.ts';
import { type Sandbox, startSandbox } from '../../infra/local/sandbox.ts';
import { eventually } from '../support/eventually.ts';
import { settled, staffCaller } from '../support/forensic-subject.ts';
import { sandboxClient } from '../support/sandbox-client.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'courtdesk-compaction-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const start = () => startSandbox({ dataDir, quiet: true, buildWeb: false, schedules: false });
const marker = randomUUID().slice(0, 8);
const keptText = `Paliek pēc restarta ${marker}`;
const erasedText = `Dzēšams teksts ${marker}`;

async function webForm(sandbox: Sandbox, message: string): Promise<string> {
  const response = await fetch(`${sandbox.urls.web}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Restart Compaction',
      email: `compaction-${marker}@example.lv`,
      topic: 'general',
      subject: 'Compaction',
      message,
      consent: true,
      language: 'lv',
    }),
  });
  expect(response.status).toBeLessThan(300);
  const { reference } = (await response.json()) as { reference: string };
  const client = sandboxClient(sandbox);
  await eventually(async () => ((await client.ticket(reference)) ? true : undefined), 60_000);
  client.destroy();
  await settled(sandbox);
  return reference;
}

/** Deletes every item of every table that holds `text` (what an erasure would leave behind). */
async function deleteItemsHolding(sandbox: Sandbox, text: string): Promise<number> {
  const client = sandboxClient(sandbox);
  let deleted = 0;
  for (const [id, table] of Object.entries(sandbox.tableNames)) {
    const keys = id === 'figures' || id === 'audit' ? [] : await itemsHolding(client.documents, table, text);
    for (const key of keys) await client.documents.send(new DeleteCommand({ TableName: table, Key: key }));
    deleted += keys.length;
  }
  client.destroy();
  return deleted;
}

async function itemsHolding(
  documents: ReturnType<typeof sandboxClient>['documents'],
  table: string,
  text: string,
): Promise<Record<string, unknown>[]> {
  const keys: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? [])
      if (JSON.stringify(item).includes(text)) keys.push({ pk: item.pk, sk: item.sk });
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return keys;
}

async function figures(sandbox: Sandbox): Promise<string> {
  const today = new Date().toISOString().slice(0, 10);
  const { status, body } = await staffCaller(sandbox)(
    'admin',
    'GET',
    `/api/staff/analytics?from=${today}&to=${today}`,
  );
  expect(status).toBe(200);
  return JSON.stringify(body);
}

const fileHolds = (text: string) =>
  readFileSync(join(dataDir, 'dynamodb', dynamoDbFileName)).includes(Buffer.from(text));

describe('the sandbox’s stop compacts DynamoDB Local’s file', () => {
  it('leaves no deleted text in it, keeps the rest readable and the figures counted once', async () => {
    // Prepare: two tickets; one's items deleted (their stream records handled) before the stop.
    const first = await start();
    let kept: string;
    let figuresAtStop: string;
    try {
      kept = await webForm(first, keptText);
      const erased = await webForm(first, erasedText);
      expect(await deleteItemsHolding(first, erasedText)).toBeGreaterThan(0);
      const client = sandboxClient(first);
      expect(await client.ticket(erased)).toBeUndefined();
      client.destroy();
      await settled(first);
      figuresAtStop = await figures(first);
    } catch (error) {
      await first.stop();
      throw error;
    }
    // Without the compaction, SQLite's free pages and the stream records would still hold it.

    // Act
    await first.stop();

    // Assess
    expect(fileHolds(erasedText)).toBe(false);
    expect(fileHolds(keptText)).toBe(true);
    const second = await start();
    try {
      const client = sandboxClient(second);
      expect(await client.ticket(kept)).toMatchObject({ reference: kept, body: keptText });
      client.destroy();
      await settled(second);
      expect(await figures(second)).toBe(figuresAtStop);
      // The poller goes on: a ticket made after the restart is counted.
      await webForm(second, `Pēc restarta ${marker}`);
      expect(await figures(second)).not.toBe(figuresAtStop);
    } finally {
      await second.stop();
    }
  }, 300_000);
});
