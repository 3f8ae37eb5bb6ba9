/**
 * "Take next" as a staff request: the oldest waiting ticket of the caller's units (or of the one
 * asked for), shown as the caller then sees it; nothing waiting is answered `null` and recorded.
 */
import { describe, expect, it } from 'vitest';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryTicketStore,
  MemoryWorklists,
} from '../../../shared/adapters/memory/index.ts';
import { Refused } from '../../../shared/domain/refused.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';
import { takeNext } from '../../../shared/use-cases/take-ticket.ts';
import { testTicket } from '../../support/tickets.ts';

const agent: StaffCaller = {
  username: 'agent.fees',
  roles: ['agent'],
  competences: ['court-fees', 'insolvency'],
  supervises: [],
  expiresAt: 2_000_000_000,
  issuedAt: 1_900_000_000,
  sessionId: 'session-1',
  sourceIPAddress: '192.0.2.1',
  userAgent: 'test',
  requestId: 'request-1',
};

function system() {
  const store = new MemoryTicketStore();
  for (const [reference, competence, receivedAt] of [
    ['TA-2026-000002', 'court-fees', '2026-11-20T09:00:00Z'],
    ['TA-2026-000001', 'insolvency', '2026-11-19T09:00:00Z'],
  ] as const)
    store.tickets.set(
      reference,
      testTicket(reference, competence, { answerDeadline: '2026-12-15', receivedAt }),
    );
  const audit = new MemoryAuditLog();
  const deps: Parameters<typeof takeNext>[0] = {
    // Taking writes through the worklists; the detail is read afterwards.
    desk: {
      record: async (reference) => {
        const ticket = store.tickets.get(reference);
        return ticket ? { ticket, messages: [], sent: [] } : undefined;
      },
      write: async () => 'conflict',
      clientTickets: async () => [],
    },
    worklists: new MemoryWorklists(store),
    downloads: { link: async (key) => `https://downloads.example/${key}` },
    audit,
    clock: new FixedClock('2026-11-27T10:00:00Z'),
  };
  return { deps, store, audit };
}

describe('takeNext', () => {
  it('takes the oldest waiting ticket of the caller’s units, or of the unit asked for', async () => {
    const s = system();
    const first = await takeNext(s.deps, agent, undefined);
    expect(first.ticket).toMatchObject({
      reference: 'TA-2026-000001',
      status: 'open',
      assignee: agent.username,
    });
    const second = await takeNext(s.deps, agent, 'court-fees');
    expect(second.ticket?.reference).toBe('TA-2026-000002');
    expect(s.audit.records).toEqual([]);
  });

  it('answers null when nothing waits, and records the asking', async () => {
    const s = system();
    s.store.tickets.clear();
    expect(await takeNext(s.deps, agent, 'insolvency')).toEqual({ ticket: null });
    expect(s.audit.records).toEqual([
      expect.objectContaining({
        eventName: 'TakeNextTicket',
        readOnly: true,
        requestParameters: { competence: 'insolvency' },
        responseElements: { ticket: null },
        requestID: 'request-1',
      }),
    ]);
  });

  it('refuses a unit that is not the caller’s', async () => {
    const s = system();
    await expect(takeNext(s.deps, agent, 'data-protection')).rejects.toEqual(
      new Refused('AccessDenied', 403),
    );
    expect(s.store.tickets.get('TA-2026-000001')?.status).toBe('new');
  });
});
