/**
 * For analysts (infra/constructs/analytics.ts): the tickets exported by export-analytics, a Glue
 * table of non-personal columns over the rows only, an Athena workgroup with enforced settings
 * and SSE-KMS results, and an analysts' policy limited to that workgroup, catalogue and prefixes.
 */

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app-factory.ts';
import { analyticsNames } from '../../infra/constructs/analytics.ts';
import {
  actionsOf,
  allowedActionsByResource,
  arnOf,
  courtdesk,
  describeViolations,
  logicalId,
  resourcesOf,
  type Statement,
  skipBundling,
  statementsOf,
  synthWithValidation,
  testContext,
} from './support.ts';

const { stack, resources } = courtdesk();
const analytics = () => stack.analytics;
const bucketId = () => logicalId(analytics().bucket);
const json = (value: unknown) => JSON.stringify(value);

describe('the analytics catalogue', () => {
  const table = () =>
    resources[logicalId(analytics().table)]?.Properties as {
      DatabaseName: string;
      TableInput: {
        Name: string;
        PartitionKeys: { Name: string }[];
        Parameters: Record<string, string>;
        StorageDescriptor: { Columns: { Name: string; Type: string }[]; Location: unknown };
      };
    };

  it('declares the service facts only: no client, subject, body, reason or staff member', () => {
    const columns = table().TableInput.StorageDescriptor.Columns.map((column) => column.Name);
    expect(columns).toEqual(
      expect.arrayContaining([
        'reference',
        'competence',
        'channel',
        'status',
        'topic',
        'language',
        'received_at',
        'stored_at',
        'answer_deadline',
        'first_response_due',
        'expected_answer_by',
        'first_response_at',
        'answered_at',
        'closed_at',
        'status_changes',
      ]),
    );
    for (const column of columns)
      expect(column).not.toMatch(/client|name|email|phone|address|subject|body|reason|assignee|^by$/);
    expect(json(table().TableInput.StorageDescriptor.Columns)).not.toMatch(/reason|by:/);
  });

  it('reads the rows under tickets/ by day, never the raw exports', () => {
    const { TableInput, DatabaseName } = table();
    expect(DatabaseName).toBe(analyticsNames.database);
    expect(TableInput.Name).toBe('tickets');
    expect(json(TableInput.StorageDescriptor.Location)).toContain('/tickets/');
    expect(json(TableInput)).not.toContain('/exports/');
    expect(TableInput.PartitionKeys).toEqual([{ Name: 'day', Type: 'string' }]);
    expect(TableInput.Parameters['projection.enabled']).toBe('true');
  });
});

describe('the Athena workgroup', () => {
  it('enforces its settings and encrypts results with the analytics key', () => {
    const properties = resources[logicalId(analytics().workGroup)]?.Properties;
    expect(properties).toMatchObject({
      Name: analyticsNames.workGroup,
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        ResultConfiguration: {
          EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: arnOf(analytics().key) },
        },
      },
    });
    expect(json(properties)).toContain('/results/');
  });

  it('keeps everything in a KMS-encrypted, private bucket whose raw exports expire within a week', () => {
    const properties = resources[bucketId()]?.Properties as Record<string, unknown>;
    expect(json(properties.BucketEncryption)).toContain('aws:kms');
    expect(properties.PublicAccessBlockConfiguration).toMatchObject({
      BlockPublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(properties.LifecycleConfiguration).toMatchObject({
      Rules: expect.arrayContaining([expect.objectContaining({ Prefix: 'exports/', ExpirationInDays: 7 })]),
    });
  });
});

describe("the analysts' policy", () => {
  const statements = (): Statement[] => {
    const policy = resources[logicalId(analytics().analystsPolicy)]?.Properties?.PolicyDocument as
      | { Statement: Statement[] }
      | undefined;
    return policy?.Statement ?? [];
  };

  it('allows Athena in its workgroup, Glue on its database and table, S3 on rows and results, the key', () => {
    const allowed = statements().filter((statement) => statement.Effect === 'Allow');
    const athena = allowed.filter((statement) => actionsOf(statement).some((a) => a.startsWith('athena:')));
    expect(athena.flatMap(resourcesOf).map(json).join()).toContain(`workgroup/${analyticsNames.workGroup}`);
    const glue = allowed.filter((statement) => actionsOf(statement).some((a) => a.startsWith('glue:')));
    expect(actionsOf(glue[0]!).every((action) => action.startsWith('glue:Get'))).toBe(true);
    const s3Objects = allowed
      .filter((statement) => actionsOf(statement).includes('s3:GetObject'))
      .flatMap(resourcesOf)
      .map(json);
    expect(s3Objects).toHaveLength(2);
    expect(s3Objects.some((resource) => resource.includes('/tickets/*'))).toBe(true);
    expect(s3Objects.some((resource) => resource.includes('/results/*'))).toBe(true);
    expect(allowed.flatMap(actionsOf).filter((action) => action.includes('*'))).toEqual([]);
    expect(allowed.flatMap(actionsOf).some((action) => action.startsWith('dynamodb:'))).toBe(false);
  });

  it('denies everything on the raw exports and the export state', () => {
    const denied = statements().filter((statement) => statement.Effect === 'Deny');
    expect(denied.flatMap(actionsOf)).toEqual(['s3:*']);
    expect(denied.flatMap(resourcesOf).map(json).join()).toMatch(/exports\/\*.*state\/\*/);
  });
});

describe('export-analytics', () => {
  it('may export the tickets table and follow its exports, nothing else in DynamoDB', () => {
    const dynamo = statementsOf('export-analytics').filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('dynamodb:')),
    );
    const tickets = arnOf(stack.data.table('tickets').table);
    expect(dynamo.map((statement) => [actionsOf(statement), resourcesOf(statement)])).toEqual([
      [['dynamodb:ExportTableToPointInTime'], [tickets]],
      [['dynamodb:DescribeExport'], [{ 'Fn::Join': ['', [tickets, '/export/*']] }]],
    ]);
  });

  it('writes rows and state, reads back the exports and state, lists the state only', () => {
    const s3 = allowedActionsByResource(statementsOf('export-analytics'), 's3');
    const bucket = arnOf(analytics().bucket);
    const under = (prefix: string) => json({ 'Fn::Join': ['', [bucket, `/${prefix}*`]] });
    expect(s3).toEqual({
      [json(bucket)]: ['s3:ListBucket'],
      [under('exports/')]: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject', 's3:PutObjectAcl'],
      [under('tickets/')]: ['s3:PutObject'],
      [under('state/')]: ['s3:GetObject', 's3:PutObject'],
    });
  });

  it('is not run in the sandbox, and runs hourly in the cloud', () => {
    expect(stack.functions.get('export-analytics').spec.cloudOnly).toBe(true);
    expect(stack.functions.get('export-analytics').schedules).toHaveLength(1);
  });
});

describe('cdk-nag on the whole app (functions not bundled)', () => {
  it('reports no unsuppressed finding', () => {
    const { app } = buildApp({
      context: { ...testContext, ...skipBundling },
      webAssetsPath: fileURLToPath(new URL('./no-web-build', import.meta.url)),
    });
    const outcome = synthWithValidation(app);
    const report = outcome.reports.find((candidate) => candidate.pluginName === 'AwsSolutions');
    expect(describeViolations(report?.violations ?? [])).toEqual([]);
    expect(outcome.error).toBeUndefined();
  }, 300_000);
});
