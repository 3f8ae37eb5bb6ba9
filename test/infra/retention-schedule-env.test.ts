/**
 * The retention schedule reaches every function that writes an item expiring by DynamoDB TTL
 * (`expiresAt` from the schedule), and the sweeper: `RETENTION_SCHEDULE`, the context's overrides.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app-factory.ts';
import { ttlWriterNames } from '../../infra/constructs/retention.ts';
import { functions } from '../../infra/inventory.ts';
import { logicalId, skipBundling, testContext } from './support.ts';

const overrides = { 'idempotency-item': { days: 7 }, 'assistant-question': { days: 90 } };

function environmentOf(name: string, context: Record<string, unknown> = {}): Record<string, unknown> {
  const { stack } = buildApp({
    context: { ...testContext, ...skipBundling, ...context },
    nag: false,
    webAssetsPath: fileURLToPath(new URL('./no-web-build', import.meta.url)),
  });
  const resources = Template.fromStack(stack).toJSON().Resources;
  const properties = resources[logicalId(stack.functions.get(name).function)]?.Properties;
  return properties?.Environment?.Variables ?? {};
}

describe('the retention schedule of the functions', () => {
  it('gives each function that writes expiring items, and the sweeper, the context overrides', () => {
    // Prepare
    const { stack } = buildApp({
      context: { ...testContext, ...skipBundling, 'courtdesk:retention': overrides },
      nag: false,
      webAssetsPath: fileURLToPath(new URL('./no-web-build', import.meta.url)),
    });
    const resources = Template.fromStack(stack).toJSON().Resources;
    const scheduleOf = (name: string) =>
      resources[logicalId(stack.functions.get(name).function)]?.Properties?.Environment?.Variables
        ?.RETENTION_SCHEDULE;
    // Assess
    for (const name of [...ttlWriterNames, 'retention-sweeper'])
      expect(JSON.parse(String(scheduleOf(name))), name).toEqual(overrides);
    const others = functions
      .map((spec) => spec.name)
      .filter(
        (name) => name !== 'retention-sweeper' && !(ttlWriterNames as readonly string[]).includes(name),
      );
    expect(others.length).toBeGreaterThan(0);
    for (const name of others) expect(scheduleOf(name), name).toBeUndefined();
  });

  it('gives the defaults ({}) without context', () => {
    expect(environmentOf('send-email').RETENTION_SCHEDULE).toBe('{}');
  });

  it('names as writers exactly the functions whose dependencies load RETENTION_SCHEDULE', () => {
    // A function that loads the schedule but is not given it would silently use the defaults.
    const loading = functions
      .map((spec) => spec.name)
      .filter((name) => {
        const file = new URL(`../../functions/${name}/dependencies.ts`, import.meta.url);
        return existsSync(file) && readFileSync(file, 'utf8').includes("'RETENTION_SCHEDULE'");
      });
    expect(loading.sort()).toEqual([...ttlWriterNames, 'retention-sweeper'].sort());
  });
});
