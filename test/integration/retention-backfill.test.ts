/**
 * The retention-key backfill on DynamoDB Local: a ticket settled before the index existed gets the
 * keys the settling write gives, from its settle time, and is then found by the sweeper's index;
 * an open one gets none; a bounded run stops and the next resumes; a finished pass is skipped and,
 * forced, changes nothing; the pass is audited once with counts only.
 */
import { PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRetentionIndex, retentionKeys } from '../../shared/adapters/dynamodb/retention.ts';
import { backfillRetentionKeys } from '../../shared/adapters/dynamodb/retention-backfill.ts';
import { ticketItem } from '../../shared/adapters/dynamodb/ticket-items.ts';
import { ticketKey } from '../../shared/adapters/dynamodb/ticket-keys.ts';
import { MemoryAuditLog } from '../../shared/adapters/memory/index.ts';
import type { Ticket, TicketStatus } from '../../shared/domain/ticket.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';
import { testTicket } from '../support/tickets.ts';

let dynamo: TestDynamo;
const tables = () => ({ client: dynamo.documents, ticketsTable: 'tickets', auditTable: 'audit' });

beforeAll(async () => {
  dynamo = await startTestDynamo();
});

afterAll(async () => {
  await dynamo?.stop();
});

const ticketItems = async () =>
  ((await dynamo.documents.send(new ScanCommand({ TableName: 'tickets', ConsistentRead: true }))).Items ?? [])
    .filter((item) => item.type === 'ticket')
    .sort((a, b) => String(a.pk).localeCompare(String(b.pk)));

/** A ticket as written before the retention index: settled by staff at `settledAt`, or still open. */
function oldTicket(reference: string, status: TicketStatus, settledAt?: string): Ticket {
  return {
    ...testTicket(reference, 'general', {
      receivedAt: '2024-01-10T09:00:00.000Z',
      answerDeadline: '2024-02-09',
    }),
    status,
    statusChanges: [
      { from: 'new', to: 'open', by: 'anna', at: '2024-01-11T09:00:00.000Z' },
      ...(settledAt ? [{ from: 'open' as const, to: status, by: 'anna', at: settledAt }] : []),
    ],
  };
}

