/**
 * The retention sweeper's run (§5.6, §13, §24): applies the schedule (`domain/retention.ts`) once
 * a day. Settled tickets past their period are pseudonymised through `TicketErasure` (a ticket
 * under legal hold is skipped and counted); objects of the mail bucket's prefix types past theirs
 * are deleted with every version. `ttl` types expire by DynamoDB TTL where they are written.
 *
 * Bounded (items and time per invocation), resumable (the day's progress is saved after every
 * page, so a run that stopped is continued by the next invocation, with the cutoffs fixed at the
 * day's start) and idempotent (an erased ticket leaves the index, a deleted object the listing; a
 * finished day changes nothing). Audited `ApplyRetention` per invocation, with counts only.
 */
import { type AuditRecord, auditEventSource, auditRecord } from '../domain/audit-event.ts';
import { stableId } from '../domain/ids.ts';
import {
  type PrefixRecordType,
  type RetentionSchedule,
  retentionCutoff,
  retentionPrefixes,
} from '../domain/retention.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { TicketErasure } from '../ports/data-subjects.ts';
import type { ObjectVersions } from '../ports/object-versions.ts';
import type {
  AgedObjects,
  ReplyFileLinks,
  RetainedTicket,
  RetentionGuards,
  RetentionIndex,
  RetentionProgress,
  RetentionRun,
} from '../ports/retention.ts';

export interface ApplyRetentionDeps {
  readonly schedule: RetentionSchedule;
  readonly index: RetentionIndex;
  readonly erasure: TicketErasure;
  readonly objects: AgedObjects;
  readonly versions: ObjectVersions;
  /** Without it reply uploads are left alone: a linked file must never go before its ticket. */
  readonly replyLinks?: ReplyFileLinks;
  /** A ticket's status and hold re-read, a mail's ticket, a quarantined mail's state. */
  readonly guards: RetentionGuards;
  readonly progress: RetentionProgress;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly limits?: Partial<RetentionLimits>;
}

export interface RetentionLimits {
  /** Records handled per invocation at most (tickets and objects). */
  readonly items: number;
  /** Time an invocation may take before it saves its place and stops (Lambda's timeout is longer). */
  readonly milliseconds: number;
  /** Records read per page. */
  readonly page: number;
}

export const defaultRetentionLimits: RetentionLimits = { items: 20_000, milliseconds: 600_000, page: 100 };

/** The steps of a day's run, in order: tickets first, then each prefix type. */
export const retentionSteps = ['ticket', ...(Object.keys(retentionPrefixes) as PrefixRecordType[])] as const;
type Step = (typeof retentionSteps)[number];

export interface RetentionResult {
  readonly day: string;
  /** True when the day's run is complete (now or before). */
  readonly done: boolean;
  /** What this invocation did. */
  readonly counts: Readonly<Record<string, number>>;
  /** The day's totals so far. */
  readonly totals: Readonly<Record<string, number>>;
}

const settledStatuses: readonly string[] = ['answered', 'closed'];

export async function applyRetention(deps: ApplyRetentionDeps, runId: string): Promise<RetentionResult> {
  const limits = { ...defaultRetentionLimits, ...deps.limits };
  const started = deps.clock.now();
  const day = started.toISOString().slice(0, 10);
  const saved = await deps.progress.load(day);
  if (saved?.done) {
    // Every invocation is audited, even the hourly one that finds the day done: one read, one record.
    await deps.audit.append([retentionAudit(day, runId, deps.clock.now(), {}, true)]);
    return { day, done: true, counts: {}, totals: saved.counts };
  }
  let run: RetentionRun = saved ?? {
    day,
    startedAt: started.toISOString(),
    step: 'ticket',
    counts: {},
    done: false,
  };
  const counts: Record<string, number> = {};
  const count = (name: string, by = 1) => {
    if (by) counts[name] = (counts[name] ?? 0) + by;
  };
  let handled = 0;
  const budgetLeft = () =>
    handled < limits.items && deps.clock.now().getTime() - started.getTime() < limits.milliseconds;
  const cutoffOf = (type: Step) => retentionCutoff(deps.schedule[type], new Date(run.startedAt));

  const checkpoint = async (step: Step | undefined, cursor: string | undefined) => {
    const totals: Record<string, number> = { ...saved?.counts };
    for (const [name, value] of Object.entries(counts)) totals[name] = value + (totals[name] ?? 0);
    run = {
      day,
      startedAt: run.startedAt,
      ...(step ? { step } : {}),
      ...(cursor ? { cursor } : {}),
      counts: totals,
      done: step === undefined,
    };
    await deps.progress.save(run);
  };

  let stepIndex = retentionSteps.indexOf((run.step ?? 'ticket') as Step);
  let cursor = run.cursor;
  try {
    while (stepIndex < retentionSteps.length && budgetLeft()) {
      const step = retentionSteps[stepIndex] as Step;
      const limit = Math.min(limits.page, limits.items - handled);
      const next =
        step === 'ticket'
          ? await ticketPage(deps, cutoffOf(step), cursor, limit, count)
          : await objectPage(deps, step, cutoffOf(step), cursor, limit, count);
      handled += next.handled;
      if (next.cursor) cursor = next.cursor;
      else {
        stepIndex += 1;
        cursor = undefined;
      }
      await checkpoint(retentionSteps[stepIndex], cursor);
    }
    if (stepIndex >= retentionSteps.length && !run.done) await checkpoint(undefined, undefined);
  } finally {
    // Always, with the counts so far: erasures done before a failure are audited too. The eventID
    // is stable per invocation, so a retried invocation (same request id) writes it once.
    await deps.audit.append([retentionAudit(day, runId, deps.clock.now(), counts, run.done)]);
  }
  return { day, done: run.done, counts, totals: run.counts };
}

