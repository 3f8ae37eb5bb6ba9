/**
 * A pseudonymised ticket (`erasedAt`) is only read: every staff write to it is refused `Erased`
 * (409) by the one check the verbs pass (`recordFor`), its detail shows it erased with no action,
 * and send-email withholds whatever was still queued for it (reason `erased`, audited).
 */
import { describe, expect, it } from 'vitest';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryMailer,
  MemoryQueue,
  MemoryTicketDesk,
  MemoryTicketStore,
} from '../../../shared/adapters/memory/index.ts';
import { MemoryWorklists } from '../../../shared/adapters/memory/worklists.ts';
import type { OutboundMessage } from '../../../shared/domain/intake-message.ts';
import { pseudonymiseTicket } from '../../../shared/domain/pseudonymise-ticket.ts';
import { Refused } from '../../../shared/domain/refused.ts';
import type { Ticket } from '../../../shared/domain/ticket.ts';
import { addNote } from '../../../shared/use-cases/add-note.ts';
import { changeStatus } from '../../../shared/use-cases/change-status.ts';
import { readTicket } from '../../../shared/use-cases/read-ticket.ts';
import { recordCallback } from '../../../shared/use-cases/record-callback.ts';
import { replyToClient } from '../../../shared/use-cases/reply-to-client.ts';
import { sendOutboundMessage } from '../../../shared/use-cases/send-outbound-message.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';
import type { StaffDeskDeps } from '../../../shared/use-cases/staff-desk.ts';
import { takeOne } from '../../../shared/use-cases/take-ticket.ts';
import { testTicket } from '../../support/tickets.ts';

const agent: StaffCaller = {
  username: 'agent.fees',
  roles: ['agent'],
  competences: ['court-fees'],
  supervises: [],
  expiresAt: 2_000_000_000,
  issuedAt: 1_900_000_000,
  sessionId: 'session-1',
  sourceIPAddress: '192.0.2.1',
  userAgent: 'test',
  requestId: 'request-1',
};
const at = '2026-11-26T10:00:00.000Z';

function system(fields: Partial<Ticket> = {}) {
  const store = new MemoryTicketStore();
  const ticket = testTicket('TA-2026-000007', 'court-fees', {
    answerDeadline: '2026-12-15',
    receivedAt: '2026-11-20T09:00:00Z',
    callback: { phone: '+37120000001' },
    ...fields,
  });
  store.tickets.set(ticket.reference, pseudonymiseTicket(ticket, { basis: 'request', at }));
  const clock = new FixedClock('2026-11-27T10:00:00Z');
  const audit = new MemoryAuditLog();
  const outboundQueue = new MemoryQueue<OutboundMessage>();
  const deps = {
    store,
    desk: new MemoryTicketDesk(store),
    worklists: new MemoryWorklists(store),
    outboundQueue,
    audit,
    clock,
    backlog: { backlog: async () => 0 },
    downloads: { link: async (key: string) => `https://downloads.example/${key}` },
    uploads: {},
  } as unknown as StaffDeskDeps;
  return { store, deps, audit, outboundQueue, clock, reference: ticket.reference };
}

async function refusal(action: Promise<unknown>): Promise<{ code: string; status: number } | undefined> {
  try {
    await action;
    return undefined;
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return { code: error.code, status: error.status };
  }
}

describe('an erased ticket', () => {
  const erased = { code: 'Erased', status: 409 };

  it('cannot be taken', async () => {
    const s = system();
    expect(await refusal(takeOne(s.deps, agent, s.reference, undefined))).toEqual(erased);
    expect(s.store.tickets.get(s.reference)?.assignee).toBeUndefined();
  });

  it('takes no note, no reply, no status change and no callback, and stays as it was', async () => {
    const s = system({ status: 'open', assignee: agent.username, takenAt: '2026-11-21T09:00:00Z' });
    const before = structuredClone(s.store.tickets.get(s.reference));
    expect(await refusal(addNote(s.deps, agent, s.reference, 'Piezīme'))).toEqual(erased);
    expect(await refusal(replyToClient(s.deps, agent, s.reference, { text: 'Atbilde' } as never))).toEqual(
      erased,
    );
    expect(await refusal(changeStatus(s.deps, agent, s.reference, 'closed'))).toEqual(erased);
    expect(
      await refusal(recordCallback(s.deps as never, agent, s.reference, { outcome: 'reached' } as never)),
    ).toEqual(erased);
    expect(s.store.tickets.get(s.reference)).toEqual(before);
    expect(s.outboundQueue.sent).toEqual([]);
  });

  it('is still read by its unit, shown erased with no action open', async () => {
    const s = system({ status: 'open', assignee: agent.username });
    const detail = await readTicket(s.deps, agent, s.reference);
    expect(detail.erased).toEqual({ at, basis: 'request' });
    expect(detail.actions).toEqual([]);
    expect(detail.answeredBy).toBe('none');
  });

  it('gets nothing from send-email: a queued notice or survey is withheld as erased, and audited', async () => {
    const s = system({ status: 'answered' });
    const mailer = new MemoryMailer();
    const send = { store: s.store, mailer, clock: s.clock, senderAddress: 'noreply@example.lv' };
    for (const kind of ['deadline-extension', 'survey'] as const)
      await sendOutboundMessage(send, { version: 1, kind, outboundId: `${kind}-1`, reference: s.reference });
    expect(mailer.sent).toEqual([]);
    for (const kind of ['deadline-extension', 'survey'])
      expect(s.store.outbound.get(`${s.reference}/${kind}-1`)).toMatchObject({ withheld: 'erased' });
    const withheld = s.store.audit.filter((record) => record.eventName === 'WithholdEmail');
    expect(withheld.map((record) => record.responseElements)).toEqual([
      { reason: 'erased' },
      { reason: 'erased' },
    ]);
  });

  it('an erasure landing after a verb read the ticket: the desk refuses the write as a conflict', async () => {
    const s = system({ status: 'open', assignee: agent.username });
    const erasedTicket = s.store.tickets.get(s.reference) as Ticket;
    const change = {
      expect: {
        status: erasedTicket.status,
        competence: erasedTicket.competence,
        answerDeadline: erasedTicket.answerDeadline,
      },
      message: { id: 'n1', kind: 'note', at, author: agent.username, text: 'Piezīme' },
      audit: [],
    };
    expect(await s.deps.desk.write(s.reference, change as never)).toBe('conflict');
  });

  it('one an erasure has claimed and not finished (erasing) takes no write either, and is still read', async () => {
    const s = system({ status: 'open', assignee: agent.username });
    const claimed = {
      ...testTicket(s.reference, 'court-fees', {
        answerDeadline: '2026-12-15',
        receivedAt: '2026-11-20T09:00:00Z',
      }),
      status: 'open' as const,
      assignee: agent.username,
      erasing: at,
    };
    s.store.tickets.set(s.reference, claimed as Ticket);
    const erasing = { code: 'Erasing', status: 409 };
    expect(await refusal(addNote(s.deps, agent, s.reference, 'Piezīme'))).toEqual(erasing);
    expect(await refusal(changeStatus(s.deps, agent, s.reference, 'closed'))).toEqual(erasing);
    expect(s.store.tickets.get(s.reference)).toEqual(claimed);
    expect((await readTicket(s.deps, agent, s.reference)).reference).toBe(s.reference);
  });
});