describe('the retention-key backfill', () => {
  const closed = oldTicket('TA-2024-900001', 'closed', '2024-02-01T12:00:00.000Z');
  const answered = oldTicket('TA-2024-900002', 'answered', '2024-02-02T12:00:00.000Z');
  const open = oldTicket('TA-2024-900003', 'open');
  const closedLater = oldTicket('TA-2024-900004', 'closed', '2024-02-04T12:00:00.000Z');

  beforeAll(async () => {
    for (const ticket of [closed, answered, open, closedLater])
      await dynamo.documents.send(new PutCommand({ TableName: 'tickets', Item: ticketItem(ticket) }));
  });

  it('stops after its bounded run, and the next run resumes and keys every settled ticket from its settle time', async () => {
    const audit = new MemoryAuditLog();
    const stopped = await backfillRetentionKeys(tables(), { audit, pageSize: 1, maxPages: 2 });
    expect(stopped.done).toBe(false);
    expect(stopped.counts.tickets).toBe(2);
    expect(audit.records).toHaveLength(0);

    const finished = await backfillRetentionKeys(tables(), { audit, pageSize: 1 });
    expect(finished.done).toBe(true);
    // Resumed, not restarted: each ticket read once over both runs.
    expect(finished.counts).toEqual({ tickets: 4, keyed: 3 });
    const items = await ticketItems();
    for (const ticket of [closed, answered, closedLater]) {
      const item = items.find((candidate) => candidate.reference === ticket.reference);
      const settledAt = ticket.statusChanges?.at(-1)?.at ?? '';
      expect(item).toMatchObject(retentionKeys(ticket.reference, settledAt));
    }
    const openItem = items.find((candidate) => candidate.reference === open.reference);
    expect(openItem?.retainKey).toBeUndefined();
    expect(openItem?.retainSortKey).toBeUndefined();

    expect(audit.records.map((record) => record.eventName)).toEqual(['BackfillRetentionKeys']);
    expect(audit.records[0]?.responseElements).toEqual({ tickets: 4, keyed: 3 });
    expect(JSON.stringify(audit.records)).not.toMatch(/Anna|example\.lv|Konfidenciāls/i);
  });

  it('puts the backfilled tickets where the sweeper reads them', async () => {
    const found = await new DynamoRetentionIndex(tables()).settledBefore('2024-02-03', { limit: 10 });
    expect(found.tickets.map((ticket) => ticket.reference).sort()).toEqual([
      closed.reference,
      answered.reference,
    ]);
  });

  it('changes nothing when run again: a finished pass is skipped, and forced it keys nothing', async () => {
    const before = await ticketItems();
    const audit = new MemoryAuditLog();
    expect(await backfillRetentionKeys(tables(), { audit })).toMatchObject({ done: true, skipped: true });
    expect(audit.records).toHaveLength(0);
    const forced = await backfillRetentionKeys(tables(), { audit, force: true });
    expect(forced.counts).toEqual({ tickets: 4, keyed: 0 });
    expect(await ticketItems()).toEqual(before);
  });

  it('keeps the keys a later settling wrote, and keys a ticket by its last settling', async () => {
    // Settled again after a reopening: the settling write gave it keys of its own.
    const resettled = oldTicket('TA-2024-900005', 'closed', '2024-03-01T12:00:00.000Z');
    const later = retentionKeys(resettled.reference, '2024-05-01T12:00:00.000Z');
    await dynamo.documents.send(
      new PutCommand({ TableName: 'tickets', Item: { ...ticketItem(resettled), ...later } }),
    );
    // Closed, reopened by a follow-up and closed again, all before the index.
    const reopened = oldTicket('TA-2024-900006', 'closed', '2024-03-01T12:00:00.000Z');
    await dynamo.documents.send(
      new PutCommand({
        TableName: 'tickets',
        Item: ticketItem({
          ...reopened,
          statusChanges: [
            ...(reopened.statusChanges ?? []),
            { from: 'closed', to: 'open', by: 'anna', at: '2024-03-05T12:00:00.000Z' },
            { from: 'open', to: 'closed', by: 'anna', at: '2024-03-09T12:00:00.000Z' },
          ],
        }),
      }),
    );
    const result = await backfillRetentionKeys(tables(), { audit: new MemoryAuditLog(), force: true });
    expect(result.counts.keyed).toBe(1);
    const items = await ticketItems();
    expect(items.find((item) => item.reference === resettled.reference)).toMatchObject(later);
    expect(items.find((item) => item.reference === reopened.reference)).toMatchObject(
      retentionKeys(reopened.reference, '2024-03-09T12:00:00.000Z'),
    );
  });

  it('leaves a ticket reopened since it was read off the index', async () => {
    const reopening = oldTicket('TA-2024-900007', 'closed', '2024-03-01T12:00:00.000Z');
    await dynamo.documents.send(new PutCommand({ TableName: 'tickets', Item: ticketItem(reopening) }));
    // The page is read, then the ticket reopened before its key is written.
    const reading = dynamo.documents.send.bind(dynamo.documents);
    const client = Object.create(dynamo.documents) as typeof dynamo.documents;
    let reopened = false;
    client.send = (async (command: unknown) => {
      const result = await reading(command as never);
      if (command instanceof ScanCommand && !reopened) {
        reopened = true;
        await reading(
          new UpdateCommand({
            TableName: 'tickets',
            Key: ticketKey(reopening.reference),
            UpdateExpression: 'SET #status = :open',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':open': 'open' },
          }),
        );
      }
      return result;
    }) as typeof client.send;
    const result = await backfillRetentionKeys(
      { client, ticketsTable: 'tickets', auditTable: 'audit' },
      { audit: new MemoryAuditLog(), force: true },
    );
    expect(result.done).toBe(true);
    const item = (await ticketItems()).find((candidate) => candidate.reference === reopening.reference);
    expect(item?.status).toBe('open');
    expect(item?.retainKey).toBeUndefined();
  });
});
