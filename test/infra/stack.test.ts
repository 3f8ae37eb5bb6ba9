import { fileURLToPath } from 'node:url';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app-factory.ts';
import { servesStaff } from '../../infra/constructs/functions.ts';
import {
  type BucketId,
  bucketSpec,
  functions,
  queues,
  type TableSpec,
  tableAccessOf,
  tables,
} from '../../infra/inventory.ts';
import type { CourtdeskStack } from '../../infra/stack.ts';
import { competences } from '../../shared/domain/competences.ts';
import type { Ticket } from '../../shared/domain/ticket.ts';
import { staffRoutes } from '../../shared/http/staff-contract.ts';
import {
  attachmentsPrefix,
  lettersPrefix,
  quarantinePrefix,
  rawMailPrefix,
  repliesPrefix,
  scansPrefix,
} from '../../shared/mail/keys.ts';
import { ticketSummary } from '../../shared/use-cases/ticket-views.ts';
import { testTicket } from '../support/tickets.ts';
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

/** A value as the template has it (tokens resolved to `Ref`, `Fn::Join`, …). */
const resolved = (value: unknown): unknown => Stack.of(stack).resolve(value);

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

/** The template's resources of one type, by logical id. */
const resourcesOfType = (type: string) =>
  template.findResources(type) as Record<string, { Properties: Record<string, unknown> }>;

