import { Stack } from 'aws-cdk-lib';
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
  /** The schedule (defaults with the context's overrides, already checked): the sweeper applies it. */
  readonly schedule: RetentionSchedule;
  /** The context's overrides as given, passed on to the sweeper and the writers (`RETENTION_SCHEDULE`). */
  readonly overrides: unknown;
  /**
   * Functions that erase tickets on request (staff-api, role dpo): beyond their inventory's
   * `eraseVersions`, a ticket's erasure deletes every version of its released mail's quarantine
   * copy and of the data-subject exports that hold it.
   */
  readonly erasers?: readonly CourtdeskFunction[];
  /**
   * The functions that write items expiring by DynamoDB TTL (the `ttl` record types: idempotency
   * items, message-id keys, survey caps, assistant questions): each sets `expiresAt` from the schedule.
   */
  readonly ttlWriters: readonly CourtdeskFunction[];
}

/** The prefixes of what a ticket's erasure deletes beside its own files (see `erasers`). */
const erasedWithTickets = [retentionPrefixes['quarantine-copy'], retentionPrefixes['data-subject-export']];

/**
 * The functions that write `ttl` items (`retentionHomes`), by inventory name: web and email intake
 * and a logged call or released mail in staff-api (idempotency items), process-intake, send-email
 * and a rectification in staff-api (message-id keys), send-email (survey caps), ingest-web and
 * assistant-api (assistant questions).
 */
export const ttlWriterNames = [
  'ingest-web',
  'ingest-email',
  'process-intake',
  'send-email',
  'staff-api',
  'assistant-api',
] as const;

/**
 * The retention schedule in the cloud (§5.6, §13, §24): the sweeper's schedule and its grants to
 * delete every version under the prefix types, and the schedule for the functions whose items
 * expire by TTL (their `expiresAt`).
 *
 * No S3 lifecycle rule backs the sweeper up on `raw-mail/`, `letters/` or `quarantine/`: a rule
 * sees only an object's age, never a legal hold on its ticket (letters, raw mail) nor a quarantined
 * mail still awaiting a supervisor's decision, and would delete what the sweeper keeps. A stopped
 * sweeper shows in its alarms instead. `exports/` keeps its own exact 7-day rule (the bucket's
 * `expireAfterDays`: nothing holds an export); `replies/` has none (a linked file lives as long as
 * its ticket).
 */
export class Retention extends Construct {
  constructor(scope: Construct, id: string, props: RetentionProps) {
    super(scope, id);
    const { sweeper, mailBucket } = props;
    const overrides = JSON.stringify(props.overrides ?? {});
    for (const fn of new Set([sweeper, ...props.ttlWriters]))
      fn.function.addEnvironment('RETENTION_SCHEDULE', overrides);

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
    for (const eraser of props.erasers ?? []) {
      eraser.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['s3:ListBucketVersions'],
          resources: [mailBucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': erasedWithTickets.map((prefix) => `${prefix}*`) } },
        }),
      );
      eraser.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['s3:DeleteObjectVersion'],
          resources: erasedWithTickets.map((prefix) => mailBucket.arnForObjects(`${prefix}*`)),
        }),
      );
      for (const prefix of erasedWithTickets)
        acknowledgeNagFinding(
          eraser.role,
          `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
          `Erasure deletes every version of a ticket's objects under ${prefix} (its released mail's copy, the exports that hold it): keys are per message or export, so the grant names the prefix.`,
        );
    }
  }
}
