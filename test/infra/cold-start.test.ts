import { describe, expect, it } from 'vitest';
import {
  type BundleMetafile,
  budgetLine,
  checkBudget,
  coldStartOf,
  duplicatePackages,
  overBudget,
} from '../../infra/bundling/cold-start.ts';

type Outputs = BundleMetafile['outputs'];
type Output = Outputs[string];

const chunk = (bytes: number, imports: Output['imports'] = [], extra: Partial<Output> = {}): Output => ({
  bytes,
  inputs: {},
  imports,
  ...extra,
});
const staticImport = (path: string, external = false) => ({ path, kind: 'import-statement', external });
const dynamicImport = (path: string) => ({ path, kind: 'dynamic-import' });

/**
 * A split bundle: the entry imports a shared chunk and the AWS SDK statically, and the PDF renderer
 * dynamically; the renderer imports the shared chunk and pdf-lib's chunk. esbuild marks the
 * dynamically imported module as an entry point of its own.
 */
const metafile: BundleMetafile = {
  inputs: {},
  outputs: {
    'dist/f/handler.mjs': chunk(
      100,
      [
        staticImport('dist/f/chunk-shared.mjs'),
        staticImport('@aws-sdk/client-s3', true),
        staticImport('node:crypto', true),
        dynamicImport('dist/f/letter-pdf-X.mjs'),
      ],
      {
        entryPoint: 'functions/f/handler.ts',
        inputs: { 'functions/f/handler.ts': { bytesInOutput: 60 }, 'shared/a.ts': { bytesInOutput: 40 } },
      },
    ),
    'dist/f/handler.mjs.map': chunk(5000),
    'dist/f/chunk-shared.mjs': chunk(50, [staticImport('dist/f/chunk-deep.mjs')], {
      inputs: { 'shared/a.ts': { bytesInOutput: 30 }, 'shared/b.ts': { bytesInOutput: 20 } },
    }),
    'dist/f/chunk-deep.mjs': chunk(25, [staticImport('@aws-sdk/lib-dynamodb', true)]),
    'dist/f/letter-pdf-X.mjs': chunk(
      1000,
      [staticImport('dist/f/chunk-shared.mjs'), staticImport('dist/f/chunk-pdf.mjs')],
      { entryPoint: 'shared/letters/letter-pdf.ts' },
    ),
    'dist/f/letter-pdf-X.mjs.map': chunk(9000),
    'dist/f/chunk-pdf.mjs': chunk(2000, [staticImport('@aws-sdk/client-kms', true)]),
  },
};

describe('coldStartOf', () => {
  it('counts the entry chunk and every chunk it reaches by static imports, transitively', () => {
    // Act
    const coldStart = coldStartOf(metafile, 'functions/f/handler.ts');
    // Assess
    expect(coldStart.entry).toBe('dist/f/handler.mjs');
    expect([...coldStart.chunks].sort()).toEqual([
      'dist/f/chunk-deep.mjs',
      'dist/f/chunk-shared.mjs',
      'dist/f/handler.mjs',
    ]);
    expect(coldStart.bytes).toBe(175);
  });

  it('counts chunks reached only through import() as lazy, and source maps as neither', () => {
    const coldStart = coldStartOf(metafile, 'functions/f/handler.ts');
    expect(coldStart.lazyBytes).toBe(3000);
  });

  it('lists the external packages the cold-start chunks import statically, not those of lazy chunks', () => {
    const coldStart = coldStartOf(metafile, 'functions/f/handler.ts');
    expect(coldStart.externalImports).toEqual(['@aws-sdk/client-s3', '@aws-sdk/lib-dynamodb', 'node:crypto']);
  });

  it('sums what each source file brings to the cold start, largest first', () => {
    const coldStart = coldStartOf(metafile, 'functions/f/handler.ts');
    expect(coldStart.inputs).toEqual([
      { path: 'shared/a.ts', bytes: 70 },
      { path: 'functions/f/handler.ts', bytes: 60 },
      { path: 'shared/b.ts', bytes: 20 },
    ]);
  });

  it("takes the named entry point, not a dynamically imported module's chunk", () => {
    const coldStart = coldStartOf(metafile, 'shared/letters/letter-pdf.ts');
    expect(coldStart.entry).toBe('dist/f/letter-pdf-X.mjs');
    expect(coldStart.bytes).toBe(1000 + 50 + 25 + 2000);
    expect(() => coldStartOf(metafile, 'functions/g/handler.ts')).toThrow(
      'No chunk of the bundle is built from functions/g/handler.ts',
    );
  });
});

