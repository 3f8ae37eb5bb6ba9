/** The outbound port: what to send, each send recorded once, and a client's recent tickets. */
import { expect, it } from 'vitest';
import { clientGroupId } from '../../../shared/domain/ids.ts';
import { sesMessageIdKey } from '../../../shared/domain/threading.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import type { CompletedSend } from '../../../shared/ports/outbound.ts';
import { newTicket } from '../../support/tickets.ts';
import { anAudit, aTicket, contractNow, type MakePorts, unique, uniqueUnit } from './ports-under-test.ts';

function sent(
  ticket: Ticket,
  fields: Partial<CompletedSend> & Pick<CompletedSend, 'outboundId' | 'kind'>,
): CompletedSend {
  return {
    reference: ticket.reference,
    sesMessageId: unique('ses'),
    sentAt: '2026-12-01T08:05:00.000Z',
    audit: anAudit('SendEmail', '2026-12-01T08:05:00.000Z', [ticket.reference]),
    ...fields,
  };
}

export function outboundContract(make: MakePorts): void {
  it('records a send once; the acknowledgement shows on the ticket, a reply does not', async () => {
    const ports = make();
    const { store } = ports;
    const ticket = aTicket(uniqueUnit());
    await store.createTickets([newTicket(ticket)]);
    const ack = sent(ticket, { outboundId: `ack-${ticket.reference}`, kind: 'acknowledgement' });
    const reply = sent(ticket, { outboundId: unique('reply'), kind: 'reply' });
    const lookups = [ack, reply].map(({ reference, outboundId }) => ({ reference, outboundId }));
    expect(
      (await store.getForSending(lookups)).map((state) => [state.ticket?.reference, state.sent]),
    ).toEqual([
      [ticket.reference, false],
      [ticket.reference, false],
    ]);

    expect(await store.completeOutbounds([reply])).toEqual([true]);
    expect((await store.getTicket(ticket.reference))?.acknowledgement).toBeUndefined();
    expect(await store.completeOutbounds([ack, reply])).toEqual([true, false]);
    expect(await store.completeOutbounds([ack])).toEqual([false]);

    expect((await store.getForSending(lookups)).map((state) => state.sent)).toEqual([true, true]);
    expect((await store.getTicket(ticket.reference))?.acknowledgement).toEqual({
      sesMessageId: ack.sesMessageId,
      sentAt: ack.sentAt,
    });
    expect(await ports.audited(ack.audit)).toBe(true);
    // The client's answer to either mail threads back by its Message-ID.
    const keys = [ack, reply].map((send) => sesMessageIdKey(send.sesMessageId));
    expect([...(await store.threadTargets(keys, contractNow)).values()]).toEqual([
      ticket.reference,
      ticket.reference,
    ]);
  });

  it('counts a withheld or printed message as done, without a Message-ID to thread by', async () => {
    const { store } = make();
    const ticket = aTicket(uniqueUnit());
    await store.createTickets([newTicket(ticket)]);
    const withheld = sent(ticket, {
      outboundId: `ack-${ticket.reference}`,
      kind: 'acknowledgement',
      withheld: 'rate-limit',
    });
    expect(await store.completeOutbounds([withheld])).toEqual([true]);
    const [state] = await store.getForSending([
      { reference: ticket.reference, outboundId: withheld.outboundId },
    ]);
    expect(state?.sent).toBe(true);
    expect((await store.getTicket(ticket.reference))?.acknowledgement).toBeUndefined();
    expect((await store.threadTargets([sesMessageIdKey(withheld.sesMessageId)], contractNow)).size).toBe(0);
  });

  it.each(['rate-limit', 'ack-budget'] as const)(
    'keeps why an acknowledgement was withheld (%s) for the ticket desk to show',
    async (reason) => {
      const { store, desk } = make();
      const ticket = aTicket(uniqueUnit());
      await store.createTickets([newTicket(ticket)]);
      const outboundId = `ack-${ticket.reference}`;
      await store.completeOutbounds([
        sent(ticket, { outboundId, kind: 'acknowledgement', withheld: reason }),
      ]);
      const record = await desk.record(ticket.reference);
      expect(record?.sent).toEqual([expect.objectContaining({ outboundId, withheld: reason })]);
      expect(record?.ticket.acknowledgement).toBeUndefined();
    },
  );

  it('looks up a reply with the thread message it carries; an unknown ticket is absent', async () => {
    const { store, desk } = make();
    const ticket = aTicket(uniqueUnit(), { status: 'open' });
    await store.createTickets([newTicket(ticket)]);
    const message = {
      id: unique('m'),
      kind: 'reply' as const,
      at: '2026-12-02T10:00:00.000Z',
      author: 'agent.anna',
      text: 'Atbilde',
      outboundId: unique('reply'),
    };
    const written = await desk.write(ticket.reference, {
      expect: { status: 'open', competence: ticket.competence, answerDeadline: ticket.answerDeadline },
      message,
      audit: anAudit('ReplyToClient', message.at, [ticket.reference]),
    });
    expect(written).not.toBe('conflict');
    const states = await store.getForSending([
      { reference: ticket.reference, outboundId: message.outboundId, messageId: message.id },
      { reference: unique('TA'), outboundId: 'x' },
    ]);
    expect(states[0]).toMatchObject({ sent: false, message });
    expect(states[0]?.ticket?.reference).toBe(ticket.reference);
    expect(states[1]).toMatchObject({ ticket: undefined, sent: false });
  });

  it('counts a client’s tickets received in a time range, up to a limit', async () => {
    const { store } = make();
    const unit = uniqueUnit();
    const email = `${unique('client')}@example.lv`;
    const tickets = ['08:00', '08:10', '08:20'].map((time) =>
      aTicket(unit, { receivedAt: `2026-12-01T${time}:00.000Z`, client: { name: 'Anna', email } }),
    );
    await store.createTickets(tickets.map(newTicket));
    const key = clientGroupId(email);
    const through = `2026-12-01T08:20:00.000Z#${tickets[2]?.reference}`;
    expect(await store.ticketsReceivedBetween(key, '2026-12-01T08:05:00.000Z', through, 10)).toBe(2);
    expect(await store.ticketsReceivedBetween(key, '2026-12-01T08:00:00.000Z', through, 2)).toBe(2);
    expect(await store.ticketsReceivedBetween(clientGroupId('nobody@example.lv'), '2026', '2027', 10)).toBe(
      0,
    );
  });
}
