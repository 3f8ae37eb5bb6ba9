/** The ticket-moves port: a reroute and a deadline extension, each only from the state read. */
import { expect, it } from 'vitest';
import type { CompetenceId } from '../../../shared/domain/competences.ts';
import { newTicket } from '../../support/tickets.ts';
import { aTicket, type MakePorts, uniqueUnit } from './ports-under-test.ts';

const reroute = (from: CompetenceId, to: CompetenceId) => ({
  from,
  to,
  by: 'supervisor.ilze',
  at: '2026-12-02T09:00:00.000Z',
  reason: 'Cita nodaļa',
});

export function ticketMovesContract(make: MakePorts): void {
  it('moves a ticket to the new unit’s queue, unassigned; only from the unit it is in', async () => {
    const { store, worklists } = make();
    const [from, to] = [uniqueUnit(), uniqueUnit()];
    const ticket = aTicket(from, {
      status: 'open',
      assignee: 'agent.anna',
      takenAt: '2026-12-01T09:00:00.000Z',
    });
    await store.createTickets([newTicket(ticket)]);
    expect(
      await store.rerouteTicket(ticket.reference, {
        reroute: reroute(to, from),
        expectedAnswerBy: '2026-12-10',
      }),
    ).toBeUndefined();
    const moved = await store.rerouteTicket(ticket.reference, {
      reroute: reroute(from, to),
      expectedAnswerBy: '2026-12-10',
    });
    expect(moved).toMatchObject({
      competence: to,
      status: 'new',
      expectedAnswerBy: '2026-12-10',
      reroutes: [reroute(from, to)],
    });
    expect(moved?.assignee).toBeUndefined();
    const queue = await worklists.list({ kind: 'queue', competence: to, status: 'new' }, { limit: 10 });
    expect(queue.items.map((item) => item.reference)).toEqual([ticket.reference]);
    expect(
      (await worklists.list({ kind: 'queue', competence: from, status: 'open' }, { limit: 10 })).items,
    ).toEqual([]);
  });

  it('leaves an answered ticket, and one whose callback was recorded meanwhile, where it is', async () => {
    const { store } = make();
    const from = uniqueUnit();
    const answered = aTicket(from, { status: 'answered' });
    const called = aTicket(from, {
      callback: {
        phone: '+37120000000',
        done: { by: 'agent.anna', at: '2026-12-01T10:00:00.000Z', outcome: 'reached' },
      },
    });
    const waiting = aTicket(from, { callback: { phone: '+37120000000' } });
    await store.createTickets([answered, called, waiting].map(newTicket));
    const change = { reroute: reroute(from, uniqueUnit()), expectedAnswerBy: '2026-12-10' };
    expect(await store.rerouteTicket(answered.reference, change)).toBeUndefined();
    expect(await store.rerouteTicket(called.reference, { ...change, callbackPending: true })).toBeUndefined();
    expect(await store.rerouteTicket(waiting.reference, change)).toBeUndefined();
    expect(await store.rerouteTicket(waiting.reference, { ...change, callbackPending: true })).toBeDefined();
  });

  it('extends a deadline only from the deadline read, in the unit given', async () => {
    const { store } = make();
    const unit = uniqueUnit();
    const ticket = aTicket(unit, { status: 'open', answerDeadline: '2026-12-15' });
    await store.createTickets([newTicket(ticket)]);
    const change = {
      from: '2026-12-15',
      to: '2027-01-15',
      by: 'agent.anna',
      at: '2026-12-02T09:00:00.000Z',
      reason: 'x',
    };
    expect(
      await store.extendTicketDeadline(ticket.reference, { ...change, from: '2026-12-14' }),
    ).toBeUndefined();
    expect(await store.extendTicketDeadline(ticket.reference, change, uniqueUnit())).toBeUndefined();
    const extended = await store.extendTicketDeadline(ticket.reference, change, unit);
    expect(extended).toMatchObject({ answerDeadline: '2027-01-15', deadlineExtensions: [change] });
    expect(await store.extendTicketDeadline(ticket.reference, change)).toBeUndefined();
  });
}
