import { fileURLToPath } from 'node:url';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app-factory.ts';
import { functions, queues, type TableSpec, tableAccessOf, tables } from '../../infra/inventory.ts';
import type { CourtdeskStack } from '../../infra/stack.ts';
import {
  actionsOf,
  allowedActionsByResource,
  allowing,
  arnOf,
  logicalId,
  refOf,
  resourcesOf,
  type Statement,
  statementsOfRole,
  testContext,
} from './support.ts';

let stack: CourtdeskStack;
let template: Template;
/** The template's resources by logical id, read once. */
let resources: Record<string, { Properties: Record<string, unknown> } | undefined>;

beforeAll(() => {
  // Prepare: no nag here (nag.test.ts covers it); a missing web build, so no BucketDeployment.
  ({ stack } = buildApp({
    context: testContext,
    nag: false,
    webAssetsPath: fileURLToPath(new URL('./no-web-build', import.meta.url)),
  }));
  // Act: synthesize once; every test reads the same template.
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});

const statementsOf = (name: string): Statement[] =>
  statementsOfRole(template, logicalId(stack.functions.get(name).role));

const sqsResourcesOf = (name: string, action: string): unknown[] =>
  allowing(statementsOf(name), action).flatMap(resourcesOf);

describe('queues', () => {
  it.each(queues.map((spec) => [spec.id, spec] as const))(
    '%s is high-throughput FIFO with a FIFO dead-letter queue',
    (id, spec) => {
      const { queue, deadLetterQueue } = stack.queues.pair(id);
      template.hasResource('AWS::SQS::Queue', {
        Properties: Match.objectLike({
          FifoQueue: true,
          ContentBasedDeduplication: false,
          DeduplicationScope: 'messageGroup',
          FifoThroughputLimit: 'perMessageGroupId',
          VisibilityTimeout: spec.visibilityTimeoutSeconds,
          KmsMasterKeyId: arnOf(stack.queues.key),
          RedrivePolicy: {
            deadLetterTargetArn: arnOf(deadLetterQueue),
            maxReceiveCount: spec.maxReceiveCount,
          },
        }),
      });
      expect(resources[logicalId(queue)]?.Properties.RedrivePolicy).toEqual({
        deadLetterTargetArn: arnOf(deadLetterQueue),
        maxReceiveCount: spec.maxReceiveCount,
      });
      expect(resources[logicalId(deadLetterQueue)]?.Properties).toMatchObject({
        FifoQueue: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
        KmsMasterKeyId: arnOf(stack.queues.key),
      });
    },
  );

  it('every queue and dead-letter queue denies requests without TLS', () => {
    for (const { queue, deadLetterQueue } of stack.queues.pairs) {
      for (const target of [queue, deadLetterQueue]) {
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [refOf(target)],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({
                Effect: 'Deny',
                Action: 'sqs:*',
                Principal: { AWS: '*' },
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              }),
            ]),
          },
        });
      }
    }
  });
});

describe('tables', () => {
  it.each(tables.map((spec) => [spec.id, spec] as const))(
    '%s: on demand, PITR, deletion protection, customer-managed KMS key, indexes and TTL',
    (id, spec) => {
      const properties = resources[logicalId(stack.data.table(id).table)]?.Properties;
      expect(properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: arnOf(stack.data.key) },
        KeySchema: [
          { AttributeName: spec.partitionKey, KeyType: 'HASH' },
          { AttributeName: spec.sortKey, KeyType: 'RANGE' },
        ],
      });
      expect(properties?.TimeToLiveSpecification).toEqual(
        spec.timeToLiveAttribute ? { AttributeName: spec.timeToLiveAttribute, Enabled: true } : undefined,
      );
      const indexNames = ((properties?.GlobalSecondaryIndexes ?? []) as { IndexName: string }[]).map(
        (i) => i.IndexName,
      );
      expect(indexNames).toEqual(spec.globalIndexes.map((index) => index.name));
    },
  );

  it('keys rotate', () => {
    const keys = Object.values(template.findResources('AWS::KMS::Key'));
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key.Properties.EnableKeyRotation).toBe(true);
  });
});

