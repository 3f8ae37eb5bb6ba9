/**
 * The audit trail's figures as CloudWatch metrics, written as embedded metric format (EMF) lines in
 * the function's log (Powertools Metrics): no API call, no extra permission. The alarms in
 * `infra/constructs/monitoring.ts` watch them by the names and dimension exported here.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AccessReview } from '../../domain/access-patterns.ts';
import type { AccessMetrics } from '../../ports/access-metrics.ts';

export const auditMetricsNamespace = 'Courtdesk/Audit';
/** Powertools adds a `service` dimension to every metric; the alarms name it. */
export const auditMetricsService = 'courtdesk';

export const auditMetricNames = {
  /** Refused staff calls (staff-api, as they happen). */
  accessDenied: 'AccessDenied',
  /** Accounts that opened far more tickets in the hour than usual (audit-watch, hourly). */
  unusualReaders: 'UnusualReaders',
  /** Accounts with repeated attempts at other units' tickets in the hour (audit-watch, hourly). */
  outsideCompetenceAccounts: 'OutsideCompetenceAccounts',
  /** Refused attempts at tickets in the hour, flagged or not (audit-watch, hourly). */
  outsideCompetenceAttempts: 'OutsideCompetenceAttempts',
  /** Distinct tickets opened per account, summed over the hour (audit-watch, hourly). */
  ticketsOpened: 'TicketsOpened',
} as const;

function metrics(): Metrics {
  return new Metrics({ namespace: auditMetricsNamespace, serviceName: auditMetricsService });
}

/** audit-watch's hourly figures. */
export class EmfAccessMetrics implements AccessMetrics {
  readonly #metrics = metrics();

  publish(review: AccessReview): void {
    const m = this.#metrics;
    m.addMetric(auditMetricNames.unusualReaders, MetricUnit.Count, review.unusualReaders.length);
    m.addMetric(
      auditMetricNames.outsideCompetenceAccounts,
      MetricUnit.Count,
      review.outsideCompetence.length,
    );
    m.addMetric(auditMetricNames.outsideCompetenceAttempts, MetricUnit.Count, review.outsideAttempts);
    m.addMetric(auditMetricNames.ticketsOpened, MetricUnit.Count, review.ticketsOpened);
    m.publishStoredMetrics();
  }
}

/** One refused staff call, counted as it happens (the access-denied spike alarm). */
export class EmfRefusalMetrics {
  readonly #metrics = metrics();

  refused(errorCode: string): void {
    if (errorCode !== 'AccessDenied') return;
    this.#metrics.addMetric(auditMetricNames.accessDenied, MetricUnit.Count, 1);
    this.#metrics.publishStoredMetrics();
  }
}
