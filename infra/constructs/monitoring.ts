import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  auditMetricNames,
  auditMetricsNamespace,
  auditMetricsService,
} from '../../shared/adapters/cloudwatch/audit-metrics.ts';
import type { CourtdeskFunction } from './lambda-function.ts';
import { pascalCase } from './naming.ts';
import type { QueuePair } from './queues.ts';

/** Properties of {@link Monitoring}. */
export interface MonitoringProps {
  /** Queues whose dead-letter depth and oldest message age are watched. */
  readonly queues: readonly QueuePair[];
  /** Further dead-letter queues (e.g. failed asynchronous invocations), by name, whose depth is watched. */
  readonly deadLetterQueues?: readonly { readonly name: string; readonly queue: IQueue }[];
  /** Functions whose errors are watched. */
  readonly functions: readonly CourtdeskFunction[];
  /**
   * Address subscribed to the alarm topic; empty or omitted means no subscription (subscribe
   * on-call tooling to the topic instead).
   * @default - no subscription
   */
  readonly alarmEmail?: string;
  /**
   * Age of the oldest waiting message above which a queue is considered stuck.
   * @default 5 minutes
   */
  readonly oldestMessageAgeThreshold?: Duration;
  /**
   * Refused staff calls within five minutes above which the access-denied alarm fires (someone
   * probing other units' tickets, or a broken role assignment).
   * @default 20
   */
  readonly accessDeniedThreshold?: number;
}

/**
 * Alarms that say a request is not flowing: any message in a dead-letter queue, a message waiting
 * longer than the threshold in a queue, any function error. They notify an encrypted, SSL-only SNS
 * topic.
 */
export class Monitoring extends Construct {
  public readonly topic: Topic;
  public readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);

    const key = new Key(this, 'TopicKey', {
      description: 'courtdesk: encrypts the alarm topic',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch publishes alarm notifications to the encrypted topic.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    // EventBridge publishes the audit table's tamper alarm (infra/constructs/account-trail.ts).
    key.grant(new ServicePrincipal('events.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');

    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: 'courtdesk alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const action = new SnsAction(this.topic);
    const ageThreshold = props.oldestMessageAgeThreshold ?? Duration.minutes(5);

    for (const { spec, queue, deadLetterQueue } of props.queues) {
      const name = pascalCase(spec.id);
      this.add(
        new Alarm(this, `${name}DeadLetters`, {
          alarmDescription: `Messages from ${spec.name} reached its dead-letter queue: inspect, fix, redrive.`,
          metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({
            period: Duration.minutes(1),
            statistic: 'Maximum',
          }),
          threshold: 0,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
        action,
      );
      this.add(
        new Alarm(this, `${name}OldestMessageAge`, {
          alarmDescription: `A message has waited in ${spec.name} for more than ${ageThreshold.toSeconds()} s: the consumer is failing or throttled.`,
          metric: queue.metricApproximateAgeOfOldestMessage({
            period: Duration.minutes(1),
            statistic: 'Maximum',
          }),
          threshold: ageThreshold.toSeconds(),
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 3,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
        action,
      );
    }

    for (const { name, queue } of props.deadLetterQueues ?? []) {
      this.add(
        new Alarm(this, `${pascalCase(name)}DeadLetters`, {
          alarmDescription: `Messages reached ${name}: inspect, fix, replay.`,
          metric: queue.metricApproximateNumberOfMessagesVisible({
            period: Duration.minutes(1),
            statistic: 'Maximum',
          }),
          threshold: 0,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
        action,
      );
    }

    // The audit trail's own alarms (§20.3): staff-api counts refusals as they happen; audit-watch
    // reviews each hour for accounts reading far more than usual or trying other units' tickets.
    const auditMetric = (metricName: string, statistic: string, period: Duration) =>
      new Metric({
        namespace: auditMetricsNamespace,
        metricName,
        dimensionsMap: { service: auditMetricsService },
        statistic,
        period,
      });
    const accessDeniedThreshold = props.accessDeniedThreshold ?? 20;
    this.add(
      new Alarm(this, 'AccessDeniedSpike', {
        alarmDescription: `More than ${accessDeniedThreshold} staff calls refused (AccessDenied) within 5 minutes: see the auditor view, filter outcome=failure.`,
        metric: auditMetric(auditMetricNames.accessDenied, 'Sum', Duration.minutes(5)),
        threshold: accessDeniedThreshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      action,
    );
    this.add(
      new Alarm(this, 'UnusualReading', {
        alarmDescription:
          'An account opened far more tickets in an hour than it usually does: the ReviewAccessPatterns record of that hour names it.',
        metric: auditMetric(auditMetricNames.unusualReaders, 'Maximum', Duration.hours(1)),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      action,
    );
    this.add(
      new Alarm(this, 'OutsideCompetenceAccess', {
        alarmDescription:
          "An account tried other units' tickets repeatedly within an hour: the ReviewAccessPatterns record of that hour names it.",
        metric: auditMetric(auditMetricNames.outsideCompetenceAccounts, 'Maximum', Duration.hours(1)),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      action,
    );

    for (const fn of props.functions) {
      this.add(
        new Alarm(this, `${pascalCase(fn.spec.name)}Errors`, {
          alarmDescription: `${fn.spec.name} failed (unhandled error or timeout).`,
          metric: fn.function.metricErrors({ period: Duration.minutes(1), statistic: 'Sum' }),
          threshold: 0,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
        action,
      );
    }
  }

  private add(alarm: Alarm, action: SnsAction): void {
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}
