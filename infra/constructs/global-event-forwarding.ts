import { Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { eventDeadLetterQueue } from './event-dead-letter-queue.ts';
import { acknowledgeNagFinding } from './nag.ts';
import { rotatingKey } from './rotating-key.ts';
import type { SecurityEventSpec } from './security-alarms.ts';

/** Properties of {@link GlobalEventForwarding}. */
export interface GlobalEventForwardingProps {
  /** The main stack's region, whose default bus receives the events (not this one's). */
  readonly targetRegion: string;
  /** The security events of global services (IAM), as the main region's rules match them. */
  readonly events: readonly SecurityEventSpec[];
  /** Undeliverable forwards are reported here too (a topic of this region). @default - topic only */
  readonly alarmEmail?: string;
}

/**
 * Forwards the security events of global services from this region (us-east-1, where CloudTrail
 * delivers IAM's events to EventBridge) to the main region's default bus, where the
 * `security-alarms.ts` rules match them as if they had happened there: same source, detail type
 * and detail. One rule per event kind, the same pattern; its target is the other bus, sent with a
 * role that may put events on that bus only; what EventBridge cannot deliver within a day goes to
 * an encrypted dead-letter queue, alarmed on a topic of this region (an alarm can only notify a
 * topic of its own region).
 */
export class GlobalEventForwarding extends Construct {
  public readonly role: Role;
  public readonly deadLetterQueue: Queue;
  public readonly topic: Topic;
  public readonly rules: Record<string, Rule> = {};

  constructor(scope: Construct, id: string, props: GlobalEventForwardingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    if (props.targetRegion === stack.region)
      throw new Error('GlobalEventForwarding: the events are already in this region');
    const targetBus = EventBus.fromEventBusArn(
      this,
      'MainRegionBus',
      `arn:${stack.partition}:events:${props.targetRegion}:${stack.account}:event-bus/default`,
    );

    // The events name who did what: encrypted with a key of this region, used by SQS for EventBridge.
    const key = rotatingKey(
      this,
      'Key',
      'courtdesk: encrypts global security events that could not be forwarded',
    );
    this.deadLetterQueue = eventDeadLetterQueue(this, 'DeadLetterQueue', {
      purpose: 'the forwarding of global security events to the main region',
      key,
    });
    // Only these rules may assume it, and it may only put events on the main region's default bus
    // (the target adds exactly that grant).
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('events.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: `courtdesk: forwards IAM security events from ${stack.region} to the default bus of ${props.targetRegion}`,
    });
    acknowledgeNagFinding(
      this.role,
      'NIST.800.53.R5-IAMNoInlinePolicy',
      "CDK's grant for the bus target: an AWS::IAM::Policy attached to this one role, allowing events:PutEvents on the main region's default bus only.",
    );

    for (const spec of props.events) {
      this.rules[spec.id] = new Rule(
        this,
        `Forward${spec.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`,
        {
          description: `courtdesk: forwards to ${props.targetRegion}: ${spec.description}`,
          eventPattern: {
            source: [spec.source],
            detailType: ['AWS API Call via CloudTrail'],
            detail: { eventSource: [spec.eventSource], eventName: [...spec.eventNames] },
          },
          targets: [
            // EventBridge's default retry (24 hours, 185 attempts; a bus target takes no other).
            new EventBusTarget(targetBus, { role: this.role, deadLetterQueue: this.deadLetterQueue }),
          ],
        },
      );
    }

    const topicKey = rotatingKey(this, 'TopicKey', 'courtdesk: encrypts the us-east-1 alarm topic');
    topicKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: `courtdesk alarms (${stack.region})`,
      masterKey: topicKey,
      enforceSSL: true,
    });
    if (props.alarmEmail) {
      this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
      acknowledgeNagFinding(
        this.topic,
        'Serverless-SNSRedrivePolicy',
        'The on-call e-mail subscription: SNS retries e-mail delivery itself, and a notification that still fails has no one else to reach; the alarm stays in ALARM in CloudWatch and the event in CloudTrail.',
      );
    }
    new Alarm(this, 'UndeliveredForwards', {
      alarmDescription: `An IAM security event could not be forwarded to ${props.targetRegion}, so its alarm was not raised there: read the dead-letter queue (its error attributes) and the CloudTrail event it names.`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(this.topic));
  }
}
