/**
 * The worklists port over a unit's sharded lists: tickets on different shards come back in one
 * order — receipt time (FIFO), or deadline — page after page, and take-next hands them out in that
 * order to many takers at once, each ticket exactly once.
 */
import { expect, it } from 'vitest';
import { listShards, shardOf } from '../../../shared/adapters/dynamodb/ticket-keys.ts';
import { FixedClock } from '../../../shared/adapters/memory/index.ts';
import type { CompetenceId } from '../../../shared/domain/competences.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import type { ListedTicket, Worklists, WorklistView } from '../../../shared/ports/worklists.ts';
import { fairnessReport } from '../../../shared/use-cases/take-ticket.ts';
import { newTicket } from '../../support/tickets.ts';
import { aTicket, type MakePorts, takeUntilNoneWaits, unique, uniqueUnit } from './ports-under-test.ts';

/**
 * `count` references of their own, in an order that visits the shards round robin from the last
 * one down, so that receipt order and shard order disagree and every page draws on many shards.
 */
function interleavedReferences(count: number): string[] {
  const byShard: string[][] = Array.from({ length: listShards }, () => []);
  for (let made = 0; byShard.flat().length < count && made < count * 40; made += 1) {
    const reference = unique('TA');
    const shard = byShard[shardOf(reference)];
    if (shard && shard.length < Math.ceil(count / listShards)) shard.push(reference);
  }
  const order: string[] = [];
  for (let round = 0; order.length < count; round += 1) {
    for (let shard = listShards - 1; shard >= 0 && order.length < count; shard -= 1) {
      const reference = byShard[shard]?.[round];
      if (reference) order.push(reference);
    }
  }
  return order;
}