describe('the template', () => {
  it('has no dependency cycle (client → distribution → API; staff routes → authorizer → client)', () => {
    // Template.fromJSON, like fromStack above, follows Ref, Fn::GetAtt, Fn::Sub and DependsOn and
    // throws on a cycle; CDK's synthesis reports only cycles between stacks.
    expect(() => Template.fromJSON(template.toJSON())).not.toThrow();
  });

  it('the cycle check itself rejects a cycle', () => {
    const cyclic = {
      Resources: {
        A: { Type: 'AWS::SQS::Queue', DependsOn: ['B'] },
        B: { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: { deadLetterTargetArn: { Ref: 'A' } } } },
      },
    };
    expect(() => Template.fromJSON(cyclic)).toThrow(/dependency cycle/);
  });
});

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
      expect(properties?.GlobalSecondaryIndexes ?? []).toEqual(
        spec.globalIndexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: index.include
            ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.include] }
            : { ProjectionType: 'ALL' },
        })),
      );
    },
  );

  it('keys rotate (all symmetric ones: KMS cannot rotate the asymmetric audit signing key)', () => {
    const keys = Object.values(template.findResources('AWS::KMS::Key')).filter(
      (key) => (key.Properties.KeySpec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT',
    );
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
      if (spec.buckets?.mail) environment.MAIL_BUCKET = refOf(stack.storage.bucket('mail').bucket);
      if (spec.buckets?.['audit-digests'])
        environment.AUDIT_DIGEST_BUCKET = refOf(stack.storage.bucket('audit-digests').bucket);
      // The sealer's key and period: hourly segments, sealed 15 minutes after their end.
      if (spec.name === 'audit-sealer')
        Object.assign(environment, {
          AUDIT_SIGNING_KEY_ID: arnOf(stack.auditSealing.signingKey),
          AUDIT_SEAL_MINUTES: '60',
          AUDIT_SEAL_GRACE_SECONDS: '900',
        });
      if (spec.triggers.some((trigger) => trigger.kind === 'email'))
        environment.INBOUND_MAIL_DOMAIN = testContext['courtdesk:inboundDomain'];
      if (servesStaff(spec)) {
        environment.STAFF_AUTH_DOMAIN = resolved(stack.staffIdentity.hostedDomainUrl);
        environment.STAFF_AUTH_CLIENT_ID = refOf(stack.staffIdentity.client);
        environment.STAFF_IDLE_TIMEOUT_MINUTES = '15';
      }
      // The threading decision's reopen window (context `courtdesk:reopenWindowDays`).
      if (spec.name === 'process-intake') environment.REOPEN_WINDOW_DAYS = '30';
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

  it('only staff-api serves staff routes, so only it receives the sign-in settings', () => {
    expect(functions.filter(servesStaff).map((spec) => spec.name)).toEqual(['staff-api']);
    expect(resolved(stack.staffIdentity.hostedDomainUrl)).toEqual({
      'Fn::Join': [
        '',
        [
          'https://',
          refOf(stack.staffIdentity.domain),
          '.auth.',
          { Ref: 'AWS::Region' },
          '.amazoncognito.com',
        ],
      ],
    });
  });

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

  it('staff-api sends only to outbound.fifo and intake.fifo (a released quarantined mail), cannot send e-mail and has no Cognito access', () => {
    const outbound = arnOf(stack.queues.pair('outbound').queue);
    const intake = arnOf(stack.queues.pair('intake').queue);
    const byArn = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));
    expect(sqsResourcesOf('staff-api', 'sqs:SendMessage').sort(byArn)).toEqual(
      [outbound, intake].sort(byArn),
    );
    const sqsResources = statementsOf('staff-api')
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith('sqs:')))
      .flatMap(resourcesOf);
    expect(sqsResources.sort(byArn)).toEqual([outbound, intake].sort(byArn));
    expect(
      statementsOf('staff-api')
        .flatMap(actionsOf)
        .filter((action) => /^(ses|cognito-idp):/.test(action)),
    ).toEqual([]);
  });

  it('ingest-email sends only to intake.fifo (and its failed events to its on-failure queue), and cannot send e-mail', () => {
    const intake = arnOf(stack.queues.pair('intake').queue);
    const failures = arnOf(stack.emailIntake.failedInvocations);
    expect(sqsResourcesOf('ingest-email', 'sqs:SendMessage')).toEqual([intake, failures]);
    const sqsResources = statementsOf('ingest-email')
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith('sqs:')))
      .flatMap(resourcesOf);
    expect(sqsResources).toEqual([intake, failures]);
    expect(
      statementsOf('ingest-email')
        .flatMap(actionsOf)
        .filter((action) => /^(ses|sns|lambda):/.test(action)),
    ).toEqual([]);
  });

  it('only ingest-email receives the inbound mail domain, and only functions with bucket grants the bucket', () => {
    const withVariable = (name: string) =>
      stack.functions.all
        .filter((fn) => {
          const variables = (
            resources[logicalId(fn.function)]!.Properties.Environment as {
              Variables: Record<string, unknown>;
            }
          ).Variables;
          return name in variables;
        })
        .map((fn) => fn.spec.name);
    expect(withVariable('INBOUND_MAIL_DOMAIN')).toEqual(['ingest-email']);
    expect(withVariable('MAIL_BUCKET')).toEqual(['send-email', 'ingest-email', 'ingest-postal', 'staff-api']);
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
  // Query: a candidate ticket's partition when a mail may continue it (§7 threading).
  'process-intake': {
    tickets: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'],
    audit: ['PutItem'],
  },
  'send-email': {
    tickets: ['BatchGetItem', 'PutItem'],
    'tickets/index/client': ['Query'],
    audit: ['PutItem'],
  },
  'deadline-sweeper': {
    tickets: ['GetItem', 'PutItem', 'UpdateItem'],
    'tickets/index/deadlines': ['Query'],
    audit: ['PutItem'],
  },
  'ingest-email': { tickets: ['GetItem', 'PutItem', 'UpdateItem'], audit: ['PutItem'] },
  // The mailroom's registration (GetItem), settled by a conditional UpdateItem in a transaction
  // with a refusal's audit record (PutItem); the reference counter (UpdateItem ADD).
  'ingest-postal': { tickets: ['GetItem', 'UpdateItem'], audit: ['PutItem'] },
  'mail-events': { tickets: ['ConditionCheckItem', 'PutItem'], audit: ['PutItem'] },
  // Reads the hours it seals (Query on their partitions); appends its own run record. No tickets.
  'audit-sealer': { audit: ['Query', 'PutItem'] },
  // Reads hours of the trail (Query on their partitions); appends its own record. No tickets.
  'audit-watch': { audit: ['Query', 'PutItem'] },
  'staff-api': {
    tickets: ['GetItem', 'BatchGetItem', 'Query', 'ConditionCheckItem', 'PutItem', 'UpdateItem'],
    'tickets/index/worklist': ['Query'],
    'tickets/index/assigned': ['Query'],
    'tickets/index/deadlines': ['Query'],
    'tickets/index/client': ['Query'],
    // A unit's callbacks to make (issue 7).
    'tickets/index/callbacks': ['Query'],
    // Records and their ticket index items (PutItem); auditors read hour partitions and a ticket's
    // index items (Query), the records they point to (BatchGetItem) and a user's (the user index).
    audit: ['PutItem', 'Query', 'BatchGetItem'],
    'audit/index/user': ['Query'],
  },
};

describe('schedules', () => {
  const scheduleTriggers = functions.flatMap((spec) =>
    spec.triggers.flatMap((trigger) =>
      trigger.kind === 'schedule' ? [[spec.name, trigger.expression] as const] : [],
    ),
  );

  it('the deadline sweeper runs every day at 05:00 UTC (07:00 or 08:00 in Riga)', () => {
    expect(scheduleTriggers).toContainEqual(['deadline-sweeper', 'cron(0 5 * * ? *)']);
  });

  it('the access review runs at 10 past every hour', () => {
    expect(scheduleTriggers).toContainEqual(['audit-watch', 'cron(10 * * * ? *)']);
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
    // Besides the schedules: the rules of the SES bounce and complaint events (test/infra/mail-events.test.ts),
    // and the audit table's tamper alarm, which targets the alarm topic, no function
    // (test/infra/account-trail.test.ts).
    const mailEventRules = stack.email.eventRules.map(logicalId);
    const rules = Object.keys(template.findResources('AWS::Events::Rule'));
    expect(rules.sort()).toEqual(
      [
        ...stack.functions.all.flatMap((fn) => fn.schedules.map(logicalId)),
        ...mailEventRules,
        logicalId(stack.accountTrail.tamperRule!),
      ].sort(),
    );
    const eventPermissions = Object.values(
      template.findResources('AWS::Lambda::Permission', {
        Properties: { Principal: 'events.amazonaws.com' },
      }),
    );
    expect(eventPermissions).toHaveLength(scheduleTriggers.length + mailEventRules.length);
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

  it('the audit table is append-only: no grant on it changes or deletes, the one write is PutItem', () => {
    const audit = logicalId(stack.data.table('audit').table);
    const onAudit = allStatements().filter(
      (statement) =>
        statement.Effect === 'Allow' &&
        resourcesOf(statement).some((resource) => JSON.stringify(resource).includes(`"${audit}"`)),
    );
    expect(onAudit.length).toBeGreaterThan(0);
    // Reading (the sealer, the access review, the auditor's view) is fine; no wildcard, no
    // UpdateItem, DeleteItem, BatchWriteItem, PartiQL or table-level action.
    const readsAndAppends = [
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
    ];
    for (const statement of onAudit)
      for (const action of actionsOf(statement)) expect(readsAndAppends).toContain(action);
  });

  it.each(functions.map((spec) => [spec.name] as const))(
    "%s may use the table key only for what its table actions need, and no other key but the queues' and the mail bucket's",
    (name) => {
      const kms = allowedActionsByResource(statementsOf(name), 'kms');
      const tableKey = JSON.stringify(arnOf(stack.data.key));
      const queueKey = JSON.stringify(arnOf(stack.queues.key));
      const storageKey = JSON.stringify(arnOf(stack.storage.key));
      // The sealer signs with the audit signing key (its own test below).
      const signingKey = JSON.stringify(arnOf(stack.auditSealing.signingKey));
      // ingest-email's and mail-events' on-failure queues have keys of their own.
      const failureKeys = [
        stack.emailIntake.failedInvocations,
        ...stack.email.failedEvents.map((e) => e.queue),
      ].map((queue) => JSON.stringify(arnOf(queue.encryptionMasterKey!)));
      expect(
        Object.keys(kms).filter(
          (resource) =>
            resource !== queueKey &&
            resource !== storageKey &&
            !(name === 'audit-sealer' && resource === signingKey) &&
            !failureKeys.includes(resource),
        ),
      ).toEqual(Object.keys(expectedDynamoActions[name] ?? {}).length > 0 ? [tableKey] : []);
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

/**
 * Object grants per function, by `<bucket>/<key pattern>`. Written out, like the DynamoDB actions
 * above, so that widening a bucket grant in the inventory fails this test until it is reviewed here.
 */
const expectedS3Actions: Record<string, Record<string, string[]>> = {
  'list-topics': {},
  'ingest-web': {},
  'process-intake': {},
  // Reads the files staff attached to a reply, to send them; writes the letters it prints for
  // clients without an email address.
  'send-email': { 'mail/replies/*': ['s3:GetObject'], 'mail/letters/*': ['s3:PutObject'] },
  'deadline-sweeper': {},
  // Reads the raw message SES stored; writes the attachments taken out of it, and the copy of a held mail.
  'ingest-email': {
    'mail/raw-mail/*': ['s3:GetObject'],
    'mail/attachments/*': ['s3:PutObject'],
    'mail/quarantine/*': ['s3:PutObject'],
  },
  // Reads a letter's scan; deletes a refused one. Nothing else in the bucket.
  'ingest-postal': { 'mail/scans/*': ['s3:DeleteObject', 's3:GetObject'] },
  'mail-events': {},
  // Lists digests/ (the latest digest; whether a segment is sealed), reads a digest another run
  // stored first, writes new ones; nothing else in the bucket, nothing in the mail bucket.
  'audit-sealer': {
    'audit-digests/digests/*': ['s3:GetObject', 's3:PutObject'],
    'audit-digests': ['s3:ListBucket'],
  },
  'audit-watch': {},
  // Signs short-lived download links to a ticket's files and a quarantined raw mail; reads held mail
  // (its copy under quarantine/, never raw-mail/) for the preview and a release, which writes the
  // released mail's attachments.
  // Replies' files: signs the presigned PUT of an upload (PutObject), checks what arrived with
  // HeadObject (authorised as GetObject) and signs its download link.
  'staff-api': {
    'mail/quarantine/*': ['s3:GetObject'],
    'mail/attachments/*': ['s3:GetObject', 's3:PutObject'],
    'mail/replies/*': ['s3:GetObject', 's3:PutObject'],
    // Post (issue 7): signs the mailroom's scan upload (PutObject) and download links to scans and
    // to the letters to print.
    'mail/scans/*': ['s3:GetObject', 's3:PutObject'],
    'mail/letters/*': ['s3:GetObject'],
  },
};

/**
 * CDK's bucket-notifications custom resource (deploy time only): it sets the S3 event notification
 * of scans/ → ingest-postal, and may do nothing else — PutBucketNotification on the mail bucket.
 */
function isNotificationsHandlerGrant(statement: Statement): boolean {
  return actionsOf(statement).join() === 's3:PutBucketNotification';
}

/** What each function may do with the mail bucket's key: decrypt what it reads, make data keys for what it writes. */
const expectedMailKeyActions: Record<string, string[]> = {
  'send-email': ['kms:Decrypt', 'kms:GenerateDataKey'],
  'ingest-email': ['kms:Decrypt', 'kms:GenerateDataKey'],
  'ingest-postal': ['kms:Decrypt'],
  'staff-api': ['kms:Decrypt', 'kms:GenerateDataKey'],
};

describe('mail storage', () => {
  const mail = () => stack.storage.bucket('mail').bucket;
  const mailId = () => logicalId(mail());
  /** `<bucket ARN>/<pattern>` as the template has it. */
  const objectsArn = (pattern: string) => ({ 'Fn::Join': ['', [arnOf(mail()), `/${pattern}`]] });

  it('the inventory and the functions agree on the key prefixes', () => {
    expect(bucketSpec('mail').prefixes).toEqual({
      rawMail: rawMailPrefix,
      attachments: attachmentsPrefix,
      replies: repliesPrefix,
      quarantine: quarantinePrefix,
      scans: scansPrefix,
      letters: lettersPrefix,
    });
  });

  it('a new object under scans/ (and nowhere else) invokes ingest-postal, retried twice, then its on-failure queue', () => {
    const notifications = Object.values(resourcesOfType('Custom::S3BucketNotifications'));
    expect(notifications).toHaveLength(1);
    const configuration = notifications[0]?.Properties as {
      BucketName: unknown;
      NotificationConfiguration: { LambdaFunctionConfigurations: unknown[] };
    };
    expect(configuration.BucketName).toEqual({ Ref: mailId() });
    expect(configuration.NotificationConfiguration.LambdaFunctionConfigurations).toEqual([
      {
        Events: ['s3:ObjectCreated:*'],
        Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'scans/' }] } },
        LambdaFunctionArn: arnOf(stack.functions.get('ingest-postal').function),
      },
    ]);
    const handlerGrants = allStatements().filter(isNotificationsHandlerGrant);
    expect(handlerGrants.map(resourcesOf)).toEqual([[arnOf(mail())]]);
    const invokeConfig = Object.values(resourcesOfType('AWS::Lambda::EventInvokeConfig')).find(
      (config) =>
        JSON.stringify(config.Properties.FunctionName) ===
        JSON.stringify({ Ref: logicalId(stack.functions.get('ingest-postal').function) }),
    );
    expect(invokeConfig?.Properties).toMatchObject({
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: { Destination: arnOf(stack.postalIntake.failedInvocations) },
      },
    });
  });

  it('the mail bucket is private, versioned, SSE-KMS with its own key, logged, and kept with the stack', () => {
    const bucket = template.toJSON().Resources[mailId()];
    expect(bucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: arnOf(stack.storage.key),
            },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: {
        DestinationBucketName: refOf(stack.storage.accessLogBucket),
        LogFilePrefix: 's3/mail/',
      },
    });
  });

  it('nothing current in the mail bucket expires: incomplete uploads are aborted after 7 days, deleted scans are gone the next day', () => {
    expect(resources[mailId()]?.Properties.LifecycleConfiguration).toEqual({
      Rules: [
        {
          Id: 'abort-incomplete-uploads',
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          Status: 'Enabled',
        },
        {
          // A refused scan's delete leaves its version behind in the versioned bucket.
          Id: 'purge-deleted-scans',
          Prefix: 'scans/',
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          ExpiredObjectDeleteMarker: true,
          Status: 'Enabled',
        },
      ],
    });
  });

  it("the bucket policy denies requests without TLS and scans not created where none is: SES writes through a role, not the bucket's policy", () => {
    const policies = Object.values(resourcesOfType('AWS::S3::BucketPolicy')).filter(
      (policy) => JSON.stringify(policy.Properties.Bucket) === JSON.stringify(refOf(mail())),
    );
    expect(policies).toHaveLength(1);
    expect(policies[0]!.Properties.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: 's3:*',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          Resource: [arnOf(mail()), objectsArn('*')],
        },
        {
          // A scan is created once (If-None-Match: *), never replaced under its ticket.
          Sid: 'DenyOverwritesscans',
          Effect: 'Deny',
          Action: 's3:PutObject',
          Principal: { AWS: '*' },
          Condition: { Null: { 's3:if-none-match': 'true' } },
          Resource: objectsArn('scans/*'),
        },
      ],
    });
  });

  it('the mail key rotates and its own policy names no function and no service, only the account', () => {
    const key = resources[logicalId(stack.storage.key)]!.Properties;
    expect(key).toMatchObject({ EnableKeyRotation: true, RotationPeriodInDays: 365 });
    const statements = (key.KeyPolicy as { Statement: { Principal: unknown }[] }).Statement;
    expect(statements.map((statement) => JSON.stringify(statement.Principal))).toEqual([
      JSON.stringify({
        AWS: {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']],
        },
      }),
    ]);
  });

  it('the access-log bucket is private and SSL-only', () => {
    expect(resources[logicalId(stack.storage.accessLogBucket)]?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: refOf(stack.storage.accessLogBucket),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('has an S3 expectation for every function of the inventory', () => {
    expect(Object.keys(expectedS3Actions).sort()).toEqual(functions.map((spec) => spec.name).sort());
  });

  it.each(functions.map((spec) => [spec.name] as const))(
    '%s may call exactly the S3 actions its code uses, under those prefixes only',
    (name) => {
      const expected = Object.fromEntries(
        Object.entries(expectedS3Actions[name] ?? {}).map(([target, actions]) => {
          // `<bucket id>/<key pattern>` for objects, `<bucket id>` for the bucket itself (listing).
          const [bucketId, ...pattern] = target.split('/');
          const bucket = arnOf(stack.storage.bucket(bucketId as BucketId).bucket);
          const arn = pattern.length ? { 'Fn::Join': ['', [bucket, `/${pattern.join('/')}`]] } : bucket;
          return [JSON.stringify(arn), actions];
        }),
      );
      expect(allowedActionsByResource(statementsOf(name), 's3')).toEqual(expected);
    },
  );

  it.each(functions.map((spec) => [spec.name] as const))(
    '%s may use the mail key only as its bucket grants need',
    (name) => {
      const kms = allowedActionsByResource(statementsOf(name), 'kms');
      expect(kms[JSON.stringify(arnOf(stack.storage.key))]).toEqual(expectedMailKeyActions[name]);
    },
  );

  it('no policy in the stack grants anything bucket-wide on the mail bucket, or any S3 action but Get/PutObject (and DeleteObject of scans)', () => {
    const onMail = allStatements().filter(
      (statement) =>
        statement.Effect === 'Allow' &&
        resourcesOf(statement).some((resource) => JSON.stringify(resource).includes(`"${mailId()}"`)) &&
        !isNotificationsHandlerGrant(statement),
    );
    expect(onMail.length).toBeGreaterThan(0);
    for (const statement of onMail) {
      const actions = actionsOf(statement);
      expect(
        actions.every((action) => ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'].includes(action)),
      ).toBe(true);
      for (const resource of resourcesOf(statement)) {
        expect([
          objectsArn('raw-mail/*'),
          objectsArn('attachments/*'),
          objectsArn('replies/*'),
          objectsArn('quarantine/*'),
          objectsArn('scans/*'),
          objectsArn('letters/*'),
        ]).toContainEqual(resource);
        // Only a refused scan is ever deleted.
        if (actions.includes('s3:DeleteObject')) expect(resource).toEqual(objectsArn('scans/*'));
      }
    }
  });
});

describe('audit digests and their signing key', () => {
  const digests = () => stack.storage.bucket('audit-digests').bucket;
  const signingKey = () => stack.auditSealing.signingKey;

  it('the digest bucket locks every version in compliance mode for seven years, versioned, SSE-S3, private, logged, kept', () => {
    const bucket = template.toJSON().Resources[logicalId(digests())];
    expect(bucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(bucket.Properties).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2557 } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: {
        DestinationBucketName: refOf(stack.storage.accessLogBucket),
        LogFilePrefix: 's3/audit-digests/',
      },
    });
  });

  it('takes the retention from the context courtdesk:auditRetentionDays, and refuses a malformed one', () => {
    const withContext = (days: string) =>
      buildApp({
        context: { ...testContext, 'courtdesk:auditRetentionDays': days },
        nag: false,
        webAssetsPath: fileURLToPath(new URL('./no-web-build', import.meta.url)),
      }).stack;
    const tenYears = withContext('3653');
    const bucket = tenYears.storage.bucket('audit-digests').bucket;
    expect(
      Template.fromStack(tenYears).toJSON().Resources[logicalId(bucket)].Properties.ObjectLockConfiguration,
    ).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3653 } },
    });
    expect(() => withContext('seven years')).toThrow(/courtdesk:auditRetentionDays/);
  });

  it('the bucket policy denies requests without TLS, any PUT that could replace a digest, and every object delete (no delete markers)', () => {
    const policies = Object.values(resourcesOfType('AWS::S3::BucketPolicy')).filter(
      (policy) => JSON.stringify(policy.Properties.Bucket) === JSON.stringify(refOf(digests())),
    );
    expect(policies).toHaveLength(1);
    const objects = { 'Fn::Join': ['', [arnOf(digests()), '/*']] };
    expect(policies[0]!.Properties.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: 's3:*',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          Resource: [arnOf(digests()), objects],
        },
        {
          Sid: 'DenyOverwrites',
          Effect: 'Deny',
          Action: 's3:PutObject',
          Principal: { AWS: '*' },
          Condition: { Null: { 's3:if-none-match': 'true' } },
          Resource: objects,
        },
        {
          Sid: 'DenyDeletes',
          Effect: 'Deny',
          Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
          Principal: { AWS: '*' },
          Resource: objects,
        },
      ],
    });
  });

  it('only the sealer may use the bucket: list digests/ only, read and write under digests/ only', () => {
    const onDigests = allStatements().filter(
      (statement) =>
        statement.Effect === 'Allow' &&
        resourcesOf(statement).some((resource) =>
          JSON.stringify(resource).includes(`"${logicalId(digests())}"`),
        ),
    );
    expect(onDigests).toEqual(
      statementsOf('audit-sealer').filter((statement) => onDigests.includes(statement)),
    );
    expect(allowing(statementsOf('audit-sealer'), 's3:ListBucket')).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: arnOf(digests()),
        Condition: { StringLike: { 's3:prefix': ['digests/*'] } },
      },
    ]);
  });

  it('the signing key is an asymmetric P-256 signing key, kept with the stack; only the sealer may sign, nothing else', () => {
    const key = template.toJSON().Resources[logicalId(signingKey())];
    expect(key).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(key.Properties).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const signingKeyArn = JSON.stringify(arnOf(signingKey()));
    for (const fn of stack.functions.all) {
      const kms = allowedActionsByResource(statementsOf(fn.spec.name), 'kms');
      expect(kms[signingKeyArn], fn.spec.name).toEqual(
        // GetPublicKey: the sealer checks the signature of the digest it chains from.
        fn.spec.name === 'audit-sealer' ? ['kms:GetPublicKey', 'kms:Sign'] : undefined,
      );
    }
    // Its own policy names the account only (auditors get kms:GetPublicKey through IAM).
    const statements = (key.Properties.KeyPolicy as { Statement: { Principal: unknown }[] }).Statement;
    expect(statements.every((statement) => JSON.stringify(statement.Principal).includes(':root'))).toBe(true);
  });
});

