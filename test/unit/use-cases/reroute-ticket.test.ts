import { describe, expect, it } from 'vitest';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryMailer,
  MemoryQueue,
  MemoryTicketStore,
  MemoryWorklists,
} from '../../../shared/adapters/memory/index.ts';
import type { IntakeMessage, OutboundMessage } from '../../../shared/domain/intake-message.ts';
import { ReferenceAllocator } from '../../../shared/domain/reference.ts';
import type { Refused } from '../../../shared/domain/refused.ts';
import { BacklogCache } from '../../../shared/use-cases/backlog-cache.ts';
import { processIntakeMessages } from '../../../shared/use-cases/process-intake-message.ts';
import { rerouteTicket } from '../../../shared/use-cases/reroute-ticket.ts';
import { sendOutboundMessage } from '../../../shared/use-cases/send-outbound-message.ts';
import { submitWebRequest } from '../../../shared/use-cases/submit-web-request.ts';
import { takeNextTicket } from '../../../shared/use-cases/take-ticket.ts';

const agent = { username: 'agent-fees', competences: ['court-fees'] };

async function ticketInCourtFees(language: 'lv' | 'en' = 'lv') {
  const store = new MemoryTicketStore();
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const intakeQueue = new MemoryQueue<IntakeMessage>();
  const outboundQueue = new MemoryQueue<OutboundMessage>();
  const audit = new MemoryAuditLog();
  const backlog = new BacklogCache(store, clock, 0);
  const references = new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size));
  const { reference } = await submitWebRequest(
    { store, intakeQueue, audit, clock, references, backlog },
    {
      name: 'Ilze Kalniņa',
      email: 'ilze@example.lv',
      topic: 'court-fees',
      subject: 'Uzturlīdzekļi',
      message: 'Uzturlīdzekļu garantiju fonds nemaksā uzturlīdzekļus.',
      language,
    },
    { sourceIPAddress: '192.0.2.1', userAgent: 'test', requestId: 'r1' },
  );
  await processIntakeMessages(
    { store, outboundQueue, clock, backlog: new BacklogCache(store, clock) },
    intakeQueue.sent.map((entry) => entry.message),
  );
  outboundQueue.sent.length = 0;
  return {
    store,
    clock,
    outboundQueue,
    audit,
    backlog,
    reference,
    deps: { store, outboundQueue, audit, clock, backlog },
  };
}

