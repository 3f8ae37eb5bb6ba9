/** Worklists, take-next and the fairness report against DynamoDB Local. */
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTicketStore } from '../../shared/adapters/dynamodb/ticket-store.ts';
import { DynamoWorklists } from '../../shared/adapters/dynamodb/worklists.ts';
import { FixedClock } from '../../shared/adapters/memory/index.ts';
import type { CompetenceId } from '../../shared/domain/competences.ts';
import { Refused } from '../../shared/domain/refused.ts';
import type { Ticket } from '../../shared/domain/ticket.ts';
import { fairnessReport, takeNextTicket, takeTicket } from '../../shared/use-cases/take-ticket.ts';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.ts';
import { newTicket, testTicket } from '../support/tickets.ts';
import { takeUntilNoneWaits } from './ports/ports-under-test.ts';

let dynamo: TestDynamo;
let documents: DynamoDBDocumentClient;
let store: DynamoTicketStore;
let worklists: DynamoWorklists;
const clock = new FixedClock('2026-12-10T08:00:00Z');

beforeAll(async () => {
  dynamo = await startTestDynamo();
  documents = dynamo.documents;
  store = new DynamoTicketStore({ client: documents, ticketsTable: 'tickets', auditTable: 'audit' });
  worklists = new DynamoWorklists({ client: documents, ticketsTable: 'tickets', auditTable: 'audit' });
});

afterAll(async () => {
  await dynamo?.stop();
});

let sequence = 0;
/** Units of these tests alone, so that their lists hold only their tickets. */
const familyUnit = 'unit-family' as CompetenceId;
const taxesUnit = 'unit-taxes' as CompetenceId;
const olderUnit = 'unit-older' as CompetenceId;
/** Stores tickets of `competence` received a minute apart from `start`, with deadlines a day apart. */
async function seed(competence: CompetenceId, count: number, start: string, firstDeadline = '2026-12-14') {
  const tickets: Ticket[] = Array.from({ length: count }, (_, i) => {
    sequence += 1;
    const reference = `TA-2026-${String(500_000 + sequence).padStart(6, '0')}`;
    const deadline = new Date(Date.parse(`${firstDeadline}T00:00:00Z`) + i * 86_400_000)
      .toISOString()
      .slice(0, 10);
    return testTicket(reference, competence, {
      subject: `Ticket ${i}`,
      receivedAt: new Date(Date.parse(start) + i * 60_000).toISOString(),
      answerDeadline: deadline,
    });
  });
  const outcomes = await store.createTickets(tickets.map(newTicket));
  expect(outcomes.every((outcome) => outcome === 'created')).toBe(true);
  return tickets;
}

describe('worklists', () => {
  it('lists a unit’s new tickets oldest first, page by page', async () => {
    const seeded = await seed('legal-aid', 7, '2026-12-01T09:00:00Z');
    await seed('court-fees', 3, '2026-11-30T09:00:00Z');

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await worklists.list(
        { kind: 'queue', competence: 'legal-aid', status: 'new' },
        { limit: 3, ...(cursor ? { cursor } : {}) },
      );
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((ticket) => ticket.reference));
      cursor = page.cursor;
    } while (cursor);

    expect(seen).toEqual(seeded.map((ticket) => ticket.reference));
  });

  it('lists tickets due soon and overdue by deadline', async () => {
    await seed('maintenance-fund', 5, '2026-11-01T09:00:00Z', '2026-12-08');
    const overdue = await worklists.list(
      { kind: 'overdue', competence: 'maintenance-fund', before: '2026-12-10' },
      { limit: 50 },
    );
    expect(overdue.items.map((ticket) => ticket.answerDeadline)).toEqual(['2026-12-08', '2026-12-09']);
    const due = await worklists.list(
      { kind: 'due', competence: 'maintenance-fund', from: '2026-12-10', through: '2026-12-11' },
      { limit: 50 },
    );
    expect(due.items.map((ticket) => ticket.answerDeadline)).toEqual(['2026-12-10', '2026-12-11']);
  });

  it('refuses a cursor it did not hand out', async () => {
    await expect(
      worklists.list(
        { kind: 'queue', competence: 'legal-aid', status: 'new' },
        { limit: 5, cursor: 'not-a-cursor' },
      ),
    ).rejects.toMatchObject({ name: 'Refused', code: 'InvalidCursor', status: 400 });
  });

  it('refuses a cursor of another list, or one whose position was tampered with', async () => {
    // Prepare: real cursors of two units' queues and of a due list.
    await seed(familyUnit, 6, '2026-12-04T09:00:00Z');
    await seed(taxesUnit, 6, '2026-12-04T09:00:00Z', '2026-12-20');
    const family = { kind: 'queue', competence: familyUnit, status: 'new' } as const;
    const taxes = { kind: 'queue', competence: taxesUnit, status: 'new' } as const;
    const due = { kind: 'due', competence: taxesUnit, from: '2026-12-20', through: '2026-12-31' } as const;
    const familyCursor = (await worklists.list(family, { limit: 2 })).cursor ?? '';
    const dueCursor = (await worklists.list(due, { limit: 2 })).cursor ?? '';
    const decoded = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const encoded = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    expect(familyCursor).not.toBe('');
    // The position names its shard of the list.
    expect(decoded(familyCursor).worklistKey).toMatch(/^unit-family#new#[0-7]$/);

    for (const [view, cursor] of [
      // Another unit's list; another view's list.
      [taxes, familyCursor],
      [due, familyCursor],
      [family, dueCursor],
      // Truncated, or a position outside the list's range.
      [family, familyCursor.slice(0, -3)],
      [due, encoded({ ...decoded(dueCursor), dueSortKey: '2027-06-01#TA-2026-999999' })],
      [family, encoded({ ...decoded(familyCursor), worklistKey: 'unit-taxes#new#1' })],
    ] as const) {
      await expect(worklists.list(view, { limit: 2, cursor }), cursor).rejects.toMatchObject({
        name: 'Refused',
        code: 'InvalidCursor',
        status: 400,
      });
    }
  });

  it('goes on from a cursor handed out before the lists were sharded', async () => {
    const seeded = await seed(olderUnit, 5, '2026-12-05T09:00:00Z');
    const [, second] = seeded;
    // An unsharded list's position: the second ticket's key on `<unit>#new`.
    const cursor = Buffer.from(
      JSON.stringify({
        pk: `TICKET#${second?.reference}`,
        sk: 'TICKET',
        worklistKey: 'unit-older#new',
        receivedKey: `${second?.receivedAt}#${second?.reference}`,
      }),
    ).toString('base64url');
    const page = await worklists.list(
      { kind: 'queue', competence: olderUnit, status: 'new' },
      { limit: 10, cursor },
    );
    expect(page.items.map((ticket) => ticket.reference)).toEqual(
      seeded.slice(2).map((ticket) => ticket.reference),
    );
  });
});