describe('checkBudget', () => {
  const coldStartOfBytes = (bytes: number) => ({ ...coldStartOf(metafile, 'functions/f/handler.ts'), bytes });

  it('allows up to the budget in kB of 1024 bytes, and not a byte more', () => {
    expect(checkBudget('f', coldStartOfBytes(150 * 1024), 150).withinBudget).toBe(true);
    expect(checkBudget('f', coldStartOfBytes(150 * 1024 + 1), 150).withinBudget).toBe(false);
  });

  it('names every function over its budget, in order, and marks their lines', () => {
    // Prepare
    const checks = [
      checkBudget('ingest-web', coldStartOfBytes(151 * 1024), 150),
      checkBudget('list-topics', coldStartOfBytes(60 * 1024), 300),
      checkBudget('staff-api', coldStartOfBytes(2900 * 1024), 300),
    ];
    // Act and assess
    expect(overBudget(checks)).toEqual(['ingest-web', 'staff-api']);
    expect(budgetLine(checks[0] as (typeof checks)[0], 14)).toBe(
      'ingest-web     cold   151 kB / 150 kB   lazy     3 kB   OVER BUDGET',
    );
    expect(budgetLine(checks[1] as (typeof checks)[1], 14)).toBe(
      'list-topics    cold    60 kB / 300 kB   lazy     3 kB',
    );
  });
});

describe('duplicatePackages', () => {
  const inputs = (entries: Record<string, 'cjs' | 'esm'>): BundleMetafile => ({
    outputs: {},
    inputs: Object.fromEntries(
      Object.entries(entries).map(([path, format]) => [path, { bytes: 10, format }]),
    ),
  });

  it('finds a package bundled as both its CommonJS and its ES build', () => {
    const found = duplicatePackages(
      inputs({
        'node_modules/libmime/dist/cjs/libmime.js': 'cjs',
        'node_modules/libmime/dist/esm/libmime.js': 'esm',
        'node_modules/he/he.js': 'cjs',
      }),
    );
    expect(found).toEqual([
      {
        name: 'libmime',
        copies: ['node_modules/libmime (cjs)', 'node_modules/libmime (esm)'],
        bytes: 20,
      },
    ]);
  });

  it('finds two installed versions of a package, scoped names included', () => {
    const found = duplicatePackages(
      inputs({
        'node_modules/entities/lib/esm/decode.js': 'esm',
        'node_modules/htmlparser2/node_modules/entities/dist/esm/decode.js': 'esm',
        'node_modules/@scope/pkg/index.js': 'esm',
        'node_modules/other/node_modules/@scope/pkg/index.js': 'esm',
      }),
    );
    expect(found.map((duplicate) => [duplicate.name, duplicate.copies])).toEqual([
      ['@scope/pkg', ['node_modules/@scope/pkg', 'node_modules/other/node_modules/@scope/pkg']],
      ['entities', ['node_modules/entities', 'node_modules/htmlparser2/node_modules/entities']],
    ]);
  });

  it('finds none in a package whose CommonJS and ES files differ (one build, mixed modules)', () => {
    const found = duplicatePackages(
      inputs({ 'node_modules/pkg/lib/a.js': 'cjs', 'node_modules/pkg/es/b.js': 'esm', 'shared/x.ts': 'esm' }),
    );
    expect(found).toEqual([]);
  });
});
