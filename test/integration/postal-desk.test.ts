/**
 * DynamoPostalDesk against DynamoDB Local: registrations stored once and settled once, listed
 * newest first; letters (as send-email writes them) listed oldest first until their dispatch is
 * recorded, once; cursors that cannot page from one list into another.
 */

import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/audit-log.ts';
import { DynamoPostalDesk, letterItem } from '../../shared/adapters/dynamodb/postal-desk.ts';
import { DynamoTicketDesk } from '../../shared/adapters/dynamodb/ticket-desk.ts';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import {
  type AuditRecord,
  auditEventSource,
  auditRecord,
  ticketResource,
} from '../../shared/domain/audit-event.ts';
import type { PostRegistration } from '../../shared/domain/postal-registration.ts';
import { Refused } from '../../shared/domain/refused.ts';
import type { LetterDispatch, LetterRecord } from '../../shared/ports/postal.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';
import { postRegistration } from '../support/post-registrations.ts';
import { newTicket, testTicket } from '../support/tickets.ts';

let dynamo: TestDynamo;
let desk: DynamoPostalDesk;
let auditLog: DynamoAuditLog;
let tables: { client: TestDynamo['documents']; ticketsTable: string; auditTable: string };

beforeAll(async () => {
  dynamo = await startTestDynamo();
  tables = { client: dynamo.documents, ticketsTable: dynamo.tables.tickets, auditTable: dynamo.tables.audit };
  desk = new DynamoPostalDesk(tables);
  auditLog = new DynamoAuditLog({ client: dynamo.documents, auditTable: dynamo.tables.audit });
});

afterAll(async () => {
  await dynamo?.stop();
});

function audit(
  eventName: 'RegisterPost' | 'RefusePostalScan' | 'PrepareLetter' | 'DispatchLetter',
  at: string,
  references: string[] = [],
): AuditRecord {
  return auditRecord({
    eventTime: at,
    eventSource: auditEventSource,
    eventName,
    userIdentity: { type: 'Staff', principalId: 'mailroom.anna', userName: 'mailroom.anna' },
    sourceIPAddress: '192.0.2.7',
    userAgent: 'test',
    requestParameters: null,
    responseElements: null,
    requestID: 'request-7',
    eventID: randomUUID(),
    readOnly: false,
    resources: references.map(ticketResource),
  });
}

function letter(reference: string, letterId: string, createdAt: string): LetterRecord {
  return {
    reference,
    letterId,
    kind: 'acknowledgement',
    key: `letters/${reference}/${letterId}.pdf`,
    size: 3000,
    createdAt,
    recipientName: 'Jānis Bērziņš',
    competence: 'court-fees',
  };
}

async function putLetter(record: LetterRecord): Promise<void> {
  await dynamo.documents.send(new PutCommand({ TableName: dynamo.tables.tickets, Item: letterItem(record) }));
}

