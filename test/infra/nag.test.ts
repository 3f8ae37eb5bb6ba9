import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, NIST80053R5Checks, ServerlessChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app-factory.ts';
import { acknowledgeNagFinding } from '../../infra/constructs/nag.ts';
import { functions } from '../../infra/inventory.ts';
import {
  describeViolations,
  type PluginReport,
  type SynthOutcome,
  synthWithValidation,
  testContext,
} from './support.ts';

const packs = ['AwsSolutions', 'NIST.800.53.R5', 'Serverless'] as const;
type Pack = (typeof packs)[number];

const nagReport = (outcome: SynthOutcome, pack: Pack = 'AwsSolutions'): PluginReport | undefined =>
  outcome.reports.find((report) => report.pluginName === pack);

/** The construct paths of the acknowledged findings of `rule` (a pack's rule id, no finding suffix). */
const acknowledgedAt = (outcome: SynthOutcome, pack: Pack, rule: string): string[] =>
  (nagReport(outcome, pack)?.suppressedViolations ?? [])
    .filter((finding) => finding.ruleName === rule)
    .flatMap((finding) => finding.violatingConstructs.map((construct) => construct.constructPath))
    .sort();

describe('cdk-nag AwsSolutions, NIST 800-53 rev 5 and Serverless on the courtdesk app', () => {
  let webBuild: string;
  let outcome: SynthOutcome;

  // Bundles every function: minutes on two shared cores.
  beforeAll(() => {
    // Prepare: a stand-in web build, so the BucketDeployment (and its findings) is checked too.
    webBuild = mkdtempSync(join(tmpdir(), 'courtdesk-web-'));
    writeFileSync(join(webBuild, 'index.html'), '<!doctype html><title>courtdesk</title>');
    const { app, stack } = buildApp({ context: testContext, webAssetsPath: webBuild });
    expect(stack.webHosting.deployment).toBeDefined();
    // Act
    outcome = synthWithValidation(app);
  }, 600_000);

  afterAll(() => rmSync(webBuild, { recursive: true, force: true }));

  it('synthesizes without a validation failure', () => {
    expect(outcome.error).toBeUndefined();
  });

  it.each(packs)('%s reports no unsuppressed error or warning', (pack) => {
    const report = nagReport(outcome, pack);
    expect(report, `the ${pack} plugin did not run`).toBeDefined();
    expect(describeViolations(report?.violations ?? [])).toEqual([]);
    expect(report?.conclusion).toBe('success');
  });

  it("passes CloudFormation's own template validation (which only warns by default)", () => {
    const report = outcome.reports.find((candidate) => candidate.pluginName === 'CloudFormation Validate');
    expect(report, 'the CloudFormation validation did not run').toBeDefined();
    expect(describeViolations(report?.violations ?? [])).toEqual([]);
  });

  it('acknowledges the mail bucket grants by prefix only, never a whole bucket', () => {
    const onMail = (nagReport(outcome)?.suppressedViolations ?? []).filter((finding) =>
      finding.ruleName.startsWith('AwsSolutions-IAM5[Resource::<StorageMailBucket'),
    );
    // One per prefix and function that holds it: ingest-email, ingest-postal, send-email, staff-api
    // (reads, writes, the data protection officer's erasure of every version and the exports), the
    // email intake's S3 action, and retention-sweeper (every version of a due ticket's files, and of
    // the retention prefix types).
    const rule = (prefix: string, times: number) =>
      Array.from({ length: times }, () => `AwsSolutions-IAM5[Resource::<mail>/${prefix}/*]`);
    expect(onMail.map((finding) => finding.ruleName.replace(/<[^>]+>/, '<mail>')).sort()).toEqual([
      ...rule('attachments', 3),
      ...rule('exports', 2),
      ...rule('letters', 3),
      ...rule('quarantine', 3),
      ...rule('raw-mail', 4),
      ...rule('replies', 3),
      ...rule('scans', 3),
    ]);
    const policy = (path: string, times: number) =>
      Array.from({ length: times }, () => `Courtdesk/${path}/DefaultPolicy/Resource`);
    expect(
      onMail
        .flatMap((finding) => finding.violatingConstructs.map((construct) => construct.constructPath))
        .sort(),
    ).toEqual([
      ...policy('EmailIntake/S3ActionRole', 1),
      ...policy('Functions/IngestEmail/Role', 3),
      ...policy('Functions/IngestPostal/Role', 1),
      ...policy('Functions/RetentionSweeper/Role', 7),
      ...policy('Functions/SendEmail/Role', 2),
      ...policy('Functions/StaffApi/Role', 7),
    ]);
  });

  it.each(packs)('%s: gives every acknowledged finding a written reason', (pack) => {
    const suppressed = nagReport(outcome, pack)?.suppressedViolations ?? [];
    expect(suppressed.length).toBeGreaterThan(0);
    for (const finding of suppressed) {
      expect(finding.reason?.length ?? 0, `${finding.ruleName} at ${finding.acknowledgedAt}`).toBeGreaterThan(
        40,
      );
    }
  });

  it('acknowledges missing authorization on the public routes only, never on a staff route', () => {
    const apig4 = (nagReport(outcome)?.suppressedViolations ?? []).filter(
      (finding) => finding.ruleName === 'AwsSolutions-APIG4',
    );
    expect(
      apig4
        .flatMap((finding) => finding.violatingConstructs.map((construct) => construct.constructPath))
        .sort(),
    ).toEqual([
      'Courtdesk/WebIntake/Api/GET--api--auth--config/Resource',
      'Courtdesk/WebIntake/Api/GET--api--survey/Resource',
      'Courtdesk/WebIntake/Api/GET--api--topics/Resource',
      'Courtdesk/WebIntake/Api/POST--api--assistant--answers/Resource',
      'Courtdesk/WebIntake/Api/POST--api--assistant--feedback/Resource',
      'Courtdesk/WebIntake/Api/POST--api--requests/Resource',
      'Courtdesk/WebIntake/Api/POST--api--survey--view/Resource',
      'Courtdesk/WebIntake/Api/POST--api--survey/Resource',
    ]);
  });

  it('acknowledges nothing on the staff user pool, its client or the staff authorizer', () => {
    const suppressed = (nagReport(outcome)?.suppressedViolations ?? []).filter(
      (finding) =>
        /^AwsSolutions-COG/.test(finding.ruleName) ||
        finding.violatingConstructs.some((construct) =>
          /\/StaffIdentity\/|StaffAuthorizer|--api--staff--/.test(construct.constructPath),
        ),
    );
    expect(describeViolations(suppressed)).toEqual([]);
  });

  it('acknowledges no outdated runtime or managed policy on courtdesk functions', () => {
    const ours = (nagReport(outcome)?.suppressedViolations ?? []).filter(
      (finding) =>
        /^AwsSolutions-(L1|IAM4)/.test(finding.ruleName) &&
        finding.violatingConstructs.some((construct) => construct.constructPath.includes('/Functions/')),
    );
    expect(describeViolations(ours)).toEqual([]);
  });

  it('reserves concurrency for every public function rather than acknowledging it', () => {
    const publicFunctions = functions
      .filter((spec) => spec.triggers.every((trigger) => trigger.kind === 'http' && trigger.auth !== 'staff'))
      .map((spec) => spec.name);
    expect(publicFunctions.sort()).toEqual(['assistant-api', 'ingest-web', 'list-topics', 'survey-api']);
    const acknowledged = acknowledgedAt(outcome, 'NIST.800.53.R5', 'NIST.800.53.R5-LambdaConcurrency');
    for (const name of publicFunctions) {
      const path = `Courtdesk/Functions/${name.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase())}/Function/Resource`;
      expect(acknowledged).not.toContain(path);
    }
    // The rest: every other courtdesk function, and CDK's deployment function.
    expect(acknowledged).toHaveLength(functions.length - publicFunctions.length + 1);
  });

  it("encrypts the functions' log groups rather than acknowledging them", () => {
    expect(acknowledgedAt(outcome, 'NIST.800.53.R5', 'NIST.800.53.R5-CloudWatchLogGroupEncrypted')).toEqual([
      'Courtdesk/WebHosting/DeploymentLogs/Resource',
      'Courtdesk/WebIntake/AccessLogs/Resource',
    ]);
  });

  it('acknowledges only the NIST rules argued for, among them replication of the mail and audit-digest buckets', () => {
    // Not built yet (docs/security.md): acknowledged with what protects the buckets meanwhile.
    expect(acknowledgedAt(outcome, 'NIST.800.53.R5', 'NIST.800.53.R5-S3BucketReplicationEnabled')).toEqual(
      expect.arrayContaining([
        'Courtdesk/Storage/AuditDigestsBucket/Resource',
        'Courtdesk/Storage/MailBucket/Resource',
      ]),
    );
    const rules = new Set(
      (nagReport(outcome, 'NIST.800.53.R5')?.suppressedViolations ?? []).map((finding) => finding.ruleName),
    );
    // Every NIST acknowledgement is one of these rules; anything new has to be argued here first.
    expect([...rules].sort()).toEqual(
      [
        'NIST.800.53.R5-CloudTrailCloudWatchLogsEnabled',
        'NIST.800.53.R5-CloudWatchLogGroupEncrypted',
        'NIST.800.53.R5-IAMNoInlinePolicy',
        'NIST.800.53.R5-LambdaConcurrency',
        'NIST.800.53.R5-LambdaDLQ',
        'NIST.800.53.R5-LambdaInsideVPC',
        'NIST.800.53.R5-S3BucketReplicationEnabled',
        'NIST.800.53.R5-S3BucketVersioningEnabled',
        'NIST.800.53.R5-S3DefaultEncryptionKMS',
        // The origin secret: rotated by hand with the distribution, its value in CloudFront's config.
        'NIST.800.53.R5-SecretsManagerRotationEnabled',
        'NIST.800.53.R5-SecretsManagerUsingKMSKey',
        'NIST.800.53.R5-WAFv2LoggingEnabled',
      ].sort(),
    );
  });
});