describe('email intake', () => {
  const rule = () => Object.values(resourcesOfType('AWS::SES::ReceiptRule'));
  const ingestEmail = () => stack.functions.get('ingest-email').function;
  const ruleArn = {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':ses:',
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        ':receipt-rule-set/Courtdesk-inbound-mail:receipt-rule/intake',
      ],
    ],
  };

  it('one rule set, named after the stack, with one rule', () => {
    expect(Object.values(resourcesOfType('AWS::SES::ReceiptRuleSet')).map((set) => set.Properties)).toEqual([
      { RuleSetName: 'Courtdesk-inbound-mail' },
    ]);
    expect(rule()).toHaveLength(1);
    expect(resolved(stack.emailIntake.ruleArn)).toEqual(ruleArn);
  });

  it('the rule takes all mail of the inbound domain, over TLS only, scanned, stored in S3 and then given to ingest-email', () => {
    expect(rule()[0]!.Properties).toEqual({
      RuleSetName: refOf(stack.emailIntake.ruleSet),
      Rule: {
        Name: 'intake',
        Enabled: true,
        Recipients: [testContext['courtdesk:inboundDomain']],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: [
          {
            S3Action: {
              BucketName: refOf(stack.storage.bucket('mail').bucket),
              ObjectKeyPrefix: rawMailPrefix,
              IamRoleArn: arnOf(stack.emailIntake.s3ActionRole),
            },
          },
          { LambdaAction: { FunctionArn: arnOf(ingestEmail()), InvocationType: 'Event' } },
        ],
      },
    });
  });

  it('the rule is created after the role can write and SES may invoke the function', () => {
    const [ruleId] = Object.keys(resourcesOfType('AWS::SES::ReceiptRule'));
    const dependsOn = (template.toJSON().Resources[ruleId!].DependsOn ?? []) as string[];
    const rolePolicy = stack.emailIntake.s3ActionRole.node.tryFindChild('DefaultPolicy');
    const permission = ingestEmail().permissionsNode.tryFindChild('AllowSes');
    expect(rolePolicy && permission).toBeTruthy();
    expect(dependsOn).toEqual(
      expect.arrayContaining([
        logicalId(rolePolicy!.node.defaultChild ?? rolePolicy!),
        logicalId(permission!),
      ]),
    );
  });

  it('only SES, for this rule of this account, may assume the S3 action role', () => {
    expect(resources[logicalId(stack.emailIntake.s3ActionRole)]?.Properties.AssumeRolePolicyDocument).toEqual(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { Service: 'ses.amazonaws.com' },
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' }, 'aws:SourceArn': ruleArn },
            },
          },
        ],
      },
    );
  });

  it('the S3 action role may put objects under raw-mail/ and encrypt with the mail key, nothing else', () => {
    const statements = statementsOfRole(template, logicalId(stack.emailIntake.s3ActionRole));
    const objects = { 'Fn::Join': ['', [arnOf(stack.storage.bucket('mail').bucket), `/${rawMailPrefix}*`]] };
    expect(statements.flatMap(actionsOf).every((action) => /^(s3|kms):/.test(action))).toBe(true);
    expect(allowedActionsByResource(statements, 's3')).toEqual({
      [JSON.stringify(objects)]: ['s3:PutObject'],
    });
    expect(allowedActionsByResource(statements, 'kms')).toEqual({
      [JSON.stringify(arnOf(stack.storage.key))]: ['kms:Encrypt', 'kms:GenerateDataKey'],
    });
  });

  it('only SES, for this rule of this account, may invoke ingest-email; no other function has an SES permission', () => {
    const sesPermissions = Object.values(
      template.findResources('AWS::Lambda::Permission', { Properties: { Principal: 'ses.amazonaws.com' } }),
    ).map((permission) => permission.Properties);
    expect(sesPermissions).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: arnOf(ingestEmail()),
        Principal: 'ses.amazonaws.com',
        SourceAccount: { Ref: 'AWS::AccountId' },
        SourceArn: ruleArn,
      },
    ]);
  });

  it('does not activate the rule set, and verifies no second identity for the sender domain', () => {
    expect(JSON.stringify(template.toJSON())).not.toMatch(/SetActiveReceiptRuleSet/);
    // No custom resource touches receipt rule sets (the S3 event notifications' one is for buckets).
    const custom = Object.values(template.toJSON().Resources as Record<string, { Type: string }>)
      .map((resource) => resource.Type)
      .filter((type) => type.startsWith('Custom::'));
    expect(custom.filter((type) => /ReceiptRule/.test(type))).toEqual([]);
    expect(stack.emailIntake.identity).toBeUndefined();
    expect(Object.keys(resourcesOfType('AWS::SES::EmailIdentity'))).toEqual([
      logicalId(stack.email.identity),
    ]);
  });

  it('outputs the rule set to activate and the MX record to publish', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const values = Object.values(outputs).map((output) => output.Value);
    expect(values).toContainEqual('Courtdesk-inbound-mail');
    expect(values).toContainEqual({
      'Fn::Join': [
        '',
        ['courtdesk.example.lv MX 10 inbound-smtp.', { Ref: 'AWS::Region' }, '.amazonaws.com'],
      ],
    });
  });
});

