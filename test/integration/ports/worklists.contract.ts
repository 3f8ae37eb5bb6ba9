/** The worklists port: the views, their order and pages, and taking a ticket once. */
import { expect, it } from 'vitest';
import { Refused } from '../../../shared/domain/refused.ts';
import type { WorklistView } from '../../../shared/ports/worklists.ts';
import { newTicket } from '../../support/tickets.ts';
import { anAudit, aTicket, type MakePorts, unique, uniqueUnit } from './ports-under-test.ts';

const takeAt = '2026-12-02T09:00:00.000Z';

export function worklistsContract(make: MakePorts): void {
  it('lists a unit’s queue oldest first, page by page, and newest first when asked', async () => {
    const { store, worklists } = make();
    const unit = uniqueUnit();
    const tickets = ['09:00', '08:00', '10:00', '08:30', '09:30'].map((time) =>
      aTicket(unit, { receivedAt: `2026-12-01T${time}:00.000Z` }),
    );
    await store.createTickets(tickets.map(newTicket));
    const view: WorklistView = { kind: 'queue', competence: unit, status: 'new' };
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await worklists.list(view, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((ticket) => ticket.receivedAt.slice(11, 16)));
      cursor = page.cursor;
    } while (cursor);
    expect(seen).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00']);
    const newest = await worklists.list(view, { limit: 2, newestFirst: true });
    expect(newest.items.map((ticket) => ticket.receivedAt.slice(11, 16))).toEqual(['10:00', '09:30']);
    expect(await worklists.list({ ...view, status: 'open' }, { limit: 5 })).toEqual({ items: [] });
  });

  it('keeps a ticket held for a supervisor on the review list, not the queue', async () => {
    const { store, worklists } = make();
    const unit = uniqueUnit();
    const held = aTicket(unit, { review: { reason: 'service-ended', since: '2026-11-01T00:00:00.000Z' } });
    await store.createTickets([newTicket(held)]);
    const queue = await worklists.list({ kind: 'queue', competence: unit, status: 'new' }, { limit: 5 });
    const review = await worklists.list({ kind: 'queue', competence: unit, status: 'review' }, { limit: 5 });
    expect(queue.items).toEqual([]);
    expect(review.items.map((ticket) => ticket.reference)).toEqual([held.reference]);
    expect(
      await worklists.take(
        {
          reference: held.reference,
          competence: unit,
          assignee: 'agent.anna',
          takenAt: takeAt,
          receivedAt: held.receivedAt,
          inOrder: true,
        },
        anAudit('TakeTicket', takeAt, [held.reference]),
      ),
    ).toBe(true);
  });

  it('lists tickets still to answer by deadline: due within days, and overdue', async () => {
    const { store, worklists } = make();
    const unit = uniqueUnit();
    const tickets = ['2026-12-08', '2026-12-10', '2026-12-11', '2026-12-12'].map((answerDeadline) =>
      aTicket(unit, { answerDeadline, status: 'open' }),
    );
    const answered = aTicket(unit, { answerDeadline: '2026-12-09', status: 'answered' });
    await store.createTickets([...tickets, answered].map(newTicket));
    const deadlines = async (view: WorklistView) =>
      (await worklists.list(view, { limit: 10 })).items.map((ticket) => ticket.answerDeadline);
    expect(await deadlines({ kind: 'overdue', competence: unit, before: '2026-12-10' })).toEqual([
      '2026-12-08',
    ]);
    expect(
      await deadlines({ kind: 'due', competence: unit, from: '2026-12-10', through: '2026-12-11' }),
    ).toEqual(['2026-12-10', '2026-12-11']);
  });

  it('lists callbacks still to make, and a staff member’s own tickets', async () => {
    const { store, worklists } = make();
    const unit = uniqueUnit();
    const waiting = aTicket(unit, { callback: { phone: '+37120000000' } });
    const done = aTicket(unit, {
      callback: { phone: '+37120000000', done: { by: 'agent.anna', at: takeAt, outcome: 'reached' } },
    });
    const assignee = unique('agent');
    const mine = aTicket(unit, { status: 'open', assignee, takenAt: takeAt });
    await store.createTickets([waiting, done, mine].map(newTicket));
    const callbacks = await worklists.list({ kind: 'callbacks', competence: unit }, { limit: 10 });
    expect(callbacks.items.map((ticket) => ticket.reference)).toEqual([waiting.reference]);
    const own = await worklists.list({ kind: 'mine', assignee }, { limit: 10 });
    expect(own.items.map((ticket) => ticket.reference)).toEqual([mine.reference]);
  });

  it('takes a new ticket once, records the take, and reports the month’s takes', async () => {
    const ports = make();
    const { store, worklists } = ports;
    const unit = uniqueUnit();
    const ticket = aTicket(unit);
    await store.createTickets([newTicket(ticket)]);
    const take = {
      reference: ticket.reference,
      competence: unit,
      assignee: 'agent.anna',
      takenAt: takeAt,
      receivedAt: ticket.receivedAt,
      inOrder: true,
    };
    const audit = anAudit('TakeTicket', takeAt, [ticket.reference]);
    expect(await worklists.take({ ...take, competence: uniqueUnit() }, audit)).toBe(false);
    expect(await worklists.take(take, audit)).toBe(true);
    expect(await worklists.take({ ...take, assignee: 'agent.ilze' }, anAudit('TakeTicket', takeAt))).toBe(
      false,
    );
    expect(await ports.audited(audit)).toBe(true);
    expect(await store.getTicket(ticket.reference)).toMatchObject({
      status: 'open',
      assignee: 'agent.anna',
      takenAt: takeAt,
    });
    expect(await worklists.takes(unit, '2026-12')).toEqual([take]);
    expect(await worklists.takes(unit, '2026-11')).toEqual([]);
    const mine = await worklists.list({ kind: 'mine', assignee: 'agent.anna' }, { limit: 100 });
    expect(mine.items.map((item) => item.reference)).toContain(ticket.reference);
  });

  it('lists the takes out of order alone, by instant range, newest first, up to the limit', async () => {
    const ports = make();
    const { store, worklists } = ports;
    const unit = uniqueUnit();
    const tickets = [aTicket(unit), aTicket(unit), aTicket(unit), aTicket(unit)];
    await store.createTickets(tickets.map((ticket) => newTicket(ticket)));
    const takes = tickets.map((ticket, index) => ({
      reference: ticket.reference,
      competence: unit,
      assignee: 'agent.anna',
      takenAt: `2026-12-0${index + 2}T09:00:00.000Z`,
      receivedAt: ticket.receivedAt,
      inOrder: index === 1,
      ...(index === 1 ? {} : { reason: 'Steidzami / Urgent' }),
    }));
    for (const take of takes)
      expect(await worklists.take(take, anAudit('TakeTicket', take.takenAt))).toBe(true);
    const [first, , third, fourth] = takes;
    expect(
      await worklists.outOfOrderTakes(unit, '2026-12-01T00:00:00.000Z', '2026-12-31T00:00:00.000Z', 10),
    ).toEqual([fourth, third, first]);
    expect(
      await worklists.outOfOrderTakes(unit, '2026-12-01T00:00:00.000Z', '2026-12-31T00:00:00.000Z', 2),
    ).toEqual([fourth, third]);
    // From inclusive, to exclusive.
    expect(
      await worklists.outOfOrderTakes(unit, '2026-12-02T09:00:00.000Z', '2026-12-05T09:00:00.000Z', 10),
    ).toEqual([third, first]);
    expect(
      await worklists.outOfOrderTakes(
        uniqueUnit(),
        '2026-12-01T00:00:00.000Z',
        '2026-12-31T00:00:00.000Z',
        10,
      ),
    ).toEqual([]);
    // The month's takes are the take records alone, not their out-of-order copies.
    expect(await worklists.takes(unit, '2026-12')).toHaveLength(4);
  });

  it('refuses a cursor it did not hand out', async () => {
    const { worklists } = make();
    const error = await worklists
      .list({ kind: 'queue', competence: uniqueUnit(), status: 'new' }, { limit: 5, cursor: 'not-a-cursor' })
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    expect(error).toBeInstanceOf(Refused);
    expect(error).toMatchObject({ code: 'InvalidCursor', status: 400 });
  });

  it('refuses a forged cursor with numbers the store cannot read, or another list’s position', async () => {
    const { worklists } = make();
    const forged = (key: string) => Buffer.from(key).toString('base64url');
    const unit = uniqueUnit();
    for (const [view, cursor] of [
      [{ kind: 'mine', assignee: 'agent.anna' }, forged('{"pk":1e400,"sk":"x"}')],
      [{ kind: 'mine', assignee: 'agent.anna' }, forged('{"pk":12345678901234567890,"sk":"x"}')],
      [
        { kind: 'queue', competence: unit, status: 'new' },
        forged('{"pk":"TICKET#TA-2026-000001","sk":"TICKET"}'),
      ],
      [
        { kind: 'queue', competence: unit, status: 'new' },
        forged(
          `{"pk":"TICKET#TA-2026-000001","sk":"TICKET","worklistKey":"${unit}#open","receivedKey":"2026-11-01T00:00:00.000Z#TA-2026-000001"}`,
        ),
      ],
    ] as const) {
      const error = await worklists.list(view, { limit: 5, cursor }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error, cursor).toBeInstanceOf(Refused);
      expect(error, cursor).toMatchObject({ code: 'InvalidCursor', status: 400 });
    }
  });
}
