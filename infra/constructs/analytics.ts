import { Aws, type CfnElement, Duration, Stack } from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { Effect, ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { analyticsPrefixes } from '../../shared/adapters/analytics/aws-table-exports.ts';
import { analyticsColumns } from '../../shared/domain/analytics-row.ts';
import type { CourtdeskFunction } from './lambda-function.ts';
import { acknowledgeNagFinding } from './nag.ts';
import { privateBucket } from './private-bucket.ts';
import { rotatingKey } from './rotating-key.ts';

/** Properties of {@link Analytics}. */
export interface AnalyticsProps {
  /** The table exported (with point-in-time recovery, which exports need). */
  readonly tickets: Table;
  /** The export function (`export-analytics`), granted here. */
  readonly exporter: CourtdeskFunction;
  /** Where the bucket's server access logs go. */
  readonly accessLogBucket: IBucket;
  /**
   * Days DynamoDB's raw exports (whole items, personal data included) are kept once turned into
   * rows. @default 7
   */
  readonly rawExportDays?: number;
}

/** The Glue database and table names, the Athena workgroup's and the analysts' policy's. */
export const analyticsNames = {
  database: 'courtdesk_analytics',
  table: 'tickets',
  workGroup: 'courtdesk-analysts',
  policy: 'courtdesk-analysts',
} as const;

/**
 * For analysts who outgrow the dashboard (issue 17, item 6): the tickets table exported to S3 by
 * `export-analytics` (DynamoDB's full export once, then incremental ones hourly), turned into rows
 * without personal data under `tickets/`, a Glue table over those rows only, and an Athena
 * workgroup with enforced settings and SSE-KMS results. The raw exports (`exports/`) are readable
 * by the export function alone and expire after a week; the analysts' managed policy reads the
 * rows and its own results, never the raw exports (an explicit deny).
 */
export class Analytics extends Construct {
  public readonly key;
  public readonly bucket;
  public readonly database: CfnDatabase;
  public readonly table: CfnTable;
  public readonly workGroup: CfnWorkGroup;
  public readonly analystsPolicy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: AnalyticsProps) {
    super(scope, id);
    this.key = rotatingKey(this, 'Key', 'courtdesk: encrypts the analytics exports, rows and query results');
    this.bucket = privateBucket(this, 'Bucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 's3/analytics/',
      lifecycleRules: [
        { prefix: analyticsPrefixes.exports, expiration: Duration.days(props.rawExportDays ?? 7) },
        { prefix: analyticsPrefixes.results, expiration: Duration.days(30) },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    const objects = (prefix: string) => this.bucket.arnForObjects(`${prefix}*`);

    // The exporter: starts exports of the tickets table into exports/ and follows them, reads them
    // back, writes the rows and its state.
    const { exporter } = props;
    exporter.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:ExportTableToPointInTime'],
        resources: [props.tickets.tableArn],
      }),
    );
    exporter.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:DescribeExport'],
        resources: [`${props.tickets.tableArn}/export/*`],
      }),
    );
    exporter.role.addToPrincipalPolicy(
      new PolicyStatement({
        // What DynamoDB's export writes with the caller's permissions.
        actions: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:PutObjectAcl', 's3:GetObject'],
        resources: [objects(analyticsPrefixes.exports)],
      }),
    );
    exporter.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [objects(analyticsPrefixes.rows), objects(analyticsPrefixes.state)],
      }),
    );
    exporter.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [objects(analyticsPrefixes.state)] }),
    );
    // A missing state object is a 404 (the first run) only with ListBucket.
    exporter.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${analyticsPrefixes.state}*`] } },
      }),
    );
    this.key.grantEncryptDecrypt(exporter.role);
    exporter.function.addEnvironment('ANALYTICS_BUCKET', this.bucket.bucketName);
    exporter.function.addEnvironment('ANALYTICS_KEY_ARN', this.key.keyArn);
    exporter.function.addEnvironment('TICKETS_TABLE_ARN', props.tickets.tableArn);
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    const tableId = Stack.of(this).getLogicalId(props.tickets.node.defaultChild as CfnElement);
    for (const prefix of Object.values(analyticsPrefixes))
      for (const scope of [this, exporter.role])
        acknowledgeNagFinding(
          scope,
          `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
          `Objects under ${prefix} of the analytics bucket only: export files, rows and results are many, so the grant names the prefix.`,
        );
    acknowledgeNagFinding(
      exporter.role,
      `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/export/*]`,
      'dynamodb:DescribeExport on the exports of the tickets table only: each export has an ARN of its own.',
    );
    for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*'])
      acknowledgeNagFinding(
        exporter.role,
        `AwsSolutions-IAM5[Action::${action}]`,
        `CDK's KMS grant for the analytics bucket: ${action} on that one key only.`,
      );

    // The catalogue: the rows only, by day (partition projection: no crawler, no partition to add).
    const location = `s3://${this.bucket.bucketName}/${analyticsPrefixes.rows}`;
    this.database = new CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: {
        name: analyticsNames.database,
        description: 'courtdesk: tickets for analysts, without personal data (docs/analytics.md)',
      },
    });
    this.table = new CfnTable(this, 'TicketsTable', {
      catalogId: Aws.ACCOUNT_ID,
      databaseName: analyticsNames.database,
      tableInput: {
        name: analyticsNames.table,
        description: 'One row per exported change of a ticket; no client, subject, body or staff names',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [{ name: 'day', type: 'string' }],
        parameters: {
          classification: 'json',
          'projection.enabled': 'true',
          'projection.day.type': 'date',
          'projection.day.format': 'yyyy-MM-dd',
          'projection.day.range': '2026-01-01,NOW',
          'projection.day.interval': '1',
          'projection.day.interval.unit': 'DAYS',
          'storage.location.template': `${location}day=\${day}/`,
        },
        storageDescriptor: {
          location,
          columns: analyticsColumns.map((column) => ({ name: column.name, type: column.type })),
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: { serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' },
        },
      },
    });
    this.table.addDependency(this.database);

    this.workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: analyticsNames.workGroup,
      description: 'courtdesk analysts: queries of the analytics catalogue, results encrypted',
      state: 'ENABLED',
      workGroupConfiguration: {
        // Nobody's own settings (an unencrypted output location) override these.
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${this.bucket.bucketName}/${analyticsPrefixes.results}`,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: this.key.keyArn },
        },
      },
    });

    const region = Aws.REGION;
    const account = Aws.ACCOUNT_ID;
    const glueArn = (resource: string) => `arn:${Aws.PARTITION}:glue:${region}:${account}:${resource}`;
    this.analystsPolicy = new ManagedPolicy(this, 'AnalystsPolicy', {
      managedPolicyName: analyticsNames.policy,
      description:
        'courtdesk analysts: Athena in the courtdesk-analysts workgroup over the analytics catalogue only',
      statements: [
        new PolicyStatement({
          actions: [
            'athena:StartQueryExecution',
            'athena:StopQueryExecution',
            'athena:GetQueryExecution',
            'athena:GetQueryResults',
            'athena:ListQueryExecutions',
            'athena:GetWorkGroup',
          ],
          resources: [
            `arn:${Aws.PARTITION}:athena:${region}:${account}:workgroup/${analyticsNames.workGroup}`,
          ],
        }),
        new PolicyStatement({
          actions: [
            'glue:GetDatabase',
            'glue:GetTable',
            'glue:GetTables',
            'glue:GetPartition',
            'glue:GetPartitions',
          ],
          resources: [
            glueArn('catalog'),
            glueArn(`database/${analyticsNames.database}`),
            glueArn(`table/${analyticsNames.database}/${analyticsNames.table}`),
          ],
        }),
        new PolicyStatement({ actions: ['s3:GetObject'], resources: [objects(analyticsPrefixes.rows)] }),
        new PolicyStatement({
          actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
          resources: [objects(analyticsPrefixes.results)],
        }),
        new PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [this.bucket.bucketArn],
          conditions: {
            StringLike: { 's3:prefix': [`${analyticsPrefixes.rows}*`, `${analyticsPrefixes.results}*`] },
          },
        }),
        new PolicyStatement({ actions: ['s3:GetBucketLocation'], resources: [this.bucket.bucketArn] }),
        new PolicyStatement({
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [this.key.keyArn],
        }),
        // The raw exports hold the whole tickets: never the analysts', whatever else they are given.
        new PolicyStatement({
          effect: Effect.DENY,
          actions: ['s3:*'],
          resources: [objects(analyticsPrefixes.exports), objects(analyticsPrefixes.state)],
        }),
      ],
    });
    acknowledgeNagFinding(
      this.analystsPolicy,
      'AwsSolutions-IAM5[Action::s3:*]',
      'A deny, not a grant: nothing at all on the raw exports and the export state.',
    );
  }
}
