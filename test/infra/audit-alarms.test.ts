import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EmfAccessMetrics, EmfRefusalMetrics } from '../../shared/adapters/cloudwatch/audit-metrics.ts';
import type { AccessReview } from '../../shared/domain/access-patterns.ts';
import { courtdesk, logicalId } from './support.ts';

const { stack, template } = courtdesk();

afterEach(() => vi.restoreAllMocks());

interface Emf {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  [key: string]: unknown;
}

/** The EMF documents `act` writes to stdout (Powertools writes one JSON line per flush). */
function emitted(act: () => void): Emf[] {
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
  act();
  log.mockRestore();
  return lines
    .flatMap((line) => line.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Emf);
}

/** Every (namespace, metric, dimensions) the documents carry. */
function metricsOf(documents: Emf[]) {
  return documents.flatMap((doc) =>
    doc._aws.CloudWatchMetrics.flatMap((directive) =>
      directive.Metrics.map((metric) => ({
        namespace: directive.Namespace,
        name: metric.Name,
        dimensions: Object.fromEntries(
          (directive.Dimensions[0] ?? []).map((dimension) => [dimension, doc[dimension]]),
        ),
        value: doc[metric.Name],
      })),
    ),
  );
}

function alarm(id: string) {
  const alarmConstruct = stack.monitoring.alarms.find((each) => each.node.id === id);
  expect(alarmConstruct, id).toBeDefined();
  return template.toJSON().Resources[logicalId(alarmConstruct!)].Properties as Record<string, unknown>;
}

const review: AccessReview = {
  hour: '2026-11-30T09',
  records: 10,
  accessDenied: 4,
  ticketsOpened: 7,
  unusualReaders: [{ user: 'agent.a', opened: 70, usual: 5 }],
  outsideCompetence: [{ user: 'agent.b', attempts: 3 }],
  outsideAttempts: 4,
};

describe('audit alarms', () => {
  beforeAll(() => {
    // Powertools writes nothing when metrics are disabled (POWERTOOLS_DEV and the like).
    delete process.env.POWERTOOLS_METRICS_DISABLED;
    delete process.env.POWERTOOLS_DEV;
  });

  it.each([
    ['UnusualReading', (m: ReturnType<typeof metricsOf>) => m.find((x) => x.name === 'UnusualReaders'), 1],
    [
      'OutsideCompetenceAccess',
      (m: ReturnType<typeof metricsOf>) => m.find((x) => x.name === 'OutsideCompetenceAccounts'),
      1,
    ],
  ] as const)(
    '%s watches the hourly metric audit-watch emits, and fires on one flagged account',
    (id, pick, value) => {
      const metric = pick(metricsOf(emitted(() => new EmfAccessMetrics().publish(review))));
      expect(metric?.value).toBe(value);
      const properties = alarm(id);
      expect(properties).toMatchObject({
        Namespace: metric?.namespace,
        MetricName: metric?.name,
        Dimensions: Object.entries(metric?.dimensions ?? {}).map(([Name, Value]) => ({ Name, Value })),
        Period: 3600,
        Statistic: 'Maximum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
      expect(properties.AlarmActions).toEqual([{ Ref: logicalId(stack.monitoring.topic) }]);
    },
  );

  it('AccessDeniedSpike sums the refusals staff-api counts as they happen, over five minutes', () => {
    const refusals = new EmfRefusalMetrics();
    const documents = emitted(() => {
      refusals.refused('AccessDenied');
      refusals.refused('ValidationError'); // not an access refusal: not counted
    });
    const metrics = metricsOf(documents);
    expect(metrics).toHaveLength(1);
    const [metric] = metrics;
    expect(metric?.value).toBe(1);
    expect(alarm('AccessDeniedSpike')).toMatchObject({
      Namespace: metric?.namespace,
      MetricName: metric?.name,
      Dimensions: Object.entries(metric?.dimensions ?? {}).map(([Name, Value]) => ({ Name, Value })),
      Period: 300,
      Statistic: 'Sum',
      Threshold: 20,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });
});

describe('AWS CloudTrail in the stack', () => {
  it('logs the data events of the tickets and audit tables and of every bucket of the inventory, and locks its files as long as the audit digests', () => {
    interface LockedBucket {
      ObjectLockEnabled?: boolean;
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: string; Days: number } } };
    }
    const resources = template.toJSON().Resources as Record<
      string,
      { Type: string; Properties: LockedBucket & { AdvancedEventSelectors?: unknown } }
    >;
    const trail = resources[logicalId(stack.accountTrail.trail)]?.Properties;
    if (!trail) throw new Error('no trail in the template');
    const selectors = trail.AdvancedEventSelectors as {
      FieldSelectors: { Field: string; Equals?: unknown[]; StartsWith?: unknown[] }[];
    }[];
    const arns = (type: string) =>
      selectors
        .filter((selector) =>
          selector.FieldSelectors.some(
            (field) => field.Field === 'resources.type' && field.Equals?.includes(type),
          ),
        )
        .flatMap((selector) => selector.FieldSelectors.filter((field) => field.Field === 'resources.ARN'))
        .flatMap((field) => field.Equals ?? field.StartsWith ?? []);
    expect(arns('AWS::DynamoDB::Table')).toEqual([
      { 'Fn::GetAtt': [logicalId(stack.data.table('tickets').table), 'Arn'] },
      { 'Fn::GetAtt': [logicalId(stack.data.table('audit').table), 'Arn'] },
    ]);
    expect(arns('AWS::S3::Object')).toEqual(
      stack.storage.buckets.map((entry) => ({
        'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(entry.bucket), 'Arn'] }, '/']],
      })),
    );
    expect(stack.storage.buckets.length).toBeGreaterThanOrEqual(2);
    const trailBucket = resources[logicalId(stack.accountTrail.bucket)]?.Properties;
    if (!trailBucket) throw new Error('no trail bucket in the template');
    const digestBuckets = Object.values(resources).filter(
      (resource) => resource.Type === 'AWS::S3::Bucket' && resource.Properties?.ObjectLockEnabled,
    );
    // The digests' bucket and the trail's: both locked for the same configured time.
    expect(digestBuckets).toHaveLength(2);
    for (const bucket of digestBuckets)
      expect(bucket.Properties.ObjectLockConfiguration.Rule.DefaultRetention).toEqual(
        trailBucket.ObjectLockConfiguration.Rule.DefaultRetention,
      );
    expect(trailBucket.ObjectLockConfiguration.Rule.DefaultRetention.Mode).toBe('COMPLIANCE');
  });
});
