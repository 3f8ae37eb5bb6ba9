import { Stack } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionSpec, Trigger } from '../inventory.ts';
import { acknowledgeNagFinding } from './nag.ts';
import { onFailureQueue } from './on-failure-queue.ts';

/** Properties of {@link PostalIntake}. */
export interface PostalIntakeProps {
  /** The bucket the mailroom's page uploads scans to (the mail bucket). */
  readonly bucket: IBucket;
  /** Key prefix of scans, e.g. `scans/`: only objects created under it start the handler. */
  readonly prefix: string;
  /** Invoked asynchronously with S3's event for each new scan: ingest-postal. */
  readonly handler: IFunction;
}

/** The functions of `functions` with an `object-created` trigger, each with its trigger. */
export function objectTriggersOf(
  functions: readonly FunctionSpec[],
): { readonly spec: FunctionSpec; readonly trigger: Extract<Trigger, { kind: 'object-created' }> }[] {
  return functions.flatMap((spec) =>
    spec.triggers.flatMap((trigger) => (trigger.kind === 'object-created' ? [{ spec, trigger }] : [])),
  );
}

/**
 * Post: a new object under `scans/` invokes ingest-postal with S3's event notification. Lambda
 * retries a failed event twice; then it goes to the on-failure queue (with the error alarm of every
 * queue of failures), so that no scan is silently left unprocessed. The event holds the object's
 * key (a registration id) and size: no personal data, so SQS-managed encryption is enough.
 */
export class PostalIntake extends Construct {
  public readonly failedInvocations: Queue;

  constructor(scope: Construct, id: string, props: PostalIntakeProps) {
    super(scope, id);
    props.bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(props.handler), {
      prefix: props.prefix,
    });
    // CDK's singleton that writes the bucket's notification configuration at deploy time (S3 has
    // no CloudFormation property that could reference the function without a cycle).
    const notifications = Stack.of(this).node.children.filter((child) =>
      child.node.id.startsWith('BucketNotificationsHandler'),
    );
    for (const handler of notifications)
      acknowledgeNagFinding(
        handler,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        "CDK's bucket-notifications handler runs at deployment only, to set scans/ → ingest-postal; its role has the basic execution policy and PutBucketNotification on the mail bucket, nothing else.",
      );
    this.failedInvocations = onFailureQueue(this, 'FailedInvocations', {
      handler: props.handler,
      functionName: 'ingest-postal',
      ownKey: false,
    });
  }
}
