import { describe, expect, it } from 'vitest';
import { MemoryRetentionProgress } from '../../../shared/adapters/memory/retention.ts';
import type { TicketErasure } from '../../../shared/ports/data-subjects.ts';
import type { RetentionProgress, RetentionRun } from '../../../shared/ports/retention.ts';
import { applyRetention } from '../../../shared/use-cases/apply-retention.ts';
import { day, retentionSystem as system } from '../../support/retention-system.ts';

describe('applyRetention: tickets', () => {
  it('pseudonymises a settled ticket only once its period since settling is over', async () => {
    // Prepare
    const s = system('2026-12-07T03:00:00Z', { ticket: { days: 30 } });
    s.settled('TA-2026-000001', '2026-11-06T02:00:00Z'); // 31 days ago
    s.settled('TA-2026-000002', '2026-11-08T02:00:00Z'); // 29 days ago

    // Act
    const result = await applyRetention(s.deps, 'run-1');

    // Assess
    expect(s.erasure.calls).toEqual([
      { reference: 'TA-2026-000001', basis: 'retention', by: 'retention-sweeper' },
    ]);
    expect(result.done).toBe(true);
    expect(result.counts.ticketsPseudonymised).toBe(1);
    expect(s.index.has('TA-2026-000001')).toBe(false);
    expect(s.index.has('TA-2026-000002')).toBe(true);

    // Two days later the second one's period is over too.
    s.clock.advance(2 * day);
    await applyRetention(s.deps, 'run-2');
    expect(s.erasure.erased).toEqual(new Set(['TA-2026-000001', 'TA-2026-000002']));
  });

  it('skips and counts a ticket under legal hold, and takes it once the hold is lifted', async () => {
    const s = system('2026-12-07T03:00:00Z', { ticket: { days: 30 } });
    s.settled('TA-2026-000003', '2026-01-01T00:00:00Z');
    s.erasure.holds.set('TA-2026-000003', { reason: 'lawsuit', by: 'dpo', at: '2026-06-01T00:00:00Z' });

    const first = await applyRetention(s.deps, 'run-1');
    expect(first.counts.ticketsHeld).toBe(1);
    expect(s.erasure.erased.size).toBe(0);
    expect(s.index.has('TA-2026-000003')).toBe(true);

    s.erasure.holds.delete('TA-2026-000003');
    s.clock.advance(day);
    const next = await applyRetention(s.deps, 'run-2');
    expect(next.counts.ticketsPseudonymised).toBe(1);
    expect(s.erasure.erased.has('TA-2026-000003')).toBe(true);
  });

  it('leaves a ticket reopened since it settled, and takes it off the index', async () => {
    const s = system('2026-12-07T03:00:00Z', { ticket: { days: 30 } });
    s.settled('TA-2026-000004', '2026-01-01T00:00:00Z');
    s.index.setStatus('TA-2026-000004', 'open');

    const result = await applyRetention(s.deps, 'run-1');

    expect(s.erasure.calls).toEqual([]);
    expect(result.counts.ticketsNotDue).toBe(1);
    expect(s.index.has('TA-2026-000004')).toBe(false);
  });

  it('pages through many due tickets and audits counts, never a reference', async () => {
    const s = system('2026-12-07T03:00:00Z', { ticket: { days: 30 } }, { page: 7 });
    for (let n = 1; n <= 50; n += 1)
      s.settled(`TA-2025-${String(n).padStart(6, '0')}`, '2025-06-01T00:00:00Z');

    const result = await applyRetention(s.deps, 'run-1');

    expect(result.counts.ticketsPseudonymised).toBe(50);
    const [record] = s.audit.records;
    expect(s.audit.records).toHaveLength(1);
    expect(record?.eventName).toBe('ApplyRetention');
    expect(record?.responseElements).toMatchObject({ ticketsPseudonymised: 50, done: true });
    expect(JSON.stringify(record)).not.toContain('TA-2025');
  });
});