describe('web intake', () => {
  const routeKeys = (properties: Record<string, unknown>) =>
    Object.values(
      template.findResources('AWS::ApiGatewayV2::Route', { Properties: Match.objectLike(properties) }),
    )
      .map((route) => route.Properties.RouteKey as string)
      .sort();
  /** Written out: a route that becomes public must be added here on purpose. */
  const publicRoutes = ['GET /api/auth/config', 'GET /api/topics', 'POST /api/requests'];
  const staffRouteKeys = staffRoutes.map((route) => `${route.method} ${route.path}`).sort();

  it('the public routes have no authorizer', () => {
    expect(routeKeys({ AuthorizationType: 'NONE' })).toEqual(publicRoutes);
    for (const routeKey of publicRoutes) {
      const [route] = Object.values(
        template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }),
      );
      expect(route?.Properties.AuthorizerId).toBeUndefined();
    }
  });

  it('every route of the staff contract, and no other, requires a staff JWT', () => {
    expect(staffRouteKeys.length).toBeGreaterThan(0);
    expect(staffRouteKeys.every((key) => key.split(' ')[1]!.startsWith('/api/staff/'))).toBe(true);
    expect(routeKeys({ AuthorizationType: 'JWT', AuthorizerId: refOf(staffAuthorizer()) })).toEqual(
      staffRouteKeys,
    );
    const allRoutes = routeKeys({});
    expect(allRoutes).toEqual([...publicRoutes, ...staffRouteKeys].sort());
  });

  it("the staff authorizer accepts only the user pool's tokens for the admin page's client", () => {
    const authorizers = resourcesOfType('AWS::ApiGatewayV2::Authorizer');
    expect(Object.keys(authorizers)).toEqual([logicalId(staffAuthorizer())]);
    const pool = refOf(stack.staffIdentity.userPool);
    expect(Object.values(authorizers)[0]?.Properties).toEqual({
      ApiId: refOf(stack.webIntake.api),
      AuthorizerType: 'JWT',
      Name: 'staff',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [refOf(stack.staffIdentity.client)],
        Issuer: {
          'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', pool]],
        },
      },
    });
    expect(resolved(stack.staffIdentity.issuerUrl)).toEqual(
      (Object.values(authorizers)[0]!.Properties.JwtConfiguration as { Issuer: unknown }).Issuer,
    );
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

