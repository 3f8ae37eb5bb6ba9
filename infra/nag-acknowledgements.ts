/**
 * cdk-nag's NIST 800-53 rev 5 and Serverless findings on the stack's shared constructs that are
 * acceptable here, each with why: kept in one place, outside the constructs, so the reasons can
 * be read together. The functions' own (VPC, inline grant policies, dead-letter queues,
 * concurrency) are in `constructs/lambda-function.ts` and `stack.ts`; dead-letter queues' in the
 * queue helpers.
 */
import type { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { AccountTrail } from './constructs/account-trail.ts';
import type { Analytics } from './constructs/analytics.ts';
import type { EmailIntake } from './constructs/email-intake.ts';
import { acknowledgeNagFinding, acknowledgeNagFindings } from './constructs/nag.ts';
import type { Storage } from './constructs/storage.ts';
import type { WebHosting } from './constructs/web-hosting.ts';

/** The parts of the courtdesk stack whose findings are acknowledged here (no import of stack.ts: no circle). */
export interface AcknowledgedStack extends Stack {
  readonly storage: Storage;
  readonly accountTrail: AccountTrail;
  readonly analytics: Analytics;
  readonly emailIntake: EmailIntake;
  readonly webHosting: WebHosting;
}

const child = (scope: IConstruct, id: string): IConstruct | undefined => scope.node.tryFindChild(id);

/** Acknowledges the findings below on `stack`'s constructs. */
export function acknowledgeStackFindings(stack: AcknowledgedStack): void {
  acknowledgeBuckets(stack, stack.storage);

  acknowledgeNagFinding(
    stack.accountTrail.trail,
    'NIST.800.53.R5-CloudTrailCloudWatchLogsEnabled',
    "The changes to act on at once reach the alarm topic through EventBridge rules on CloudTrail's events (security-alarms.ts, the audit table's tamper alarm), which need no CloudWatch Logs; the log files are kept under Object Lock in the trail bucket. A log group would hold a second copy of the tables' data events (who read which ticket) for no alarm.",
  );

  // CDK's own policies of roles that are not the functions'.
  const inlineGrants =
    "CDK's grants: an AWS::IAM::Policy attached to this one role, created and deleted with it, holding only what this deployment-time or service role needs; the infra tests list its statements.";
  acknowledgeNagFinding(stack.emailIntake.s3ActionRole, 'NIST.800.53.R5-IAMNoInlinePolicy', inlineGrants);
  const notifications = child(stack.storage.bucket('mail').bucket, 'Notifications');
  if (notifications) acknowledgeNagFinding(notifications, 'NIST.800.53.R5-IAMNoInlinePolicy', inlineGrants);

  acknowledgeWebDeployment(stack);
}

/** Why each bucket is as it is: encryption, versioning and replication. */
function acknowledgeBuckets(stack: AcknowledgedStack, storage: Storage): void {
  const logBuckets = [storage.accessLogBucket, stack.webHosting.logBucket];
  for (const bucket of logBuckets) {
    acknowledgeNagFinding(
      bucket,
      'NIST.800.53.R5-S3DefaultEncryptionKMS',
      'An access-log bucket: S3 server access logs (and CloudFront standard logs) are delivered to SSE-S3 buckets only, not SSE-KMS ones.',
    );
    acknowledgeNagFinding(
      bucket,
      'NIST.800.53.R5-S3BucketVersioningEnabled',
      'Log files are written once by S3 or CloudFront and never rewritten, then expired by the lifecycle rule after a year: versions would keep nothing more.',
    );
    acknowledgeNagFinding(
      bucket,
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'Access logs, kept a year for investigations: not records of the court; the account trail holds who did what.',
    );
  }

  const analytics = stack.analytics.bucket;
  acknowledgeNagFinding(
    analytics,
    'NIST.800.53.R5-S3BucketVersioningEnabled',
    "Derived data only: the tickets table's hourly exports, their rows without personal data and Athena's results, expired after 7 and 30 days and rebuilt from the table (under PITR and AWS Backup); versions would keep what the expiry removes.",
  );
  acknowledgeNagFinding(
    analytics,
    'NIST.800.53.R5-S3BucketReplicationEnabled',
    'Derived data rebuilt from the tickets table by the next export; the table is the record, backed up by AWS Backup.',
  );

  const site = stack.webHosting.bucket;
  acknowledgeNagFinding(
    site,
    'NIST.800.53.R5-S3DefaultEncryptionKMS',
    'The public pages and scripts, no personal data, read by CloudFront through Origin Access Control; SSE-KMS would protect nothing and need a key policy for CloudFront.',
  );
  acknowledgeNagFinding(
    site,
    'NIST.800.53.R5-S3BucketReplicationEnabled',
    'Rebuilt from the repository by every `cdk deploy` (BucketDeployment): the repository is the source.',
  );

  const help = storage.bucket('help').bucket;
  acknowledgeNagFinding(
    help,
    'NIST.800.53.R5-S3DefaultEncryptionKMS',
    'The published help pages, public by design and served by CloudFront through Origin Access Control; SSE-KMS would protect nothing and need a key policy for CloudFront.',
  );
  acknowledgeNagFinding(
    help,
    'NIST.800.53.R5-S3BucketReplicationEnabled',
    "Rebuilt by publish-help from the knowledge table's published articles (the record, backed up by AWS Backup).",
  );

  const digests = storage.bucket('audit-digests').bucket;
  acknowledgeNagFinding(
    digests,
    'NIST.800.53.R5-S3DefaultEncryptionKMS',
    'The sealed audit digests (hashes and signatures, no personal data) must stay readable for their whole Object Lock retention whatever happens to a key: a disabled or deleted key would make records unreadable that nobody may rewrite.',
  );

  const trailBucket = stack.accountTrail.bucket;
  acknowledgeNagFinding(
    trailBucket,
    'NIST.800.53.R5-S3DefaultEncryptionKMS',
    "CloudTrail encrypts each log file with the trail's own KMS key (the trail's KMSKeyId); only its digest files use the bucket's default SSE-S3, as CloudTrail writes them.",
  );
  acknowledgeNagFinding(
    trailBucket,
    'NIST.800.53.R5-S3BucketReplicationEnabled',
    "Kept under Object Lock in compliance mode for the audit retention, with CloudTrail's signed digests; a copy beyond this account's reach is an organisation trail's (a log-archive account), outside this stack.",
  );

  // Replication to a second EU region is not built (docs/security.md, "Still open"): until it is,
  // the finding is acknowledged with what protects the two buckets meanwhile, and why the mail
  // bucket's copy needs the erasure to reach it first.
  const notReplicated: Record<'mail' | 'audit-digests', string> = {
    mail: "Not replicated yet (docs/security.md, still open): versioned in one region's three zones, its records under AWS Backup's tables. A replica needs the data protection officer's erasure and the retention sweeper to reach it first: S3 replication never copies the deletion of a version, so an erased file would live on in the copy.",
    'audit-digests':
      "Not replicated yet (docs/security.md, still open): versioned and under Object Lock in compliance mode in one region's three zones; the audit table it seals is under AWS Backup, so losing the region's copy would lose the seals' proof, not the records.",
  };
  for (const id of ['mail', 'audit-digests'] as const)
    acknowledgeNagFinding(
      storage.bucket(id).bucket,
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      notReplicated[id],
    );
}

/** CDK's BucketDeployment: its function, log group and role run only while deploying the pages. */
function acknowledgeWebDeployment(stack: AcknowledgedStack): void {
  const hosting = stack.webHosting;
  const logs = child(hosting, 'DeploymentLogs');
  if (logs)
    acknowledgeNagFinding(
      logs,
      'NIST.800.53.R5-CloudWatchLogGroupEncrypted',
      "CDK's deployment function logs the web build's file names and the AWS CLI's output: no personal data, kept a month.",
    );
  const role = child(hosting, 'DeploymentRole');
  if (role)
    acknowledgeNagFinding(
      role,
      'NIST.800.53.R5-IAMNoInlinePolicy',
      "CDK's grants to its deployment function: an AWS::IAM::Policy attached to this one role, reading the asset and writing the site bucket only.",
    );
  const handler = deploymentHandler(stack);
  if (!handler) return;
  const cdkOwn =
    "CDK's BucketDeployment function (aws-cdk-lib's code, runtime and layer), run by CloudFormation only while a deployment copies the built pages";
  acknowledgeNagFinding(
    handler,
    'NIST.800.53.R5-LambdaInsideVPC',
    `${cdkOwn}: it reaches S3 and CloudFront's API only, no VPC resource.`,
  );
  acknowledgeNagFinding(
    handler,
    'NIST.800.53.R5-LambdaConcurrency',
    `${cdkOwn}: one invocation per deployment, nothing public can invoke it.`,
  );
  acknowledgeNagFindings(
    handler,
    ['NIST.800.53.R5-LambdaDLQ', 'Serverless-LambdaDLQ'],
    `${cdkOwn}: invoked synchronously by CloudFormation, which fails the deployment on an error.`,
  );
  acknowledgeNagFinding(
    handler,
    'Serverless-LambdaLatestVersion',
    `${cdkOwn}: its Python runtime is fixed by aws-cdk-lib and moves with it.`,
  );
  acknowledgeNagFinding(
    handler,
    'Serverless-LambdaTracing',
    `${cdkOwn}: a deployment step, its outcome reported by CloudFormation; nothing to trace across services.`,
  );
}

function deploymentHandler(stack: Stack): IConstruct | undefined {
  return stack.node.children.find((candidate) => candidate.node.id.startsWith('Custom::CDKBucketDeployment'));
}
