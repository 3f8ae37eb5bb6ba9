import { fileURLToPath } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app-factory.ts';
import { EmailIntake, type EmailIntakeProps, emailTriggerOf } from '../../infra/constructs/email-intake.ts';
import { functions } from '../../infra/inventory.ts';
import type { CourtdeskStack } from '../../infra/stack.ts';
import { rawMailPrefix } from '../../shared/mail/keys.ts';
import {
  actionsOf,
  allowedActionsByResource,
  arnOf,
  courtdesk,
  logicalId,
  refOf,
  resolved,
  resourcesOfType,
  skipBundling,
  statementsOfRole,
  testContext,
} from './support.ts';

/** The construct alone, in a stack with a stand-in bucket, key and function (nothing to bundle). */
function intakeStack(props: Partial<EmailIntakeProps> & Pick<EmailIntakeProps, 'domain'>) {
  const stack = new Stack(new App(), 'Intake');
  const intake = new EmailIntake(stack, 'EmailIntake', {
    bucket: new Bucket(stack, 'Bucket'),
    key: new Key(stack, 'Key'),
    rawMailPrefix: 'raw-mail/',
    handler: new LambdaFunction(stack, 'Handler', {
      runtime: Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: Code.fromInline('export const handler = async () => {};'),
    }),
    ...props,
  });
  return { stack, intake };
}

const recipientsOf = (stack: Stack): unknown =>
  Object.values(Template.fromStack(stack).findResources('AWS::SES::ReceiptRule'))[0]?.Properties.Rule
    .Recipients;

describe('EmailIntake', () => {
  it('receives for the listed addresses only, lower-cased, when addresses are given', () => {
    const { stack } = intakeStack({
      domain: 'Example.gov.lv',
      addresses: ['Info@example.gov.lv', 'kanceleja@EXAMPLE.gov.lv'],
    });
    expect(recipientsOf(stack)).toEqual(['info@example.gov.lv', 'kanceleja@example.gov.lv']);
  });

  it('refuses an address outside the inbound domain', () => {
    expect(() => intakeStack({ domain: 'example.gov.lv', addresses: ['info@elsewhere.lv'] })).toThrow(
      /not an address of the inbound domain example\.gov\.lv/,
    );
    // A subdomain is another domain to SES's recipient matching.
    expect(() => intakeStack({ domain: 'example.gov.lv', addresses: ['info@mail.example.gov.lv'] })).toThrow(
      /not an address of the inbound domain/,
    );
  });

  it('verifies the domain with Easy DKIM when asked, and outputs its three CNAME records', () => {
    const { stack, intake } = intakeStack({ domain: 'example.gov.lv', verifyDomain: true });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'example.gov.lv' });
    expect(intake.identity).toBeDefined();
    const dkimOutputs = Object.values(
      template.toJSON().Outputs as Record<string, { Description: string }>,
    ).filter((output) => output.Description.startsWith('DKIM CNAME'));
    expect(dkimOutputs).toHaveLength(3);
  });

  it('keeps events whose invocation failed three times on an encrypted, SSL-only queue, never dropping them', () => {
    const { stack, intake } = intakeStack({ domain: 'example.gov.lv' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(intake.failedInvocations), 'Arn'] } },
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: Match.objectLike({
        'Fn::GetAtt': [Match.stringLikeRegexp('FailedInvocationsKey'), 'Arn'],
      }),
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('takes a rule set name, and names the rule in the conditions', () => {
    const { stack, intake } = intakeStack({
      domain: 'example.gov.lv',
      ruleSetName: 'courtdesk-staging-inbound',
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'courtdesk-staging-inbound' });
    expect(JSON.stringify(stack.resolve(intake.ruleArn))).toContain(
      ':receipt-rule-set/courtdesk-staging-inbound:receipt-rule/intake',
    );
  });
});

describe('emailTriggerOf', () => {
  it('finds ingest-email and its bucket in the inventory', () => {
    const { spec, trigger } = emailTriggerOf(functions);
    expect([spec.name, trigger.bucket]).toEqual(['ingest-email', 'mail']);
  });

  it('refuses no email function, or two (one receipt rule hands each message to one function)', () => {
    const ingestEmail = emailTriggerOf(functions).spec;
    expect(() => emailTriggerOf(functions.filter((spec) => spec !== ingestEmail))).toThrow(/not 0/);
    expect(() => emailTriggerOf([...functions, { ...ingestEmail, name: 'ingest-email-2' }])).toThrow(/not 2/);
  });
});

describe('the stack with an inbound domain of its own and listed addresses', () => {
  let stack: CourtdeskStack;
  let template: Template;

  beforeAll(() => {
    // Prepare: addresses as `--context` passes them (comma-separated), another domain than the sender's.
    ({ stack } = buildApp({
      context: {
        ...testContext,
        ...skipBundling,
        'courtdesk:inboundDomain': 'example.gov.lv',
        'courtdesk:inboundAddresses': 'info@example.gov.lv, kanceleja@example.gov.lv',
      },
      nag: false,
      webAssetsPath: fileURLToPath(new URL('./no-web-build', import.meta.url)),
    }));
    // Act
    template = Template.fromStack(stack);
  });

  it('the rule receives for the listed addresses', () => {
    expect(recipientsOf(stack)).toEqual(['info@example.gov.lv', 'kanceleja@example.gov.lv']);
  });

  it('verifies the inbound domain as a second identity', () => {
    expect(stack.emailIntake.identity).toBeDefined();
    expect(
      Object.values(template.findResources('AWS::SES::EmailIdentity'))
        .map((identity) => identity.Properties.EmailIdentity)
        .sort(),
    ).toEqual(['courtdesk.example.lv', 'example.gov.lv']);
  });

  it('ingest-email receives the inbound domain and the mail bucket', () => {
    const fn = template.toJSON().Resources[logicalId(stack.functions.get('ingest-email').function)];
    expect(fn.Properties.Environment.Variables).toMatchObject({
      INBOUND_MAIL_DOMAIN: 'example.gov.lv',
      MAIL_BUCKET: refOf(stack.storage.bucket('mail').bucket),
    });
  });
});

describe('the inbound domain context', () => {
  it('defaults to the sender domain', () => {
    const { 'courtdesk:inboundDomain': _inbound, ...withoutInbound } = testContext;
    const { stack } = buildApp({ context: { ...withoutInbound, ...skipBundling }, nag: false });
    expect(stack.emailIntake.identity).toBeUndefined();
    expect(recipientsOf(stack)).toEqual([testContext['courtdesk:senderDomain']]);
  });
});

describe('the reopen window context', () => {
  const reopenWindowOf = (context: Record<string, unknown>) => {
    const { stack } = buildApp({
      context: { ...testContext, ...skipBundling, ...context },
      nag: false,
      webAssetsPath: fileURLToPath(new URL('./no-web-build', import.meta.url)),
    });
    const fn = stack.functions.get('process-intake').function;
    const properties = Template.fromStack(stack).toJSON().Resources[logicalId(fn)].Properties;
    return (properties.Environment as { Variables: Record<string, string> }).Variables.REOPEN_WINDOW_DAYS;
  };

  it('gives process-intake the window in days, 30 by default', () => {
    expect(reopenWindowOf({})).toBe('30');
    expect(reopenWindowOf({ 'courtdesk:reopenWindowDays': 14 })).toBe('14');
    expect(() => reopenWindowOf({ 'courtdesk:reopenWindowDays': 'two weeks' })).toThrow(
      /whole number of days/,
    );
  });
});

describe('email intake', () => {
  const { stack, template, resources } = courtdesk();

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
