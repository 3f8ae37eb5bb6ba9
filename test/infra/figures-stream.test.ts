/**
 * The figures' infrastructure: the `figures` table, the tickets table's stream, aggregate-figures'
 * event source mapping on it (order, partial failures, bisection, bounded retries, on-failure
 * queue, filter criteria), its least-privilege grants and alarms.
 */
import { describe, expect, it } from 'vitest';
import { functions } from '../../infra/inventory.ts';
import {
  actionsOf,
  allowedActionsByResource,
  allStatements,
  arnOf,
  courtdesk,
  logicalId,
  refOf,
  resourcesOf,
  resourcesOfType,
  statementsOf,
} from './support.ts';

const { stack, template, resources } = courtdesk();
const tickets = () => stack.data.table('tickets').table;
const streamArn = () => ({ 'Fn::GetAtt': [logicalId(tickets()), 'StreamArn'] });
const aggregate = () => stack.functions.get('aggregate-figures');
const mappings = () =>
  Object.values(resourcesOfType('AWS::Lambda::EventSourceMapping')).filter(
    (mapping) =>
      JSON.stringify(mapping.Properties.FunctionName) === JSON.stringify(refOf(aggregate().function)),
  );

describe('the figures table and the tickets stream', () => {
  it('the figures table: keys pk/sk, no index, no TTL, no stream', () => {
    const properties = resources[logicalId(stack.data.table('figures').table)]?.Properties;
    expect(properties).toMatchObject({
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    expect(properties?.GlobalSecondaryIndexes).toBeUndefined();
    expect(properties?.StreamSpecification).toBeUndefined();
  });

  it('only the tickets table has a stream, with the new and the old image of each change', () => {
    const streams = Object.fromEntries(
      stack.data.tables.map(({ spec, table }) => [
        spec.id,
        resources[logicalId(table)]?.Properties.StreamSpecification,
      ]),
    );
    expect(streams).toEqual({
      tickets: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      audit: undefined,
      knowledge: undefined,
      figures: undefined,
    });
  });
});

describe("aggregate-figures' event source mapping", () => {
  it('is the only stream consumer, with one mapping', () => {
    expect(
      functions
        .filter((spec) => spec.triggers.some((trigger) => trigger.kind === 'table-stream'))
        .map((spec) => spec.name),
    ).toEqual(['aggregate-figures']);
    expect(mappings()).toHaveLength(1);
  });

  it('reads the tickets stream from its oldest record, in order, with partial failures, bisection and bounded retries', () => {
    expect(mappings()[0]?.Properties).toMatchObject({
      EventSourceArn: streamArn(),
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 5,
      ParallelizationFactor: 1,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 86_400,
    });
  });

  it('gives up on a batch into its own on-failure queue: SSL only, encrypted, kept 14 days, alarmed', () => {
    const [failures, ...others] = stack.functions.streamFailures;
    expect(others).toEqual([]);
    expect(failures?.name).toBe('aggregate-figures-tickets-stream-failures');
    const queue = failures!.queue;
    expect(mappings()[0]?.Properties.DestinationConfig).toEqual({
      OnFailure: { Destination: arnOf(queue) },
    });
    expect(resources[logicalId(queue)]?.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(queue), 'QueueName'] } }],
      Threshold: 0,
    });
  });

  it('alarms when it falls more than 15 minutes behind the stream', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'IteratorAge',
      Dimensions: [{ Name: 'FunctionName', Value: refOf(aggregate().function) }],
      Statistic: 'Maximum',
      Threshold: 900_000,
      EvaluationPeriods: 3,
    });
  });

  it('is invoked only for tickets, take records, survey responses and invitations (by key, removals too)', () => {
    const criteria = mappings()[0]?.Properties.FilterCriteria as { Filters: { Pattern: string }[] };
    const patterns = criteria.Filters.map((filter) => JSON.parse(filter.Pattern));
    expect(patterns).toEqual([
      { dynamodb: { Keys: { sk: { S: ['TICKET', 'SURVEY', 'SURVEY#INVITATION'] } } } },
      { dynamodb: { Keys: { pk: { S: [{ prefix: 'TAKES#' }] } } } },
    ]);
  });
});

describe('stream grants', () => {
  it('aggregate-figures reads the tickets stream only, never the tickets table, and keeps the figures', () => {
    expect(allowedActionsByResource(statementsOf('aggregate-figures'), 'dynamodb')).toEqual({
      [JSON.stringify(streamArn())]: [
        'dynamodb:DescribeStream',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
      ],
      // No resource-level permissions for ListStreams: on `*` alone, the records on the one stream.
      [JSON.stringify('*')]: ['dynamodb:ListStreams'],
      // Only what its code calls (the inventory since 993ba06): the bookkeeping read, the
      // transaction's conditional put and bucket additions.
      [JSON.stringify(arnOf(stack.data.table('figures').table))]: [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      ],
    });
  });

  it('sends to its on-failure queue and no other', () => {
    const queues = statementsOf('aggregate-figures')
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith('sqs:')))
      .flatMap(resourcesOf);
    expect(queues).toEqual([arnOf(stack.functions.streamFailures[0]!.queue)]);
  });

  it('no other role of the stack may read a stream', () => {
    const aggregateRole = logicalId(aggregate().role);
    const policies = Object.values(resourcesOfType('AWS::IAM::Policy')).filter(
      (policy) => !JSON.stringify(policy.Properties.Roles).includes(`"${aggregateRole}"`),
    );
    const streamActions = policies
      .flatMap(
        (policy) =>
          (policy.Properties.PolicyDocument as { Statement: Parameters<typeof actionsOf>[0][] }).Statement,
      )
      .flatMap(actionsOf)
      .filter((action) => /^dynamodb:(DescribeStream|GetRecords|GetShardIterator|ListStreams)$/.test(action));
    expect(streamActions).toEqual([]);
    // And none at all through a wildcard.
    expect(
      allStatements()
        .flatMap(actionsOf)
        .filter((action) => action === 'dynamodb:*' || action === '*'),
    ).toEqual([]);
  });

  it('staff-api reads the figures (GetItem, BatchGetItem, Query) and never writes them', () => {
    expect(
      allowedActionsByResource(statementsOf('staff-api'), 'dynamodb')[
        JSON.stringify(arnOf(stack.data.table('figures').table))
      ],
    ).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
  });

  it('no other function may touch the figures table', () => {
    const figures = `"${logicalId(stack.data.table('figures').table)}"`;
    const touching = functions
      .filter((spec) =>
        statementsOf(spec.name).some((statement) =>
          resourcesOf(statement).some((resource) => JSON.stringify(resource).includes(figures)),
        ),
      )
      .map((spec) => spec.name)
      .sort();
    expect(touching).toEqual(['aggregate-figures', 'staff-api']);
  });
});
