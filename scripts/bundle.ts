/**
 * `npm run bundle`: builds every function of the inventory into `dist/functions/<name>/` (the same
 * bundles CDK deploys), prints what each loads at cold start against its budget, and exits non-zero
 * naming every function over budget, so a library that creeps into a cold start fails the build.
 *
 *   npx tsx scripts/bundle.ts                      every function, budgets checked
 *   npx tsx scripts/bundle.ts staff-api send-email those functions only
 *   npx tsx scripts/bundle.ts --outdir <dir> <name> one function into <dir> (CDK's local bundling);
 *                                                  prints nothing unless it fails: on a build
 *                                                  error, or over its budget — so a deploy never
 *                                                  ships a function the tests would refuse
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleFunction, type FunctionBundle } from '../infra/bundling/bundle-function.ts';
import { budgetLine, duplicatePackages, kilobytes, overBudget } from '../infra/bundling/cold-start.ts';
import { type FunctionSpec, functions } from '../infra/inventory.ts';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where `npm run bundle` writes each function's folder. */
export const bundlesDirectory = join(projectRoot, 'dist', 'functions');

function specsNamed(names: readonly string[]): FunctionSpec[] {
  if (names.length === 0) return [...functions];
  return names.map((name) => {
    const spec = functions.find((candidate) => candidate.name === name);
    if (!spec) throw new Error(`No function ${name} in the inventory`);
    return spec;
  });
}

/** Builds the named functions (every one by default) into `<root>/<name>/`, in parallel. */
export async function bundleFunctions(
  names: readonly string[] = [],
  root = bundlesDirectory,
): Promise<FunctionBundle[]> {
  return Promise.all(
    specsNamed(names).map((spec) => bundleFunction(spec, projectRoot, join(root, spec.name))),
  );
}

/** The report's lines: one per function, the largest cold-start inputs of those over budget. */
export function bundleReport(bundles: readonly FunctionBundle[]): string[] {
  const width = Math.max(...bundles.map((bundle) => bundle.name.length)) + 2;
  const lines: string[] = [];
  for (const { budget } of bundles) {
    lines.push(budgetLine(budget, width));
    if (budget.withinBudget) continue;
    for (const input of budget.coldStart.inputs.slice(0, 8)) {
      lines.push(
        `    ${kilobytes(input.bytes).toFixed(1).padStart(7)} kB  ${input.path.replace(/^.*node_modules\//, '')}`,
      );
    }
  }
  for (const bundle of bundles) {
    for (const duplicate of duplicatePackages(bundle.metafile)) {
      lines.push(
        `${bundle.name}: ${duplicate.name} bundled ${duplicate.copies.length} times: ${duplicate.copies.join(', ')}`,
      );
    }
  }
  return lines;
}

/**
 * Builds one function into `outdir` as CDK's local bundling asks; answers why it must not be
 * deployed (over its cold-start budget), or undefined.
 */
export async function bundleForDeploy(spec: FunctionSpec, outdir: string): Promise<string | undefined> {
  const { budget } = await bundleFunction(spec, projectRoot, resolve(outdir));
  return budget.withinBudget
    ? undefined
    : `Over the cold-start budget: ${budgetLine(budget, spec.name.length + 2)}`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { outdir: { type: 'string' } },
    allowPositionals: true,
  });
  if (values.outdir) {
    const [spec] = specsNamed(positionals);
    if (positionals.length !== 1 || !spec) throw new Error('--outdir builds exactly one function');
    const refusal = await bundleForDeploy(spec, values.outdir);
    if (refusal) {
      console.error(refusal);
      process.exitCode = 1;
    }
    return;
  }
  const started = performance.now();
  const bundles = await bundleFunctions(positionals);
  for (const line of bundleReport(bundles)) console.log(line);
  const over = overBudget(bundles.map((bundle) => bundle.budget));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (over.length > 0) {
    console.error(`Over the cold-start budget: ${over.join(', ')}`);
    process.exitCode = 1;
  } else {
    console.log(`${bundles.length} functions within their cold-start budgets (${seconds} s)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