/** Every page of a view, `limit` at a time. */
async function allPages(worklists: Worklists, view: WorklistView, limit: number, newestFirst = false) {
  const seen: ListedTicket[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await worklists.list(view, { limit, newestFirst, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items);
    cursor = page.cursor;
    pages += 1;
  } while (cursor && pages < 100);
  return seen;
}

/** Tickets of `unit` received a minute apart in the order of `references`. */
function receivedInOrder(unit: CompetenceId, references: readonly string[], fields: Partial<Ticket> = {}) {
  return references.map((reference, i) =>
    aTicket(unit, {
      reference,
      receivedAt: new Date(Date.parse('2026-12-01T08:00:00.000Z') + i * 60_000).toISOString(),
      ...fields,
    }),
  );
}

export function worklistShardsContract(make: MakePorts): void {
  it('lists a unit’s queue in receipt order across its shards, page by page, either way', async () => {
    // Prepare: 26 tickets over every shard, received in an order the shards do not have; two of
    // them at the same instant, which the reference orders.
    const { store, worklists } = make();
    const unit = uniqueUnit();
    const references = interleavedReferences(26);
    expect(new Set(references.map(shardOf)).size).toBe(listShards);
    const tickets = receivedInOrder(unit, references);
    const [first, second] = [...references.slice(24)].sort();
    const tied = tickets.map((ticket) =>
      ticket.reference === first || ticket.reference === second
        ? { ...ticket, receivedAt: '2026-12-01T12:00:00.000Z' }
        : ticket,
    );
    await store.createTickets(tied.map(newTicket));
    const expected = [...references.slice(0, 24), first, second];

    // Act
    const view: WorklistView = { kind: 'queue', competence: unit, status: 'new' };
    const oldestFirst = await allPages(worklists, view, 3);
    const newestFirst = await allPages(worklists, view, 4, true);

    // Assess
    expect(oldestFirst.map((ticket) => ticket.reference)).toEqual(expected);
    expect(newestFirst.map((ticket) => ticket.reference)).toEqual([...expected].reverse());
    const firstPage = await worklists.list(view, { limit: 5 });
    expect(firstPage.items.map((ticket) => ticket.reference)).toEqual(expected.slice(0, 5));
  });

  it('lists rows without bodies, and the whole tickets when asked, in the same order', async () => {
    const { store, worklists } = make();
    const unit = uniqueUnit();
    const tickets = receivedInOrder(unit, interleavedReferences(6), { callback: { phone: '+37120000000' } });
    await store.createTickets(tickets.map(newTicket));
    const view: WorklistView = { kind: 'queue', competence: unit, status: 'new' };

    const rows = await worklists.list(view, { limit: 4 });
    const whole = await worklists.listWhole(view, { limit: 4 });

    expect(rows.items.map((ticket) => ticket.reference)).toEqual(tickets.slice(0, 4).map((t) => t.reference));
    expect(rows.items[0]).not.toHaveProperty('body');
    expect(rows.items[0]).not.toHaveProperty('routing');
    expect(rows.items[0]).toMatchObject({ subject: tickets[0]?.subject, callback: tickets[0]?.callback });
    expect(whole.items).toEqual(tickets.slice(0, 4));
    const callbacks = await allPages(worklists, { kind: 'callbacks', competence: unit }, 4);
    expect(callbacks.map((ticket) => ticket.reference)).toEqual(tickets.map((ticket) => ticket.reference));
  });

  it('lists due and overdue tickets by deadline across the shards, ties by reference', async () => {
    // Prepare: deadlines two tickets a day, in an order unrelated to receipt or shard.
    const { store, worklists } = make();
    const unit = uniqueUnit();
    const references = interleavedReferences(20);
    const deadlineOf = (i: number) => `2026-12-${String(1 + ((i * 7) % 10)).padStart(2, '0')}`;
    const tickets = receivedInOrder(unit, references, { status: 'open' }).map((ticket, i) => ({
      ...ticket,
      answerDeadline: deadlineOf(i),
    }));
    await store.createTickets(tickets.map(newTicket));
    const byDeadline = [...tickets].sort(
      (a, b) => a.answerDeadline.localeCompare(b.answerDeadline) || a.reference.localeCompare(b.reference),
    );
    const expected = (from: string, before: string) =>
      byDeadline
        .filter((ticket) => ticket.answerDeadline >= from && ticket.answerDeadline < before)
        .map((ticket) => `${ticket.answerDeadline} ${ticket.reference}`);
    const listed = (rows: ListedTicket[]) =>
      rows.map((ticket) => `${ticket.answerDeadline} ${ticket.reference}`);

    // Act
    const overdue = await allPages(worklists, { kind: 'overdue', competence: unit, before: '2026-12-06' }, 3);
    const due = await allPages(
      worklists,
      { kind: 'due', competence: unit, from: '2026-12-06', through: '2026-12-09' },
      3,
    );

    // Assess
    expect(listed(overdue)).toEqual(expected('2026-12-01', '2026-12-06'));
    expect(listed(due)).toEqual(expected('2026-12-06', '2026-12-10'));
    expect(overdue).toHaveLength(10);
  });

  it('gives 50 tickets on every shard to 20 concurrent takers: each once, each taker’s oldest first', async () => {
    // Prepare
    const ports = make();
    const { store, worklists } = ports;
    const unit = uniqueUnit();
    const tickets = receivedInOrder(unit, interleavedReferences(50));
    await store.createTickets(tickets.map(newTicket));
    const clock = new FixedClock('2026-12-02T09:00:00.000Z');
    const takers = Array.from({ length: 20 }, (_, i) => ({ username: `agent-${i}`, competences: [unit] }));

    // Act
    const takenBy = await takeUntilNoneWaits({ worklists, clock }, takers);

    // Assess: every ticket taken exactly once, nothing left waiting, nobody handed an older
    // ticket after a newer one.
    const all = takenBy.flat().map((ticket) => ticket.reference);
    expect([...all].sort()).toEqual(tickets.map((ticket) => ticket.reference).sort());
    expect(
      (await worklists.list({ kind: 'queue', competence: unit, status: 'new' }, { limit: 10 })).items,
    ).toEqual([]);
    for (const mine of takenBy) {
      const order = mine.map((ticket) => `${ticket.receivedAt}#${ticket.reference}`);
      expect(order).toEqual([...order].sort());
    }
    const report = await fairnessReport({ worklists, clock }, unit, '2026-12');
    expect(report).toMatchObject({ taken: 50, inOrder: 50, exceptions: [] });
  });

  it('refuses a forged cursor: another unit’s list, another shape, another item', async () => {
    const { worklists } = make();
    const unit = uniqueUnit();
    const forged = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const position = {
      pk: 'TICKET#TA-2026-000001',
      sk: 'TICKET',
      receivedKey: '2026-12-01T08:00:00.000Z#TA-2026-000001',
    };
    for (const [view, cursor] of [
      [
        { kind: 'queue', competence: unit, status: 'new' },
        forged({ ...position, worklistKey: `${uniqueUnit()}#new#3` }),
      ],
      [
        { kind: 'queue', competence: unit, status: 'new' },
        forged({ ...position, worklistKey: `${unit}#open#3` }),
      ],
      [
        { kind: 'queue', competence: unit, status: 'new' },
        forged({ ...position, worklistKey: `${unit}#new#3`, extra: 'x' }),
      ],
      [
        { kind: 'queue', competence: unit, status: 'new' },
        forged({ ...position, sk: 'LETTER#1', worklistKey: `${unit}#new#3` }),
      ],
      [{ kind: 'callbacks', competence: unit }, forged({ ...position, worklistKey: `${unit}#new#3` })],
      [
        { kind: 'overdue', competence: unit, before: '2026-12-10' },
        forged({ pk: position.pk, sk: 'TICKET', dueKey: `${unit}#3`, dueSortKey: 7 }),
      ],
    ] as const) {
      const error = await worklists.list(view, { limit: 5, cursor }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error, cursor).toMatchObject({ name: 'Refused', code: 'InvalidCursor', status: 400 });
    }
  });
}
