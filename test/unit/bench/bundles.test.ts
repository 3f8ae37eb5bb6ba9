import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleMax,
  type ColdImport,
  coldImportLine,
  coldImports,
  coldImportTable,
} from '../../../bench/bundles.ts';
import type { FunctionBundle } from '../../../infra/bundling/bundle-function.ts';
import { bundleFunctions, projectRoot } from '../../../scripts/bundle.ts';

const measured = (
  name: string,
  ratio: number,
  sdk: readonly string[] = ['@aws-sdk/client-s3'],
): ColdImport => ({
  name,
  sdk,
  handler: { cpuMs: ratio * 100, wallMs: ratio * 100 },
  hello: { cpuMs: 100, wallMs: 100 },
  ratio,
});

describe('coldImportLine', () => {
  it('names the worst ratio of the functions that import the AWS SDK', () => {
    const line = coldImportLine([measured('a', 1.1), measured('b', 1.456), measured('c', 1.2)]);
    expect(line).toBe('cold import max/hello: 1.46 (b)');
  });

  it('leaves out a function without the SDK: its hello world is a bare module', () => {
    const line = coldImportLine([measured('list-topics', 5.4, []), measured('staff-api', 1.2)]);
    expect(line).toBe('cold import max/hello: 1.20 (staff-api)');
  });
});

// The real measurement, once and briefly: two small functions bundled under dist/ (where the AWS SDK
// resolves from the project's node_modules), one import each.
describe('coldImports and bundleMax', () => {
  const root = join(projectRoot, 'dist', 'test-bench-bundles');
  let bundles: FunctionBundle[];
  let results: ColdImport[];

  beforeAll(async () => {
    bundles = await bundleFunctions(['list-topics', 'mail-events'], root);
    // A handler that reads its configuration at import time, minified (class name ≠ error name).
    const broken = join(root, 'broken');
    mkdirSync(broken, { recursive: true });
    writeFileSync(
      join(broken, 'handler.mjs'),
      "class Mo extends Error { name = 'ConfigurationError' }\n" +
        "if (!process.env.TICKETS_TABLE) throw new Mo('Configuration: environment variable TICKETS_TABLE is missing');\n" +
        'export const handler = async () => ({});\n',
    );
    const [listTopics] = bundles as [FunctionBundle];
    results = await coldImports([...bundles, { ...listTopics, name: 'broken', outdir: broken }], 1);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('names the function with the most cold-start code', () => {
    const largest = bundles.find((bundle) => bundle.name === 'mail-events') as FunctionBundle;
    expect(bundleMax(bundles)).toMatchObject({ name: 'mail-events' });
    expect(bundleMax(bundles).line).toBe(
      `bundle max: ${Math.round(largest.budget.coldStart.bytes / 1024)} kB (mail-events)`,
    );
  });

  it('times each handler and a hello world with the same SDK packages', () => {
    const [listTopics, mailEvents] = results;
    expect(listTopics).toMatchObject({ name: 'list-topics', sdk: [] });
    expect(mailEvents?.sdk).toContain('@aws-sdk/client-dynamodb');
    for (const result of results) {
      expect(result.handler.cpuMs).toBeGreaterThan(0);
      expect(result.hello.wallMs).toBeGreaterThan(0);
      expect(result.ratio).toBeCloseTo(result.handler.cpuMs / result.hello.cpuMs, 6);
    }
    expect(coldImportTable(bundles, results)).toHaveLength(3);
  });

  it('reports a handler that needs its configuration to be imported, and measures it with stand-ins', () => {
    const [listTopics, , broken] = results;
    expect(listTopics?.importError).toBeUndefined();
    expect(broken?.importError).toBe(
      'ConfigurationError: Configuration: environment variable TICKETS_TABLE is missing',
    );
    expect(broken?.handler.cpuMs).toBeGreaterThan(0);
    expect(coldImportTable(bundles, results)[2]).toMatch(
      /reads its configuration at import: measured with stand-ins; bare: ConfigurationError/,
    );
  });
});