describe('rerouteTicket', () => {
  it('moves the ticket to the new unit’s queue, keeps the deadline and tells the client', async () => {
    // Prepare: taken by an agent of court fees, who finds it belongs to the maintenance fund.
    const s = await ticketInCourtFees();
    const worklists = new MemoryWorklists(s.store);
    expect((await takeNextTicket({ worklists, clock: s.clock }, agent))?.reference).toBe(s.reference);
    const before = await s.store.getTicket(s.reference);

    // Act
    const moved = await rerouteTicket(
      s.deps,
      agent,
      s.reference,
      'maintenance-fund',
      'Uzturlīdzekļu jautājums',
    );

    // Assess
    expect(moved).toMatchObject({
      competence: 'maintenance-fund',
      status: 'new',
      answerDeadline: before?.answerDeadline,
    });
    expect(moved.assignee).toBeUndefined();
    expect(moved.reroutes).toEqual([
      {
        from: 'court-fees',
        to: 'maintenance-fund',
        reason: 'Uzturlīdzekļu jautājums',
        by: 'agent-fees',
        at: '2026-11-27T10:00:00.000Z',
      },
    ]);
    const queue = await worklists.list(
      { kind: 'queue', competence: 'maintenance-fund', status: 'new' },
      { limit: 10 },
    );
    expect(queue.items.map((ticket) => ticket.reference)).toEqual([s.reference]);
    expect(s.audit.records.map((record) => record.eventName)).toEqual(['RerouteTicket']);
    expect(s.outboundQueue.sent.map((entry) => entry.message)).toEqual([
      { version: 1, kind: 'reroute-notice', outboundId: `reroute-${s.reference}-1`, reference: s.reference },
    ]);
    expect(await s.store.openTickets('maintenance-fund')).toBe(1);
    expect(await s.store.openTickets('court-fees')).toBe(0);
  });

  it('sends the notice in the client’s language, without the internal reason', async () => {
    const s = await ticketInCourtFees('en');
    await rerouteTicket(s.deps, agent, s.reference, 'maintenance-fund', 'Internal: wrong unit, see note');
    const mailer = new MemoryMailer();
    const outbound = s.outboundQueue.sent[0]?.message as OutboundMessage;
    await sendOutboundMessage(
      { store: s.store, mailer, clock: s.clock, senderAddress: 'noreply@example.lv' },
      outbound,
    );
    const [email] = mailer.sent;
    expect(email?.subject).toBe(`Your request has been passed to the competent unit — ${s.reference}`);
    expect(email?.text).toContain('will now be handled by the unit "Maintenance guarantee fund"');
    expect(email?.text).toContain('so it does not change: 28 December 2026');
    expect(email?.text).not.toContain('Internal');
  });

  it('refuses without a reason, to the same unit, to an unknown unit, or for another unit’s ticket', async () => {
    const s = await ticketInCourtFees();
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => 'done',
        (error: Refused) => `${error.code} ${error.status}`,
      );
    expect(await refusal(rerouteTicket(s.deps, agent, s.reference, 'maintenance-fund', '  '))).toBe(
      'ReasonRequired 400',
    );
    expect(await refusal(rerouteTicket(s.deps, agent, s.reference, 'court-fees', 'x'))).toBe(
      'SameCompetence 409',
    );
    expect(await refusal(rerouteTicket(s.deps, agent, s.reference, 'weather', 'x'))).toBe(
      'UnknownCompetence 400',
    );
    const stranger = { username: 'agent-legal', competences: ['legal-aid'] };
    expect(await refusal(rerouteTicket(s.deps, stranger, s.reference, 'legal-aid', 'mine now'))).toBe(
      'AccessDenied 403',
    );
    expect(await refusal(rerouteTicket(s.deps, agent, 'TA-2026-999999', 'legal-aid', 'x'))).toBe(
      'NotFound 404',
    );
    expect(s.outboundQueue.sent).toHaveLength(0);
  });

  it('re-sends the notice, and moves nothing, when the same move is retried', async () => {
    const s = await ticketInCourtFees();
    await rerouteTicket(s.deps, agent, s.reference, 'maintenance-fund', 'Uzturlīdzekļi');
    await rerouteTicket(s.deps, agent, s.reference, 'maintenance-fund', 'Uzturlīdzekļi');
    expect((await s.store.getTicket(s.reference))?.reroutes).toHaveLength(1);
    // Same outbound id twice: the queue (and send-email) deliver it once.
    expect(new Set(s.outboundQueue.sent.map((entry) => entry.message.outboundId)).size).toBe(1);
  });

  it('estimates the new expected date from the day of the move, never in the past', async () => {
    const s = await ticketInCourtFees();
    s.clock.advance(20 * 86_400_000); // 17 December 2026
    const moved = await rerouteTicket(s.deps, agent, s.reference, 'maintenance-fund', 'Uzturlīdzekļi');
    expect(moved.expectedAnswerBy >= '2026-12-17').toBe(true);
    expect(moved.expectedAnswerBy <= moved.answerDeadline).toBe(true);
  });

  it('records one audit entry when a move is retried', async () => {
    const s = await ticketInCourtFees();
    await rerouteTicket(s.deps, agent, s.reference, 'maintenance-fund', 'Uzturlīdzekļi');
    await rerouteTicket(s.deps, agent, s.reference, 'maintenance-fund', 'Uzturlīdzekļi');
    expect(s.audit.records.filter((record) => record.eventName === 'RerouteTicket')).toHaveLength(1);
  });
});
