/**
 * `retention 100k: N items/s`: a retention sweep over 100,000 due tickets (and as many aged raw
 * mails), through the sweeper's use case on the memory adapters, with its default page and budgets:
 * invocations are repeated, as the daily schedule's resumptions would be, until the day is done.
 * What it measures is the sweeper's own work per item (paging, progress, counts); the erasure of a
 * ticket is a stand-in that pseudonymises an in-memory copy, DynamoDB's and S3's calls are not in it.
 */
import { FixedClock, MemoryAuditLog } from '../shared/adapters/memory/index.ts';
import {
  MemoryRetentionGuards,
  MemoryRetentionIndex,
  MemoryRetentionProgress,
  MemoryVersionedBucket,
} from '../shared/adapters/memory/retention.ts';
import { parseRetentionSchedule } from '../shared/domain/retention.ts';
import type { TicketErasure } from '../shared/ports/data-subjects.ts';
import { applyRetention } from '../shared/use-cases/apply-retention.ts';

export async function retentionBench(tickets = 100_000): Promise<{ itemsPerSecond: number; line: string }> {
  const clock = new FixedClock('2031-06-01T02:30:00Z');
  const index = new MemoryRetentionIndex();
  const bucket = new MemoryVersionedBucket();
  const records = new Map<
    string,
    { client: { name: string; email: string }; body: string; erasedAt?: string }
  >();
  for (let n = 0; n < tickets; n += 1) {
    const reference = `TA-2025-${String(n + 1).padStart(6, '0')}`;
    const settledAt = new Date(Date.UTC(2025, 0, 1) + (n % 86_400) * 1000).toISOString();
    index.put({ reference, settledAt, status: 'closed' });
    records.set(reference, { client: { name: `Klients ${n}`, email: `k${n}@example.lv` }, body: 'teksts' });
    bucket.put(`raw-mail/${reference}`, 'mail', new Date('2025-01-01T00:00:00Z'));
  }
  const erasure: TicketErasure = {
    eraseTicket: async (reference, { at }) => {
      const record = records.get(reference);
      if (!record) return { outcome: 'missing' };
      if (record.erasedAt) return { outcome: 'already' };
      records.set(reference, { client: { name: '', email: '' }, body: '', erasedAt: at });
      return { outcome: 'erased' };
    },
  };
  const deps = {
    schedule: parseRetentionSchedule(),
    index,
    erasure,
    objects: bucket,
    versions: bucket,
    guards: new MemoryRetentionGuards(),
    progress: new MemoryRetentionProgress(),
    audit: new MemoryAuditLog(),
    clock,
  };
  const started = performance.now();
  let result = await applyRetention(deps, 'bench-0');
  for (let run = 1; !result.done && run < 1000; run += 1) result = await applyRetention(deps, `bench-${run}`);
  const seconds = (performance.now() - started) / 1000;
  const items = (result.totals.ticketsPseudonymised ?? 0) + (result.totals['raw-mailDeleted'] ?? 0);
  if ((result.totals.ticketsPseudonymised ?? 0) !== tickets) {
    throw new Error(
      `retention bench: ${result.totals.ticketsPseudonymised ?? 0} of ${tickets} tickets swept`,
    );
  }
  const itemsPerSecond = Math.round(items / seconds);
  return { itemsPerSecond, line: `retention 100k: ${itemsPerSecond} items/s` };
}

// `npx tsx bench/retention.ts`: this line alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { line } = await retentionBench(Number(process.env.BENCH_RETENTION_TICKETS ?? 100_000));
  console.log(line);
}