describe('applyRetention: bounded, resumable, idempotent', () => {
  it('stops at its item budget and the next invocation finishes the day with the same cutoffs', async () => {
    const s = system('2026-12-07T03:00:00Z', { ticket: { days: 30 } }, { items: 10, page: 4 });
    for (let n = 1; n <= 25; n += 1)
      s.settled(`TA-2025-${String(n).padStart(6, '0')}`, '2025-06-01T00:00:00Z');
    s.bucket.put('raw-mail/old', 'mail', new Date('2026-01-01T00:00:00Z'));

    const first = await applyRetention(s.deps, 'run-1');
    expect(first.done).toBe(false);
    expect(first.counts.ticketsPseudonymised).toBe(10);

    const second = await applyRetention(s.deps, 'run-2');
    const third = await applyRetention(s.deps, 'run-3');
    expect(second.done).toBe(false);
    expect(third.done).toBe(true);
    expect(third.totals.ticketsPseudonymised).toBe(25);
    expect(third.totals['raw-mailDeleted']).toBe(1);
    expect(s.audit.records.map((record) => record.responseElements?.done)).toEqual([false, false, true]);

    // A finished day: a further run changes nothing.
    const again = await applyRetention(s.deps, 'run-4');
    expect(again.counts).toEqual({});
    expect(s.erasure.calls).toHaveLength(25);
  });

  it('stops at its time budget', async () => {
    const s = system('2026-12-07T03:00:00Z', { ticket: { days: 30 } }, { milliseconds: 1000, page: 2 });
    for (let n = 1; n <= 10; n += 1)
      s.settled(`TA-2025-${String(n).padStart(6, '0')}`, '2025-06-01T00:00:00Z');
    const slow: TicketErasure = {
      eraseTicket: async (reference, erasure) => {
        s.clock.advance(400);
        return s.erasure.eraseTicket(reference, erasure);
      },
    };

    const result = await applyRetention({ ...s.deps, erasure: slow }, 'run-1');

    expect(result.done).toBe(false);
    expect(result.counts.ticketsPseudonymised).toBe(4);
  });

  it('finishes after a crash mid-run without erasing anything twice or losing a ticket', async () => {
    const s = system('2026-12-07T03:00:00Z', { ticket: { days: 30 } }, { page: 5 });
    for (let n = 1; n <= 12; n += 1)
      s.settled(`TA-2025-${String(n).padStart(6, '0')}`, '2025-06-01T00:00:00Z');
    // The invocation dies after its eighth erasure (Lambda's timeout cannot be caught): the saved
    // progress is the one before that page.
    let calls = 0;
    const dying: RetentionProgress = {
      load: (day) => s.progress.load(day),
      save: async (run) => {
        if (calls >= 8) throw new Error('Lambda timed out');
        await s.progress.save(run);
      },
    };
    const counting: TicketErasure = {
      eraseTicket: async (reference, erasure) => {
        calls += 1;
        return s.erasure.eraseTicket(reference, erasure);
      },
    };

    await expect(applyRetention({ ...s.deps, erasure: counting, progress: dying }, 'run-1')).rejects.toThrow(
      'timed out',
    );
    expect(s.erasure.erased.size).toBe(10);
    const rerun = await applyRetention(s.deps, 'run-2');

    expect(rerun.done).toBe(true);
    expect(s.erasure.erased.size).toBe(12);
    // Each ticket erased once: those of the crashed run were off the index before the rerun.
    const erasedCalls = s.erasure.calls.map((call) => call.reference);
    expect(new Set(erasedCalls).size).toBe(erasedCalls.length);
    // The crashed invocation is audited too, with what it did.
    expect(s.audit.records[0]?.responseElements).toMatchObject({ ticketsPseudonymised: 10, done: false });
  });

  it('applies the cutoff of the day it started when resumed later', async () => {
    const progress: RetentionProgress & { runs: Map<string, RetentionRun> } = new MemoryRetentionProgress();
    const s = system('2026-12-07T23:59:00Z', { ticket: { days: 30 } }, { items: 1, page: 1 });
    s.settled('TA-2026-000020', '2026-11-01T00:00:00Z');
    s.settled('TA-2026-000021', '2026-11-01T00:00:01Z');
    s.settled('TA-2026-000022', '2026-11-07T23:59:30Z'); // due 30 s after the run started
    const deps = { ...s.deps, progress };

    await applyRetention(deps, 'run-1');
    s.clock.advance(50_000); // still 2026-12-07
    await applyRetention(deps, 'run-2');
    await applyRetention(deps, 'run-3');

    expect(s.erasure.erased).toEqual(new Set(['TA-2026-000020', 'TA-2026-000021']));
  });
});

