/** DynamoTicketStore and DynamoAuditLog against DynamoDB Local (the official emulator). */
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log.ts';
import { DynamoTicketDesk } from '../../shared/adapters/dynamodb/ticket-desk.ts';
import { shardOf } from '../../shared/adapters/dynamodb/ticket-keys.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import type { AuditEventName } from '../../shared/domain/audit-catalogue.ts';
import { auditEventSource, auditRecord, ticketResource } from '../../shared/domain/audit-event.ts';
import { clientGroupId, stableId } from '../../shared/domain/ids.ts';
import { ReferenceAllocator } from '../../shared/domain/reference.ts';
import type { Ticket } from '../../shared/domain/ticket.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';
import { newTicket, testTicket } from '../support/tickets.ts';

let dynamo: TestDynamo;
let documents: DynamoDBDocumentClient;
let store: DynamoTicketStore;
let auditLog: DynamoAuditLog;

beforeAll(async () => {
  dynamo = await startTestDynamo();
  documents = dynamo.documents;
  store = new DynamoTicketStore({ client: documents, ticketsTable: 'tickets', auditTable: 'audit' });
  auditLog = new DynamoAuditLog({ client: documents, auditTable: 'audit' });
});

afterAll(async () => {
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
    routing: {
      competence: 'general',
      ruleId: 'fallback-triage',
      rulesVersion: 'test',
      explanation: { lv: 'Neviens noteikums neatbilda.', en: 'No rule matched.' },
      matched: [],
    },
    subject: 'Jautājums',
    body: 'Teksts',
    receivedAt: '2026-11-27T10:00:00.000Z',
    storedAt: '2026-11-27T10:00:01.000Z',
    answerDeadline: '2026-12-28',
    firstResponseDue: '2026-11-30',
    expectedAnswerBy: '2026-12-01',
  };
}

