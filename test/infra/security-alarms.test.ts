/**
 * Security alarms: each rule's CloudTrail pattern, its target (the alarm topic) with a dead-letter
 * queue and a retry policy; the tamper and mail-events targets' dead-letter queues; the queues
 * encrypted and SSL-only, writable by their rules only.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { securityEvents } from '../../infra/constructs/security-alarms.ts';
import { arnOf, courtdesk, logicalId, refOf } from './support.ts';

const { stack, template, resources } = courtdesk();

interface RuleTarget {
  Arn: unknown;
  DeadLetterConfig?: { Arn: unknown };
  RetryPolicy?: { MaximumRetryAttempts: number; MaximumEventAgeInSeconds: number };
  InputTransformer?: unknown;
}
const ruleProperties = (construct: Parameters<typeof logicalId>[0]) =>
  resources[logicalId(construct)]?.Properties as { EventPattern: unknown; Targets: RuleTarget[] };

const deadLetterArn = () => arnOf(stack.securityAlarms.deadLetterQueue);

describe('SecurityAlarms', () => {
  it.each(securityEvents.map((spec) => [spec.id, spec] as const))(
    '%s: matches its CloudTrail calls and notifies the alarm topic, retried for a day, then into the dead-letter queue',
    (id, spec) => {
      const rule = stack.securityAlarms.rules[id];
      expect(rule, `no rule ${id}`).toBeDefined();
      const properties = ruleProperties(rule!);
      expect(properties.EventPattern).toEqual({
        source: [spec.source],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: { eventSource: [spec.eventSource], eventName: [...spec.eventNames] },
      });
      expect(properties.Targets).toHaveLength(1);
      const [target] = properties.Targets;
      expect(target?.Arn).toEqual(refOf(stack.monitoring.topic));
      expect(target?.DeadLetterConfig).toEqual({ Arn: deadLetterArn() });
      expect(target?.RetryPolicy).toEqual({ MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 });
      // The call, the caller, the time and the event id: never the request's parameters.
      const message = JSON.stringify(target?.InputTransformer);
      expect(message).toContain('$.detail.userIdentity.arn');
      expect(message).toContain('$.detail.eventID');
      expect(message).not.toContain('requestParameters');
    },
  );

  it('covers the changes the issue names', () => {
    const names = (source: string) =>
      securityEvents.filter((spec) => spec.source === source).flatMap((spec) => spec.eventNames);
    expect(names('aws.iam')).toEqual(
      expect.arrayContaining([
        'PutRolePolicy',
        'AttachRolePolicy',
        'DetachRolePolicy',
        'CreatePolicy',
        'DeletePolicy',
        'CreateRole',
        'DeleteRole',
        'UpdateAssumeRolePolicy',
      ]),
    );
    expect(names('aws.kms')).toEqual(['DisableKey', 'ScheduleKeyDeletion']);
    expect(names('aws.s3')).toEqual(expect.arrayContaining(['PutBucketPolicy', 'DeleteBucketPolicy']));
    expect(names('aws.cognito-idp')).toEqual([
      'AdminAddUserToGroup',
      'AdminRemoveUserFromGroup',
      'AdminDisableUser',
    ]);
    expect(names('aws.cloudtrail')).toEqual(expect.arrayContaining(['StopLogging', 'DeleteTrail']));
  });

  it('keeps undelivered alarms in a queue encrypted with its own key, SSL only, that only the alarm rules may write to', () => {
    const queue = resources[logicalId(stack.securityAlarms.deadLetterQueue)];
    expect(queue?.Properties).toMatchObject({
      KmsMasterKeyId: arnOf(stack.securityAlarms.key),
      MessageRetentionPeriod: 1_209_600,
    });
    const policies = template.findResources('AWS::SQS::QueuePolicy', {
      Properties: { Queues: [refOf(stack.securityAlarms.deadLetterQueue)] },
    });
    const statements = Object.values(policies).flatMap(
      (policy) =>
        (policy as { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } }).Properties
          .PolicyDocument.Statement,
    );
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const sends = statements.filter((statement) => statement.Effect === 'Allow');
    // One statement per rule that may send: each of the security rules and the tamper rule.
    const rules = [...Object.values(stack.securityAlarms.rules), stack.accountTrail.tamperRule!];
    expect(sends.map((statement) => statement.Condition)).toEqual(
      expect.arrayContaining(rules.map((rule) => ({ ArnEquals: { 'aws:SourceArn': arnOf(rule) } }))),
    );
    for (const statement of sends) {
      expect(statement.Principal).toEqual({ Service: 'events.amazonaws.com' });
      expect(statement.Action).toBe('sqs:SendMessage');
    }
    template.hasResourceProperties('AWS::KMS::Key', {
      Description: 'courtdesk: encrypts security alarms EventBridge could not deliver',
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'events.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          }),
        ]),
      },
    });
  });

  it('alarms on the alarm topic when an alarm could not be delivered', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [logicalId(stack.securityAlarms.deadLetterQueue), 'QueueName'] },
        },
      ],
      Threshold: 0,
      AlarmActions: [refOf(stack.monitoring.topic)],
    });
  });
});

describe('dead-letter queues of the existing EventBridge targets', () => {
  it("the audit table's tamper alarm: retried for a day, then into the security alarms' dead-letter queue", () => {
    const [target] = ruleProperties(stack.accountTrail.tamperRule!).Targets;
    expect(target?.Arn).toEqual(refOf(stack.monitoring.topic));
    expect(target?.DeadLetterConfig).toEqual({ Arn: deadLetterArn() });
    expect(target?.RetryPolicy).toEqual({ MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 });
  });

  it('mail-events: an event not delivered to the function goes to a queue under the same key as its failures, alarmed', () => {
    const [rule] = stack.email.eventRules;
    const [target] = ruleProperties(rule!).Targets;
    const handler = stack.functions.get('mail-events').function;
    expect(target?.Arn).toEqual(arnOf(handler));
    const undelivered = stack.email.failedEvents.find((entry) => entry.name === 'mail-events-undelivered');
    const failures = stack.email.failedEvents.find((entry) => entry.name === 'mail-events-failures');
    expect(undelivered && failures).toBeTruthy();
    expect(target?.DeadLetterConfig).toEqual({ Arn: arnOf(undelivered!.queue) });
    expect(target?.RetryPolicy).toEqual({ MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 });
    expect(resources[logicalId(undelivered!.queue)]?.Properties).toMatchObject({
      KmsMasterKeyId: resources[logicalId(failures!.queue)]?.Properties.KmsMasterKeyId,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(undelivered!.queue), 'QueueName'] } },
      ],
    });
  });
});
