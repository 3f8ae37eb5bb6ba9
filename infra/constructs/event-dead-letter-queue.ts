import { Duration } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledgeNagFindings } from './nag.ts';

/**
 * How an EventBridge target is retried before its event goes to the dead-letter queue: for a day,
 * as often as EventBridge allows (its own maximum, stated so the template says it).
 */
export const eventRetryPolicy = { retryAttempts: 185, maxEventAge: Duration.hours(24) } as const;

/** Properties of {@link eventDeadLetterQueue}. */
export interface EventDeadLetterQueueProps {
  /** What the rule delivers, e.g. `security alarms`: named in the nag reason. */
  readonly purpose: string;
  /**
   * Encrypts the queue. The events carry who did what (CloudTrail's user identities, staff user
   * names, SES recipients), so a customer-managed key; EventBridge is allowed to use it here.
   */
  readonly key: IKey;
}

/**
 * The dead-letter queue of EventBridge targets: an event EventBridge could not deliver after
 * {@link eventRetryPolicy} is kept here for 14 days with the error (its attributes), not dropped.
 * Encrypted with `key`, SSL only. CDK's targets add the queue policy letting the rule (its ARN)
 * send to it. Watch it with a dead-letter alarm.
 */
export function eventDeadLetterQueue(scope: Construct, id: string, props: EventDeadLetterQueueProps): Queue {
  // SQS asks KMS for a data key on EventBridge's behalf when it sends the failed event.
  props.key.grant(new ServicePrincipal('events.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.KMS,
    encryptionMasterKey: props.key,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledgeNagFindings(
    queue,
    ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'],
    `This queue is the dead-letter queue of the EventBridge targets of ${props.purpose}: a dead-letter queue itself.`,
  );
  return queue;
}
