/**
 * The audit trail's lookups against DynamoDB Local: records written by `append`
 * and inside the writers' transactions carry their `user` index key and ticket index items; the
 * trail reads them back by user (the GSI), by ticket (index items, then BatchGetItem) and by time
 * (hour partitions merged), page by page; the sealer still reads exactly the records as written;
 * a session's sign-in is written once.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditItems,
  auditPartition,
  DynamoAuditLog,
  ticketIndexPartition,
} from '../../shared/adapters/dynamodb/audit-log.ts';
import { DynamoAuditTrail, hoursOf } from '../../shared/adapters/dynamodb/audit-trail.ts';
import { DynamoStaffSessions, sessionKey } from '../../shared/adapters/dynamodb/staff-sessions.ts';
import { DynamoTicketDesk } from '../../shared/adapters/dynamodb/ticket-desk.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { DynamoWorklists } from '../../shared/adapters/dynamodb/worklists.ts';
import type { AuditEventName } from '../../shared/domain/audit-catalogue.ts';
import {
  type AuditRecord,
  auditEventSource,
  auditRecord,
  ticketResource,
} from '../../shared/domain/audit-event.ts';
import { auditSortKey } from '../../shared/domain/audit-query.ts';
import type { AuditPage, AuditRange } from '../../shared/ports/audit-trail.ts';
import { staffAction } from '../../shared/use-cases/staff-audit.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';
import { newTicket, testTicket } from '../support/tickets.ts';

let dynamo: TestDynamo;
let log: DynamoAuditLog;
let trail: DynamoAuditTrail;
const tables = () => ({ client: dynamo.documents, ticketsTable: 'tickets', auditTable: 'audit' });

beforeAll(async () => {
  dynamo = await startTestDynamo();
  log = new DynamoAuditLog({ client: dynamo.documents, auditTable: 'audit' });
  trail = new DynamoAuditTrail({ client: dynamo.documents, auditTable: 'audit' });
});

afterAll(async () => {
  await dynamo?.stop();
});

let sequence = 0;
function record(
  eventTime: string,
  actor: string,
  eventName: AuditEventName,
  references: readonly string[] = [],
): AuditRecord {
  sequence += 1;
  return auditRecord({
    eventTime,
    eventSource: auditEventSource,
    eventName,
    userIdentity: actor.startsWith('service:')
      ? { type: 'Service', invokedBy: actor.slice(8) }
      : { type: 'Staff', principalId: actor, userName: actor },
    sourceIPAddress: '10.0.0.1',
    userAgent: 'test',
    requestParameters: { n: sequence },
    responseElements: null,
    requestID: `r-${sequence}`,
    eventID: `event-${String(sequence).padStart(6, '0')}`,
    readOnly: true,
    resources: references.map(ticketResource),
  });
}

const ids = (records: readonly AuditRecord[]) => records.map((entry) => entry.eventID);
const range = (from: string, to: string, after?: string): AuditRange => ({
  from,
  to,
  ...(after ? { after } : {}),
});

/** Every page of a lookup, `limit` at a time. */
async function allPages(
  read: (range: AuditRange, limit: number) => Promise<AuditPage>,
  whole: AuditRange,
  limit: number,
) {
  const seen: AuditRecord[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 100; pages += 1) {
    const page = await read({ ...whole, ...(after ? { after } : {}) }, limit);
    expect(page.records.length).toBeLessThanOrEqual(limit);
    seen.push(...page.records);
    const last = page.records.at(-1);
    if (!page.more || !last) break;
    after = auditSortKey(last);
  }
  return seen;
}