describe('registrations', () => {
  it('stores a registration once, with its audit record; a second with the same id is refused', async () => {
    // Prepare
    const first = postRegistration('2026-11-27T08:00:00.000Z');
    const record = audit('RegisterPost', '2026-11-27T08:00:00.000Z');

    // Act
    await desk.register(first, record);
    const again = desk.register(
      { ...first, sender: { ...first.sender, name: 'Cits Vārds' } },
      audit('RegisterPost', '2026-11-27T08:00:01.000Z'),
    );

    // Assess
    await expect(again).rejects.toThrow();
    expect(await desk.getRegistration(first.id)).toEqual(first);
    const written = await auditLog.recordsOfHour('2026-11-27T08');
    expect(written.map((entry) => entry.eventID)).toEqual([record.eventID]);
    expect(await desk.getRegistration(randomUUID())).toBeUndefined();
  });

  it('settles a registration that awaits its scan once; later settlements answer false', async () => {
    // Prepare
    const awaiting = postRegistration('2026-11-27T09:00:00.000Z');
    await desk.register(awaiting, audit('RegisterPost', '2026-11-27T09:00:00.000Z'));

    // Act
    const accepted = await desk.settle(awaiting.id, {
      state: 'accepted',
      settledAt: '2026-11-27T09:01:00.000Z',
      reference: 'TA-2026-000042',
      scan: { kind: 'pdf', pages: 2, needsTranscription: false },
    });
    const refused = await desk.settle(
      awaiting.id,
      { state: 'refused', settledAt: '2026-11-27T09:02:00.000Z', refusal: { reason: 'pdf-corrupt' } },
      audit('RefusePostalScan', '2026-11-27T09:02:00.000Z'),
    );

    // Assess: the first settlement stands; the refused one's audit record was not written either.
    expect(accepted).toBe(true);
    expect(refused).toBe(false);
    expect(await desk.getRegistration(awaiting.id)).toEqual({
      ...awaiting,
      state: 'accepted',
      settledAt: '2026-11-27T09:01:00.000Z',
      reference: 'TA-2026-000042',
      scan: { kind: 'pdf', pages: 2, needsTranscription: false },
    });
    const written = await auditLog.recordsOfHour('2026-11-27T09');
    expect(written.map((entry) => entry.eventName)).toEqual(['RegisterPost']);
  });

  it('settles a refusal with its reason and audit record, and never a registration that does not exist', async () => {
    const awaiting = postRegistration('2026-11-27T10:00:00.000Z');
    await desk.register(awaiting, audit('RegisterPost', '2026-11-27T10:00:00.000Z'));
    const record = audit('RefusePostalScan', '2026-11-27T10:01:00.000Z');
    expect(
      await desk.settle(
        awaiting.id,
        {
          state: 'refused',
          settledAt: '2026-11-27T10:01:00.000Z',
          refusal: { reason: 'executable', detected: 'Windows executable' },
        },
        record,
      ),
    ).toBe(true);
    expect(await desk.getRegistration(awaiting.id)).toMatchObject({
      state: 'refused',
      refusal: { reason: 'executable', detected: 'Windows executable' },
    });
    expect((await desk.getRegistration(awaiting.id))?.reference).toBeUndefined();
    expect((await auditLog.recordsOfHour('2026-11-27T10')).map((entry) => entry.eventID)).toContain(
      record.eventID,
    );

    const missing = randomUUID();
    expect(
      await desk.settle(missing, {
        state: 'accepted',
        settledAt: '2026-11-27T10:02:00.000Z',
        reference: 'x',
      }),
    ).toBe(false);
    expect(await desk.getRegistration(missing)).toBeUndefined();
  });

  it('lists registrations newest first, page by page, with cursors that page into no other list', async () => {
    // Prepare: registrations of 1 December, a minute apart (later than every other test's).
    const seeded: PostRegistration[] = [];
    for (let i = 0; i < 5; i++) {
      const created = postRegistration(
        new Date(Date.parse('2026-12-01T08:00:00Z') + i * 60_000).toISOString(),
      );
      await desk.register(created, audit('RegisterPost', created.createdAt));
      seeded.push(created);
    }
    await putLetter(letter('TA-2026-000900', 'ack-TA-2026-000900', '2026-12-01T08:00:00.000Z'));
    await putLetter(letter('TA-2026-000901', 'ack-TA-2026-000901', '2026-12-01T08:01:00.000Z'));

    // Act
    const seen: string[] = [];
    const cursors: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await desk.listRegistrations({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.cursor;
      if (cursor) cursors.push(cursor);
    } while (cursor);

    // Assess: the five newest first, then the other tests' (older) ones; no letter among them.
    expect(seen.slice(0, 5)).toEqual(seeded.map((item) => item.id).reverse());
    expect(new Set(seen).size).toBe(seen.length);
    const first = await desk.listRegistrations({ limit: 50 });
    expect(first.items.map((item) => item.id)).toEqual(seen);
    expect(
      first.items.every((item) => item.id && item.state && !('pk' in item) && !('worklistKey' in item)),
    ).toBe(true);

    // A registrations cursor is no letters cursor, and the other way round.
    const lettersPage = await desk.listLetters('pending', { limit: 1 });
    expect(lettersPage.cursor).toBeDefined();
    await expectInvalidCursor(desk.listLetters('pending', { limit: 1, cursor: cursors[0] }));
    await expectInvalidCursor(desk.listLetters('dispatched', { limit: 1, cursor: lettersPage.cursor }));
    await expectInvalidCursor(desk.listRegistrations({ limit: 1, cursor: lettersPage.cursor }));
    await expectInvalidCursor(desk.listRegistrations({ limit: 1, cursor: 'not-a-cursor' }));
    // A cursor made up to start in a ticket's partition is refused too.
    const forged = Buffer.from(
      JSON.stringify({ pk: 'TICKET#TA-2026-000001', sk: 'TICKET', worklistKey: 'mailroom#registrations' }),
    ).toString('base64url');
    await expectInvalidCursor(desk.listRegistrations({ limit: 1, cursor: forged }));
  });
});

describe('letters', () => {
  const dispatch: LetterDispatch = {
    by: 'mailroom.anna',
    at: '2026-12-10T12:00:00.000Z',
    dispatchedOn: '2026-12-10',
    registeredMailNumber: 'RR987654321LV',
  };

  it('lists pending letters oldest first, records a dispatch once, then lists it as dispatched', async () => {
    // Prepare: three letters of 9 December, put as send-email writes them, not in creation order.
    const letters = [
      letter('TA-2026-000103', 'ack-TA-2026-000103', '2026-12-09T08:02:00.000Z'),
      letter('TA-2026-000101', 'ack-TA-2026-000101', '2026-12-09T08:00:00.000Z'),
      { ...letter('TA-2026-000102', 'reply-m1', '2026-12-09T08:01:00.000Z'), kind: 'reply' },
    ];
    for (const item of letters) await putLetter(item);
    const ofThisTest = (items: readonly LetterRecord[]) =>
      items.filter((item) => item.createdAt.startsWith('2026-12-09'));

    // Act: all pending, page by page.
    const pending: LetterRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await desk.listLetters('pending', { limit: 2, ...(cursor ? { cursor } : {}) });
      pending.push(...page.items);
      cursor = page.cursor;
    } while (cursor);

    // Assess
    expect(ofThisTest(pending).map((item) => item.reference)).toEqual([
      'TA-2026-000101',
      'TA-2026-000102',
      'TA-2026-000103',
    ]);
    expect(ofThisTest(pending)[1]).toEqual(letters[2]);

    // Act: the dispatch, twice.
    const target = { reference: 'TA-2026-000102', letterId: 'reply-m1' };
    const record = audit('DispatchLetter', dispatch.at, [target.reference]);
    const first = await desk.dispatch(target, dispatch, record);
    const second = await desk.dispatch(
      target,
      { ...dispatch, by: 'mailroom.juris', dispatchedOn: '2026-12-11' },
      audit('DispatchLetter', '2026-12-10T12:05:00.000Z', [target.reference]),
    );

    // Assess
    expect(first).toBe(true);
    expect(second).toBe(false);
    expect(await desk.getLetter(target.reference, target.letterId)).toEqual({ ...letters[2], dispatch });
    const stillPending = ofThisTest((await desk.listLetters('pending', { limit: 100 })).items);
    expect(stillPending.map((item) => item.reference)).toEqual(['TA-2026-000101', 'TA-2026-000103']);
    const dispatched = ofThisTest((await desk.listLetters('dispatched', { limit: 100 })).items);
    expect(dispatched).toEqual([{ ...letters[2], dispatch }]);
    expect((await auditLog.recordsOfHour('2026-12-10T12')).map((entry) => entry.eventID)).toEqual([
      record.eventID,
    ]);
  });

  it('records no dispatch of a letter that does not exist', async () => {
    const ghost = { reference: 'TA-2026-000999', letterId: 'ack-TA-2026-000999' };
    expect(await desk.dispatch(ghost, dispatch, audit('DispatchLetter', '2026-12-12T12:00:00.000Z'))).toBe(
      false,
    );
    expect(await desk.getLetter(ghost.reference, ghost.letterId)).toBeUndefined();
    expect(await auditLog.recordsOfHour('2026-12-12T12')).toEqual([]);
  });

  it('gets a letter send-email wrote with its send record, and the ticket’s thread shows its dispatch', async () => {
    // Prepare: a ticket, and its acknowledgement completed as a letter by the ticket store.
    const reference = 'TA-2026-000200';
    const store = new DynamoTicketStore(tables);
    await store.createTickets([
      newTicket(
        testTicket(reference, 'court-fees', {
          receivedAt: '2026-12-14T08:00:00Z',
          answerDeadline: '2027-01-14',
        }),
      ),
    ]);
    const printed = letter(reference, `ack-${reference}`, '2026-12-14T08:00:05.000Z');
    const results = await store.completeOutbounds([
      {
        reference,
        outboundId: printed.letterId,
        kind: 'acknowledgement',
        sesMessageId: '',
        sentAt: printed.createdAt,
        letter: printed,
        audit: audit('PrepareLetter', printed.createdAt, [reference]),
      },
    ]);
    expect(results).toEqual([true]);

    // Act
    const got = await desk.getLetter(reference, printed.letterId);
    const before = await new DynamoTicketDesk(tables).record(reference);
    await desk.dispatch(printed, dispatch, audit('DispatchLetter', '2026-12-14T09:00:00.000Z', [reference]));
    const after = await new DynamoTicketDesk(tables).record(reference);

    // Assess
    expect(got).toEqual(printed);
    expect(before?.sent).toEqual([
      expect.objectContaining({ outboundId: printed.letterId, letter: { letterId: printed.letterId } }),
    ]);
    expect(after?.sent[0]?.letter).toEqual({ letterId: printed.letterId, dispatch });
  });
});

/** The listing is refused as a cursor this store did not hand out (400). */
async function expectInvalidCursor(listing: Promise<unknown>): Promise<void> {
  const error = await listing.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(Refused);
  expect(error).toMatchObject({ code: 'InvalidCursor', status: 400 });
}
