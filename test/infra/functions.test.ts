import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { servesStaff } from '../../infra/constructs/functions.ts';
import { ttlWriterNames } from '../../infra/constructs/retention.ts';
import { functions, tableAccessOf } from '../../infra/inventory.ts';
import {
  actionsOf,
  allowing,
  arnOf,
  courtdesk,
  logicalId,
  refOf,
  resolved,
  resourcesOf,
  statementsOf,
  testContext,
} from './support.ts';

const { stack, template, resources } = courtdesk();

const sqsResourcesOf = (name: string, action: string): unknown[] =>
  allowing(statementsOf(name), action).flatMap(resourcesOf);

/** The functions that compute client or subject keys (pseudonym-key.test.ts). */
const pseudonymUsers = [
  'assistant-api',
  'ingest-web',
  'process-intake',
  'send-email',
  'retention-sweeper',
  'ingest-email',
  'ingest-postal',
  'staff-api',
];

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
      // Absolute links in mail: the help pages an acknowledgement names.
      if (spec.sendsEmail && spec.tables.knowledge)
        environment.PUBLIC_SITE_URL = resolved(
          `https://${stack.webHosting.distribution.distributionDomainName}`,
        );
      if (spec.buckets?.mail) environment.MAIL_BUCKET = refOf(stack.storage.bucket('mail').bucket);
      if (spec.buckets?.['audit-digests'])
        environment.AUDIT_DIGEST_BUCKET = refOf(stack.storage.bucket('audit-digests').bucket);
      if (spec.buckets?.help) environment.HELP_BUCKET = refOf(stack.storage.bucket('help').bucket);
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
        environment.STAFF_SESSION_HOURS = '8';
      }
      // The keyed pseudonyms' HMAC key and the secret's version (1: none rotated), for the functions
      // that compute client or subject keys; written out, not read from the inventory's `pseudonyms`.
      if (pseudonymUsers.includes(spec.name))
        Object.assign(environment, {
          PSEUDONYM_KEY: arnOf(stack.pseudonymKey.key),
          PSEUDONYM_KEY_VERSION: '1',
        });
      // The retention schedule's overrides from context (none in the tests: the defaults), for the
      // sweeper and the functions that write items expiring by TTL.
      if (spec.name === 'retention-sweeper' || (ttlWriterNames as readonly string[]).includes(spec.name))
        environment.RETENTION_SCHEDULE = '{}';
      // The survey links' HMAC key: send-email signs links, survey-api checks them.
      if (spec.name === 'send-email' || spec.name === 'survey-api')
        environment.SURVEY_MAC_KEY = arnOf(stack.surveyTokens.key);
      // The analysts' export: its bucket and key, the table it exports (infra/constructs/analytics.ts).
      if (spec.name === 'export-analytics')
        Object.assign(environment, {
          ANALYTICS_BUCKET: refOf(stack.analytics.bucket),
          ANALYTICS_KEY_ARN: arnOf(stack.analytics.key),
          TICKETS_TABLE_ARN: arnOf(stack.data.table('tickets').table),
        });
      // The origin secret CloudFront sends: every function behind /api/* checks it first
      // (origin-secret.test.ts), written out from the triggers.
      if (spec.triggers.some((trigger) => trigger.kind === 'http'))
        environment.ORIGIN_SECRET_ARN = refOf(stack.originSecret.secret);
      // The hourly acknowledgement budget (context `courtdesk:acknowledgementBudgetPerHour`).
      if (spec.name === 'send-email') environment.ACKNOWLEDGEMENT_BUDGET_PER_HOUR = '2000';
      // The threading decision's reopen window (context `courtdesk:reopenWindowDays`).
      if (spec.name === 'process-intake') environment.REOPEN_WINDOW_DAYS = '30';
      // The units' survey invitations (context `courtdesk:surveyInvitations`; none: 900 s after).
      if (spec.name === 'staff-api')
        environment.SURVEY_INVITATIONS = '{"default":{"mode":"separate","delaySeconds":900}}';
      const properties = resources[logicalId(fn.function)]?.Properties;
      expect(properties).toMatchObject({
        Runtime: latestNode,
        Architectures: ['arm64'],
        // The export `handler` of the bundle's entry chunk, handler.mjs.
        Handler: 'handler.handler',
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

  it('send-email may send e-mail through its identity and configuration set only, and queue messages only to outbound.fifo', () => {
    // Delayed survey invitations are moved on to outbound.fifo, never sent from the standard queue.
    expect(sqsResourcesOf('send-email', 'sqs:SendMessage')).toEqual([
      arnOf(stack.queues.pair('outbound').queue),
    ]);
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

  it('staff-api sends only to outbound.fifo, intake.fifo (a released quarantined mail) and survey-invitations, cannot send e-mail and has no Cognito access', () => {
    const outbound = arnOf(stack.queues.pair('outbound').queue);
    const intake = arnOf(stack.queues.pair('intake').queue);
    const surveys = arnOf(stack.queues.pair('survey-invitations').queue);
    const byArn = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));
    expect(sqsResourcesOf('staff-api', 'sqs:SendMessage').sort(byArn)).toEqual(
      [outbound, intake, surveys].sort(byArn),
    );
    const sqsResources = statementsOf('staff-api')
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith('sqs:')))
      .flatMap(resourcesOf);
    expect(sqsResources.sort(byArn)).toEqual([outbound, intake, surveys].sort(byArn));
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
    expect(withVariable('MAIL_BUCKET')).toEqual([
      'send-email',
      'retention-sweeper',
      'ingest-email',
      'ingest-postal',
      'staff-api',
    ]);
  });

  it('list-topics has no data, queue or e-mail access', () => {
    const actions = statementsOf('list-topics').flatMap(actionsOf);
    expect(actions.filter((action) => /^(dynamodb|sqs|ses|kms):/.test(action))).toEqual([]);
  });
});

describe('schedules', () => {
  const scheduleTriggers = functions.flatMap((spec) =>
    spec.triggers.flatMap((trigger) =>
      trigger.kind === 'schedule' ? [[spec.name, trigger.expression] as const] : [],
    ),
  );

  it('the deadline sweeper runs every day at 05:00 UTC (07:00 or 08:00 in Riga)', () => {
    expect(scheduleTriggers).toContainEqual(['deadline-sweeper', 'cron(0 5 * * ? *)']);
  });

  it('the retention sweeper runs at half past every hour, so that an unfinished day resumes within the hour', () => {
    expect(scheduleTriggers).toContainEqual(['retention-sweeper', 'cron(30 * * * ? *)']);
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
      // An invocation EventBridge could not make within a day goes to the schedules' dead-letter queue.
      Targets: [
        {
          Arn: arnOf(fn.function),
          Id: 'Target0',
          DeadLetterConfig: { Arn: arnOf(stack.functions.scheduleFailures!) },
          RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 },
        },
      ],
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
    // and the audit table's tamper alarm and the security alarms, which target the alarm topic, no
    // function (test/infra/account-trail.test.ts, test/infra/security-alarms.test.ts).
    const mailEventRules = stack.email.eventRules.map(logicalId);
    const rules = Object.keys(template.findResources('AWS::Events::Rule'));
    expect(rules.sort()).toEqual(
      [
        ...stack.functions.all.flatMap((fn) => fn.schedules.map(logicalId)),
        ...mailEventRules,
        logicalId(stack.accountTrail.tamperRule!),
        ...Object.values(stack.securityAlarms.rules).map(logicalId),
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
