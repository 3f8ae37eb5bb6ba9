/**
 * The hourly access review: reads the hour just ended and its comparable hours
 * from the audit trail, publishes the figures as metrics (CloudWatch alarms watch them) and records
 * what it found in the trail, so an auditor sees which accounts raised the alarm and why.
 *
 * The reviewed hour is the last one that ended at least `graceSeconds` ago (records are written
 * within a function's run of their eventTime). Every run writes its record (at its own time, so it
 * never lands in an hour already sealed); a rerun of an hour publishes the same figures again, and
 * the alarms take the maximum.
 */
import {
  type AccessReview,
  comparableHours,
  hourKey,
  type ReadingPolicy,
  reviewAccess,
} from '../domain/access-patterns.ts';
import { type AuditRecord, auditEventSource, auditRecord } from '../domain/audit-event.ts';
import { stableId } from '../domain/ids.ts';
import type { AccessMetrics } from '../ports/access-metrics.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';

export interface AuditHourReader {
  /** The records of one UTC hour (`YYYY-MM-DDTHH`). */
  recordsOfHour(hour: string): Promise<AuditRecord[]>;
}

export interface ReviewAccessDeps {
  readonly trail: AuditHourReader;
  readonly metrics: AccessMetrics;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly policy?: ReadingPolicy;
  /** Seconds after an hour ends before it is reviewed. @default 300 */
  readonly graceSeconds?: number;
  /** The run's request id, for the record. */
  readonly runId: string;
}

export const reviewerName = 'audit-watch';

export async function reviewLastHour(deps: ReviewAccessDeps): Promise<AccessReview> {
  const now = deps.clock.now();
  const hour = hourKey(new Date(now.getTime() - (deps.graceSeconds ?? 300) * 1000 - 3_600_000));
  const [records, ...history] = await Promise.all(
    [hour, ...comparableHours(hour)].map((each) => deps.trail.recordsOfHour(each)),
  );
  const review = reviewAccess({
    hour,
    records: records ?? [],
    history,
    ...(deps.policy ? { policy: deps.policy } : {}),
  });
  await deps.metrics.publish(review);
  await deps.audit.append([reviewRecord(review, now, deps.runId)]);
  return review;
}

/**
 * The run's audit record: the figures and the flagged accounts (staff user names — the trail names
 * staff anyway), never a ticket or a client.
 */
export function reviewRecord(review: AccessReview, now: Date, runId: string): AuditRecord {
  return auditRecord({
    eventTime: now.toISOString(),
    eventSource: auditEventSource,
    eventName: 'ReviewAccessPatterns',
    eventType: 'AwsServiceEvent',
    userIdentity: { type: 'Service', invokedBy: reviewerName },
    sourceIPAddress: 'courtdesk.internal',
    userAgent: reviewerName,
    requestParameters: { hour: review.hour },
    responseElements: {
      records: review.records,
      accessDenied: review.accessDenied,
      ticketsOpened: review.ticketsOpened,
      outsideAttempts: review.outsideAttempts,
      unusualReaders: review.unusualReaders.map(({ user, opened, usual }) => ({ user, opened, usual })),
      outsideCompetence: review.outsideCompetence.map(({ user, attempts }) => ({ user, attempts })),
    },
    requestID: runId,
    eventID: stableId('ReviewAccessPatterns', review.hour, runId),
    readOnly: true,
    resources: [],
  });
}
