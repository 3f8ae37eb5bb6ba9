import { describe, expect, it } from 'vitest';
import { FixedClock, MemoryAuditLog } from '../../../shared/adapters/memory/index.ts';
import {
  MemoryRetentionIndex,
  MemoryRetentionProgress,
  MemoryVersionedBucket,
} from '../../../shared/adapters/memory/retention.ts';
import { parseRetentionSchedule, type RetentionOverrides } from '../../../shared/domain/retention.ts';
import type { LegalHold, TicketErasure, TicketErasureOutcome } from '../../../shared/ports/data-subjects.ts';
import type { RetentionProgress, RetentionRun } from '../../../shared/ports/retention.ts';
import { applyRetention, type RetentionLimits } from '../../../shared/use-cases/apply-retention.ts';

const day = 86_400_000;

/** Records what the sweeper asked of the port, as H3's erasure answers it. */
class RecordingErasure implements TicketErasure {
  readonly calls: { reference: string; basis: string; by: string }[] = [];
  readonly erased = new Set<string>();
  readonly holds = new Map<string, LegalHold>();
  readonly existing = new Set<string>();

  async eraseTicket(
    reference: string,
    erasure: { readonly basis: string; readonly by: string; readonly at: string },
  ): Promise<TicketErasureOutcome> {
    this.calls.push({ reference, basis: erasure.basis, by: erasure.by });
    const hold = this.holds.get(reference);
    if (hold) return { outcome: 'held', hold };
    if (!this.existing.has(reference)) return { outcome: 'missing' };
    if (this.erased.has(reference)) return { outcome: 'already' };
    this.erased.add(reference);
    return { outcome: 'erased' };
  }
}

function system(now: string, overrides: RetentionOverrides = {}, limits: Partial<RetentionLimits> = {}) {
  const clock = new FixedClock(now);
  const index = new MemoryRetentionIndex();
  const erasure = new RecordingErasure();
  const bucket = new MemoryVersionedBucket();
  const progress = new MemoryRetentionProgress();
  const audit = new MemoryAuditLog();
  const linked = new Set<string>();
  const deps = {
    schedule: parseRetentionSchedule(overrides),
    index,
    erasure,
    objects: bucket,
    versions: bucket,
    replyLinks: { isLinked: async (key: string) => linked.has(key) },
    progress,
    audit,
    clock,
    limits,
  };
  const settled = (reference: string, settledAt: string, status = 'closed') => {
    erasure.existing.add(reference);
    index.put({ reference, settledAt, status });
  };
  return { clock, index, erasure, bucket, progress, audit, linked, deps, settled };
}

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

describe('applyRetention: objects of the mail bucket', () => {
  it('deletes each prefix type with every version once its own period is over, not before', async () => {
    const now = new Date('2026-12-07T03:00:00Z');
    const s = system(now.toISOString());
    const ago = (days: number) => new Date(now.getTime() - days * day);
    const cases = [
      // [key, age in days, due]: the defaults are raw mail 90, quarantine 30, letters 365, exports 7.
      ['raw-mail/old', 91, true],
      ['raw-mail/new', 89, false],
      ['quarantine/old', 31, true],
      ['quarantine/new', 29, false],
      ['letters/TA-2025-000001/old.pdf', 366, true],
      ['letters/TA-2026-000001/new.pdf', 364, false],
      ['exports/old.zip', 8, true],
      ['exports/new.zip', 6, false],
      ['replies/TA-2026-000009/unlinked.pdf', 3, true],
      ['replies/TA-2026-000009/new.pdf', 1, false],
    ] as const;
    for (const [key, age] of cases) {
      s.bucket.put(key, 'first', ago(age + 10));
      s.bucket.put(key, 'second', ago(age)); // the first is now a non-current version
    }

    const result = await applyRetention(s.deps, 'run-1');

    for (const [key, , due] of cases) expect(s.bucket.versionsOf(key).length, key).toBe(due ? 0 : 2);
    expect(result.counts).toMatchObject({
      'raw-mailDeleted': 1,
      'quarantine-copyDeleted': 1,
      letterDeleted: 1,
      'data-subject-exportDeleted': 1,
      'reply-uploadDeleted': 1,
      objectVersionsDeleted: 10,
    });
  });

  it("deletes a deleted key's non-current versions (a delete only added a marker)", async () => {
    const now = new Date('2026-12-07T03:00:00Z');
    const s = system(now.toISOString());
    s.bucket.put('raw-mail/gone', 'mail', new Date(now.getTime() - 200 * day));
    s.bucket.deleteCurrent('raw-mail/gone', new Date(now.getTime() - 100 * day));

    await applyRetention(s.deps, 'run-1');

    expect(s.bucket.versionsOf('raw-mail/gone')).toEqual([]);
  });

  it('keeps a reply upload a message links (it goes with its ticket)', async () => {
    const now = new Date('2026-12-07T03:00:00Z');
    const s = system(now.toISOString());
    s.bucket.put('replies/TA-2026-000010/answer.pdf', 'pdf', new Date(now.getTime() - 30 * day));
    s.linked.add('replies/TA-2026-000010/answer.pdf');

    const result = await applyRetention(s.deps, 'run-1');

    expect(s.bucket.versionsOf('replies/TA-2026-000010/answer.pdf')).toHaveLength(1);
    expect(result.counts.replyUploadsLinked).toBe(1);
  });

  it('leaves reply uploads alone when it cannot tell linked ones', async () => {
    const now = new Date('2026-12-07T03:00:00Z');
    const s = system(now.toISOString());
    s.bucket.put('replies/TA-2026-000011/answer.pdf', 'pdf', new Date(now.getTime() - 30 * day));
    const { replyLinks: _, ...deps } = s.deps;

    await applyRetention(deps, 'run-1');

    expect(s.bucket.versionsOf('replies/TA-2026-000011/answer.pdf')).toHaveLength(1);
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
    let calls = 0;
    const crashing: TicketErasure = {
      eraseTicket: async (reference, erasure) => {
        calls += 1;
        if (calls === 8) throw new Error('Lambda timed out');
        return s.erasure.eraseTicket(reference, erasure);
      },
    };

    await expect(applyRetention({ ...s.deps, erasure: crashing }, 'run-1')).rejects.toThrow('timed out');
    expect(s.erasure.erased.size).toBe(7);
    const rerun = await applyRetention(s.deps, 'run-2');

    expect(rerun.done).toBe(true);
    expect(s.erasure.erased.size).toBe(12);
    // Each ticket erased once: the seven of the crashed run were off the index before the rerun.
    const erasedCalls = s.erasure.calls.map((call) => call.reference);
    expect(new Set(erasedCalls).size).toBe(erasedCalls.length);
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