describe('writing records with their index keys', () => {
  it('appends a staff record with its user key and one index item per ticket, and reads it back unchanged', async () => {
    // Prepare
    const read = record('2026-12-01T10:15:00.000Z', 'agent.int', 'ListTickets', [
      'TA-2026-100001',
      'TA-2026-100002',
    ]);

    // Act
    await log.append([read]);
    await log.append([read]);

    // Assess
    const [stored, ...index] = auditItems(read);
    const item = await dynamo.documents.send(
      new GetCommand({ TableName: 'audit', Key: { pk: stored?.pk, sk: stored?.sk } }),
    );
    expect(item.Item).toMatchObject({ auditUser: 'agent.int', eventID: read.eventID });
    expect(index.map((entry) => entry.pk)).toEqual([
      ticketIndexPartition('TA-2026-100001'),
      ticketIndexPartition('TA-2026-100002'),
    ]);
    const indexItem = await dynamo.documents.send(
      new GetCommand({
        TableName: 'audit',
        Key: { pk: 'AUDIT-TICKET#TA-2026-100002', sk: auditSortKey(read) },
      }),
    );
    expect(indexItem.Item).toEqual({
      pk: 'AUDIT-TICKET#TA-2026-100002',
      sk: auditSortKey(read),
      recordPk: stored?.pk,
    });
    // The sealer's read: exactly the record, without the keys added for the lookups.
    expect(await log.recordsOfHour('2026-12-01T10')).toEqual([read]);
  });

  it('writes index items inside the writers’ transactions: new ticket, take, staff write, send', async () => {
    // Prepare
    const store = new DynamoTicketStore(tables());
    const desk = new DynamoTicketDesk(tables());
    const worklists = new DynamoWorklists(tables());
    const tickets = ['TA-2026-100010', 'TA-2026-100011'].map((reference) =>
      testTicket(reference, 'court-fees', {
        receivedAt: '2026-12-02T08:00:00.000Z',
        answerDeadline: '2026-12-30',
      }),
    );
    const staff = {
      username: 'agent.tx',
      competences: ['court-fees'],
      sourceIPAddress: '10.0.0.2',
      userAgent: 'test',
      requestId: 'rq',
    };

    // Act
    expect(await store.createTickets(tickets.map(newTicket))).toEqual(['created', 'created']);
    const taken = await worklists.take(
      {
        reference: 'TA-2026-100010',
        competence: 'court-fees',
        assignee: 'agent.tx',
        takenAt: '2026-12-02T09:00:00.000Z',
        receivedAt: '2026-12-02T08:00:00.000Z',
        inOrder: true,
      },
      staffAction(staff, {
        eventName: 'TakeTicket',
        eventTime: '2026-12-02T09:00:00.000Z',
        reference: 'TA-2026-100010',
        requestParameters: {},
        responseElements: null,
      }),
    );
    const note = await desk.write('TA-2026-100010', {
      expect: { status: 'open', competence: 'court-fees', answerDeadline: '2026-12-30' },
      message: { id: 'note-1', kind: 'note', at: '2026-12-02T09:05:00.000Z', author: 'agent.tx', text: 'x' },
      audit: staffAction(staff, {
        eventName: 'AddNote',
        eventTime: '2026-12-02T09:05:00.000Z',
        reference: 'TA-2026-100010',
        requestParameters: {},
        responseElements: null,
      }),
    });
    const sent = await store.completeOutbounds(
      ['TA-2026-100010', 'TA-2026-100011'].map((reference) => ({
        reference,
        outboundId: `ack-${reference}`,
        kind: 'acknowledgement' as const,
        sesMessageId: `ses-${reference}`,
        sentAt: '2026-12-02T08:01:00.000Z',
        audit: record('2026-12-02T08:01:00.000Z', 'service:send-email', 'SendEmail', [reference]),
      })),
    );

    // Assess
    expect(taken).toBe(true);
    expect(note).not.toBe('conflict');
    expect(sent).toEqual([true, true]);
    const first = await trail.byTickets(
      ['TA-2026-100010'],
      range('2026-12-01T00:00:00.000Z', '2026-12-03T00:00:00.000Z'),
      100,
    );
    expect(first.records.map((entry) => entry.eventName)).toEqual([
      'CreateTicket',
      'SendEmail',
      'TakeTicket',
      'AddNote',
    ]);
    expect(first.more).toBe(false);
    const byUser = await trail.byUser(
      'agent.tx',
      range('2026-12-01T00:00:00.000Z', '2026-12-03T00:00:00.000Z'),
      100,
    );
    expect(byUser.records.map((entry) => entry.eventName)).toEqual(['TakeTicket', 'AddNote']);
    // A staff write retried with the same message id is still a duplicate, not a conflict.
    expect(
      await desk.write('TA-2026-100010', {
        expect: { status: 'open', competence: 'court-fees', answerDeadline: '2026-12-30' },
        message: {
          id: 'note-1',
          kind: 'note',
          at: '2026-12-02T09:05:00.000Z',
          author: 'agent.tx',
          text: 'x',
        },
        audit: staffAction(staff, {
          eventName: 'AddNote',
          eventTime: '2026-12-02T09:06:00.000Z',
          reference: 'TA-2026-100010',
          requestParameters: {},
          responseElements: null,
        }),
      }),
    ).toBe('duplicate');
  });

  it('indexes a record naming 100 tickets under each of them', async () => {
    const references = Array.from({ length: 100 }, (_, i) => `TA-2026-2${String(i).padStart(5, '0')}`);
    const list = record('2026-12-03T10:00:00.000Z', 'agent.many', 'ListTickets', references);
    await log.append([list]);
    for (const reference of [references[0]!, references[99]!]) {
      const found = await trail.byTickets(
        [reference],
        range('2026-12-03T00:00:00.000Z', '2026-12-04T00:00:00.000Z'),
        10,
      );
      expect(ids(found.records)).toEqual([list.eventID]);
    }
  });
});

