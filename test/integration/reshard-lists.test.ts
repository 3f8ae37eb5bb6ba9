/** Tickets written before the unit lists were sharded come back on the lists after the backfill. */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { letterItem } from '../../shared/adapters/dynamodb/postal-desk.ts';
import { reshardChanges, reshardLists } from '../../shared/adapters/dynamodb/reshard-lists.ts';
import { ticketItem } from '../../shared/adapters/dynamodb/ticket-items.ts';
import { listOfKey, shardOf } from '../../shared/adapters/dynamodb/ticket-keys.ts';
import { DynamoWorklists } from '../../shared/adapters/dynamodb/worklists.ts';
import type { CompetenceId } from '../../shared/domain/competences.ts';
import type { Ticket } from '../../shared/domain/ticket.ts';
import type { LetterRecord } from '../../shared/ports/postal.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';
import { testTicket } from '../support/tickets.ts';

let dynamo: TestDynamo;
let worklists: DynamoWorklists;

beforeAll(async () => {
  dynamo = await startTestDynamo();
  worklists = new DynamoWorklists(tables());
});

afterAll(async () => {
  await dynamo?.stop();
});

const tables = () => ({ client: dynamo.documents, ticketsTable: 'tickets', auditTable: 'audit' });

/** A ticket item as the code before sharding wrote it: each list key without its shard. */
function legacyItem(ticket: Ticket): Record<string, unknown> {
  const item = ticketItem(ticket);
  for (const key of ['worklistKey', 'dueKey', 'callbackKey']) {
    if (typeof item[key] === 'string') item[key] = listOfKey(item[key]);
  }
  return item;
}

async function put(item: Record<string, unknown>) {
  await dynamo.documents.send(new PutCommand({ TableName: 'tickets', Item: item }));
}

const references = async (view: Parameters<DynamoWorklists['list']>[0]) => {
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await worklists.list(view, { limit: 4, ...(cursor ? { cursor } : {}) });
    seen.push(...page.items.map((ticket) => ticket.reference));
    cursor = page.cursor;
  } while (cursor);
  return seen;
};

describe('re-keying tickets onto the list shards', () => {
  it('puts older tickets back on the worklist, deadline and callback lists, once, page by page', async () => {
    // Prepare: twelve tickets as the unsharded code wrote them, one written since, and a letter
    // (its list is not a unit's and stays as it is).
    const unit = 'legal-aid' as CompetenceId;
    const tickets = Array.from({ length: 12 }, (_, i) =>
      testTicket(`TA-2025-${String(900_000 + i)}`, unit, {
        receivedAt: new Date(Date.parse('2025-11-01T08:00:00Z') + i * 60_000).toISOString(),
        answerDeadline: `2025-12-${String(10 + i)}`,
        ...(i % 3 === 0 ? { callback: { phone: '+37120000000' } } : {}),
      }),
    );
    const current = testTicket('TA-2025-900100', unit, {
      receivedAt: '2025-11-01T09:00:00Z',
      answerDeadline: '2025-12-30',
    });
    expect(new Set(tickets.map((ticket) => shardOf(ticket.reference))).size).toBeGreaterThan(3);
    for (const ticket of tickets) await put(legacyItem(ticket));
    await put(ticketItem(current));
    const letter = {
      reference: 'TA-2025-900000',
      letterId: 'l1',
      createdAt: '2025-11-02T08:00:00Z',
    } as unknown as LetterRecord;
    await put(letterItem(letter));
    const queue = { kind: 'queue', competence: unit, status: 'new' } as const;
    expect(await references(queue)).toEqual([current.reference]);

    // Act
    const first = await reshardLists(tables(), { pageSize: 5 });

    // Assess
    expect(first).toMatchObject({ rekeyed: 12, skipped: false });
    expect(await references(queue)).toEqual([...tickets, current].map((ticket) => ticket.reference));
    expect(
      await references({ kind: 'due', competence: unit, from: '2025-12-10', through: '2025-12-31' }),
    ).toEqual([...tickets, current].map((ticket) => ticket.reference));
    expect(await references({ kind: 'callbacks', competence: unit })).toEqual(
      tickets.filter((_, i) => i % 3 === 0).map((ticket) => ticket.reference),
    );
    const stored = await dynamo.documents.send(
      new GetCommand({ TableName: 'tickets', Key: { pk: 'TICKET#TA-2025-900000', sk: 'LETTER#l1' } }),
    );
    expect(stored.Item?.worklistKey).toBe(letterItem(letter).worklistKey);

    // Again: the marker says done; forced, nothing left to re-key.
    expect(await reshardLists(tables())).toEqual({ scanned: 0, rekeyed: 0, skipped: true });
    expect(await reshardLists(tables(), { force: true, pageSize: 3 })).toMatchObject({ rekeyed: 0 });
    expect(await references(queue)).toHaveLength(13);
  });

  it('re-keys only what names a list without its shard (or another shard count’s shard)', () => {
    const reference = 'TA-2026-000042';
    const shard = shardOf(reference);
    expect(reshardChanges({ reference, worklistKey: 'court-fees#new', dueKey: 'court-fees' })).toEqual([
      { attribute: 'worklistKey', from: 'court-fees#new', to: `court-fees#new#${shard}` },
      { attribute: 'dueKey', from: 'court-fees', to: `court-fees#${shard}` },
    ]);
    expect(reshardChanges({ reference, callbackKey: `court-fees#${(shard + 1) % 8}` })).toEqual([
      { attribute: 'callbackKey', from: `court-fees#${(shard + 1) % 8}`, to: `court-fees#${shard}` },
    ]);
    expect(
      reshardChanges({ reference, worklistKey: `court-fees#open#${shard}`, dueKey: `court-fees#${shard}` }),
    ).toEqual([]);
  });

  it('re-reads a ticket another write changed meanwhile, and shards the keys that write left', async () => {
    // Prepare: an unsharded ticket, and a take that lands between the pass's scan and its update
    // (it re-keys the worklist only, as DynamoWorklists.take does).
    const unit = 'court-fees' as CompetenceId;
    const ticket = testTicket('TA-2025-900200', unit, {
      receivedAt: '2025-11-03T08:00:00Z',
      answerDeadline: '2025-12-20',
    });
    await put(legacyItem(ticket));
    let raced = false;
    const racing = {
      send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        if (!raced && command.constructor.name === 'UpdateCommand') {
          raced = true;
          await dynamo.documents.send(
            new UpdateCommand({
              TableName: 'tickets',
              Key: { pk: `TICKET#${ticket.reference}`, sk: 'TICKET' },
              UpdateExpression: 'SET worklistKey = :key',
              ExpressionAttributeValues: { ':key': `${unit}#open#${shardOf(ticket.reference)}` },
            }),
          );
        }
        return dynamo.documents.send(command as never);
      },
    };
    // Act
    const result = await reshardLists({ ...tables(), client: racing as never }, { force: true });
    // Assess
    expect(raced).toBe(true);
    const { Item } = await dynamo.documents.send(
      new GetCommand({ TableName: 'tickets', Key: { pk: `TICKET#${ticket.reference}`, sk: 'TICKET' } }),
    );
    expect(Item?.worklistKey).toBe(`${unit}#open#${shardOf(ticket.reference)}`);
    expect(Item?.dueKey).toBe(`${unit}#${shardOf(ticket.reference)}`);
    expect(result.skipped).toBe(false);
    expect(result.rekeyed).toBeGreaterThanOrEqual(1);
  });
});
