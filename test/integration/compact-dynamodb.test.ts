/**
 * The compaction of DynamoDB Local's file at the sandbox's stop (infra/local/compact-dynamodb.ts),
 * on the real jar with its data on disk and the sandbox's stream poller: a deleted item's text and
 * the stream records already handled leave the file; DynamoDB Local opens it again with the kept
 * items intact; the poller resumes after its saved position without handling anything twice.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it } from 'vitest';
import { functions } from '../../infra/inventory.ts';
import { compactDynamoDb, dynamoDbFileName } from '../../infra/local/compact-dynamodb.ts';
import {
  createTables,
  type DynamoEmulator,
  localCredentials,
  localRegion,
  startDynamo,
} from '../../infra/local/emulators.ts';
import { freePort } from '../../infra/local/ports.ts';
import { type StreamPoller, startStreamPoller } from '../../infra/local/stream-poller.ts';

const spec = functions.find((entry) => entry.name === 'aggregate-figures')!;
const trigger = spec.triggers.find((entry) => entry.kind === 'table-stream')!;
const tableNames = { tickets: 'tickets', audit: 'audit', knowledge: 'knowledge', figures: 'figures' };

let folder: string;
const running: { dynamo?: DynamoEmulator; documents?: DynamoDBDocumentClient; poller?: StreamPoller } = {};

afterEach(async () => {
  await running.poller?.stop();
  running.documents?.destroy();
  await running.dynamo?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** DynamoDB Local on `folder/dynamodb` with the inventory's tables and a poller of the tickets stream. */
async function start(positionsFile = join(folder, 'streams', 'aggregate-figures-tickets.json')) {
  const dynamo = await startDynamo(await freePort(), join(folder, 'dynamodb'));
  running.dynamo = dynamo;
  await createTables(dynamo.endpoint, tableNames);
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: dynamo.endpoint, region: localRegion, credentials: localCredentials }),
  );
  running.documents = documents;
  const received: DynamoDBRecord[] = [];
  const poller = startStreamPoller({
    endpoint: dynamo.endpoint,
    tableName: tableNames.tickets,
    trigger,
    spec,
    handler: async (event) => {
      received.push(...event.Records);
      return { batchItemFailures: [] };
    },
    positionsFile,
    failureFolder: join(folder, 'failed'),
    pollIntervalMs: 50,
    onError: (error) => console.error('poller', error),
  });
  running.poller = poller;
  const ticket = (reference: string, body: string) =>
    documents.send(
      new PutCommand({
        TableName: tableNames.tickets,
        Item: { pk: `TICKET#${reference}`, sk: 'TICKET', reference, body },
      }),
    );
  const remove = (reference: string) =>
    documents.send(
      new DeleteCommand({ TableName: tableNames.tickets, Key: { pk: `TICKET#${reference}`, sk: 'TICKET' } }),
    );
  const read = async (reference: string) =>
    (
      await documents.send(
        new GetCommand({ TableName: tableNames.tickets, Key: { pk: `TICKET#${reference}`, sk: 'TICKET' } }),
      )
    ).Item;
  return { poller, received, ticket, remove, read };
}

/** Stops as the sandbox does: the poller first (positions saved), then DynamoDB Local. */
async function stop(): Promise<StreamPoller> {
  const poller = running.poller!;
  await poller.stop();
  running.poller = undefined;
  running.documents?.destroy();
  running.documents = undefined;
  await running.dynamo?.stop();
  running.dynamo = undefined;
  return poller;
}

/** Whether DynamoDB Local's file holds `text` (UTF-8, as it stores strings). */
const fileHolds = (text: string) => readFileSync(join(folder, 'dynamodb', dynamoDbFileName)).includes(text);
const handled = (records: DynamoDBRecord[]) =>
  records.map((record) => `${record.eventName} ${record.dynamodb?.Keys?.pk?.S}`);

