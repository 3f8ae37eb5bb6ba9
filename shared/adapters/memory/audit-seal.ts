/** The audit sealer's ports in memory, for unit tests. Same contracts as the DynamoDB and S3 adapters. */
import { hourOf, type SignedDigest, segmentStartTime, trailOrder } from '../../domain/audit-chain.ts';
import type { AuditRecord } from '../../domain/audit-event.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type { AuditDigestStore, AuditReader } from '../../ports/audit-seal.ts';

export class MemoryAuditRecords implements AuditLog, AuditReader {
  readonly records: AuditRecord[] = [];
  /** Hours read, in order (to check that each is read once). */
  readonly hoursRead: string[] = [];

  async append(records: readonly AuditRecord[]): Promise<void> {
    for (const record of records)
      if (!this.records.some((existing) => existing.eventID === record.eventID)) this.records.push(record);
  }

  async recordsOfHour(hour: string): Promise<AuditRecord[]> {
    this.hoursRead.push(hour);
    return this.records.filter((record) => hourOf(record) === hour).sort(trailOrder);
  }
}

export class MemoryDigestStore implements AuditDigestStore {
  readonly digests = new Map<string, SignedDigest>();
  readonly #lookbackDays: number;

  constructor(options: { lookbackDays?: number } = {}) {
    this.#lookbackDays = options.lookbackDays ?? 400;
  }

  async latest(asOf: Date): Promise<SignedDigest | undefined> {
    const lastDay = asOf.toISOString().slice(0, 10);
    const firstDay = new Date(asOf.getTime() - this.#lookbackDays * 86_400_000).toISOString().slice(0, 10);
    return [...this.digests.values()]
      .filter((digest) => digest.start.slice(0, 10) <= lastDay && digest.start.slice(0, 10) > firstDay)
      .sort((a, b) => a.start.localeCompare(b.start))
      .at(-1);
  }

  async get(start: string): Promise<SignedDigest | undefined> {
    return this.digests.get(start);
  }

  async put(digest: SignedDigest): Promise<boolean> {
    if (this.digests.has(digest.start)) return false;
    this.digests.set(digest.start, digest);
    return true;
  }

  async between(from: Date, to: Date): Promise<SignedDigest[]> {
    return [...this.digests.values()]
      .filter((digest) => {
        const start = segmentStartTime(digest).getTime();
        return start >= from.getTime() && start < to.getTime();
      })
      .sort((a, b) => a.start.localeCompare(b.start));
  }
}
