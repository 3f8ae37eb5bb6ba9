/**
 * Idempotency records of the web form and of a logged call expire by the retention schedule's
 * `idempotency-item` period from the request: written with that `expiresAt`, and once past it a
 * record still stored (DynamoDB TTL deletes up to two days late) is as good as gone.
 */
import { describe, expect, it } from 'vitest';
import {
  FixedClock,
  MemoryAuditLog,
  MemoryQueue,
  MemoryTicketStore,
} from '../../../shared/adapters/memory/index.ts';
import type { ClientRequest } from '../../../shared/domain/client-request.ts';
import type { IntakeMessage } from '../../../shared/domain/intake-message.ts';
import { ReferenceAllocator } from '../../../shared/domain/reference.ts';
import {
  defaultRetentionSchedule,
  parseRetentionSchedule,
  type RetentionSchedule,
  scheduleFromEnv,
} from '../../../shared/domain/retention.ts';
import { BacklogCache } from '../../../shared/use-cases/backlog-cache.ts';
import { logCall } from '../../../shared/use-cases/log-call.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';
import { submitWebRequest } from '../../../shared/use-cases/submit-web-request.ts';

const day = 86_400_000;
const start = '2026-11-27T10:00:00.000Z';
const request: ClientRequest = {
  name: 'Anna Kalniņa',
  email: 'anna@example.lv',
  topic: 'legal-aid',
  subject: 'Juridiskā palīdzība',
  message: 'Vai man pienākas valsts nodrošinātā juridiskā palīdzība?',
  language: 'lv',
};
const context = { sourceIPAddress: '192.0.2.10', userAgent: 'test', requestId: 'req-1' };
const agent: StaffCaller = {
  username: 'agent.general',
  roles: ['agent'],
  competences: ['general'],
  supervises: [],
  expiresAt: 2_000_000_000,
  issuedAt: 1_900_000_000,
  sessionId: 'session-8',
  ...context,
};

function system(schedule?: RetentionSchedule) {
  const store = new MemoryTicketStore();
  const clock = new FixedClock(start);
  const intakeQueue = new MemoryQueue<IntakeMessage>();
  const deps = {
    store,
    intakeQueue,
    audit: new MemoryAuditLog(),
    clock,
    references: new ReferenceAllocator((year, size) => store.reserveReferenceBlock(year, size)),
    backlog: new BacklogCache(store, clock),
    ...(schedule ? { schedule } : {}),
  };
  return { store, clock, deps };
}

const expiryAfter = (days: number) => (Date.parse(start) + days * day) / 1000;

describe('the web form’s idempotency record', () => {
  it("is written to expire the schedule's idempotency-item period after the request", async () => {
    const s = system();
    await submitWebRequest(s.deps, request, { ...context, idempotencyKey: 'key-12345678' });
    expect(s.store.idempotencyExpiry.get('key-12345678')).toBe(
      expiryAfter(defaultRetentionSchedule['idempotency-item'].days),
    );
  });

  it('follows an overridden schedule', async () => {
    const s = system(parseRetentionSchedule({ 'idempotency-item': { days: 3 } }));
    await submitWebRequest(s.deps, request, { ...context, idempotencyKey: 'key-12345678' });
    expect(s.store.idempotencyExpiry.get('key-12345678')).toBe(expiryAfter(3));
  });

  it('is gone once expired, though still stored: the key is a new request', async () => {
    // Prepare
    const s = system(parseRetentionSchedule({ 'idempotency-item': { days: 3 } }));
    const first = await submitWebRequest(s.deps, request, { ...context, idempotencyKey: 'key-12345678' });
    s.clock.advance(3 * day);
    // Act: another request under the same key, which a live record would refuse.
    const later = await submitWebRequest(
      s.deps,
      { ...request, message: 'Cits jautājums' },
      { ...context, idempotencyKey: 'key-12345678' },
    );
    // Assess
    expect(later.reference).not.toBe(first.reference);
    expect(s.store.idempotencyExpiry.get('key-12345678')).toBe(expiryAfter(6));
  });
});

describe('a logged call’s idempotency record', () => {
  const call = { digit: 1, phone: '29123456', name: 'Jānis Bērziņš', summary: 'Jautā par nodevu.' };

  it('expires by the schedule, and a retry after that is another call', async () => {
    // Prepare
    const s = system(parseRetentionSchedule({ 'idempotency-item': { days: 2 } }));
    const first = await logCall(s.deps, agent, call, 'key-00000001');
    const [key] = [...s.store.idempotencyExpiry.keys()];
    // Assess the write
    expect(s.store.idempotencyExpiry.get(key ?? '')).toBe(expiryAfter(2));
    // Act: within the period a retry answers the same; at its end it is a new call.
    s.clock.advance(2 * day - 1000);
    expect((await logCall(s.deps, agent, call, 'key-00000001')).reference).toBe(first.reference);
    s.clock.advance(1000);
    expect((await logCall(s.deps, agent, call, 'key-00000001')).reference).not.toBe(first.reference);
  });
});

describe('scheduleFromEnv', () => {
  it('applies the overrides’ days, and refuses an unknown type or a wrong number of days', () => {
    expect(scheduleFromEnv(undefined)).toEqual(defaultRetentionSchedule);
    expect(scheduleFromEnv('{"survey-cap":{"days":40}}')['survey-cap']).toMatchObject({
      days: 40,
      placeholder: false,
    });
    expect(scheduleFromEnv('{"survey-cap":{"days":40}}')).toEqual(
      parseRetentionSchedule({ 'survey-cap': { days: 40 } }),
    );
    expect(() => scheduleFromEnv('{"survey-caps":{"days":40}}')).toThrow(/unknown record type survey-caps/);
    expect(() => scheduleFromEnv('{"survey-cap":{"days":0}}')).toThrow(/survey-cap.days/);
  });
});