describe('the nag check itself', () => {
  // A throwaway app with deliberately bad resources: if these are not reported, the check above
  // would pass vacuously.
  let outcome: SynthOutcome;

  beforeAll(() => {
    const app = new App();
    const stack = new Stack(app, 'Bad');
    new Bucket(stack, 'UnloggedBucket');
    const acknowledged = new Queue(stack, 'QueueWithoutDeadLetters');
    acknowledgeNagFinding(
      acknowledged,
      'AwsSolutions-SQS3',
      'Deliberately acknowledged in this test to prove suppression works.',
    );
    const unreplicated = new Bucket(stack, 'AcknowledgedBucket');
    acknowledgeNagFinding(
      unreplicated,
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'Deliberately acknowledged in this test to prove suppression works in another pack.',
    );
    Validations.of(app).addPlugins(
      new AwsSolutionsChecks(app),
      new NIST80053R5Checks(app),
      new ServerlessChecks(app),
    );
    outcome = synthWithValidation(app);
  });

  it('fails synthesis and reports the bad bucket and queue', () => {
    expect(outcome.error).toBeInstanceOf(Error);
    const reported = describeViolations(nagReport(outcome)?.violations ?? []);
    expect(reported).toEqual(
      expect.arrayContaining([
        'error AwsSolutions-S1 at Bad/UnloggedBucket/Resource',
        'error AwsSolutions-S10 at Bad/UnloggedBucket/Resource',
        'error AwsSolutions-SQS4 at Bad/QueueWithoutDeadLetters/Resource',
      ]),
    );
  });

  it('moves an acknowledged finding to the suppressed list, with its reason', () => {
    const report = nagReport(outcome);
    expect(describeViolations(report?.violations ?? []).filter((line) => line.includes('SQS3'))).toEqual([]);
    expect(report?.suppressedViolations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ruleName: 'AwsSolutions-SQS3',
          reason: 'Deliberately acknowledged in this test to prove suppression works.',
        }),
      ]),
    );
  });

  it('runs the NIST and Serverless packs too, and suppresses their acknowledged findings only', () => {
    const nist = describeViolations(nagReport(outcome, 'NIST.800.53.R5')?.violations ?? []);
    expect(nist).toEqual(
      expect.arrayContaining([
        'error NIST.800.53.R5-S3BucketReplicationEnabled at Bad/UnloggedBucket/Resource',
        'error NIST.800.53.R5-S3BucketVersioningEnabled at Bad/UnloggedBucket/Resource',
      ]),
    );
    expect(nist).not.toContain(
      'error NIST.800.53.R5-S3BucketReplicationEnabled at Bad/AcknowledgedBucket/Resource',
    );
    expect(nagReport(outcome, 'NIST.800.53.R5')?.suppressedViolations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ruleName: 'NIST.800.53.R5-S3BucketReplicationEnabled',
          reason: 'Deliberately acknowledged in this test to prove suppression works in another pack.',
        }),
      ]),
    );
    expect(describeViolations(nagReport(outcome, 'Serverless')?.violations ?? [])).toEqual(
      expect.arrayContaining(['error Serverless-SQSRedrivePolicy at Bad/QueueWithoutDeadLetters/Resource']),
    );
  });
});
