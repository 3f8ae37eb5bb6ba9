import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledgeNagFindings } from './nag.ts';
import { rotatingKey } from './rotating-key.ts';

/** Properties of {@link onFailureQueue}. */
export interface OnFailureQueueProps {
  /** The function invoked asynchronously (by SES, S3 or EventBridge). */
  readonly handler: IFunction;
  /** Its inventory name, e.g. `ingest-email`: named in the key's description and the nag reason. */
  readonly functionName: string;
  /**
   * Encrypt with a key of its own, `<id>Key`, when the events carry personal data (senders,
   * recipients, subjects); otherwise SQS-managed encryption is enough.
   */
  readonly ownKey: boolean;
}

/**
 * The on-failure destination of an asynchronously invoked function: Lambda retries a failed event
 * twice within six hours, then keeps it here for 14 days with the error, so that no event is
 * dropped unseen. Watch it with a dead-letter alarm; replay an event by invoking the function
 * with it.
 */
export function onFailureQueue(scope: Construct, id: string, props: OnFailureQueueProps): Queue {
  const queue = failureQueue(scope, id, props);
  props.handler.configureAsyncInvoke({
    retryAttempts: 2,
    maxEventAge: Duration.hours(6),
    onFailure: new SqsDestination(queue),
  });
  return queue;
}

/**
 * The queue alone, encrypted and SSL-only, keeping what failed for 14 days: what
 * {@link onFailureQueue} sends failed asynchronous events to, and what a stream's event source
 * mapping sends a failed batch's position to (its shard and sequence numbers, no item).
 */
export function failureQueue(
  scope: Construct,
  id: string,
  props: Pick<OnFailureQueueProps, 'functionName' | 'ownKey'>,
): Queue {
  const queue = new Queue(scope, id, {
    ...(props.ownKey
      ? {
          encryption: QueueEncryption.KMS,
          encryptionMasterKey: rotatingKey(
            scope,
            `${id}Key`,
            `courtdesk: encrypts ${props.functionName} events whose invocation failed`,
          ),
        }
      : { encryption: QueueEncryption.SQS_MANAGED }),
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledgeNagFindings(
    queue,
    ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'],
    `This queue is the on-failure destination of ${props.functionName}: a dead-letter queue itself, read by hand after its alarm.`,
  );
  return queue;
}
