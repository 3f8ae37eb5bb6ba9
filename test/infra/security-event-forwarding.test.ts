/**
 * IAM's security events reach EventBridge in us-east-1 only (a global service): the edge stack
 * forwards them to the main region's default bus, where the `iam-policy-changed` rule raises the
 * alarm. One rule with the same pattern, the other bus as target with a least-privilege role, a
 * dead-letter queue under its own key, and an alarm on it in us-east-1.
 */
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app-factory.ts';
import { securityEvents } from '../../infra/constructs/security-alarms.ts';
import { defaultEdgeLimits } from '../../infra/edge-limits.ts';
import { EdgeWafStack } from '../../infra/edge-waf-stack.ts';
import {
  arnOf,
  describeViolations,
  logicalId,
  type SynthOutcome,
  skipBundling,
  synthWithValidation,
  testContext,
} from './support.ts';

const iam = securityEvents.find((spec) => spec.id === 'iam-policy-changed');
const mainRegionBus = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:eu-north-1:123456789012:event-bus/default']],
};

describe('forwarding of IAM security events from us-east-1', () => {
  const saved = { region: process.env.CDK_DEFAULT_REGION, account: process.env.CDK_DEFAULT_ACCOUNT };
  let edge: EdgeWafStack;
  let template: Template;
  let outcome: SynthOutcome;

  beforeAll(() => {
    // Prepare: the app as `cdk deploy` builds it for an account and an EU region.
    process.env.CDK_DEFAULT_REGION = 'eu-north-1';
    process.env.CDK_DEFAULT_ACCOUNT = '123456789012';
    const built = buildApp({
      context: { ...testContext, ...skipBundling },
      webAssetsPath: fileURLToPath(new URL('./no-web-build', import.meta.url)),
    });
    edge = built.edge;
    // Act: synthesized with the three cdk-nag packs, so the forwarding is checked by them too.
    outcome = synthWithValidation(built.app);
    template = Template.fromStack(edge);
  }, 600_000);

  afterAll(() => {
    for (const [name, value] of [
      ['CDK_DEFAULT_REGION', saved.region],
      ['CDK_DEFAULT_ACCOUNT', saved.account],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('matches the IAM calls the main region alarms on, and sends them to its default bus', () => {
    expect(iam).toBeDefined();
    const forwarding = edge.securityEventForwarding;
    expect(forwarding).toBeDefined();
    const rules = Object.values(template.findResources('AWS::Events::Rule'));
    expect(rules).toHaveLength(1);
    const properties = rules[0]?.Properties as {
      EventPattern: unknown;
      Targets: { Arn: unknown; RoleArn: unknown; DeadLetterConfig: unknown }[];
    };
    expect(properties.EventPattern).toEqual({
      source: ['aws.iam'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { eventSource: ['iam.amazonaws.com'], eventName: [...(iam?.eventNames ?? [])] },
    });
    expect(properties.Targets).toEqual([
      {
        Id: expect.any(String),
        Arn: mainRegionBus,
        RoleArn: arnOf(forwarding!.role),
        DeadLetterConfig: { Arn: arnOf(forwarding!.deadLetterQueue) },
      },
    ]);
  });

  it('sends with a role EventBridge of this account assumes, allowed PutEvents on that bus only', () => {
    const forwarding = edge.securityEventForwarding!;
    const role = template.toJSON().Resources[logicalId(forwarding.role)];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
      },
    ]);
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.Roles).includes(logicalId(forwarding.role)),
    );
    expect(policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement)).toEqual([
      {
        Action: 'events:PutEvents',
        Effect: 'Allow',
        Resource: mainRegionBus,
      },
    ]);
  });

  it('keeps what it could not forward in a queue under its own key, writable by the rule only, and alarms on it', () => {
    const forwarding = edge.securityEventForwarding!;
    const queue = template.toJSON().Resources[logicalId(forwarding.deadLetterQueue)];
    expect(queue.Properties.KmsMasterKeyId).toEqual(
      expect.objectContaining({ 'Fn::GetAtt': expect.any(Array) }),
    );
    const queuePolicy = JSON.stringify(Object.values(template.findResources('AWS::SQS::QueuePolicy')));
    expect(queuePolicy).toContain('aws:SourceArn');
    expect(queuePolicy).toContain(logicalId(Object.values(forwarding.rules)[0]!));
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: logicalId(forwarding.topic) }],
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: testContext['courtdesk:alarmEmail'],
    });
  });

  it('passes the AwsSolutions, NIST 800-53 rev 5 and Serverless packs', () => {
    for (const pack of ['AwsSolutions', 'NIST.800.53.R5', 'Serverless']) {
      const report = outcome.reports.find((candidate) => candidate.pluginName === pack);
      expect(report, pack).toBeDefined();
      expect(describeViolations(report?.violations ?? [])).toEqual([]);
    }
    expect(outcome.error).toBeUndefined();
  });

  it('forwards nothing when the main stack is in us-east-1 already, or its region is unknown', () => {
    const app = new App();
    const inUsEast1 = new EdgeWafStack(app, 'SameRegion', {
      limits: defaultEdgeLimits,
      forwardSecurityEventsTo: 'us-east-1',
    });
    const unknown = new EdgeWafStack(app, 'Unknown', { limits: defaultEdgeLimits });
    for (const stack of [inUsEast1, unknown]) {
      expect(stack.securityEventForwarding).toBeUndefined();
      Template.fromStack(stack).resourceCountIs('AWS::Events::Rule', 0);
    }
  });
});
