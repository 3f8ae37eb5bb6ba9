/** The alarms (infra/constructs/monitoring.ts) in the stack: the topic, dead letters, queue age, errors. */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, it } from 'vitest';
import { functions, queues } from '../../infra/inventory.ts';
import { courtdesk, logicalId, refOf, testContext } from './support.ts';

const { stack, template } = courtdesk();

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
