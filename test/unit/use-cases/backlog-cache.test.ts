import { describe, expect, it } from 'vitest';
import { FixedClock, MemoryTicketStore } from '../../../shared/adapters/memory/index.ts';
import { BacklogCache, recentWorkingDays } from '../../../shared/use-cases/backlog-cache.ts';

describe('recentWorkingDays', () => {
  it('counts back over weekends and holidays', () => {
    // Monday 23 Nov 2026: before it Fri 20, Thu 19, (Wed 18 is Proclamation Day), Tue 17, Mon 16.
    expect(recentWorkingDays('2026-11-23', 4)).toEqual([
      '2026-11-20',
      '2026-11-19',
      '2026-11-17',
      '2026-11-16',
    ]);
    // Over New Year: 1 Jan and 2 Jan 2026 (a day off moved to Saturday 17 Jan), 31 Dec.
    expect(recentWorkingDays('2026-01-05', 3)).toEqual(['2025-12-30', '2025-12-29', '2025-12-23']);
  });
});

describe('BacklogCache', () => {
  it('reports open tickets and the answers a day over the last ten working days', async () => {
    const store = new MemoryTicketStore();
    const clock = new FixedClock('2026-11-27T10:00:00Z');
    await store.adjustOpenTickets(new Map([['legal-aid', 42]]));
    for (const day of recentWorkingDays('2026-11-27', 10).slice(0, 5)) {
      for (let i = 0; i < 6; i += 1) await store.countAnswered('legal-aid', day);
    }
    // 30 answers in ten working days: 3 a day.
    expect(await new BacklogCache(store, clock).backlog('legal-aid')).toEqual({ open: 42, dailyAnswers: 3 });
    // No record of answers yet: the planned capacity applies (no dailyAnswers).
    expect(await new BacklogCache(store, clock).backlog('insolvency')).toEqual({ open: 0 });
  });

  it('reads a unit once per time-to-live', async () => {
    const store = new MemoryTicketStore();
    const clock = new FixedClock('2026-11-27T10:00:00Z');
    const cache = new BacklogCache(store, clock, 30_000);
    expect((await cache.backlog('general')).open).toBe(0);
    await store.adjustOpenTickets(new Map([['general', 5]]));
    expect((await cache.backlog('general')).open).toBe(0);
    clock.advance(30_001);
    expect((await cache.backlog('general')).open).toBe(5);
  });
});
