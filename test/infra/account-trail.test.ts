import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccountTrail, itemChangingCalls } from '../../infra/constructs/account-trail.ts';
import { logicalId } from './support.ts';

let trail: AccountTrail;
let template: Template;
let tickets: TableV2;
let audit: TableV2;
let mail: Bucket;

beforeAll(() => {
  const stack = new Stack(new App(), 'TrailTest', { env: { account: '123456789012', region: 'eu-north-1' } });
  tickets = new TableV2(stack, 'Tickets', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
  audit = new TableV2(stack, 'Audit', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
  mail = new Bucket(stack, 'Mail');
  const logs = new Bucket(stack, 'Logs');
  trail = new AccountTrail(stack, 'AccountTrail', {
    tables: [tickets, audit],
    buckets: [mail],
    accessLogBucket: logs,
    retention: Duration.days(2557),
  });
  template = Template.fromStack(stack);
});

const getAtt = (construct: { node: { defaultChild?: unknown } } | TableV2 | Bucket, attribute: string) => ({
  'Fn::GetAtt': [logicalId(construct as never), attribute],
});

describe('AccountTrail', () => {
  it('is one multi-region trail with log-file validation, global service events and its own KMS key', () => {
    template.resourceCountIs('AWS::CloudTrail::Trail', 1);
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      IsLogging: true,
      KMSKeyId: getAtt(trail.key, 'Arn'),
      S3BucketName: { Ref: logicalId(trail.bucket) },
    });
  });

  it('logs every management event and the data events of the named tables and buckets only', () => {
    const [resource] = Object.values(template.findResources('AWS::CloudTrail::Trail'));
    const properties = (resource as { Properties: Record<string, unknown> }).Properties;
    expect(properties.EventSelectors).toBeUndefined();
    expect(properties.AdvancedEventSelectors).toEqual([
      { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      {
        Name: 'Item-level calls on the tables holding tickets and audit records',
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: ['AWS::DynamoDB::Table'] },
          { Field: 'resources.ARN', Equals: [getAtt(tickets, 'Arn'), getAtt(audit, 'Arn')] },
        ],
      },
      {
        Name: 'Object-level calls on the buckets holding mail and scans',
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
          { Field: 'resources.ARN', StartsWith: [{ 'Fn::Join': ['', [getAtt(mail, 'Arn'), '/']] }] },
        ],
      },
    ]);
  });

  it('keeps the log files in a bucket of its own with Object Lock in compliance mode for the configured time', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2557 } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    const bucket = template.toJSON().Resources[logicalId(trail.bucket)];
    expect(bucket.DeletionPolicy).toBe('Retain');
  });

  it('lets only CloudTrail, for this trail, make data keys with the key; SSL only on the bucket', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'CloudTrailEncryptsLogFiles',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 'kms:GenerateDataKey*',
            Condition: {
              StringEquals: { 'aws:SourceArn': Match.anyValue() },
              StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': Match.anyValue() },
            },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(trail.bucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Action: 's3:PutObject', Principal: { Service: 'cloudtrail.amazonaws.com' } }),
        ]),
      },
    });
  });

  it('lets CloudTrail write to the bucket for this trail only (aws:SourceArn), in no statement without it', () => {
    // The trail's ARN from its explicit name: no reference from the bucket policy back to the trail.
    const trailArn = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':cloudtrail:eu-north-1:123456789012:trail/TrailTest-account-trail',
        ],
      ],
    };
    const policies = Object.values(
      template.findResources('AWS::S3::BucketPolicy', {
        Properties: { Bucket: { Ref: logicalId(trail.bucket) } },
      }),
    ) as { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } }[];
    expect(policies).toHaveLength(1);
    const forCloudTrail = policies[0]!.Properties.PolicyDocument.Statement.filter(
      (statement) =>
        JSON.stringify(statement.Principal) === JSON.stringify({ Service: 'cloudtrail.amazonaws.com' }),
    );
    expect(forCloudTrail).toEqual([
      {
        Sid: 'CloudTrailChecksBucketAcl',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: getAtt(trail.bucket, 'Arn'),
        Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
      },
      {
        Sid: 'CloudTrailWritesLogFiles',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: { 'Fn::Join': ['', [getAtt(trail.bucket, 'Arn'), '/AWSLogs/123456789012/*']] },
        Condition: {
          StringEquals: { 'aws:SourceArn': trailArn, 's3:x-amz-acl': 'bucket-owner-full-control' },
        },
      },
    ]);
    // The trail is created after the policy (CloudTrail checks it may write), and names the bucket.
    const trailResource = template.toJSON().Resources[logicalId(trail.trail)];
    expect(trailResource.DependsOn).toContain(
      Object.keys(
        template.findResources('AWS::S3::BucketPolicy', {
          Properties: { Bucket: { Ref: logicalId(trail.bucket) } },
        }),
      )[0],
    );
  });
});

describe('AccountTrail: the append-only tables', () => {
  it('reports any change or deletion of an audit item on the alarm topic, naming the call and the caller', () => {
    const stack = new Stack(new App(), 'TamperTest', {
      env: { account: '123456789012', region: 'eu-north-1' },
    });
    const auditTable = new TableV2(stack, 'Audit', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
    });
    const topic = new Topic(stack, 'Alarms');
    const withRule = new AccountTrail(stack, 'AccountTrail', {
      tables: [auditTable],
      buckets: [],
      accessLogBucket: new Bucket(stack, 'Logs'),
      retention: Duration.days(1),
      appendOnlyTables: [auditTable],
      alarmTopic: topic,
    });
    const rules = Template.fromStack(stack).findResources('AWS::Events::Rule');
    expect(Object.keys(rules)).toEqual([logicalId(withRule.tamperRule!)]);
    const rule = Object.values(rules)[0] as {
      Properties: { EventPattern: unknown; Targets: { Arn: unknown; InputTransformer: unknown }[] };
    };
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.dynamodb'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: {
        eventSource: ['dynamodb.amazonaws.com'],
        eventName: [...itemChangingCalls],
        resources: { ARN: [{ 'Fn::GetAtt': [logicalId(auditTable), 'Arn'] }] },
      },
    });
    expect(itemChangingCalls).toEqual(expect.arrayContaining(['UpdateItem', 'DeleteItem', 'BatchWriteItem']));
    expect(itemChangingCalls).not.toContain('PutItem');
    const [target] = rule.Properties.Targets;
    expect(target?.Arn).toEqual({ Ref: logicalId(topic) });
    expect(JSON.stringify(target?.InputTransformer)).toContain('$.detail.userIdentity.arn');
  });
});
