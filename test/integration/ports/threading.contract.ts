/** The threading port: thread keys, a client's follow-up joining its ticket, senders whose service ended. */
import { expect, it } from 'vitest';
import { defaultRetentionSchedule, parseRetentionSchedule } from '../../../shared/domain/retention.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import type { ClientFollowUp } from '../../../shared/ports/threading.ts';
import { newTicket } from '../../support/tickets.ts';
import { anAudit, aTicket, contractNow, type MakePorts, unique, uniqueUnit } from './ports-under-test.ts';

function followUp(ticket: Ticket, fields: Partial<ClientFollowUp> = {}): ClientFollowUp {
  return {
    expect: {
      status: ticket.status,
      competence: ticket.competence,
      answerDeadline: ticket.answerDeadline,
      review: false,
    },
    message: {
      id: unique('mail'),
      kind: 'client',
      at: '2026-12-03T09:00:00.000Z',
      author: ticket.client.email,
      text: 'Vēl viens jautājums',
      subject: `Re: ${ticket.reference}`,
    },
    threadKeys: [unique('msgid')],
    audit: anAudit('AddClientMessage', '2026-12-03T09:00:00.000Z', [ticket.reference]),
    ...fields,
  };
}

const day = 86_400_000;

export function threadingContract(make: MakePorts): void {
  it("expires a ticket's and a follow-up's thread keys the schedule's message-id-key period after their mail", async () => {
    // Prepare
    const { store } = make();
    const ticket = aTicket(uniqueUnit(), { status: 'answered' });
    const own = unique('msgid');
    await store.createTickets([{ ...newTicket(ticket), threadKeys: [own] }]);
    const mail = followUp(ticket);
    await store.addClientMessage(ticket.reference, mail);
    const [followed] = mail.threadKeys;
    const expiry = (at: string) => Date.parse(at) + defaultRetentionSchedule['message-id-key'].days * day;
    // Act
    const before = await store.threadTargets([own], new Date(expiry(ticket.receivedAt) - 1000));
    const after = await store.threadTargets([own], new Date(expiry(ticket.receivedAt)));
    // Assess: still stored (TTL deletes late), but no longer threading.
    expect(before.get(own)).toBe(ticket.reference);
    expect(after.size).toBe(0);
    const followedAt = expiry(mail.message.at);
    expect((await store.threadTargets([followed ?? ''], new Date(followedAt - 1000))).size).toBe(1);
    expect((await store.threadTargets([followed ?? ''], new Date(followedAt))).size).toBe(0);
  });

  it('expires thread keys by an overridden schedule', async () => {
    const { store } = make({ retention: parseRetentionSchedule({ 'message-id-key': { days: 10 } }) });
    const ticket = aTicket(uniqueUnit());
    const key = unique('msgid');
    await store.createTickets([{ ...newTicket(ticket), threadKeys: [key] }]);
    const expiry = Date.parse(ticket.receivedAt) + 10 * day;
    expect((await store.threadTargets([key], new Date(expiry - 1000))).size).toBe(1);
    expect((await store.threadTargets([key], new Date(expiry))).size).toBe(0);
  });

  it('points thread keys at the first ticket that named them', async () => {
    const { store } = make();
    const unit = uniqueUnit();
    const [first, second] = [aTicket(unit), aTicket(unit)];
    const [shared, own] = [unique('msgid'), unique('msgid')];
    await store.createTickets([{ ...newTicket(first), threadKeys: [shared] }]);
    await store.createTickets([{ ...newTicket(second), threadKeys: [shared, own] }]);
    const targets = await store.threadTargets([shared, own, shared, unique('msgid')], contractNow);
    expect(Object.fromEntries(targets)).toEqual({ [shared]: first.reference, [own]: second.reference });
    expect((await store.threadTargets([], contractNow)).size).toBe(0);
  });

  it('adds a follow-up once, with its record, and refuses one decided on a stale ticket', async () => {
    const ports = make();
    const { store } = ports;
    const ticket = aTicket(uniqueUnit(), { status: 'answered' });
    await store.createTickets([newTicket(ticket)]);
    const mail = followUp(ticket, { email: { messageId: 'client-1@example.lv', references: [] } });
    expect(await store.addClientMessage(ticket.reference, mail)).toBe('added');
    expect(await store.addClientMessage(ticket.reference, mail)).toBe('duplicate');
    expect(await ports.audited(mail.audit)).toBe(true);
    const stale = followUp(ticket, { expect: { ...mail.expect, status: 'open' } });
    expect(await store.addClientMessage(ticket.reference, stale)).toBe('conflict');
    expect(await store.addClientMessage(unique('TA'), followUp(ticket))).toBe('conflict');
    const joined = await store.getTicket(ticket.reference);
    expect(joined).toMatchObject({
      status: 'answered',
      lastClientMessageAt: mail.message.at,
      email: mail.email,
    });
    expect(Object.fromEntries(await store.threadTargets(mail.threadKeys, contractNow))).toEqual({
      [mail.threadKeys[0] ?? '']: ticket.reference,
    });
    expect((await ports.desk.record(ticket.reference))?.messages).toEqual([mail.message]);
  });

  it('reopens an answered ticket with the follow-up, back on its deadline list', async () => {
    const { store, worklists } = make();
    const unit = uniqueUnit();
    const ticket = aTicket(unit, { status: 'answered' });
    await store.createTickets([newTicket(ticket)]);
    const statusChange = {
      from: 'answered' as const,
      to: 'open' as const,
      by: 'client',
      at: '2026-12-03T09:00:00.000Z',
    };
    const mail = followUp(ticket, {
      reopen: {
        statusChange,
        competence: unit,
        answerDeadline: '2026-12-30',
        firstResponseDue: '2026-12-20',
        expectedAnswerBy: '2026-12-22',
      },
    });
    expect(await store.addClientMessage(ticket.reference, mail)).toBe('added');
    expect(await store.getTicket(ticket.reference)).toMatchObject({
      status: 'open',
      statusChanges: [statusChange],
      // The deadline it had is kept with the reopening: the figures count the first answer by it.
      reopenings: [{ at: statusChange.at, from: ticket.answerDeadline, to: '2026-12-30' }],
      answerDeadline: '2026-12-30',
      firstResponseDue: '2026-12-20',
      expectedAnswerBy: '2026-12-22',
    });
    const due = await worklists.list(
      { kind: 'due', competence: unit, from: '2026-12-30', through: '2026-12-30' },
      {
        limit: 10,
      },
    );
    expect(due.items.map((item) => item.reference)).toEqual([ticket.reference]);
    const open = await worklists.list({ kind: 'queue', competence: unit, status: 'open' }, { limit: 10 });
    expect(open.items.map((item) => item.reference)).toEqual([ticket.reference]);
  });
}
