/**
 * A sandbox data folder from before the lean, sharded lists: its indexes kept whole tickets and its
 * tickets' list keys had no shard, and settled tickets had no retention keys. After the upgrade the
 * lists show those tickets again, as rows, and the settled one is on the retention index.
 */
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../infra/inventory.ts';
import { createTables, localCredentials, localRegion, startDynamo } from '../../infra/local/emulators.ts';
import { freePort } from '../../infra/local/ports.ts';
import { upgradeSandboxTables } from '../../infra/local/upgrade-tables.ts';
import { retentionKeys } from '../../shared/adapters/dynamodb/retention-keys.ts';
import { ticketItem } from '../../shared/adapters/dynamodb/ticket-items.ts';
import { listOfKey, ticketKey } from '../../shared/adapters/dynamodb/ticket-keys.ts';
import { DynamoWorklists } from '../../shared/adapters/dynamodb/worklists.ts';
import { testTicket } from '../support/tickets.ts';

let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let client: DynamoDBClient;

beforeAll(async () => {
  dynamo = await startDynamo(await freePort(), undefined);
  client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: localRegion,
    credentials: localCredentials,
  });
});

afterAll(async () => {
  client?.destroy();
  await dynamo?.stop();
});

/** The tickets table as the older inventory made it: every index keeping all attributes. */
async function createOlderTicketsTable() {
  const spec = tables.find((table) => table.id === 'tickets');
  if (!spec) throw new Error('no tickets table in the inventory');
  const attributes = new Set([spec.partitionKey, spec.sortKey]);
  for (const index of spec.globalIndexes) attributes.add(index.partitionKey).add(index.sortKey);
  await client.send(
    new CreateTableCommand({
      TableName: 'tickets',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: spec.partitionKey, KeyType: 'HASH' },
        { AttributeName: spec.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: spec.globalIndexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
}

describe('upgrading a sandbox data folder', () => {
  it('renews the index projections and puts older tickets back on the lists, as rows', async () => {
    // Prepare: the older table, with tickets as the unsharded code wrote them.
    await createOlderTicketsTable();
    await createTables(dynamo.endpoint, { tickets: 'tickets', audit: 'audit' });
    const documents = DynamoDBDocumentClient.from(client);
    const tickets = Array.from({ length: 6 }, (_, i) =>
      testTicket(`TA-2025-80000${i}`, 'court-fees', {
        receivedAt: `2025-10-01T08:0${i}:00.000Z`,
        answerDeadline: '2025-10-20',
      }),
    );
    for (const ticket of tickets) {
      const item = ticketItem(ticket);
      item.worklistKey = listOfKey(String(item.worklistKey));
      item.dueKey = listOfKey(String(item.dueKey));
      await documents.send(new PutCommand({ TableName: 'tickets', Item: item }));
    }
    // Closed before the retention index existed: no retention keys.
    const closed = testTicket('TA-2025-800009', 'court-fees', {
      receivedAt: '2025-09-01T08:00:00.000Z',
      answerDeadline: '2025-09-20',
      status: 'closed',
      statusChanges: [{ from: 'open', to: 'closed', by: 'anna', at: '2025-09-10T10:00:00.000Z' }],
    });
    await documents.send(new PutCommand({ TableName: 'tickets', Item: ticketItem(closed) }));
    const lines: string[] = [];

    // Act
    await upgradeSandboxTables(dynamo.endpoint, { tickets: 'tickets', audit: 'audit' }, (line) =>
      lines.push(line),
    );

    // Assess
    const described = await client.send(new DescribeTableCommand({ TableName: 'tickets' }));
    for (const index of tables.find((table) => table.id === 'tickets')?.globalIndexes ?? []) {
      const present = described.Table?.GlobalSecondaryIndexes?.find(
        (found) => found.IndexName === index.name,
      );
      expect(present?.Projection?.ProjectionType, index.name).toBe('INCLUDE');
      expect([...(present?.Projection?.NonKeyAttributes ?? [])].sort(), index.name).toEqual(
        [...(index.include ?? [])].sort(),
      );
    }
    const worklists = new DynamoWorklists({
      client: documents,
      ticketsTable: 'tickets',
      auditTable: 'audit',
    });
    const queue = await worklists.list(
      { kind: 'queue', competence: 'court-fees', status: 'new' },
      { limit: 10 },
    );
    expect(queue.items.map((ticket) => ticket.reference)).toEqual(tickets.map((ticket) => ticket.reference));
    expect(queue.items[0]).not.toHaveProperty('body');
    expect(lines).toContain('Tickets put on their list shards: 6 of 7');
    expect(lines).toContain('Settled tickets put on the retention index: 1');
    const closedItem = await documents.send(
      new GetCommand({ TableName: 'tickets', Key: ticketKey(closed.reference) }),
    );
    expect(closedItem.Item).toMatchObject(retentionKeys(closed.reference, '2025-09-10T10:00:00.000Z'));

    // A second start has nothing to do.
    lines.length = 0;
    await upgradeSandboxTables(dynamo.endpoint, { tickets: 'tickets', audit: 'audit' }, (line) =>
      lines.push(line),
    );
    expect(lines).toEqual([]);
  });
});
