/**
 * Hardening the NIST and Serverless packs asked for: reserved concurrency of the public functions
 * (context, checked against the 100 Lambda keeps unreserved), the functions' log groups under a
 * KMS key CloudWatch Logs may use for this account's log groups only, and a dead-letter queue on
 * every schedule rule's target.
 */
import { describe, expect, it } from 'vitest';
import { defaultReservedConcurrency, parseReservedConcurrency } from '../../infra/concurrency.ts';
import { functions } from '../../infra/inventory.ts';
import { arnOf, courtdesk, logicalId } from './support.ts';

const names = functions.map((spec) => spec.name);
// Synthesized once for the file, outside the tests' time limit (as the other construct tests do).
const { stack, resources, template } = courtdesk();

describe('reserved concurrency', () => {
  it('reserves the defaults for the public functions only, 70 in all', () => {
    const reserved = Object.fromEntries(
      stack.functions.all.flatMap((fn) => {
        const count = resources[logicalId(fn.function)]?.Properties.ReservedConcurrentExecutions;
        return count === undefined ? [] : [[fn.spec.name, count]];
      }),
    );
    expect(reserved).toEqual({ 'ingest-web': 30, 'assistant-api': 20, 'survey-api': 10, 'list-topics': 10 });
    expect(Object.values(defaultReservedConcurrency).reduce((sum, count) => sum + count, 0)).toBe(70);
  });

  it('takes overrides by function name, 0 removing a default', () => {
    expect(parseReservedConcurrency({ 'ingest-web': 50, 'list-topics': 0, 'staff-api': 100 }, names)).toEqual(
      {
        'ingest-web': 50,
        'assistant-api': 20,
        'survey-api': 10,
        'staff-api': 100,
      },
    );
    expect(parseReservedConcurrency('{"survey-api":5}', names)['survey-api']).toBe(5);
  });

  it('refuses an unknown function, a fraction, and more than the account quota less its unreserved 100', () => {
    expect(() => parseReservedConcurrency({ 'no-such-function': 5 }, names)).toThrow(/not a function/);
    expect(() => parseReservedConcurrency({ 'ingest-web': 2.5 }, names)).toThrow(/whole number/);
    expect(() => parseReservedConcurrency({ 'staff-api': 831 }, names)).toThrow(/at most 900/);
    expect(parseReservedConcurrency({ 'staff-api': 830 }, names)['staff-api']).toBe(830);
    // An account still at a low quota: the defaults alone are too much.
    expect(() => parseReservedConcurrency(undefined, names, 150)).toThrow(/reserves 70 in all.*at most 50/);
  });
});

describe("the functions' log groups", () => {
  it('are encrypted with the log key, which CloudWatch Logs may use for this account’s log groups only', () => {
    for (const fn of stack.functions.all)
      expect(resources[logicalId(fn.logGroup)]?.Properties.KmsKeyId, fn.spec.name).toEqual(
        arnOf(stack.logKey),
      );
    const key = resources[logicalId(stack.logKey)]?.Properties as {
      EnableKeyRotation: boolean;
      KeyPolicy: { Statement: { Sid?: string; Principal: unknown; Condition?: unknown }[] };
    };
    expect(key.EnableKeyRotation).toBe(true);
    const logs = key.KeyPolicy.Statement.find(
      (statement) => statement.Sid === 'CloudWatchLogsEncryptsThisAccountsLogGroups',
    );
    expect(JSON.stringify(logs?.Principal)).toContain('logs.');
    expect(JSON.stringify(logs?.Condition)).toContain('kms:EncryptionContext:aws:logs:arn');
    expect(JSON.stringify(logs?.Condition)).toContain(':log-group:*');
  });
});

describe('the schedule rules', () => {
  it('each send what they could not invoke to the schedules’ dead-letter queue, which is alarmed', () => {
    const queue = stack.functions.scheduleFailures;
    expect(queue).toBeDefined();
    const scheduled = stack.functions.all.filter((fn) => fn.schedules.length > 0);
    expect(scheduled.map((fn) => fn.spec.name).sort()).toEqual([
      'audit-sealer',
      'audit-watch',
      'deadline-sweeper',
      'export-analytics',
      'publish-help',
      'retention-sweeper',
    ]);
    for (const fn of scheduled)
      for (const rule of fn.schedules) {
        const targets = resources[logicalId(rule)]?.Properties.Targets as { DeadLetterConfig?: unknown }[];
        expect(
          targets.map((target) => target.DeadLetterConfig),
          fn.spec.name,
        ).toEqual([{ Arn: arnOf(queue!) }]);
      }
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((alarm) =>
      JSON.stringify(alarm.Properties.Dimensions ?? alarm.Properties.Metrics ?? '').includes(
        logicalId(queue!),
      ),
    );
    expect(alarms.length).toBeGreaterThan(0);
  });
});
