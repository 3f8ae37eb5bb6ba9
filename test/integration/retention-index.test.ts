/**
 * The retention index and the run's progress on DynamoDB Local: a ticket staff close is put on the
 * index with its closing time, a reopened one taken off, the index read across its shards page by
 * page, and the sweep run end to end through the real adapters.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTables,
  type DynamoEmulator,
  localCredentials,
  localRegion,
  startDynamo,
} from '../../infra/local/emulators.ts';
import { freePort } from '../../infra/local/ports.ts';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log.ts';
import {
  DynamoRetentionGuards,
  DynamoRetentionIndex,
  DynamoRetentionProgress,
  retentionKeys,
} from '../../shared/adapters/dynamodb/retention.ts';
import { DynamoTicketDesk } from '../../shared/adapters/dynamodb/ticket-desk.ts';
import { ticketKey } from '../../shared/adapters/dynamodb/ticket-keys.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { FixedClock } from '../../shared/adapters/memory/index.ts';
import { MemoryVersionedBucket } from '../../shared/adapters/memory/retention.ts';
import { auditEventSource, auditRecord } from '../../shared/domain/audit-event.ts';
import { parseRetentionSchedule } from '../../shared/domain/retention.ts';
import type { TicketStatus } from '../../shared/domain/ticket.ts';
import type { TicketErasure } from '../../shared/ports/data-subjects.ts';
import { applyRetention } from '../../shared/use-cases/apply-retention.ts';
import { newTicket, testTicket } from '../support/tickets.ts';

let dynamo: DynamoEmulator;
let documents: DynamoDBDocumentClient;

beforeAll(async () => {
  dynamo = await startDynamo(await freePort(), undefined);
  documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: dynamo.endpoint, region: localRegion, credentials: localCredentials }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
});

afterAll(async () => {
  documents?.destroy();
  await dynamo?.stop();
});

let tablesCreated = 0;
async function tables() {
  tablesCreated += 1;
  const names = { tickets: `tickets-r${tablesCreated}`, audit: `audit-r${tablesCreated}` };
  await createTables(dynamo.endpoint, names);
  return { client: documents, ticketsTable: names.tickets, auditTable: names.audit };
}

const audit = (at: string) =>
  auditRecord({
    eventTime: at,
    eventSource: auditEventSource,
    eventName: 'ChangeTicketStatus',
    userIdentity: { type: 'Staff', userName: 'anna' },
    sourceIPAddress: '127.0.0.1',
    userAgent: 'test',
    requestParameters: null,
    responseElements: null,
    requestID: at,
    eventID: `status-${at}`,
    readOnly: false,
    resources: [],
  });

describe('retention index on DynamoDB', () => {
  it('puts a ticket staff close on the index, and a reopening takes it off', async () => {
    // Prepare
    const t = await tables();
    const store = new DynamoTicketStore(t);
    const desk = new DynamoTicketDesk(t);
    const index = new DynamoRetentionIndex(t);
    const ticket = testTicket('TA-2026-000100', 'general', {
      status: 'open',
      receivedAt: '2026-01-05T08:00:00Z',
      answerDeadline: '2026-02-05',
    });
    await store.createTickets([newTicket(ticket)]);
    const change = (from: TicketStatus, to: TicketStatus, at: string) =>
      desk.write(ticket.reference, {
        expect: { status: from, competence: ticket.competence, answerDeadline: ticket.answerDeadline },
        statusChange: { from, to, by: 'anna', at },
        audit: audit(at),
      });

    // Act
    await change('open', 'closed', '2026-01-20T10:00:00.000Z');
    const closed = await index.settledBefore('2026-12-31T00:00:00Z', { limit: 10 });
    const notYet = await index.settledBefore('2026-01-20T09:00:00Z', { limit: 10 });
    await change('closed', 'open', '2026-01-25T10:00:00.000Z');
    const reopened = await index.settledBefore('2026-12-31T00:00:00Z', { limit: 10 });

    // Assess
    expect(closed.tickets).toEqual([
      { reference: ticket.reference, settledAt: '2026-01-20T10:00:00.000Z', status: 'closed' },
    ]);
    expect(notYet.tickets).toEqual([]);
    expect(reopened.tickets).toEqual([]);
    // The ticket as read has no index attributes.
    expect(Object.keys((await store.getTicket(ticket.reference)) ?? {})).not.toContain('retainKey');
  });

  it('reads every shard page by page, and forgets a ticket', async () => {
    const t = await tables();
    const index = new DynamoRetentionIndex(t);
    const references = Array.from({ length: 30 }, (_, n) => `TA-2025-${String(n + 1).padStart(6, '0')}`);
    for (const reference of references) {
      await documents.send(
        new PutCommand({
          TableName: t.ticketsTable,
          Item: {
            ...ticketKey(reference),
            type: 'ticket',
            reference,
            status: 'closed',
            ...retentionKeys(reference, '2025-03-01T00:00:00.000Z'),
          },
        }),
      );
    }

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await index.settledBefore('2026-01-01T00:00:00Z', {
        limit: 4,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.tickets.length).toBeLessThanOrEqual(4);
      seen.push(...page.tickets.map((ticket) => ticket.reference));
      cursor = page.next;
      pages += 1;
    } while (cursor && pages < 50);

    expect(seen.sort()).toEqual(references);
    await index.forget(references[0] ?? '');
    await index.forget('TA-2099-000001'); // no such ticket: no item made of index keys
    const after = await index.settledBefore('2026-01-01T00:00:00Z', { limit: 100 });
    expect(after.tickets.map((ticket) => ticket.reference)).not.toContain(references[0]);
    expect(after.tickets).toHaveLength(29);
    const ghost = await documents.send(
      new GetCommand({ TableName: t.ticketsTable, Key: ticketKey('TA-2099-000001') }),
    );
    expect(ghost.Item).toBeUndefined();
  });

  it('sweeps through the real adapters, and a second run the same day changes nothing', async () => {
    const t = await tables();
    const erased: string[] = [];
    const erasure: TicketErasure = {
      eraseTicket: async (reference) => {
        erased.push(reference);
        return { outcome: 'erased' };
      },
    };
    for (const reference of ['TA-2020-000001', 'TA-2020-000002']) {
      await documents.send(
        new PutCommand({
          TableName: t.ticketsTable,
          Item: {
            ...ticketKey(reference),
            reference,
            status: 'answered',
            ...retentionKeys(reference, '2020-05-01T00:00:00Z'),
          },
        }),
      );
    }
    const bucket = new MemoryVersionedBucket();
    const deps = {
      schedule: parseRetentionSchedule(),
      index: new DynamoRetentionIndex(t),
      erasure,
      objects: bucket,
      versions: bucket,
      guards: new DynamoRetentionGuards(t),
      progress: new DynamoRetentionProgress(t),
      audit: new DynamoAuditLog({ client: documents, auditTable: t.auditTable }),
      clock: new FixedClock('2026-12-07T05:00:00Z'),
    };

    const first = await applyRetention(deps, 'run-1');
    const second = await applyRetention(deps, 'run-2');

    expect(first).toMatchObject({ done: true, counts: { ticketsPseudonymised: 2 } });
    expect(second).toMatchObject({ done: true, counts: {}, totals: { ticketsPseudonymised: 2 } });
    expect(erased.sort()).toEqual(['TA-2020-000001', 'TA-2020-000002']);
  });

  it("reads the guards: a ticket's status and hold, a mail's ticket, a quarantined mail's state", async () => {
    const t = await tables();
    const put = (Item: Record<string, unknown>) =>
      documents.send(new PutCommand({ TableName: t.ticketsTable, Item }));
    await put({ ...ticketKey('TA-2021-000001'), reference: 'TA-2021-000001', status: 'closed' });
    await put({
      ...ticketKey('TA-2021-000002'),
      reference: 'TA-2021-000002',
      status: 'answered',
      legalHold: { reason: 'lawsuit', by: 'dpo', at: '2026-01-01T00:00:00Z' },
    });
    await put({
      pk: 'IDEMPOTENCY#email:mail-1',
      sk: 'IDEMPOTENCY',
      fingerprint: 'f',
      message: { reference: 'TA-2021-000002', channel: 'email' },
    });
    await put({ pk: 'QUARANTINE#mail-2', sk: 'QUARANTINE', type: 'quarantine', state: 'held' });
    await put({ pk: 'QUARANTINE#mail-3', sk: 'QUARANTINE', type: 'quarantine', state: 'released' });
    const guards = new DynamoRetentionGuards(t);

    expect(await guards.ticketState('TA-2021-000001')).toEqual({ status: 'closed', held: false });
    expect(await guards.ticketState('TA-2021-000002')).toEqual({ status: 'answered', held: true });
    expect(await guards.ticketState('TA-2021-000009')).toBeUndefined();
    expect(await guards.mailReference('mail-1')).toBe('TA-2021-000002');
    expect(await guards.mailReference('mail-9')).toBeUndefined();
    expect(await guards.quarantineAwaiting('mail-2')).toBe(true);
    expect(await guards.quarantineAwaiting('mail-3')).toBe(false);
    expect(await guards.quarantineAwaiting('mail-9')).toBe(false);
  });
});