describe('compacting DynamoDB Local’s file', () => {
  it('drops a deleted item and the handled stream records; the data and the numbering survive a restart', async () => {
    // Prepare
    folder = mkdtempSync(join(tmpdir(), 'courtdesk-compact-'));
    const first = await start();
    await first.ticket('TA-1', 'Kept text of Anna Bērziņa');
    await first.ticket('TA-2', 'Erased text of Jānis Kalniņš');
    await first.ticket('TA-3', 'Another kept text');
    await first.remove('TA-2');
    await first.poller.caughtUp();
    expect(handled(first.received)).toEqual([
      'INSERT TICKET#TA-1',
      'INSERT TICKET#TA-2',
      'INSERT TICKET#TA-3',
      'REMOVE TICKET#TA-2',
    ]);
    const poller = await stop();
    expect(fileHolds('Erased text of Jānis Kalniņš')).toBe(true);

    // Act
    const result = await compactDynamoDb(join(folder, 'dynamodb'), [poller]);

    // Assess
    expect(result).toMatchObject({ droppedStreamRecords: 4, keptStreamRecords: 1 });
    expect(fileHolds('Erased text')).toBe(false);
    expect(fileHolds('Jānis Kalniņš')).toBe(false);
    expect(fileHolds('Kept text of Anna Bērziņa')).toBe(true);
    expect(existsSync(join(folder, 'dynamodb', `${dynamoDbFileName}.compacting`))).toBe(false);
    const second = await start();
    expect(await second.read('TA-1')).toMatchObject({ body: 'Kept text of Anna Bērziņa' });
    expect(await second.read('TA-3')).toMatchObject({ body: 'Another kept text' });
    expect(await second.read('TA-2')).toBeUndefined();
    await second.ticket('TA-4', 'After the restart');
    await second.remove('TA-1');
    await second.poller.caughtUp();
    // Only the new changes: nothing handled twice, the stub left in the numbering's place not at all.
    expect(handled(second.received)).toEqual(['INSERT TICKET#TA-4', 'REMOVE TICKET#TA-1']);
    const sequences = second.received.map((record) => BigInt(record.dynamodb?.SequenceNumber ?? '0'));
    expect(sequences[0]).toBeGreaterThan(BigInt(first.received.at(-1)?.dynamodb?.SequenceNumber ?? '0'));
  }, 120_000);

  it('keeps the records a poller has not handled yet, and they reach it once after the restart', async () => {
    // Prepare: the poller stops after the first change; two more follow it unhandled.
    folder = mkdtempSync(join(tmpdir(), 'courtdesk-compact-'));
    const first = await start();
    await first.ticket('TB-1', 'Handled before the stop');
    await first.poller.caughtUp();
    await running.poller?.stop();
    await first.ticket('TB-2', 'Not handled yet');
    await first.remove('TB-1');
    const poller = await stop();

    // Act
    const result = await compactDynamoDb(join(folder, 'dynamodb'), [poller]);

    // Assess
    expect(result).toMatchObject({ droppedStreamRecords: 1, keptStreamRecords: 2 });
    const second = await start();
    await second.poller.caughtUp();
    expect(handled(second.received)).toEqual(['INSERT TICKET#TB-2', 'REMOVE TICKET#TB-1']);
  }, 120_000);

  it('resumes a poller whose saved position was trimmed away from what the shard still holds', async () => {
    // Prepare: a second follower kept further behind than the one the compaction was told of.
    folder = mkdtempSync(join(tmpdir(), 'courtdesk-compact-'));
    const behind = join(folder, 'streams', 'behind.json');
    const first = await start();
    await first.ticket('TC-1', 'One');
    await first.poller.caughtUp();
    const early = readFileSync(join(folder, 'streams', 'aggregate-figures-tickets.json'), 'utf8');
    await first.ticket('TC-2', 'Two');
    await first.ticket('TC-3', 'Three');
    await first.poller.caughtUp();
    const poller = await stop();
    await compactDynamoDb(join(folder, 'dynamodb'), [poller]);
    writeFileSync(behind, early);

    // Act
    const second = await start(behind);
    await second.ticket('TC-4', 'Four');
    await second.poller.caughtUp();

    // Assess: what was dropped is gone for it too; the rest comes once, the stub not at all.
    expect(handled(second.received)).toEqual(['INSERT TICKET#TC-4']);
  }, 120_000);

  it('drops transactions’ idempotency tokens once DynamoDB no longer honours them (10 minutes)', async () => {
    // Prepare
    folder = mkdtempSync(join(tmpdir(), 'courtdesk-compact-'));
    await start();
    const client = new DynamoDBClient({
      endpoint: running.dynamo!.endpoint,
      region: localRegion,
      credentials: localCredentials,
    });
    const transaction = (reference: string) =>
      client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableNames.tickets,
                Item: {
                  pk: { S: `TICKET#${reference}` },
                  sk: { S: 'TICKET' },
                  body: { S: 'In a transaction' },
                },
              },
            },
          ],
        }),
      );
    await transaction('TE-1');
    await transaction('TE-2');
    client.destroy();
    const poller = await stop();
    const tokens = async () => {
      const SQL = await initSqlJs();
      const database = new SQL.Database(readFileSync(join(folder, 'dynamodb', dynamoDbFileName)));
      const count = database.exec('SELECT COUNT(*) FROM tr')[0]?.values[0]?.[0];
      database.close();
      return count;
    };

    // Act, Assess
    await compactDynamoDb(join(folder, 'dynamodb'), [poller]);
    expect(await tokens()).toBe(2);
    await compactDynamoDb(join(folder, 'dynamodb'), [poller], new Date(Date.now() + 11 * 60 * 1000));
    expect(await tokens()).toBe(0);
  }, 120_000);

  it('leaves a file alone that DynamoDB Local did not close cleanly (a rollback journal beside it)', async () => {
    folder = mkdtempSync(join(tmpdir(), 'courtdesk-compact-'));
    const first = await start();
    await first.ticket('TD-1', 'Text');
    await first.remove('TD-1');
    await first.poller.caughtUp();
    const poller = await stop();
    const file = join(folder, 'dynamodb', dynamoDbFileName);
    writeFileSync(`${file}-journal`, '');
    const before = readFileSync(file);

    expect(await compactDynamoDb(join(folder, 'dynamodb'), [poller])).toBeUndefined();
    expect(readFileSync(file).equals(before)).toBe(true);
  }, 120_000);
});
