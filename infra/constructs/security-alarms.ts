import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { EventField, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { eventDeadLetterQueue, eventRetryPolicy } from './event-dead-letter-queue.ts';
import { pascalCase } from './naming.ts';
import { rotatingKey } from './rotating-key.ts';

/** One kind of change reported at once: CloudTrail's management events of one service, by call. */
export interface SecurityEventSpec {
  /** Names the rule, e.g. `iam-policy-changed`. */
  readonly id: string;
  /** What the change means, in the rule's description and the notification. */
  readonly description: string;
  /** The event's `source` on EventBridge, e.g. `aws.iam`. */
  readonly source: string;
  /** CloudTrail's `eventSource`, e.g. `iam.amazonaws.com`. */
  readonly eventSource: string;
  readonly eventNames: readonly string[];
}

/**
 * The changes that weaken courtdesk's controls or hand someone more rights, each reported on the
 * alarm topic within minutes with who made it. A deployment makes some of them too (CloudFormation
 * creating roles and policies): the notification names the caller, so such a one is told apart.
 */
export const securityEvents: readonly SecurityEventSpec[] = [
  {
    id: 'iam-policy-changed',
    description: 'an IAM policy, role or permissions boundary was created, changed or deleted',
    source: 'aws.iam',
    eventSource: 'iam.amazonaws.com',
    eventNames: [
      'PutRolePolicy',
      'PutUserPolicy',
      'PutGroupPolicy',
      'AttachRolePolicy',
      'AttachUserPolicy',
      'AttachGroupPolicy',
      'DetachRolePolicy',
      'DetachUserPolicy',
      'DetachGroupPolicy',
      'DeleteRolePolicy',
      'DeleteUserPolicy',
      'DeleteGroupPolicy',
      'CreatePolicy',
      'DeletePolicy',
      'CreatePolicyVersion',
      'DeletePolicyVersion',
      'SetDefaultPolicyVersion',
      'CreateRole',
      'DeleteRole',
      'UpdateAssumeRolePolicy',
      'PutRolePermissionsBoundary',
      'DeleteRolePermissionsBoundary',
      'PutUserPermissionsBoundary',
      'DeleteUserPermissionsBoundary',
      'AddUserToGroup',
      'CreateAccessKey',
    ],
  },
  {
    id: 'kms-key-disabled',
    description: 'a KMS key was disabled or scheduled for deletion',
    source: 'aws.kms',
    eventSource: 'kms.amazonaws.com',
    eventNames: ['DisableKey', 'ScheduleKeyDeletion'],
  },
  {
    id: 'bucket-policy-changed',
    description: "an S3 bucket's policy or public access block was changed or deleted",
    source: 'aws.s3',
    eventSource: 's3.amazonaws.com',
    eventNames: [
      'PutBucketPolicy',
      'DeleteBucketPolicy',
      'PutBucketPublicAccessBlock',
      'DeleteBucketPublicAccessBlock',
    ],
  },
  {
    id: 'staff-groups-changed',
    description: "a staff member's groups were changed or the account disabled (Cognito)",
    source: 'aws.cognito-idp',
    eventSource: 'cognito-idp.amazonaws.com',
    eventNames: ['AdminAddUserToGroup', 'AdminRemoveUserFromGroup', 'AdminDisableUser'],
  },
  {
    id: 'trail-stopped',
    description: 'CloudTrail logging was stopped, or a trail deleted or changed',
    source: 'aws.cloudtrail',
    eventSource: 'cloudtrail.amazonaws.com',
    eventNames: ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors'],
  },
  {
    id: 'backups-weakened',
    description:
      "a backup plan, selection, vault or recovery point was deleted, or a table's point-in-time recovery changed",
    source: 'aws.backup',
    eventSource: 'backup.amazonaws.com',
    eventNames: [
      'DeleteBackupPlan',
      'UpdateBackupPlan',
      'DeleteBackupSelection',
      'DeleteBackupVault',
      'DeleteBackupVaultLockConfiguration',
      'DeleteRecoveryPoint',
      'PutBackupVaultAccessPolicy',
    ],
  },
  {
    id: 'table-recovery-changed',
    description: "a table's point-in-time recovery was changed",
    source: 'aws.dynamodb',
    eventSource: 'dynamodb.amazonaws.com',
    eventNames: ['UpdateContinuousBackups'],
  },
];

/** Properties of {@link SecurityAlarms}. */
export interface SecurityAlarmsProps {
  /** The alarm topic (its key lets EventBridge publish). */
  readonly alarmTopic: ITopic;
  /** @default {@link securityEvents} */
  readonly events?: readonly SecurityEventSpec[];
}

/**
 * EventBridge rules on CloudTrail's management events (the account trail records them) that
 * report each change of {@link securityEvents} on the alarm topic: the call, the caller, the time
 * and the CloudTrail event id, never the request's parameters (a user name, a policy). A
 * notification EventBridge cannot deliver is retried for a day, then kept in an encrypted
 * dead-letter queue, whose depth is itself alarmed.
 *
 * IAM is a global service: its events reach EventBridge in us-east-1 only. In any other region
 * the IAM rule fires only for events forwarded from there to this region's default bus (a rule in
 * us-east-1 with this bus as its target; see docs/security.md).
 */
export class SecurityAlarms extends Construct {
  /** Encrypts the dead-letter queue: the events name who did what. */
  public readonly key = rotatingKey(
    this,
    'DeadLetterKey',
    'courtdesk: encrypts security alarms EventBridge could not deliver',
  );
  /** Where every security rule's undelivered events go; other alarm rules may use it too. */
  public readonly deadLetterQueue: Queue;
  public readonly rules: Record<string, Rule> = {};

  constructor(scope: Construct, id: string, props: SecurityAlarmsProps) {
    super(scope, id);
    this.deadLetterQueue = eventDeadLetterQueue(this, 'DeadLetterQueue', {
      purpose: 'the security alarms',
      key: this.key,
    });

    for (const spec of props.events ?? securityEvents) {
      this.rules[spec.id] = new Rule(this, pascalCase(spec.id), {
        description: `courtdesk: ${spec.description}`,
        eventPattern: {
          source: [spec.source],
          detailType: ['AWS API Call via CloudTrail'],
          detail: { eventSource: [spec.eventSource], eventName: [...spec.eventNames] },
        },
        targets: [
          new SnsTopic(props.alarmTopic, {
            message: RuleTargetInput.fromText(
              `courtdesk ALARM: ${spec.description}. ${EventField.fromPath('$.detail.eventName')} by ${EventField.fromPath('$.detail.userIdentity.arn')} at ${EventField.fromPath('$.detail.eventTime')} in ${EventField.fromPath('$.detail.awsRegion')} (CloudTrail event ${EventField.fromPath('$.detail.eventID')}). If no deployment or agreed change explains it, investigate.`,
            ),
            deadLetterQueue: this.deadLetterQueue,
            ...eventRetryPolicy,
          }),
        ],
      });
    }

    const alarm = new Alarm(this, 'UndeliveredAlarms', {
      alarmDescription:
        'A security or tamper alarm could not be delivered to the alarm topic: read the dead-letter queue (its error attributes) and the CloudTrail event it names.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(props.alarmTopic));
  }
}
