/** The ticket desk: a ticket's partition read at once, and staff writes conditional on what was seen. */
import { expect, it } from 'vitest';
import { clientGroupId } from '../../../shared/domain/ids.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import type { StaffWrite } from '../../../shared/ports/ticket-desk.ts';
import { newTicket } from '../../support/tickets.ts';
import { anAudit, aTicket, type MakePorts, unique, uniqueUnit } from './ports-under-test.ts';

const at = '2026-12-02T10:00:00.000Z';

function seen(ticket: Ticket): StaffWrite['expect'] {
  return { status: ticket.status, competence: ticket.competence, answerDeadline: ticket.answerDeadline };
}

export function ticketDeskContract(make: MakePorts): void {
  it('reads a ticket’s partition: the ticket, its messages in order, its sends', async () => {
    const { store, desk } = make();
    const ticket = aTicket(uniqueUnit(), { status: 'open' });
    await store.createTickets([newTicket(ticket)]);
    expect(await desk.record(ticket.reference)).toMatchObject({ ticket, messages: [], sent: [] });
    expect(await desk.record(unique('TA'))).toBeUndefined();
    const later = {
      id: 'b',
      kind: 'note' as const,
      at: '2026-12-02T11:00:00.000Z',
      author: 'agent.anna',
      text: 'Vēlāk',
    };
    const earlier = { id: 'a', kind: 'note' as const, at, author: 'agent.anna', text: 'Agrāk' };
    for (const message of [later, earlier])
      await desk.write(ticket.reference, {
        expect: seen(ticket),
        message,
        audit: anAudit('AddNote', message.at),
      });
    const ack = {
      reference: ticket.reference,
      outboundId: `ack-${ticket.reference}`,
      kind: 'acknowledgement' as const,
      sesMessageId: unique('ses'),
      sentAt: at,
      audit: anAudit('SendEmail', at, [ticket.reference]),
    };
    await store.completeOutbounds([ack]);
    const record = await desk.record(ticket.reference);
    expect(record?.messages).toEqual([earlier, later]);
    expect(record?.sent).toEqual([
      { outboundId: ack.outboundId, kind: 'acknowledgement', sentAt: at, sesMessageId: ack.sesMessageId },
    ]);
    expect(record?.ticket.acknowledgement).toEqual({ sesMessageId: ack.sesMessageId, sentAt: at });
  });

  it('adds a message once, with its record; a retried request is a duplicate', async () => {
    const ports = make();
    const { store, desk } = ports;
    const ticket = aTicket(uniqueUnit(), { status: 'open' });
    await store.createTickets([newTicket(ticket)]);
    const write: StaffWrite = {
      expect: seen(ticket),
      message: {
        id: unique('m'),
        kind: 'reply',
        at,
        author: 'agent.anna',
        text: 'Atbilde',
        outboundId: unique('o'),
      },
      statusChange: { from: 'open', to: 'answered', by: 'agent.anna', at },
      audit: anAudit('ReplyToClient', at, [ticket.reference]),
    };
    const answered = await desk.write(ticket.reference, write);
    expect(answered).toMatchObject({ status: 'answered', statusChanges: [write.statusChange] });
    expect(await ports.audited(write.audit)).toBe(true);
    expect(await desk.write(ticket.reference, write)).toBe('duplicate');
    expect(await store.getTicket(ticket.reference)).toMatchObject({ status: 'answered' });
  });

  it('keeps the first staff reply as the first response, set with it; notes and later replies leave it', async () => {
    const { store, desk } = make();
    const ticket = aTicket(uniqueUnit(), { status: 'open' });
    await store.createTickets([newTicket(ticket)]);
    const message = (id: string, kind: 'reply' | 'note', when: string) => ({
      expect: seen(ticket),
      message: { id, kind, at: when, author: 'agent.anna', text: 'Teksts' },
      audit: anAudit(kind === 'reply' ? 'ReplyToClient' : 'AddNote', when, [ticket.reference]),
    });
    expect(await desk.write(ticket.reference, message('n1', 'note', at))).not.toHaveProperty(
      'firstResponseAt',
    );
    const first = '2026-12-03T09:00:00.000Z';
    expect(await desk.write(ticket.reference, message('r1', 'reply', first))).toMatchObject({
      firstResponseAt: first,
    });
    await desk.write(ticket.reference, message('r2', 'reply', '2026-12-04T09:00:00.000Z'));
    expect((await desk.record(ticket.reference))?.ticket.firstResponseAt).toBe(first);
  });

  it('refuses a write decided on a ticket that changed meanwhile', async () => {
    const { store, desk } = make();
    const ticket = aTicket(uniqueUnit(), { status: 'open' });
    await store.createTickets([newTicket(ticket)]);
    const note = (id: string) => ({ id, kind: 'note' as const, at, author: 'agent.anna', text: 'Piezīme' });
    const stale = [
      { ...seen(ticket), status: 'new' as const },
      { ...seen(ticket), competence: uniqueUnit() },
      { ...seen(ticket), answerDeadline: '2027-01-01' },
    ];
    for (const expect_ of stale)
      expect(
        await desk.write(ticket.reference, {
          expect: expect_,
          message: note(unique('m')),
          audit: anAudit('AddNote', at),
        }),
      ).toBe('conflict');
    expect(await desk.write(unique('TA'), { expect: seen(ticket), audit: anAudit('AddNote', at) })).toBe(
      'conflict',
    );
    expect((await desk.record(ticket.reference))?.messages).toEqual([]);
  });

  it('records a callback and a transcription once each', async () => {
    const { store, desk } = make();
    const ticket = aTicket(uniqueUnit(), { callback: { phone: '+37120000000' } });
    await store.createTickets([newTicket(ticket)]);
    const done = { by: 'agent.anna', at, outcome: 'reached' as const };
    const first = await desk.write(ticket.reference, {
      expect: seen(ticket),
      callbackDone: done,
      audit: anAudit('RecordCallback', at),
    });
    expect(first).toMatchObject({ callback: { phone: '+37120000000', done } });
    expect(
      await desk.write(ticket.reference, {
        expect: seen(ticket),
        callbackDone: done,
        audit: anAudit('RecordCallback', at),
      }),
    ).toBe('conflict');
    const transcription = { text: 'Teksts', by: 'agent.anna', at };
    expect(
      await desk.write(ticket.reference, {
        expect: seen(ticket),
        transcription,
        audit: anAudit('TranscribeScan', at),
      }),
    ).toMatchObject({
      transcription,
    });
    expect(
      await desk.write(ticket.reference, {
        expect: seen(ticket),
        transcription,
        audit: anAudit('TranscribeScan', at),
      }),
    ).toBe('conflict');
  });

  it('ends service: recorded on the ticket, and the sender flagged', async () => {
    const { store, desk } = make();
    const ticket = aTicket(uniqueUnit(), { status: 'open' });
    await store.createTickets([newTicket(ticket)]);
    const clientKey = clientGroupId(ticket.client.email);
    expect(await store.serviceEndedSenders([clientKey])).toEqual(new Set());
    const endService = { reason: 'Aizskaroši', by: 'supervisor.ilze', at, clientKey };
    const closed = await desk.write(ticket.reference, {
      expect: seen(ticket),
      statusChange: { from: 'open', to: 'closed', by: 'supervisor.ilze', at },
      endService,
      audit: anAudit('EndService', at, [ticket.reference]),
    });
    expect(closed).toMatchObject({
      status: 'closed',
      serviceEnded: { reason: 'Aizskaroši', by: 'supervisor.ilze', at },
    });
    expect(
      await store.serviceEndedSenders([clientKey, clientKey, clientGroupId('other@example.lv')]),
    ).toEqual(new Set([clientKey]));
  });

  it('lists a client’s tickets newest first, up to a limit', async () => {
    const { store, desk } = make();
    const email = `${unique('client')}@example.lv`;
    const tickets = ['08:00', '09:00', '10:00'].map((time) =>
      aTicket(uniqueUnit(), { receivedAt: `2026-12-01T${time}:00.000Z`, client: { name: 'Anna', email } }),
    );
    await store.createTickets(tickets.map(newTicket));
    const listed = await desk.clientTickets(clientGroupId(email), 2);
    expect(listed.map((ticket) => ticket.receivedAt.slice(11, 16))).toEqual(['10:00', '09:00']);
  });
}
