/**
 * DeadlineSweepStore in memory, over a MemoryTicketStore's tickets, for unit tests. Same contract
 * as the DynamoDB adapter: flags are written only when they change, a digest is claimed, recorded
 * or released under its claim.
 */
import type { AuditRecord } from '../../domain/audit-event.ts';
import type { Ticket } from '../../domain/ticket.ts';
import type { AuditLog } from '../../ports/audit-log.ts';
import type {
  DeadlineFlagState,
  DeadlineSweepStore,
  DigestClaim,
  DigestEntry,
  DigestRecord,
  FlagChange,
} from '../../ports/deadline-sweep.ts';
import type { MemoryTicketStore } from './ticket-store.ts';

type StoredDigest =
  | { readonly state: 'claimed'; readonly claimId: string; readonly claimedUntil: string }
  | { readonly state: 'sent'; readonly record: DigestRecord };

export type DeadlineSweepOperation = 'flag' | 'claimDigest' | 'recordDigest' | 'markReported';

export class MemoryDeadlineSweepStore implements DeadlineSweepStore {
  readonly #tickets: MemoryTicketStore;
  readonly digests = new Map<string, StoredDigest>();
  /** Operations that throw once, the next time they are called: a crash at that point. */
  readonly failNext = new Set<DeadlineSweepOperation>();

  readonly #audit: AuditLog | undefined;

  /** `audit`: where a flag's record goes, with the flag (the DynamoDB adapter's transaction). */
  constructor(tickets: MemoryTicketStore, audit?: AuditLog) {
    this.#tickets = tickets;
    this.#audit = audit;
  }

  async flag(change: FlagChange, audit: AuditRecord): Promise<boolean> {
    this.#crashIfAsked('flag');
    const ticket = this.#tickets.tickets.get(change.reference) as
      | (Ticket & Partial<DeadlineFlagState>)
      | undefined;
    if (
      !ticket ||
      ticket.competence !== change.competence ||
      ticket.answerDeadline !== change.answerDeadline ||
      ticket.status === 'answered' ||
      ticket.status === 'closed' ||
      (ticket.deadlineFlag === change.flag && ticket.deadlineFlaggedFor === change.answerDeadline)
    ) {
      return false;
    }
    const { deadlineReportedOn: _reported, ...rest } = ticket;
    const flagged: Ticket & DeadlineFlagState = {
      ...rest,
      deadlineFlag: change.flag,
      deadlineFlaggedAt: change.flaggedAt,
      deadlineFlaggedFor: change.answerDeadline,
    };
    this.#tickets.tickets.set(change.reference, flagged);
    await this.#audit?.append([audit]);
    return true;
  }

  async claimDigest(
    competence: string,
    date: string,
    claimId: string,
    until: Date,
    now: Date,
  ): Promise<DigestClaim> {
    this.#crashIfAsked('claimDigest');
    const key = `${competence}#${date}`;
    const existing = this.digests.get(key);
    if (existing?.state === 'sent') return { state: 'sent', record: existing.record };
    if (existing && existing.claimId !== claimId && existing.claimedUntil >= now.toISOString()) {
      return { state: 'busy' };
    }
    this.digests.set(key, { state: 'claimed', claimId, claimedUntil: until.toISOString() });
    return { state: 'claimed' };
  }

  async releaseDigest(competence: string, date: string, claimId: string): Promise<void> {
    const key = `${competence}#${date}`;
    const existing = this.digests.get(key);
    if (existing?.state === 'claimed' && existing.claimId === claimId) {
      this.digests.set(key, { ...existing, claimedUntil: new Date(0).toISOString() });
    }
  }

  async recordDigest(record: DigestRecord, claimId: string): Promise<boolean> {
    this.#crashIfAsked('recordDigest');
    const key = `${record.competence}#${record.date}`;
    const existing = this.digests.get(key);
    if (existing?.state !== 'claimed' || existing.claimId !== claimId) return false;
    this.digests.set(key, { state: 'sent', record: structuredClone(record) });
    return true;
  }

  async markReported(entries: readonly DigestEntry[], date: string): Promise<void> {
    this.#crashIfAsked('markReported');
    for (const entry of entries) {
      const ticket = this.#tickets.tickets.get(entry.reference) as
        | (Ticket & Partial<DeadlineFlagState>)
        | undefined;
      if (
        !ticket ||
        ticket.deadlineFlag !== entry.flag ||
        ticket.deadlineFlaggedFor !== entry.answerDeadline ||
        ticket.deadlineFlaggedAt !== entry.flaggedAt ||
        ticket.deadlineReportedOn
      ) {
        continue;
      }
      this.#tickets.tickets.set(entry.reference, { ...ticket, deadlineReportedOn: date } as Ticket);
    }
  }

  /** The recorded digest of a unit and day, if sent. */
  sent(competence: string, date: string): DigestRecord | undefined {
    const digest = this.digests.get(`${competence}#${date}`);
    return digest?.state === 'sent' ? digest.record : undefined;
  }

  #crashIfAsked(operation: DeadlineSweepOperation): void {
    if (this.failNext.delete(operation)) throw new Error(`${operation} failed (simulated crash)`);
  }
}
