import { Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Bucket, CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { type RetentionSchedule, retentionPrefixes } from '../../shared/domain/retention.ts';
import type { CourtdeskFunction } from './lambda-function.ts';
import { acknowledgeNagFinding } from './nag.ts';

/** Properties of {@link Retention}. */
export interface RetentionProps {
  /** The retention sweeper (`functions/retention-sweeper`), scheduled by the inventory. */
  readonly sweeper: CourtdeskFunction;
  /** The mail bucket (versioned): raw mail, quarantine copies, letters, reply uploads, exports. */
  readonly mailBucket: Bucket;
  /** The schedule (defaults with the context's overrides, already checked). */
  readonly schedule: RetentionSchedule;
  /** The context's overrides as given, passed on to the sweeper (`RETENTION_SCHEDULE`). */
  readonly overrides: unknown;
}

/** The days a backstop lifecycle rule waits beyond the sweeper's period: the sweeper goes first. */
const backstopDays = 7;

/**
 * The retention schedule in the cloud (§5.6, §13, §24): the sweeper's schedule and its grants to
 * delete every version under the prefix types, and S3 lifecycle rules on those prefixes as a
 * backstop should the sweeper stop: the current version expires a week after the sweeper's period,
 * and a non-current version (what a plain delete leaves in a versioned bucket) a day after it
 * became non-current, with the delete markers left behind.
 */
export class Retention extends Construct {
  constructor(scope: Construct, id: string, props: RetentionProps) {
    super(scope, id);
    const { sweeper, mailBucket, schedule } = props;
    sweeper.function.addEnvironment('RETENTION_SCHEDULE', JSON.stringify(props.overrides ?? {}));

    const prefixes = Object.values(retentionPrefixes);
    sweeper.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:ListBucketVersions'],
        resources: [mailBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': prefixes.map((prefix) => `${prefix}*`) } },
      }),
    );
    sweeper.role.addToPrincipalPolicy(
      new PolicyStatement({
        // DeleteObject with a VersionId: the version itself, never a new delete marker.
        actions: ['s3:DeleteObjectVersion'],
        resources: prefixes.map((prefix) => mailBucket.arnForObjects(`${prefix}*`)),
      }),
    );
    const bucketId = Stack.of(mailBucket).getLogicalId(mailBucket.node.defaultChild as CfnBucket);
    for (const prefix of prefixes) {
      acknowledgeNagFinding(
        sweeper.role,
        `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
        `Deletes every version of the objects under ${prefix} past their retention period: keys are per message, letter or export, so the grant names the prefix.`,
      );
    }

    for (const [type, prefix] of Object.entries(retentionPrefixes) as [
      keyof typeof retentionPrefixes,
      string,
    ][]) {
      // Linked reply files live as long as their ticket: no blanket expiry on replies/.
      if (type === 'reply-upload') continue;
      // Data-subject exports have their own rule, exactly at their 7 days (the bucket's `expireAfterDays`).
      if (type === 'data-subject-export') continue;
      mailBucket.addLifecycleRule({
        id: `retention-${type}`,
        prefix,
        expiration: Duration.days(schedule[type].days + backstopDays),
        noncurrentVersionExpiration: Duration.days(1),
      });
    }
  }
}
