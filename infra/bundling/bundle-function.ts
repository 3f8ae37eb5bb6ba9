/**
 * Builds one Lambda function's bundle: `functions/<name>/handler.ts` with esbuild into a folder
 * holding the entry module `handler.mjs`, the chunks it splits off beside it, their source maps and
 * the files the spec lists in `bundledFiles`. `npm run bundle` (scripts/bundle.ts) builds every
 * function this way and checks the budgets; CDK deploys the same folders (constructs/lambda-function.ts).
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type BuildOptions, build, type Plugin } from 'esbuild';
import { defaultColdStartBudgetKb, type FunctionSpec } from '../inventory-spec.ts';
import { type BudgetCheck, type BundleMetafile, checkBudget, coldStartOf } from './cold-start.ts';

/** The module Lambda loads, the entry chunk. */
export const entryModule = 'handler.mjs';

/** Lambda's handler setting: the `handler` export of {@link entryModule}. */
export const lambdaHandler = 'handler.handler';

/** A package every import of which is bundled from one copy. */
interface OneCopy {
  readonly name: string;
  /** Resolve every import of it as this kind (`require-call` picks the CommonJS build). */
  readonly as?: 'require-call' | 'import-statement';
  /** Resolve it from this folder (relative to the project root): the copy installed there. */
  readonly from?: string;
}

/**
 * Packages that would otherwise be bundled twice. Each entry says why its copy serves every
 * importer; `duplicatePackages` in the bundle report shows any new pair.
 */
const oneCopyPackages: readonly OneCopy[] = [
  // @zone-eu/mailsplit (CommonJS) requires libmime and mailparser (ESM) imports it, so both builds
  // came along. The CommonJS build serves both: its module.exports is the instance both expect (the
  // ES build has it as `default` only, which mailsplit's `require` would not find).
  { name: 'libmime', as: 'require-call' },
  // dom-serializer brings entities 4, htmlparser2 entities 7; version 7 exports the three encoders
  // dom-serializer imports (encodeXML, escapeAttribute, escapeText), with the same behaviour.
  { name: 'entities', from: 'node_modules/htmlparser2' },
  // Our mail parser reads address lists with the project's nodemailer; mailparser (loaded only to
  // turn an HTML-only mail into text) has an older copy of its own. One parser of addresses in a
  // function, the project's.
  { name: 'nodemailer', from: '.' },
];

/** An esbuild plugin resolving the {@link oneCopyPackages} to their one copy. */
export function oneCopyPlugin(projectRoot: string, packages = oneCopyPackages): Plugin {
  const names = packages.map((entry) => entry.name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return {
    name: 'one-copy',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(${names.join('|')})(/|$)`) }, async (args) => {
        if (args.pluginData?.oneCopy) return undefined;
        const rule = packages.find(
          (entry) => args.path === entry.name || args.path.startsWith(`${entry.name}/`),
        );
        const from = rule?.from ? join(projectRoot, rule.from) : undefined;
        // A rule's folder may be gone (the package that brought the copy no longer installed).
        if (!rule || (from && !existsSync(from))) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: rule.as ?? args.kind,
          resolveDir: from ?? args.resolveDir,
          importer: args.importer,
          pluginData: { oneCopy: true },
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { path: resolved.path, external: resolved.external, sideEffects: resolved.sideEffects };
      });
    },
  };
}

/** The function's source entry point, relative to the project root (as the metafile names it). */
export const entryPointOf = (spec: FunctionSpec): string => `functions/${spec.name}/handler.ts`;

/** The esbuild options of a function's bundle, written to `outdir`. */
export function functionBuildOptions(spec: FunctionSpec, projectRoot: string, outdir: string): BuildOptions {
  return {
    absWorkingDir: projectRoot,
    entryPoints: { handler: entryPointOf(spec) },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    // Lambda runs Node 24; the sandbox, tests and bench import the same bundles on Node 20.
    target: 'node20',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    // The runtime provides the AWS SDK v3.
    external: ['@aws-sdk/*'],
    mainFields: ['module', 'main'],
    // CommonJS dependencies bundled into ESM still call `require` for Node built-ins.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    metafile: true,
    logLevel: 'error',
    plugins: [oneCopyPlugin(projectRoot)],
  };
}

export interface FunctionBundle {
  readonly name: string;
  /** The folder written: `handler.mjs`, its chunks and maps, the bundled files. */
  readonly outdir: string;
  readonly metafile: BundleMetafile;
  readonly budget: BudgetCheck;
}

/**
 * Builds the function of `spec` into `outdir` (emptied first, so no chunk of an earlier build is
 * deployed) and checks its cold-start code against its budget. Throws on a build error.
 */
export async function bundleFunction(
  spec: FunctionSpec,
  projectRoot: string,
  outdir: string,
): Promise<FunctionBundle> {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build(functionBuildOptions(spec, projectRoot, outdir));
  const metafile = result.metafile as BundleMetafile;
  for (const file of spec.bundledFiles ?? [])
    copyFileSync(join(projectRoot, file), join(outdir, basename(file)));
  const budgetKb = spec.coldStartBudgetKb ?? defaultColdStartBudgetKb;
  return {
    name: spec.name,
    outdir,
    metafile,
    budget: checkBudget(spec.name, coldStartOf(metafile, entryPointOf(spec)), budgetKb),
  };
}
