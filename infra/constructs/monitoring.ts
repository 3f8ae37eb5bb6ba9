import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
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
import { acknowledgeNagFinding } from './nag.ts';
import { pascalCase } from './naming.ts';
import type { QueuePair } from './queues.ts';
import { rotatingKey } from './rotating-key.ts';

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
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);

    const key = rotatingKey(this, 'TopicKey', 'courtdesk: encrypts the alarm topic');
    // CloudWatch publishes alarm notifications to the encrypted topic.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    // EventBridge publishes the audit table's tamper alarm (infra/constructs/account-trail.ts).
    key.grant(new ServicePrincipal('events.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');

    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: 'courtdesk alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) {
      const subscription = new EmailSubscription(props.alarmEmail);
      this.topic.addSubscription(subscription);
      // A notification SNS could not deliver to the on-call address would have nobody to tell: the
      // alarms stay in ALARM in CloudWatch, and every security event is also in CloudTrail.
      acknowledgeNagFinding(
        this.topic,
        'Serverless-SNSRedrivePolicy',
        "The on-call e-mail subscription: SNS retries e-mail delivery itself, and a notification that still fails has no one else to reach (a dead-letter queue's alarm would go to this same topic); the alarm stays in ALARM in CloudWatch and each security event stays in CloudTrail.",
      );
    }

    this.action = new SnsAction(this.topic);
    const ageThreshold = props.oldestMessageAgeThreshold ?? Duration.minutes(5);

    for (const { spec, queue, deadLetterQueue } of props.queues) {
      const name = pascalCase(spec.id);
      this.alarm(`${name}DeadLetters`, {
        description: `Messages from ${spec.name} reached its dead-letter queue: inspect, fix, redrive.`,
        metric: messagesWaiting(deadLetterQueue),
      });
      this.alarm(`${name}OldestMessageAge`, {
        description: `A message has waited in ${spec.name} for more than ${ageThreshold.toSeconds()} s: the consumer is failing or throttled.`,
        metric: queue.metricApproximateAgeOfOldestMessage({
          period: Duration.minutes(1),
          statistic: 'Maximum',
        }),
        threshold: ageThreshold.toSeconds(),
        evaluationPeriods: 3,
      });
    }

    for (const { name, queue } of props.deadLetterQueues ?? []) {
      this.alarm(`${pascalCase(name)}DeadLetters`, {
        description: `Messages reached ${name}: inspect, fix, replay.`,
        metric: messagesWaiting(queue),
      });
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
    this.alarm('AccessDeniedSpike', {
      description: `More than ${accessDeniedThreshold} staff calls refused (AccessDenied) within 5 minutes: see the auditor view, filter outcome=failure.`,
      metric: auditMetric(auditMetricNames.accessDenied, 'Sum', Duration.minutes(5)),
      threshold: accessDeniedThreshold,
    });
    this.alarm('UnusualReading', {
      description:
        'An account opened far more tickets in an hour than it usually does: the ReviewAccessPatterns record of that hour names it.',
      metric: auditMetric(auditMetricNames.unusualReaders, 'Maximum', Duration.hours(1)),
    });
    this.alarm('OutsideCompetenceAccess', {
      description:
        "An account tried other units' tickets repeatedly within an hour: the ReviewAccessPatterns record of that hour names it.",
      metric: auditMetric(auditMetricNames.outsideCompetenceAccounts, 'Maximum', Duration.hours(1)),
    });

    for (const fn of props.functions) {
      this.alarm(`${pascalCase(fn.spec.name)}Errors`, {
        description: `${fn.spec.name} failed (unhandled error or timeout).`,
        metric: fn.function.metricErrors({ period: Duration.minutes(1), statistic: 'Sum' }),
      });
      // A stream consumer falling behind (or stuck retrying a batch): its figures grow stale.
      if (fn.spec.triggers.some((trigger) => trigger.kind === 'table-stream'))
        this.alarm(`${pascalCase(fn.spec.name)}IteratorAge`, {
          description: `${fn.spec.name} is more than 15 minutes behind its table's stream: see its errors and its stream-failures queue.`,
          metric: fn.function.metric('IteratorAge', { period: Duration.minutes(1), statistic: 'Maximum' }),
          threshold: Duration.minutes(15).toMilliseconds(),
          evaluationPeriods: 3,
        });
    }
  }

  /**
   * An alarm when `metric` rises above `threshold` (default 0) for `evaluationPeriods` periods
   * (default 1), notifying the topic when it fires and when it clears. No data is no trouble:
   * quiet queues and idle functions publish nothing.
   */
  private alarm(id: string, props: AlarmSettings): void {
    const alarm = new Alarm(this, id, {
      alarmDescription: props.description,
      metric: props.metric,
      threshold: props.threshold ?? 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: props.evaluationPeriods ?? 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
  }
}

/** What {@link Monitoring}'s alarms differ in. */
interface AlarmSettings {
  readonly description: string;
  readonly metric: IMetric;
  readonly threshold?: number;
  readonly evaluationPeriods?: number;
}

/** The greatest number of messages waiting in `queue` within each minute. */
function messagesWaiting(queue: IQueue): IMetric {
  return queue.metricApproximateNumberOfMessagesVisible({
    period: Duration.minutes(1),
    statistic: 'Maximum',
  });
}