/** The staff authorizer's CloudFormation resource, found under the API. */
const staffAuthorizer = () => {
  const authorizer = stack.webIntake.api.node.tryFindChild('StaffAuthorizer');
  if (!authorizer) throw new Error('No StaffAuthorizer under the HTTP API');
  return authorizer;
};

describe('staff sign-in', () => {
  const pool = () => resources[logicalId(stack.staffIdentity.userPool)];

  it('only administrators create accounts; TOTP MFA is required, SMS is off', () => {
    expect(pool()?.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
    expect(pool()?.Properties.SmsConfiguration).toBeUndefined();
  });

  it('passwords are strong, accounts recover by e-mail only, threat protection is enforced', () => {
    expect(pool()?.Properties).toMatchObject({
      Policies: {
        PasswordPolicy: {
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      AliasAttributes: ['email'],
    });
  });

  it('the pool is deletion-protected and retained with the stack', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
  });

  it('has a group per role and, per unit, a staff group and a supervisors group', () => {
    const groups = Object.values(resourcesOfType('AWS::Cognito::UserPoolGroup'));
    for (const group of groups)
      expect(group.Properties.UserPoolId).toEqual(refOf(stack.staffIdentity.userPool));
    expect(groups.map((group) => group.Properties.GroupName).sort()).toEqual(
      [
        'role-agent',
        'role-supervisor',
        'role-mailroom',
        'role-auditor',
        'role-admin',
        ...competences.flatMap((competence) => [competence.staffGroup, competence.supervisorsGroup]),
      ].sort(),
    );
  });

  it("the admin page's client is public and uses the authorization code grant only", () => {
    const clients = Object.values(resourcesOfType('AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(1);
    const adminPage = resolved(stack.webHosting.adminPageUrl);
    expect(adminPage).toEqual({
      'Fn::Join': [
        '',
        ['https://', { 'Fn::GetAtt': [logicalId(stack.webHosting.distribution), 'DomainName'] }, '/admin/'],
      ],
    });
    expect(clients[0]?.Properties).toEqual({
      UserPoolId: refOf(stack.staffIdentity.userPool),
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'profile', 'email'],
      CallbackURLs: [adminPage],
      LogoutURLs: [adminPage],
      SupportedIdentityProviders: ['COGNITO'],
      // No SRP, password or custom sign-in through the API with the public client id.
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      // Eight hours is the session; the page does not refresh, and a refresh token may not expire
      // before the tokens it renews.
      AccessTokenValidity: 480,
      IdTokenValidity: 480,
      RefreshTokenValidity: 480,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
      AuthSessionValidity: 10,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
  });

  it('signs in on a Cognito prefix domain derived from the stack and account, with the classic hosted UI', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      UserPoolId: refOf(stack.staffIdentity.userPool),
      Domain: { 'Fn::Join': ['', ['courtdesk-staff-', { Ref: 'AWS::AccountId' }]] },
      ManagedLoginVersion: 1,
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

  it('CloudFront serves the bucket through OAC and /api/* from the HTTP API, uncached, Authorization forwarded', () => {
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
            PathPattern: '/admin/*',
            ViewerProtocolPolicy: 'redirect-to-https',
            ResponseHeadersPolicyId: refOf(stack.webHosting.node.findChild('AdminSecurityHeaders')),
          }),
          Match.objectLike({
            PathPattern: '/api/*',
            ViewerProtocolPolicy: 'https-only',
            AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
            // With caching disabled, the all-viewer policies forward `Authorization` (the staff
            // token) too; an origin request policy cannot name that header on its own.
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
            OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
          }),
        ],
      }),
    });
  });

  /** The security headers of a response headers policy: the site's, or the admin page's. */
  const securityHeaders = (policy: 'SecurityHeaders' | 'AdminSecurityHeaders' = 'SecurityHeaders') => {
    const policies = resourcesOfType('AWS::CloudFront::ResponseHeadersPolicy');
    expect(Object.keys(policies)).toHaveLength(2);
    const { Ref } = refOf(stack.webHosting.node.findChild(policy)) as { Ref: string };
    const config = policies[Ref]!.Properties.ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
    };
    return config.SecurityHeadersConfig;
  };

  it('only the admin page may show remote images (of an email, once staff allow it)', () => {
    const site = JSON.stringify(securityHeaders().ContentSecurityPolicy);
    const admin = JSON.stringify(securityHeaders('AdminSecurityHeaders').ContentSecurityPolicy);
    expect(site).toContain("img-src 'self' data:;");
    expect(admin).toContain("img-src 'self' data: https:;");
    for (const csp of [site, admin]) {
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self';");
    }
    expect(securityHeaders('AdminSecurityHeaders').StrictTransportSecurity).toEqual(
      securityHeaders().StrictTransportSecurity,
    );
  });

  it('every response carries HSTS, a CSP without framing, nosniff, DENY framing and a referrer policy', () => {
    const headers = securityHeaders();
    expect(headers.StrictTransportSecurity).toMatchObject({ IncludeSubdomains: true, Override: true });
    expect(headers.StrictTransportSecurity?.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(365 * 24 * 3600);
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(headers.ReferrerPolicy).toEqual({
      ReferrerPolicy: 'strict-origin-when-cross-origin',
      Override: true,
    });
    // The CSP names the sign-in domain (a token), so it is an Fn::Join.
    const csp = JSON.stringify(headers.ContentSecurityPolicy);
    expect(headers.ContentSecurityPolicy?.Override).toBe(true);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
  });

  it('the CSP lets the admin page connect to the sign-in domain (token exchange, revocation) and nowhere else', () => {
    const csp = securityHeaders().ContentSecurityPolicy?.ContentSecurityPolicy as {
      'Fn::Join': [string, unknown[]];
    };
    const [head, domain, auth, region, tail] = csp['Fn::Join'][1];
    expect(head).toMatch(/connect-src 'self' https:\/\/$/);
    expect([domain, auth, region]).toEqual([
      refOf(stack.staffIdentity.domain),
      '.auth.',
      { Ref: 'AWS::Region' },
    ]);
    expect(tail).toMatch(/^\.amazoncognito\.com;/);
  });

  it("the admin page's CSP lets it upload to the mail bucket's own endpoint, the site's does not", () => {
    const admin = securityHeaders('AdminSecurityHeaders').ContentSecurityPolicy?.ContentSecurityPolicy as {
      'Fn::Join': [string, unknown[]];
    };
    const parts = admin['Fn::Join'][1];
    const bucketHost = {
      'Fn::GetAtt': [logicalId(stack.storage.bucket('mail').bucket), 'RegionalDomainName'],
    };
    const at = parts.findIndex((part) => JSON.stringify(part) === JSON.stringify(bucketHost));
    expect(at).toBeGreaterThan(0);
    expect(String(parts[at - 1])).toMatch(/ https:\/\/$/);
    expect(String(parts[at + 1])).toMatch(/^;/);
    // connect-src 'self' https://<sign-in domain> https://<mail bucket>; nothing else.
    expect(String(parts[at - 1])).toBe('.amazoncognito.com https://');
    expect(String(parts.slice(0, at - 4).join(''))).toMatch(/connect-src 'self' https:\/\/$/);
    expect(JSON.stringify(securityHeaders().ContentSecurityPolicy)).not.toContain('RegionalDomainName');
  });

  it('the mail bucket takes cross-origin PUTs only (presigned uploads), with the signed headers, nothing readable', () => {
    const bucket = template.toJSON().Resources[logicalId(stack.storage.bucket('mail').bucket)];
    expect(bucket.Properties.CorsConfiguration).toEqual({
      CorsRules: [
        {
          AllowedMethods: ['PUT'],
          AllowedOrigins: ['*'],
          AllowedHeaders: ['content-type', 'if-none-match', 'x-amz-meta-filename', 'x-amz-meta-size'],
          MaxAge: 300,
        },
      ],
    });
  });

  it('/admin/ serves admin/index.html through a viewer-request function', () => {
    const functionsByLogicalId = resourcesOfType('AWS::CloudFront::Function');
    const [[functionId, cloudFrontFunction]] = Object.entries(functionsByLogicalId) as [
      [string, { Properties: Record<string, unknown> }],
    ];
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          FunctionAssociations: [
            { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
          ],
        }),
      }),
    });
    expect(cloudFrontFunction.Properties.FunctionConfig).toMatchObject({ Runtime: 'cloudfront-js-2.0' });
    // Run the function's code as CloudFront would, on a few paths.
    const handler = new Function(
      `${cloudFrontFunction.Properties.FunctionCode as string}; return handler;`,
    )() as (event: unknown) => {
      uri?: string;
      statusCode?: number;
      headers?: { location: { value: string } };
    };
    const run = (uri: string) => handler({ request: { uri, headers: {}, querystring: {} } });
    expect(run('/admin/').uri).toBe('/admin/index.html');
    expect(run('/').uri).toBe('/index.html');
    expect(run('/admin')).toMatchObject({ statusCode: 301, headers: { location: { value: '/admin/' } } });
    expect(run('/admin/app.js').uri).toBe('/admin/app.js');
    expect(run('/styles.css').uri).toBe('/styles.css');
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

  it("sends with the custom MAIL FROM domain, falling back to SES's while its DNS records are missing", () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: testContext['courtdesk:senderDomain'],
      MailFromAttributes: {
        MailFromDomain: testContext['courtdesk:mailFromDomain'],
        BehaviorOnMxFailure: 'USE_DEFAULT_VALUE',
      },
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

describe('the client index', () => {
  it('keeps what a ticket summary and the access check read, never the body or the HTML', () => {
    const client = tables[0]?.globalIndexes.find((index) => index.name === 'client');
    expect(client?.include).toEqual(expect.arrayContaining(['competence', 'status', 'review', 'subject']));
    expect(client?.include).not.toContain('body');
    expect(client?.include).not.toContain('bodyHtml');
    // Every field of a summary (and of visibleTo) is projected.
    const ticket = testTicket('TA-2026-000001', 'court-fees', {
      answerDeadline: '2026-11-28',
      receivedAt: '2026-11-27T10:00:00.000Z',
      assignee: 'agent',
      review: { reason: 'service-ended', since: '2026-11-27T10:00:01.000Z' },
    });
    const projected = Object.fromEntries(
      Object.entries(ticket).filter(([key]) => (client?.include ?? []).includes(key)),
    ) as unknown as Ticket;
    const dates = { today: '2026-11-27', dueThrough: '2026-11-30' };
    expect(ticketSummary(projected, dates)).toEqual(ticketSummary(ticket, dates));
    expect(ticketSummary(ticket, dates)).toMatchObject({
      deadlineBadge: 'due-soon',
      review: true,
      assignee: 'agent',
    });
  });
});