describe('applyRetention: a ticket that fails or was reopened, a finished day', () => {
  it('goes on past a ticket whose erasure throws, counts it, keeps it on the index and audits the run once', async () => {
    const s = system('2026-12-07T03:00:00Z', { ticket: { days: 30 } }, { page: 2 });
    for (let n = 1; n <= 6; n += 1) s.settled(`TA-2025-00000${n}`, '2025-06-01T00:00:00Z');
    s.bucket.put('raw-mail/old', 'mail', new Date('2026-01-01T00:00:00Z'));
    const failing: TicketErasure = {
      eraseTicket: async (reference, erasure) => {
        if (reference === 'TA-2025-000003') throw new Error('ConditionalCheckFailed');
        return s.erasure.eraseTicket(reference, erasure);
      },
    };

    const result = await applyRetention({ ...s.deps, erasure: failing }, 'run-1');

    expect(result.done).toBe(true);
    expect(s.erasure.erased.size).toBe(5);
    expect(s.erasure.erased.has('TA-2025-000003')).toBe(false);
    expect(s.index.has('TA-2025-000003')).toBe(true);
    // The prefix steps still ran.
    expect(s.bucket.versionsOf('raw-mail/old')).toEqual([]);
    expect(s.audit.records).toHaveLength(1);
    expect(s.audit.records[0]?.responseElements).toMatchObject({
      ticketsPseudonymised: 5,
      ticketsFailed: 1,
      'raw-mailDeleted': 1,
      done: true,
    });
  });

  it('does not erase a ticket staff reopened after the index page was read, and takes it off the index', async () => {
    const s = system('2026-12-07T03:00:00Z', { ticket: { days: 30 } });
    s.settled('TA-2025-000001', '2025-06-01T00:00:00Z');
    s.settled('TA-2025-000002', '2025-06-01T00:00:00Z');
    // The index still says closed (its projection lags, or the page was read before the reopening).
    s.guards.tickets.set('TA-2025-000001', { status: 'open', held: false });

    const result = await applyRetention(s.deps, 'run-1');

    expect(s.erasure.calls.map((call) => call.reference)).toEqual(['TA-2025-000002']);
    expect(result.counts).toMatchObject({ ticketsNotDue: 1, ticketsPseudonymised: 1 });
    expect(s.index.has('TA-2025-000001')).toBe(false);
  });

  it('answers a finished day with one read of its progress and its audit record, nothing else (the hourly schedule is cheap)', async () => {
    const s = system('2026-12-07T03:00:00Z', { ticket: { days: 30 } });
    s.settled('TA-2025-000001', '2025-06-01T00:00:00Z');
    await applyRetention(s.deps, 'run-1');
    const calls: string[] = [];
    const spy = <T extends object>(name: string, target: T): T =>
      new Proxy(target, {
        get(object, property, receiver) {
          const value = Reflect.get(object, property, receiver);
          return typeof value === 'function'
            ? (...args: unknown[]) => {
                calls.push(`${name}.${String(property)}`);
                return value.apply(object, args);
              }
            : value;
        },
      });
    const deps = {
      ...s.deps,
      index: spy('index', s.index),
      erasure: spy('erasure', s.erasure),
      objects: spy('objects', s.bucket),
      versions: spy('versions', s.bucket),
      guards: spy('guards', s.guards),
      progress: spy('progress', s.progress),
      audit: spy('audit', s.audit),
    };

    s.clock.advance(3_600_000);
    const again = await applyRetention(deps, 'run-2');

    expect(again.done).toBe(true);
    expect(calls).toEqual(['progress.load', 'audit.append']);
  });
});