describe('functions', () => {
  const latestNode = Runtime.ALL.filter((runtime) => /^nodejs\d+\.x$/.test(runtime.name))
    .map((runtime) => runtime.name)
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
    .at(-1);

  it.each(functions.map((spec) => [spec.name, spec] as const))(
    '%s runs the latest Node.js on arm64 with tracing, its memory, timeout and environment',
    (name, spec) => {
      expect(latestNode).toBe('nodejs24.x');
      const fn = stack.functions.get(name);
      const environment: Record<string, unknown> = {
        POWERTOOLS_SERVICE_NAME: 'courtdesk',
        NODE_OPTIONS: '--enable-source-maps',
      };
      for (const { table: tableSpec } of tableAccessOf(spec)) {
        environment[tableSpec.envName] = refOf(stack.data.table(tableSpec.id).table);
      }
      for (const queueId of spec.sendsTo) {
        const { queue, spec: queueSpec } = stack.queues.pair(queueId);
        environment[queueSpec.envName] = refOf(queue);
      }
      if (spec.triggers.some((trigger) => trigger.kind === 'http'))
        environment.REQUEST_BODY_LIMIT_BYTES = '262144';
      if (spec.sendsEmail) {
        environment.SENDER_ADDRESS = testContext['courtdesk:senderAddress'];
        environment.SES_CONFIGURATION_SET = refOf(stack.email.configurationSet);
      }
      const properties = resources[logicalId(fn.function)]?.Properties;
      expect(properties).toMatchObject({
        Runtime: latestNode,
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: spec.memoryMb,
        Timeout: spec.timeoutSeconds,
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: refOf(fn.logGroup) },
      });
      // Exactly these variables: no table, queue or sender the function does not use.
      expect(properties?.Environment).toEqual({ Variables: environment });
    },
  );

  it('no function has the AWS managed basic execution role', () => {
    for (const fn of stack.functions.all) {
      expect(resources[logicalId(fn.role)]?.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it.each(
    functions.flatMap((spec) =>
      spec.triggers.flatMap((trigger) =>
        trigger.kind === 'queue' ? [[spec.name, trigger.queue, trigger.batchSize] as const] : [],
      ),
    ),
  )('%s consumes %s in batches of %i, reporting item failures', (name, queueId, batchSize) => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: refOf(stack.functions.get(name).function),
      EventSourceArn: arnOf(stack.queues.pair(queueId).queue),
      BatchSize: batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('ingest-web sends only to intake.fifo and cannot send e-mail', () => {
    const intake = arnOf(stack.queues.pair('intake').queue);
    expect(sqsResourcesOf('ingest-web', 'sqs:SendMessage')).toEqual([intake]);
    const sqsResources = statementsOf('ingest-web')
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith('sqs:')))
      .flatMap(resourcesOf);
    expect(sqsResources).toEqual([intake]);
    expect(
      statementsOf('ingest-web')
        .flatMap(actionsOf)
        .filter((action) => action.startsWith('ses:')),
    ).toEqual([]);
  });

  it('process-intake sends only to outbound.fifo and cannot send e-mail', () => {
    expect(sqsResourcesOf('process-intake', 'sqs:SendMessage')).toEqual([
      arnOf(stack.queues.pair('outbound').queue),
    ]);
    expect(allowing(statementsOf('process-intake'), 'ses:SendEmail')).toEqual([]);
  });

  it('send-email may send e-mail through its identity and configuration set only, and no queue messages', () => {
    expect(allowing(statementsOf('send-email'), 'sqs:SendMessage')).toEqual([]);
    const ses = allowing(statementsOf('send-email'), 'ses:SendEmail');
    expect(ses).toHaveLength(1);
    expect(actionsOf(ses[0]!)).toEqual(['ses:SendEmail']);
    expect(ses[0]!.Condition).toEqual({
      StringEquals: { 'ses:FromAddress': testContext['courtdesk:senderAddress'] },
    });
    const resources = JSON.stringify(resourcesOf(ses[0]!));
    expect(resources).toContain(':identity/');
    expect(resources).toContain(logicalId(stack.email.identity));
    expect(resources).toContain(':configuration-set/');
    expect(resources).not.toContain('"*"');
  });

  it('deadline-sweeper may send e-mail from the sender address only, and no queue messages', () => {
    expect(allowing(statementsOf('deadline-sweeper'), 'sqs:SendMessage')).toEqual([]);
    const ses = allowing(statementsOf('deadline-sweeper'), 'ses:SendEmail');
    expect(ses).toHaveLength(1);
    expect(actionsOf(ses[0]!)).toEqual(['ses:SendEmail']);
    expect(ses[0]!.Condition).toEqual({
      StringEquals: { 'ses:FromAddress': testContext['courtdesk:senderAddress'] },
    });
    expect(JSON.stringify(resourcesOf(ses[0]!))).not.toContain('"*"');
  });

  it('list-topics has no data, queue or e-mail access', () => {
    const actions = statementsOf('list-topics').flatMap(actionsOf);
    expect(actions.filter((action) => /^(dynamodb|sqs|ses|kms):/.test(action))).toEqual([]);
  });
});

/**
 * What each function's code calls (shared/adapters/dynamodb, through its use cases), per table or
 * `<table>/index/<name>`. Written out here, not read from the inventory, so that widening a grant
 * in the inventory fails this test until it is reviewed here too.
 */
const expectedDynamoActions: Record<string, Record<string, string[]>> = {
  'list-topics': {},
  'ingest-web': { tickets: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'], audit: ['PutItem'] },
  'process-intake': { tickets: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'], audit: ['PutItem'] },
  'send-email': { tickets: ['BatchGetItem', 'PutItem'], audit: ['PutItem'] },
  'deadline-sweeper': {
    tickets: ['GetItem', 'PutItem', 'UpdateItem'],
    'tickets/index/deadlines': ['Query'],
    audit: ['PutItem'],
  },
};

describe('schedules', () => {
  const scheduleTriggers = functions.flatMap((spec) =>
    spec.triggers.flatMap((trigger) =>
      trigger.kind === 'schedule' ? [[spec.name, trigger.expression] as const] : [],
    ),
  );

  it('the deadline sweeper runs every day at 05:00 UTC (07:00 or 08:00 in Riga)', () => {
    expect(scheduleTriggers).toEqual([['deadline-sweeper', 'cron(0 5 * * ? *)']]);
  });

  it.each(scheduleTriggers)('an enabled EventBridge rule invokes %s on %s', (name, expression) => {
    const fn = stack.functions.get(name);
    const [rule] = fn.schedules;
    expect(fn.schedules).toHaveLength(1);
    expect(resources[logicalId(rule!)]?.Properties).toEqual({
      Description: `courtdesk ${name}: ${expression}`,
      ScheduleExpression: expression,
      State: 'ENABLED',
      Targets: [{ Arn: arnOf(fn.function), Id: 'Target0' }],
    });
  });

  it.each(scheduleTriggers)('only its rule may invoke %s', (name) => {
    const fn = stack.functions.get(name);
    const permissions = Object.values(
      template.findResources('AWS::Lambda::Permission', {
        Properties: { FunctionName: arnOf(fn.function) },
      }),
    ).map((permission) => permission.Properties);
    expect(permissions).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: arnOf(fn.function),
        Principal: 'events.amazonaws.com',
        SourceArn: arnOf(fn.schedules[0]!),
      },
    ]);
  });

  it('no function without a schedule trigger has a rule or an EventBridge invoke permission', () => {
    const rules = Object.keys(template.findResources('AWS::Events::Rule'));
    expect(rules.sort()).toEqual(stack.functions.all.flatMap((fn) => fn.schedules.map(logicalId)).sort());
    const eventPermissions = Object.values(
      template.findResources('AWS::Lambda::Permission', {
        Properties: { Principal: 'events.amazonaws.com' },
      }),
    );
    expect(eventPermissions).toHaveLength(scheduleTriggers.length);
  });
});

describe('DynamoDB and table-key grants', () => {
  /** The ARN of `tickets`, or of an index written `tickets/index/worklist`, as the template has it. */
  const arnOfTarget = (target: string): unknown => {
    const [tableId, indexName] = target.split('/index/');
    const tableArn = arnOf(stack.data.table(tableId as TableSpec['id']).table);
    return indexName ? { 'Fn::Join': ['', [tableArn, `/index/${indexName}`]] } : tableArn;
  };
  const writesAnyTable = (name: string): boolean =>
    Object.values(expectedDynamoActions[name] ?? {}).some((actions) =>
      actions.some((action) => action === 'PutItem' || action === 'UpdateItem'),
    );
  /** Every statement of every identity policy in the stack, the functions' and CDK's own. */
  const allStatements = (): Statement[] => [
    ...Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
    ),
    ...Object.values(template.findResources('AWS::IAM::Role')).flatMap((role) =>
      ((role.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
        (policy) => policy.PolicyDocument.Statement,
      ),
    ),
  ];

  it('has an expectation for every function of the inventory', () => {
    expect(Object.keys(expectedDynamoActions).sort()).toEqual(functions.map((spec) => spec.name).sort());
  });

  it.each(functions.map((spec) => [spec.name] as const))(
    '%s may call exactly the DynamoDB actions its code uses, on those tables only',
    (name) => {
      const expected = Object.fromEntries(
        Object.entries(expectedDynamoActions[name] ?? {}).map(([target, actions]) => [
          JSON.stringify(arnOfTarget(target)),
          actions.map((action) => `dynamodb:${action}`).sort(),
        ]),
      );
      expect(allowedActionsByResource(statementsOf(name), 'dynamodb')).toEqual(expected);
    },
  );

  it('no policy in the stack allows deleting, scanning, batch writes, streams or DynamoDB wildcards', () => {
    const dynamoActions = allStatements()
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap(actionsOf)
      .filter((action) => action === '*' || action.startsWith('dynamodb:'));
    expect(dynamoActions.length).toBeGreaterThan(0);
    expect(
      dynamoActions.filter((action) =>
        /^\*$|^dynamodb:(.*\*.*|DeleteItem|BatchWriteItem|Scan|DescribeStream|GetRecords|GetShardIterator|ListStreams|PartiQL.*)$/.test(
          action,
        ),
      ),
    ).toEqual([]);
  });

  it('the audit table is append-only: every grant on it is PutItem alone', () => {
    const audit = logicalId(stack.data.table('audit').table);
    const onAudit = allStatements().filter(
      (statement) =>
        statement.Effect === 'Allow' &&
        resourcesOf(statement).some((resource) => JSON.stringify(resource).includes(`"${audit}"`)),
    );
    expect(onAudit.length).toBeGreaterThan(0);
    for (const statement of onAudit) expect(actionsOf(statement)).toEqual(['dynamodb:PutItem']);
  });

  it.each(functions.map((spec) => [spec.name] as const))(
    "%s may use the table key only for what its table actions need, and no other key but the queues'",
    (name) => {
      const kms = allowedActionsByResource(statementsOf(name), 'kms');
      const tableKey = JSON.stringify(arnOf(stack.data.key));
      const queueKey = JSON.stringify(arnOf(stack.queues.key));
      expect(Object.keys(kms).filter((resource) => resource !== queueKey)).toEqual(
        Object.keys(expectedDynamoActions[name] ?? {}).length > 0 ? [tableKey] : [],
      );
      if (Object.keys(expectedDynamoActions[name] ?? {}).length === 0) return;
      expect(kms[tableKey]).toEqual(
        writesAnyTable(name)
          ? ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*']
          : ['kms:Decrypt'],
      );
    },
  );

  it("the table key's own policy grants the functions nothing", () => {
    const keyPolicy = JSON.stringify(resources[logicalId(stack.data.key)]?.Properties.KeyPolicy);
    for (const fn of stack.functions.all) expect(keyPolicy).not.toContain(logicalId(fn.role));
  });
});

describe('web intake', () => {
  it('routes GET /api/topics and POST /api/requests', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /api/topics' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /api/requests' });
  });

  it.each(
    functions.flatMap((spec) =>
      spec.triggers.flatMap((trigger) =>
        trigger.kind === 'http' ? [[`${trigger.method} ${trigger.path}`, spec.name] as const] : [],
      ),
    ),
  )('%s invokes %s', (routeKey, name) => {
    const routes = Object.values(
      template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }),
    );
    expect(routes).toHaveLength(1);
    const target = (routes[0]!.Properties.Target as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    const integrationId = (target[1] as { Ref: string }).Ref;
    const integration = resources[integrationId];
    expect(integration?.Properties).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: arnOf(stack.functions.get(name).function),
      PayloadFormatVersion: '2.0',
    });
  });

  it('the default stage throttles and writes access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: {
        DestinationArn: arnOf(stack.webIntake.accessLogs),
        Format: Match.stringLikeRegexp('requestId'),
      },
    });
  });
});

