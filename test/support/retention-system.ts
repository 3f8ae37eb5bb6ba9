/**
 * The retention sweeper over memory adapters, for the unit tests of `applyRetention`: a fixed clock,
 * the retention index, an erasure port that records what it was asked, one versioned bucket for the
 * objects, the guards, the day's progress and the audit log.
 */
import { FixedClock, MemoryAuditLog } from '../../shared/adapters/memory/index.ts';
import {
  MemoryRetentionGuards,
  MemoryRetentionIndex,
  MemoryRetentionProgress,
  MemoryVersionedBucket,
} from '../../shared/adapters/memory/retention.ts';
import { parseRetentionSchedule, type RetentionOverrides } from '../../shared/domain/retention.ts';
import type { LegalHold, TicketErasure, TicketErasureOutcome } from '../../shared/ports/data-subjects.ts';
import type { RetentionLimits } from '../../shared/use-cases/apply-retention.ts';

export const day = 86_400_000;

/** Records what the sweeper asked of the port, as H3's erasure answers it. */
export class RecordingErasure implements TicketErasure {
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

/** The sweeper's dependencies at `now`; `settled` puts a ticket on the index as settled then. */
export function retentionSystem(
  now: string,
  overrides: RetentionOverrides = {},
  limits: Partial<RetentionLimits> = {},
) {
  const clock = new FixedClock(now);
  const index = new MemoryRetentionIndex();
  const erasure = new RecordingErasure();
  const bucket = new MemoryVersionedBucket();
  const progress = new MemoryRetentionProgress();
  const audit = new MemoryAuditLog();
  const linked = new Set<string>();
  const guards = new MemoryRetentionGuards();
  const deps = {
    schedule: parseRetentionSchedule(overrides),
    index,
    erasure,
    objects: bucket,
    versions: bucket,
    guards,
    replyLinks: { isLinked: async (key: string) => linked.has(key) },
    progress,
    audit,
    clock,
    limits,
  };
  const settled = (reference: string, settledAt: string, status = 'closed') => {
    erasure.existing.add(reference);
    index.put({ reference, settledAt, status });
    guards.tickets.set(reference, { status, held: false });
  };
  return { clock, index, erasure, bucket, progress, audit, linked, guards, deps, settled };
}
