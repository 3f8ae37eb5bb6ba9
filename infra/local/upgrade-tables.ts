/**
 * Brings a sandbox data folder written by an older version up to the inventory, after
 * `createTables`: an index whose projection the inventory changed is dropped and created again by
 * `createTables` (DynamoDB cannot change a projection in place; DynamoDB Local fills the new index
 * from the items), and tickets written before the unit lists were sharded are put on their shards
 * (`reshardLists`, a no-op once it has run), and a table the inventory gives a stream gets it (its
 * stream then holds the changes from now on: the figures of what came before are counted by
 * `npm run figures:rebuild`), and tickets settled before the retention index existed are put on
 * it (`backfillRetentionKeys`, audited once, a no-op once it has run), and the assistant's questions
 * logged before its days' counts existed are counted (`backfillQuestionCounts`, likewise), and legal
 * holds set before holds protected their objects by key get those items (`backfillHoldKeys`,
 * likewise). A fresh data folder has nothing else to do.
 */
import {
  DescribeTableCommand,
  DynamoDBClient,
  type GlobalSecondaryIndexDescription,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log.ts';
import { backfillHoldKeys } from '../../shared/adapters/dynamodb/hold-keys-backfill.ts';
import { backfillQuestionCounts } from '../../shared/adapters/dynamodb/question-counts-backfill.ts';
import { reshardLists } from '../../shared/adapters/dynamodb/reshard-lists.ts';
import { backfillRetentionKeys } from '../../shared/adapters/dynamodb/retention-backfill.ts';
import { type TableSpec, tables } from '../inventory.ts';
import { createTables, localCredentials, localRegion } from './emulators.ts';

type IndexSpec = TableSpec['globalIndexes'][number];

/** Upgrades the sandbox's tables (named as in `names`, by inventory id) in place. */
export async function upgradeSandboxTables(
  endpoint: string,
  names: Readonly<Record<string, string>>,
  log: (line: string) => void,
): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
  try {
    let dropped = false;
    for (const table of tables) {
      const name = names[table.id] ?? table.id;
      for (const index of table.globalIndexes) {
        if (!(await dropIfReprojected(client, name, index))) continue;
        log(`Index ${index.name} of ${name}: projection renewed`);
        dropped = true;
      }
    }
    // Creates the dropped indexes again, as the inventory has them, and waits for them.
    if (dropped) await createTables(endpoint, names);
    for (const table of tables) {
      const name = names[table.id] ?? table.id;
      if (table.stream && (await turnStreamOn(client, name)))
        log(`Stream of ${name} turned on: run npm run figures:rebuild to count what came before`);
    }
    const documents = DynamoDBDocumentClient.from(client);
    const ticketTables = {
      client: documents,
      ticketsTable: names.tickets ?? 'tickets',
      auditTable: names.audit ?? 'audit',
    };
    const result = await reshardLists(ticketTables);
    if (result.rekeyed > 0) log(`Tickets put on their list shards: ${result.rekeyed} of ${result.scanned}`);
    const audit = new DynamoAuditLog({ client: documents, auditTable: ticketTables.auditTable });
    const backfill = await backfillRetentionKeys(ticketTables, { audit });
    if (backfill.counts.keyed > 0 && !backfill.skipped)
      log(`Settled tickets put on the retention index: ${backfill.counts.keyed}`);
    const holds = await backfillHoldKeys(ticketTables, { audit });
    if (holds.counts.protected > 0 && !holds.skipped)
      log(`Objects of earlier legal holds protected: ${holds.counts.protected}`);
    const questions = await backfillQuestionCounts(
      { client: documents, knowledgeTable: names.knowledge ?? 'knowledge' },
      { audit },
    );
    if (questions.counts.counted > 0 && !questions.skipped)
      log(`The assistant's earlier questions added to the days' counts: ${questions.counts.counted}`);
  } finally {
    client.destroy();
  }
}

/** Turns the table's stream on (new and old images) when it is off; `true` when it did. */
export async function turnStreamOn(client: DynamoDBClient, table: string): Promise<boolean> {
  const description = await client.send(new DescribeTableCommand({ TableName: table }));
  const stream = description.Table?.StreamSpecification;
  if (stream?.StreamEnabled && stream.StreamViewType === 'NEW_AND_OLD_IMAGES') return false;
  // A stream of another view is turned off first: DynamoDB changes no view in place.
  if (stream?.StreamEnabled)
    await client.send(
      new UpdateTableCommand({ TableName: table, StreamSpecification: { StreamEnabled: false } }),
    );
  await client.send(
    new UpdateTableCommand({
      TableName: table,
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  return true;
}

/** Drops the index when its projection is not the inventory's; `true` when it did. */
async function dropIfReprojected(client: DynamoDBClient, table: string, index: IndexSpec): Promise<boolean> {
  const present = await describeIndex(client, table, index.name);
  if (!present || sameProjection(present, index)) return false;
  await client.send(
    new UpdateTableCommand({
      TableName: table,
      GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: index.name } }],
    }),
  );
  await waitFor(
    async () => (await describeIndex(client, table, index.name)) === undefined,
    `${index.name} deleted`,
  );
  return true;
}

function sameProjection(present: GlobalSecondaryIndexDescription, index: IndexSpec): boolean {
  const projection = present.Projection;
  if (!index.include) return projection?.ProjectionType === 'ALL';
  return (
    projection?.ProjectionType === 'INCLUDE' &&
    [...(projection.NonKeyAttributes ?? [])].sort().join() === [...index.include].sort().join()
  );
}

async function describeIndex(
  client: DynamoDBClient,
  table: string,
  name: string,
): Promise<GlobalSecondaryIndexDescription | undefined> {
  const description = await client.send(new DescribeTableCommand({ TableName: table }));
  return description.Table?.GlobalSecondaryIndexes?.find((index) => index.IndexName === name);
}

async function waitFor(done: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Sandbox tables: ${what} did not happen in time`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