describe('web hosting', () => {
  it('the site bucket is private, encrypted, SSL-only and logged', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.objectLike({ ServerSideEncryptionConfiguration: Match.anyValue() }),
      LoggingConfiguration: {
        DestinationBucketName: refOf(stack.webHosting.logBucket),
        LogFilePrefix: 's3/site/',
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: refOf(stack.webHosting.bucket),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
          }),
        ]),
      },
    });
  });

  it('CloudFront serves the bucket through OAC and /api/* from the HTTP API, uncached', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Logging: Match.objectLike({ Bucket: Match.anyValue() }),
        Origins: Match.arrayWith([Match.objectLike({ OriginAccessControlId: Match.anyValue() })]),
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          ResponseHeadersPolicyId: refOf(stack.webHosting.node.findChild('SecurityHeaders')),
        }),
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/api/*',
            ViewerProtocolPolicy: 'https-only',
            AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
            OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
          }),
        ],
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ Override: true }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentSecurityPolicy: Match.objectLike({
            ContentSecurityPolicy: Match.stringLikeRegexp("frame-ancestors 'none'"),
          }),
        }),
      }),
    });
  });

  it('skips the bucket deployment while the web is not built', () => {
    expect(stack.webHosting.deployment).toBeUndefined();
    template.resourceCountIs('Custom::CDKBucketDeployment', 0);
  });
});

describe('e-mail', () => {
  it('verifies the sender domain with a configuration set that requires TLS', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: testContext['courtdesk:senderDomain'],
      ConfigurationSetAttributes: { ConfigurationSetName: refOf(stack.email.configurationSet) },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
  });
});

describe('monitoring', () => {
  const topic = () => refOf(stack.monitoring.topic);

  it('the alarm topic is KMS-encrypted, SSL-only and mails the on-call address', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: testContext['courtdesk:alarmEmail'],
      TopicArn: topic(),
    });
  });

  it.each(queues.map((spec) => [spec.id] as const))(
    'alarms on any message in the %s dead-letter queue',
    (id) => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [
          {
            Name: 'QueueName',
            Value: { 'Fn::GetAtt': [logicalId(stack.queues.pair(id).deadLetterQueue), 'QueueName'] },
          },
        ],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        AlarmActions: [topic()],
      });
    },
  );

  it('alarms when the oldest intake message is older than five minutes', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [logicalId(stack.queues.pair('intake').queue), 'QueueName'] },
        },
      ],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 300,
      AlarmActions: [topic()],
    });
  });

  it.each(functions.map((spec) => [spec.name] as const))('alarms on any error of %s', (name) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: refOf(stack.functions.get(name).function) }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      AlarmActions: [topic()],
    });
  });
});
