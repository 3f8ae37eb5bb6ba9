/** DynamoTicketStore and DynamoAuditLog against DynamoDB Local (the official emulator). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { auditEventSource, auditRecord, ticketResource } from '../../shared/domain/audit-event.ts';
import { stableId } from '../../shared/domain/ids.ts';
import { ReferenceAllocator } from '../../shared/domain/reference.ts';
import type { Ticket } from '../../shared/domain/ticket.ts';

let dynamo: DynamoEmulator;
let documents: DynamoDBDocumentClient;
let store: DynamoTicketStore;
let auditLog: DynamoAuditLog;

beforeAll(async () => {
  dynamo = await startDynamo(await freePort(), undefined);
  await createTables(dynamo.endpoint, { tickets: 'tickets', audit: 'audit' });
  documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: dynamo.endpoint, region: localRegion, credentials: localCredentials }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  store = new DynamoTicketStore({ client: documents, ticketsTable: 'tickets', auditTable: 'audit' });
  auditLog = new DynamoAuditLog({ client: documents, auditTable: 'audit' });
});

afterAll(async () => {
  documents?.destroy();
  await dynamo?.stop();
});

function ticket(reference: string): Ticket {
  return {
    reference,
    sourceId: `web:${reference}`,
    channel: 'web',
    status: 'new',
    language: 'lv',
    client: { name: 'Pēteris Liepa', email: 'peteris@example.lv' },
    topic: 'general',
    competence: 'general',
    subject: 'Jautājums',
    body: 'Teksts',
    receivedAt: '2026-11-27T10:00:00.000Z',
    storedAt: '2026-11-27T10:00:01.000Z',
    answerDeadline: '2026-12-28',
    expectedAnswerBy: '2026-12-28',
  };
}

function audit(reference: string, eventName: string, eventTime = '2026-11-27T10:00:00.000Z') {
  return auditRecord({
    eventTime,
    eventSource: auditEventSource,
    eventName,
    userIdentity: { type: 'Service', invokedBy: 'test' },
    sourceIPAddress: '127.0.0.1',
    userAgent: 'test',
    requestParameters: null,
    responseElements: null,
    requestID: 'r',
    eventID: stableId(reference, eventName),
    readOnly: false,
    resources: [ticketResource(reference)],
  });
}

describe('DynamoTicketStore', () => {
  it('allocates unique references from blocks under concurrency', async () => {
    const allocators = Array.from(
      { length: 4 },
      () => new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size), 10),
    );
    const references = await Promise.all(
      Array.from({ length: 120 }, (_, i) => allocators[i % 4]?.next(2031)),
    );
    expect(new Set(references).size).toBe(120);
  });

  it('creates a ticket with its audit record once, and says so when it exists', async () => {
    expect(await store.createTicket(ticket('TA-2026-100001'), audit('TA-2026-100001', 'CreateTicket'))).toBe(
      'created',
    );
    expect(await store.createTicket(ticket('TA-2026-100001'), audit('TA-2026-100001', 'CreateTicket'))).toBe(
      'exists',
    );
    expect(await store.getTicket('TA-2026-100001')).toEqual(ticket('TA-2026-100001'));
    const records = await auditLog.recordsOfHour('2026-11-27T10');
    expect(
      records.filter((record) => record.eventID === stableId('TA-2026-100001', 'CreateTicket')),
    ).toHaveLength(1);
  });

  it('keeps an idempotency record, with its audit record, for the first request only', async () => {
    const message = { reference: 'TA-2026-100002' } as never;
    const expires = new Date(Date.now() + 60_000);
    const first = audit('TA-2026-100002', 'SubmitRequest', '2029-01-01T09:00:00.000Z');
    expect(await store.putIdempotency({ key: 'k-1', fingerprint: 'a', message }, expires, first)).toBe(true);
    const second = audit('TA-2026-100002b', 'SubmitRequest', '2029-01-01T09:00:00.000Z');
    expect(await store.putIdempotency({ key: 'k-1', fingerprint: 'b', message }, expires, second)).toBe(
      false,
    );
    expect((await store.getIdempotency('k-1'))?.fingerprint).toBe('a');
    expect(await store.getIdempotency('k-unknown')).toBeUndefined();
    // The refused attempt left no audit record behind: the transaction wrote nothing.
    expect((await auditLog.recordsOfHour('2029-01-01T09')).map((record) => record.eventID)).toEqual([
      first.eventID,
    ]);
  });

  it('records a send once, on the outbound item and on the ticket', async () => {
    const reference = 'TA-2026-100003';
    await store.createTicket(ticket(reference), audit(reference, 'CreateTicket'));
    const now = new Date('2026-11-27T10:00:00Z');
    expect(await store.isOutboundSent(reference, 'ack')).toBe(false);

    const sent = { sesMessageId: 'ses-1', sentAt: now.toISOString(), kind: 'acknowledgement' as const };
    expect(await store.completeOutbound(reference, 'ack', sent, audit(reference, 'SendEmail'))).toBe(true);
    expect(
      await store.completeOutbound(
        reference,
        'ack',
        { ...sent, sesMessageId: 'ses-2' },
        audit(reference, 'SendEmail2'),
      ),
    ).toBe(false);

    expect(await store.isOutboundSent(reference, 'ack')).toBe(true);
    expect(await store.isOutboundSent(reference, 'other')).toBe(false);
    expect((await store.getTicket(reference))?.acknowledgement).toEqual({
      sesMessageId: 'ses-1',
      sentAt: now.toISOString(),
    });
  });

  it('refuses to record a send on a ticket that does not exist', async () => {
    const sent = {
      sesMessageId: 'ses-9',
      sentAt: new Date().toISOString(),
      kind: 'acknowledgement' as const,
    };
    await expect(
      store.completeOutbound('TA-2026-199999', 'ack', sent, audit('TA-2026-199999', 'SendEmail')),
    ).rejects.toThrow();
  });

  it('counts discarded submissions per day', async () => {
    await store.countDiscarded('honeypot', '2031-01-01');
    await store.countDiscarded('honeypot', '2031-01-01');
    expect(await store.discardedCount('honeypot', '2031-01-01')).toBe(2);
    expect(await store.discardedCount('honeypot', '2031-01-02')).toBe(0);
  });
});

describe('DynamoAuditLog', () => {
  it('appends idempotently and reads an hour back in time order', async () => {
    const first = audit('TA-2030-000001', 'SubmitRequest', '2030-05-05T07:10:00.000Z');
    const second = audit('TA-2030-000002', 'SubmitRequest', '2030-05-05T07:05:00.000Z');
    const otherHour = audit('TA-2030-000003', 'SubmitRequest', '2030-05-05T08:00:00.000Z');
    await auditLog.append([first, second, otherHour]);
    await auditLog.append([first]);
    const records = await auditLog.recordsOfHour('2030-05-05T07');
    expect(records.map((record) => record.eventID)).toEqual([second.eventID, first.eventID]);
    expect(records[0]).toEqual(second);
  });
});