describe('reading the trail', () => {
  // Spread over three hours and several shards, two staff members and a service.
  const records = Array.from({ length: 60 }, (_, i) =>
    record(
      new Date(Date.parse('2026-12-05T08:30:00.000Z') + i * 3 * 60_000).toISOString(),
      ['agent.r1', 'agent.r2', 'service:send-email'][i % 3]!,
      i % 2 ? 'GetTicket' : 'ListTickets',
      [`TA-2026-3000${String(i % 4).padStart(2, '0')}`, ...(i % 5 === 0 ? ['TA-2026-300001'] : [])],
    ),
  );
  const whole = range('2026-12-05T00:00:00.000Z', '2026-12-06T00:00:00.000Z');

  beforeAll(async () => {
    await log.append(records);
  });

  it('lists a time range across hours and shards, oldest first, page by page', async () => {
    expect(new Set(records.map((entry) => auditItems(entry)[0]?.pk)).size).toBeGreaterThan(6);
    for (const limit of [1, 7, 60, 100]) {
      expect(ids(await allPages((r, l) => trail.byTime(r, l), whole, limit))).toEqual(ids(records));
    }
    const narrow = await trail.byTime(range(records[10]!.eventTime, records[20]!.eventTime), 100);
    expect(ids(narrow.records)).toEqual(ids(records.slice(10, 20)));
    expect(narrow.more).toBe(false);
    expect(hoursOf('2026-12-05T08:30:00.000Z', '2026-12-05T11:00:00.000Z')).toEqual([
      '2026-12-05T08',
      '2026-12-05T09',
      '2026-12-05T10',
      '2026-12-05T11',
    ]);
  });

  it('lists a staff member’s records from the user index; services are not in it', async () => {
    const expected = records.filter((entry) => entry.userIdentity.userName === 'agent.r2');
    expect(ids(await allPages((r, l) => trail.byUser('agent.r2', r, l), whole, 4))).toEqual(ids(expected));
    expect((await trail.byUser('send-email', whole, 10)).records).toEqual([]);
  });

  it('lists the records of several tickets once each, fetched with BatchGetItem, page by page', async () => {
    const wanted = new Set(['TA-2026-300001', 'TA-2026-300002']);
    const expected = records.filter((entry) =>
      entry.resources.some((resource) => wanted.has(resource.ARN.split('/')[1] ?? '')),
    );
    for (const limit of [3, 100])
      expect(ids(await allPages((r, l) => trail.byTickets([...wanted], r, l), whole, limit))).toEqual(
        ids(expected),
      );
    // Read back exactly as written.
    const [one] = (await trail.byTickets(['TA-2026-300003'], whole, 1)).records;
    expect(one).toEqual(records.find((entry) => entry.resources[0]?.ARN.endsWith('TA-2026-300003')));
  });

  it('answers an empty page for a range that is empty or already read', async () => {
    const last = records.at(-1)!;
    expect(await trail.byTime(range(whole.from, whole.to, auditSortKey(last)), 10)).toEqual({
      records: [],
      more: false,
    });
    expect(await trail.byTime(range(whole.to, whole.to), 10)).toEqual({ records: [], more: false });
    expect(
      await trail.byUser('agent.r1', range('2026-12-07T00:00:00.000Z', '2026-12-07T00:00:00.000Z'), 10),
    ).toEqual({
      records: [],
      more: false,
    });
  });

  it('the hour partitions hold records only; index items live apart', async () => {
    const items = await dynamo.documents.send(
      new QueryCommand({
        TableName: 'audit',
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': auditPartition('2026-12-05T09', 0) },
      }),
    );
    for (const item of items.Items ?? []) expect(item.eventID).toEqual(expect.any(String));
  });
});

describe('staff sessions', () => {
  it('writes the sign-in once per session, with a record of its last activity that expires with the session', async () => {
    const sessions = new DynamoStaffSessions(tables());
    const signIn = record('2026-12-08T09:00:00.000Z', 'agent.s', 'SignIn');
    const session = { id: 'jti-123', expiresAt: 1_796_000_000 };

    const at = Date.parse(signIn.eventTime);
    expect(await sessions.recordSignIn(session, at, signIn)).toBe(true);
    expect(
      await sessions.recordSignIn(session, at + 300_000, {
        ...signIn,
        eventTime: '2026-12-08T09:05:00.000Z',
      }),
    ).toBe(false);

    const mark = await dynamo.documents.send(
      new GetCommand({ TableName: 'tickets', Key: sessionKey('jti-123') }),
    );
    expect(mark.Item).toMatchObject({
      type: 'session',
      expiresAt: 1_796_000_000,
      signedInAt: signIn.eventTime,
      lastActiveAt: at,
    });
    expect(JSON.stringify(mark.Item)).not.toContain('jti-123');
    const found = await trail.byUser(
      'agent.s',
      range('2026-12-08T00:00:00.000Z', '2026-12-09T00:00:00.000Z'),
      10,
    );
    expect(found.records).toEqual([signIn]);
  });
});