describe('take next', () => {
  it('gives every waiting ticket to exactly one of many concurrent takers, oldest first', async () => {
    // Prepare: 30 insolvency tickets and six staff taking at the same time.
    const seeded = await seed('insolvency', 30, '2026-12-02T09:00:00Z');
    const takers = Array.from({ length: 6 }, (_, i) => ({
      username: `agent-${i}`,
      competences: ['insolvency'],
    }));

    // Act
    const takenBy = await takeUntilNoneWaits({ worklists, clock }, takers);

    // Assess
    const all = takenBy.flat().map((ticket) => ticket.reference);
    expect(all).toHaveLength(30);
    expect(new Set(all)).toEqual(new Set(seeded.map((ticket) => ticket.reference)));
    for (const mine of takenBy) {
      // Each taker got ever newer tickets: nobody was handed an older one after a newer one.
      const times = mine.map((ticket) => ticket.receivedAt);
      expect([...times].sort()).toEqual(times);
    }
    const mine = await worklists.list({ kind: 'mine', assignee: 'agent-0' }, { limit: 100 });
    expect(mine.items.map((ticket) => ticket.reference).sort()).toEqual(
      takenBy[0]?.map((ticket) => ticket.reference).sort(),
    );
    const report = await fairnessReport({ worklists, clock }, 'insolvency', '2026-12');
    expect(report).toMatchObject({ taken: 30, inOrder: 30, inOrderShare: 1, exceptions: [] });
  });

  it('pages a staff member’s own list with cursors that do not carry their user name', async () => {
    // Prepare: three tickets taken by one staff member, oldest first
    const seeded = await seed('e-services', 3, '2026-12-04T09:00:00Z');
    const staff = { username: 'Janis.Berzins', competences: ['e-services'] };
    for (const ticket of seeded) await takeTicket({ worklists, clock }, staff, ticket, undefined);

    // Act: a page at a time
    const seen: string[] = [];
    const cursors: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await worklists.list(
        { kind: 'mine', assignee: 'Janis.Berzins' },
        { limit: 1, ...(cursor ? { cursor } : {}) },
      );
      seen.push(...page.items.map((ticket) => ticket.reference));
      cursor = page.cursor;
      if (cursor) cursors.push(cursor);
    } while (cursor);

    // Assess: every ticket once; no cursor (a URL's query string) names the staff member, and one
    // cannot page into someone else's list
    expect(seen.sort()).toEqual(seeded.map((ticket) => ticket.reference).sort());
    expect(cursors.length).toBeGreaterThanOrEqual(2);
    for (const each of cursors) {
      expect(Buffer.from(each, 'base64url').toString('utf8')).not.toContain('Janis');
    }
    const other = await worklists.list(
      { kind: 'mine', assignee: 'someone-else' },
      { limit: 5, cursor: cursors[0] as string },
    );
    expect(other.items).toEqual([]);
  });

  it('takes a ticket out of order only with a reason, and reports it', async () => {
    const [oldest, , third] = await seed('data-protection', 3, '2026-12-03T09:00:00Z');
    const staff = { username: 'supervisor-1', competences: ['data-protection'] };

    await expect(takeTicket({ worklists, clock }, staff, third as Ticket, '  ')).rejects.toEqual(
      new Refused('ReasonRequired', 409),
    );
    await expect(
      takeTicket(
        { worklists, clock },
        { username: 'x', competences: ['court-fees'] },
        third as Ticket,
        'urgent',
      ),
    ).rejects.toEqual(new Refused('AccessDenied', 403));

    const taken = await takeTicket({ worklists, clock }, staff, third as Ticket, 'Court hearing tomorrow');
    expect(taken.assignee).toBe('supervisor-1');
    await expect(takeTicket({ worklists, clock }, staff, third as Ticket, 'again')).rejects.toEqual(
      new Refused('NotWaiting', 409),
    );

    const report = await fairnessReport({ worklists, clock }, 'data-protection', '2026-12');
    expect(report.taken).toBe(1);
    expect(report.inOrderShare).toBe(0);
    expect(report.exceptions).toEqual([
      expect.objectContaining({
        reference: third?.reference,
        reason: 'Court hearing tomorrow',
        passedOver: oldest?.reference,
        assignee: 'supervisor-1',
      }),
    ]);
  });
});

