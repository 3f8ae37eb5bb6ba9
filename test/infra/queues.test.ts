/** The FIFO queues and their dead-letter queues (infra/constructs/queues.ts) in the stack. */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { queues } from '../../infra/inventory.ts';
import { arnOf, courtdesk, logicalId, refOf } from './support.ts';

const { stack, template, resources } = courtdesk();

describe('queues', () => {
  it.each(queues.filter((spec) => spec.type !== 'standard').map((spec) => [spec.id, spec] as const))(
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

  it('survey-invitations is a standard queue (per-message delays) with a standard dead-letter queue', () => {
    const spec = queues.find((queue) => queue.id === 'survey-invitations');
    const { queue, deadLetterQueue } = stack.queues.pair('survey-invitations');
    const properties = resources[logicalId(queue)]?.Properties;
    expect(properties).toMatchObject({
      VisibilityTimeout: spec?.visibilityTimeoutSeconds,
      KmsMasterKeyId: arnOf(stack.queues.key),
      RedrivePolicy: { deadLetterTargetArn: arnOf(deadLetterQueue), maxReceiveCount: spec?.maxReceiveCount },
    });
    expect(properties?.FifoQueue).toBeUndefined();
    expect(resources[logicalId(deadLetterQueue)]?.Properties.FifoQueue).toBeUndefined();
  });

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