/** An audit record of `event` (a catalogued name, optionally `-<id>` to make it distinct). */
function audit(reference: string, event: string, eventTime = '2026-11-27T10:00:00.000Z') {
  return auditRecord({
    eventTime,
    eventSource: auditEventSource,
    eventName: event.split('-')[0] as AuditEventName,
    userIdentity: { type: 'Service', invokedBy: 'test' },
    sourceIPAddress: '127.0.0.1',
    userAgent: 'test',
    requestParameters: null,
    responseElements: null,
    requestID: 'r',
    eventID: stableId(reference, event),
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

  it('creates tickets with their audit records once, and says which existed', async () => {
    const entry = (reference: string) => ({
      ticket: ticket(reference),
      audit: audit(reference, 'CreateTicket'),
    });
    expect(await store.createTickets([entry('TA-2026-100001')])).toEqual(['created']);
    // A batch with one redelivered ticket: the others are still created, each exactly once.
    expect(
      await store.createTickets([entry('TA-2026-100011'), entry('TA-2026-100001'), entry('TA-2026-100012')]),
    ).toEqual(['created', 'exists', 'created']);
    expect(await store.createTickets([entry('TA-2026-100013'), entry('TA-2026-100014')])).toEqual([
      'created',
      'created',
    ]);
    expect(await store.getTicket('TA-2026-100001')).toEqual(ticket('TA-2026-100001'));
    expect(await store.getTicket('TA-2026-100014')).toEqual(ticket('TA-2026-100014'));
    const records = await auditLog.recordsOfHour('2026-11-27T10');
    expect(
      records.filter((record) => record.eventID === stableId('TA-2026-100001', 'CreateTicket')),
    ).toHaveLength(1);
    expect(
      records.filter((record) => record.eventID === stableId('TA-2026-100012', 'CreateTicket')),
    ).toHaveLength(1);
  });

  it('creates the other tickets of a batch when one is too large to store', async () => {
    const entry = (reference: string, body = 'Teksts') => ({
      ticket: { ...ticket(reference), body },
      audit: audit(reference, 'CreateTicket'),
    });
    const outcomes = await store.createTickets([
      entry('TA-2026-100021'),
      entry('TA-2026-100022', 'ā'.repeat(210_000)),
      entry('TA-2026-100023'),
    ]);
    expect(outcomes[0]).toBe('created');
    expect(outcomes[1]).toBeInstanceOf(Error);
    expect(outcomes[2]).toBe('created');
    expect(await store.getTicket('TA-2026-100022')).toBeUndefined();
    expect(await store.getTicket('TA-2026-100023')).toBeDefined();
  });

  it('keeps an idempotency record for the first request only', async () => {
    const message = { reference: 'TA-2026-100002' } as never;
    const now = new Date();
    const expires = new Date(now.getTime() + 60_000);
    expect(await store.putIdempotency({ key: 'k-1', fingerprint: 'a', message }, expires, now)).toBe(true);
    expect(await store.putIdempotency({ key: 'k-1', fingerprint: 'b', message }, expires, now)).toBe(false);
    expect((await store.getIdempotency('k-1', now))?.fingerprint).toBe('a');
    expect(await store.getIdempotency('k-unknown', now)).toBeUndefined();
  });

  it('records a send once, on the outbound item and on the ticket', async () => {
    const reference = 'TA-2026-100003';
    const other = 'TA-2026-100004';
    await store.createTickets([
      { ticket: ticket(reference), audit: audit(reference, 'CreateTicket') },
      { ticket: ticket(other), audit: audit(other, 'CreateTicket') },
    ]);
    const now = new Date('2026-11-27T10:00:00Z');
    const before = await store.getForSending([
      { reference, outboundId: `ack-${reference}` },
      { reference: 'TA-2026-199998', outboundId: 'ack-TA-2026-199998' },
    ]);
    expect(before.map((state) => [state.ticket?.reference, state.sent])).toEqual([
      [reference, false],
      [undefined, false],
    ]);

    const send = (ref: string, sesMessageId: string) => ({
      reference: ref,
      outboundId: `ack-${ref}`,
      kind: 'acknowledgement' as const,
      sesMessageId,
      sentAt: now.toISOString(),
      audit: audit(ref, `SendEmail-${sesMessageId}`),
    });
    expect(await store.completeOutbounds([send(reference, 'ses-1')])).toEqual([true]);
    // Recorded already for the first, new for the second: each answered on its own.
    expect(await store.completeOutbounds([send(reference, 'ses-2'), send(other, 'ses-3')])).toEqual([
      false,
      true,
    ]);

    const after = await store.getForSending([
      { reference, outboundId: `ack-${reference}` },
      { reference, outboundId: 'reply-1' },
      { reference: other, outboundId: `ack-${other}` },
    ]);
    expect(after.map((state) => state.sent)).toEqual([true, false, true]);
    expect((await store.getTicket(reference))?.acknowledgement).toEqual({
      sesMessageId: 'ses-1',
      sentAt: now.toISOString(),
    });
  });

  it('keeps a count of open tickets per competence', async () => {
    expect(await store.openTickets('insolvency')).toBe(0);
    await store.adjustOpenTickets(
      new Map([
        ['insolvency', 3],
        ['legal-aid', 1],
      ]),
    );
    await store.adjustOpenTickets(new Map([['insolvency', -1]]));
    expect(await store.openTickets('insolvency')).toBe(2);
    expect(await store.openTickets('legal-aid')).toBe(1);
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

describe('ticketsReceivedBetween', () => {
  it('counts one address’s tickets in a window on the client index, up to a limit', async () => {
    const email = `window-${Date.now()}@example.lv`;
    const at = (minute: number) => `2026-11-27T10:${String(minute).padStart(2, '0')}:00.000Z`;
    await store.createTickets(
      [0, 10, 20, 70].map((minute, i) =>
        newTicket(
          testTicket(`TA-2026-77${String(i).padStart(4, '0')}`, 'general', {
            receivedAt: minute < 60 ? at(minute) : '2026-11-27T11:10:00.000Z',
            answerDeadline: '2026-12-28',
            client: { name: 'Window', email },
          }),
        ),
      ),
    );
    const key = clientGroupId(email);
    expect(await store.ticketsReceivedBetween(key, at(5), `${at(20)}#TA-2026-770002`, 10)).toBe(2);
    expect(
      await store.ticketsReceivedBetween(key, at(0), '2026-11-27T11:10:00.000Z#TA-2026-770003', 10),
    ).toBe(4);
    expect(await store.ticketsReceivedBetween(key, at(0), '2026-11-27T11:10:00.000Z#TA-2026-770003', 3)).toBe(
      3,
    );
    expect(await store.ticketsReceivedBetween(clientGroupId('other@example.lv'), at(0), '9999', 10)).toBe(0);
  });
});

describe('threading on DynamoDB', () => {
  const followUp = (reference: string, id: string, status: Ticket['status'], reopen = false) => ({
    expect: { status, competence: 'general', answerDeadline: '2026-12-28', review: false },
    message: {
      id,
      kind: 'client' as const,
      at: '2026-11-28T09:00:00.000Z',
      author: 'peteris@example.lv',
      text: 'Papildinājums',
      subject: 'Re: Jautājums',
      threading: { by: 'message-id' as const, matched: 'ses-9@email.amazonses.com' },
    },
    email: { messageId: `${id}@example.lv`, references: ['first@example.lv'] },
    attachments: [
      {
        key: `attachments/${id}/1`,
        filename: 'kvits.pdf',
        contentType: 'application/pdf',
        size: 3,
        inline: false,
      },
    ],
    ...(reopen
      ? {
          reopen: {
            statusChange: {
              from: 'answered' as const,
              to: 'open' as const,
              by: 'client',
              at: '2026-11-28T09:00:01.000Z',
            },
            competence: 'general',
            answerDeadline: '2026-12-29',
            firstResponseDue: '2026-12-01',
            expectedAnswerBy: '2026-12-02',
          },
        }
      : {}),
    threadKeys: [`id:${id}@example.lv`, `src:email:${id}`],
    audit: audit(reference, `AddClientMessage-${id}`),
  });

  it('finds tickets by the ids of their mails and of our sends, and links a new ticket back', async () => {
    const first = 'TA-2026-300001';
    const linked = 'TA-2026-300002';
    await store.createTickets([{ ...newTicket(ticket(first)), threadKeys: ['id:first@example.lv'] }]);
    await store.completeOutbounds([
      {
        reference: first,
        outboundId: `ack-${first}`,
        kind: 'acknowledgement',
        sesMessageId: 'ses-9',
        sentAt: '2026-11-27T10:00:05.000Z',
        audit: audit(first, 'SendEmail-ses-9'),
      },
    ]);
    expect(
      await store.createTickets([
        {
          ...newTicket({
            ...ticket(linked),
            links: [{ reference: first, relation: 'quotes', at: '2026-11-28T10:00:00.000Z' }],
          }),
          linkBack: {
            reference: first,
            link: { reference: linked, relation: 'quoted-by', at: '2026-11-28T10:00:00.000Z' },
          },
        },
      ]),
    ).toEqual(['created']);

    // A later ticket whose mail reuses the id takes nothing over: the first ticket keeps it.
    const reuse = 'TA-2026-300009';
    expect(
      await store.createTickets([{ ...newTicket(ticket(reuse)), threadKeys: ['id:first@example.lv'] }]),
    ).toEqual(['created']);

    const targets = await store.threadTargets(
      ['id:first@example.lv', 'ses:ses-9', 'id:unknown@example.lv'],
      new Date('2026-12-03T00:00:00.000Z'),
    );
    expect(Object.fromEntries(targets)).toEqual({ 'id:first@example.lv': first, 'ses:ses-9': first });
    expect((await store.getTicket(first))?.links).toEqual([
      { reference: linked, relation: 'quoted-by', at: '2026-11-28T10:00:00.000Z' },
    ]);
  });

  it('adds a follow-up once, reopening the ticket onto the deadline index, and refuses a stale status', async () => {
    const reference = 'TA-2026-300003';
    await store.createTickets([newTicket(ticket(reference))]);
    const desk = new DynamoTicketDesk({ client: documents, ticketsTable: 'tickets', auditTable: 'audit' });
    // Staff answered it: off the deadline index.
    await desk.write(reference, {
      expect: { status: 'new', competence: 'general', answerDeadline: '2026-12-28' },
      statusChange: { from: 'new', to: 'answered', by: 'agent', at: '2026-11-27T12:00:00.000Z' },
      audit: audit(reference, 'ChangeTicketStatus'),
    });

    expect(await store.addClientMessage(reference, followUp(reference, 'f1', 'new'))).toBe('conflict');
    expect(await store.addClientMessage(reference, followUp(reference, 'f1', 'answered', true))).toBe(
      'added',
    );
    expect(await store.addClientMessage(reference, followUp(reference, 'f1', 'open', true))).toBe(
      'duplicate',
    );

    const record = await desk.record(reference);
    expect(record?.ticket).toMatchObject({
      status: 'open',
      answerDeadline: '2026-12-29',
      lastClientMessageAt: '2026-11-28T09:00:00.000Z',
      email: { messageId: 'f1@example.lv', references: ['first@example.lv'] },
      attachments: [expect.objectContaining({ filename: 'kvits.pdf' })],
    });
    expect(record?.messages).toEqual([
      expect.objectContaining({
        id: 'f1',
        kind: 'client',
        subject: 'Re: Jautājums',
        threading: expect.any(Object),
      }),
    ]);
    const item = await documents.send(
      new GetCommand({ TableName: 'tickets', Key: { pk: `TICKET#${reference}`, sk: 'TICKET' } }),
    );
    // On the unit's open list and deadline list, in the ticket's shard.
    expect(item.Item).toMatchObject({
      worklistKey: `general#open#${shardOf(reference)}`,
      dueKey: `general#${shardOf(reference)}`,
      dueSortKey: `2026-12-29#${reference}`,
    });
    expect(
      Object.fromEntries(
        await store.threadTargets(['id:f1@example.lv', 'src:email:f1'], new Date('2026-12-03T00:00:00.000Z')),
      ),
    ).toEqual({
      'id:f1@example.lv': reference,
      'src:email:f1': reference,
    });
  });
});