type Count = (name: string, by?: number) => void;

async function ticketPage(
  deps: ApplyRetentionDeps,
  cutoff: Date,
  cursor: string | undefined,
  limit: number,
  count: Count,
): Promise<{ handled: number; cursor?: string }> {
  const page = await deps.index.settledBefore(cutoff.toISOString(), { ...(cursor ? { cursor } : {}), limit });
  for (const ticket of page.tickets) {
    try {
      await retainTicket(deps, ticket, cutoff, count);
    } catch {
      // One ticket's failure must not stop the sweep: it stays on the index for the next day's run.
      // The error itself is not logged here: it may name the ticket's data.
      count('ticketsFailed');
    }
  }
  return { handled: page.tickets.length, ...(page.next ? { cursor: page.next } : {}) };
}

async function retainTicket(deps: ApplyRetentionDeps, ticket: RetainedTicket, cutoff: Date, count: Count) {
  // Reopened since it was put on the index (a follow-up may not take it off): not due.
  if (!settledStatuses.includes(ticket.status) || ticket.settledAt >= cutoff.toISOString()) {
    await deps.index.forget(ticket.reference);
    count('ticketsNotDue');
    return;
  }
  // Re-read right before erasing (consistently): staff may have reopened it since the page was read.
  const state = await deps.guards.ticketState(ticket.reference);
  if (state && !settledStatuses.includes(state.status)) {
    await deps.index.forget(ticket.reference);
    count('ticketsNotDue');
    return;
  }
  const outcome = await deps.erasure.eraseTicket(ticket.reference, {
    basis: 'retention',
    by: 'retention-sweeper',
    at: deps.clock.now().toISOString(),
  });
  if (outcome.outcome === 'held') {
    // Stays on the index: once the hold is lifted, the next run takes it.
    count('ticketsHeld');
    return;
  }
  count(
    outcome.outcome === 'erased'
      ? 'ticketsPseudonymised'
      : outcome.outcome === 'already'
        ? 'ticketsAlready'
        : 'ticketsMissing',
  );
  await deps.index.forget(ticket.reference);
}

async function objectPage(
  deps: ApplyRetentionDeps,
  type: PrefixRecordType,
  cutoff: Date,
  cursor: string | undefined,
  limit: number,
  count: Count,
): Promise<{ handled: number; cursor?: string }> {
  if (type === 'reply-upload' && !deps.replyLinks) return { handled: 0 };
  const page = await deps.objects.modifiedBefore(retentionPrefixes[type], cutoff, {
    ...(cursor ? { cursor } : {}),
    limit,
  });
  for (const key of page.keys) {
    try {
      await retainObject(deps, type, key, count);
    } catch {
      // Left for the next run; the key is not logged (it may carry a reference).
      count('objectsFailed');
    }
  }
  return { handled: page.keys.length, ...(page.next ? { cursor: page.next } : {}) };
}

async function retainObject(deps: ApplyRetentionDeps, type: PrefixRecordType, key: string, count: Count) {
  if (type === 'reply-upload' && (await deps.replyLinks?.isLinked(key))) {
    count('replyUploadsLinked');
    return;
  }
  if (await protectedObject(deps, type, key.slice(retentionPrefixes[type].length))) {
    count('objectsHeld');
    return;
  }
  const versions = await deps.versions.deleteEveryVersion(key);
  if (versions) {
    count(`${type}Deleted`);
    count('objectVersionsDeleted', versions);
  }
}

/**
 * Whether an aged object must stay although its period is over: any object of a ticket under legal
 * hold (the hold protects each by its key, whatever else maps it to its ticket); also, as before
 * such protection was written, a letter (`letters/<reference>/…`) or raw mail (`raw-mail/<message
 * id>`, its ticket known while intake's idempotency record lasts) of a held ticket; and the
 * quarantine copy of mail still awaiting a decision.
 */
async function protectedObject(
  deps: ApplyRetentionDeps,
  type: PrefixRecordType,
  name: string,
): Promise<boolean> {
  if (await deps.guards.heldObject(`${retentionPrefixes[type]}${name}`)) return true;
  const heldTicket = async (reference: string | undefined) =>
    reference ? ((await deps.guards.ticketState(reference))?.held ?? false) : false;
  switch (type) {
    case 'letter':
      return heldTicket(name.split('/')[0]);
    case 'raw-mail':
      return heldTicket(await deps.guards.mailReference(name));
    case 'quarantine-copy':
      return deps.guards.quarantineAwaiting(name);
    default:
      return false;
  }
}

/** One record per invocation: counts only (never a reference list, a key or a name). */
function retentionAudit(
  day: string,
  runId: string,
  at: Date,
  counts: Readonly<Record<string, number>>,
  done: boolean,
): AuditRecord {
  return auditRecord({
    eventSource: auditEventSource,
    eventType: 'AwsServiceEvent',
    userIdentity: { type: 'Service', invokedBy: 'retention-sweeper' },
    sourceIPAddress: 'courtdesk.internal',
    userAgent: 'courtdesk/retention-sweeper',
    readOnly: false,
    eventTime: at.toISOString(),
    eventName: 'ApplyRetention',
    requestParameters: { day },
    responseElements: { ...counts, done },
    requestID: runId,
    eventID: stableId('ApplyRetention', day, runId),
    resources: [],
  });
}