describe('re-routing in DynamoDB', () => {
  it('moves a taken ticket into the new unit’s queue and deadline list, once', async () => {
    const [ticket] = await seed('certificates-archive', 1, '2026-12-04T09:00:00Z', '2026-12-30');
    const staff = { username: 'archivist', competences: ['certificates-archive'] };
    await takeNextTicket({ worklists, clock }, staff);
    const reroute = {
      from: 'certificates-archive' as const,
      to: 'legal-aid' as const,
      reason: 'Juridiskās palīdzības jautājums',
      by: 'archivist',
      at: '2026-12-10T08:00:00.000Z',
    };

    const moved = await store.rerouteTicket(ticket?.reference ?? '', {
      reroute,
      expectedAnswerBy: '2026-12-15',
    });
    const again = await store.rerouteTicket(ticket?.reference ?? '', {
      reroute,
      expectedAnswerBy: '2026-12-15',
    });

    expect(moved).toMatchObject({
      competence: 'legal-aid',
      status: 'new',
      expectedAnswerBy: '2026-12-15',
      reroutes: [reroute],
    });
    expect(moved?.assignee).toBeUndefined();
    expect(again).toBeUndefined();
    const queue = await worklists.list(
      { kind: 'queue', competence: 'legal-aid', status: 'new' },
      { limit: 100 },
    );
    expect(queue.items.map((item) => item.reference)).toContain(ticket?.reference);
    const due = await worklists.list(
      { kind: 'due', competence: 'legal-aid', from: '2026-12-30', through: '2026-12-30' },
      { limit: 10 },
    );
    expect(due.items.map((item) => item.reference)).toEqual([ticket?.reference]);
    const oldUnit = await worklists.list(
      { kind: 'due', competence: 'certificates-archive', from: '2026-12-01', through: '2026-12-31' },
      { limit: 10 },
    );
    expect(oldUnit.items).toEqual([]);
    const mine = await worklists.list({ kind: 'mine', assignee: 'archivist' }, { limit: 10 });
    expect(mine.items).toEqual([]);
  });
});

describe('deadline extension in DynamoDB', () => {
  it('moves the ticket in the deadline index and drops a flag set for the old deadline', async () => {
    const [ticket] = await seed('court-fees', 1, '2026-12-05T09:00:00Z', '2026-12-11');
    const reference = ticket?.reference ?? '';
    await documents.send(
      new UpdateCommand({
        TableName: 'tickets',
        Key: { pk: `TICKET#${reference}`, sk: 'TICKET' },
        UpdateExpression: 'SET deadlineFlag = :flag, deadlineFlaggedFor = :for, deadlineFlaggedAt = :at',
        ExpressionAttributeValues: {
          ':flag': 'due-soon',
          ':for': '2026-12-11',
          ':at': '2026-12-10T05:00:00Z',
        },
      }),
    );
    const change = {
      from: '2026-12-11',
      to: '2027-01-15',
      reason: 'Vajag ziņas no tiesas',
      by: 'agent',
      at: '2026-12-10T08:00:00Z',
    };

    const extended = await store.extendTicketDeadline(reference, change);
    const stale = await store.extendTicketDeadline(reference, change);

    expect(extended).toMatchObject({ answerDeadline: '2027-01-15', deadlineExtensions: [change] });
    expect(stale).toBeUndefined();
    const raw = await documents.send(
      new GetCommand({ TableName: 'tickets', Key: { pk: `TICKET#${reference}`, sk: 'TICKET' } }),
    );
    expect(raw.Item?.deadlineFlag).toBeUndefined();
    const due = await worklists.list(
      { kind: 'due', competence: 'court-fees', from: '2027-01-15', through: '2027-01-15' },
      { limit: 10 },
    );
    expect(due.items.map((item) => item.reference)).toEqual([reference]);
  });
});
