/**
 * The bundle figures of `npm run bench`:
 *
 * - `bundle max: N kB (function)`: the most code any function loads at cold start (its entry chunk
 *   and the chunks that imports statically), as `npm run bundle` counts it.
 * - `cold import max/hello: N.NN (function)`: for each function, the time a fresh Node process takes
 *   to import its bundled handler.mjs, over the time it takes to import a hello-world handler that
 *   imports the same AWS SDK packages; the worst function. The SDK is the runtime's, so the ratio is
 *   our code's own cost at cold start. Best of BENCH_IMPORT_RUNS (default 10) runs each, the two
 *   alternating; the ratio is of CPU times, which other processes on a busy machine disturb far less
 *   than wall-clock times (the table shows both). The processes get no environment but PATH: a
 *   handler that reads its configuration at import time is reported, then measured with stand-ins.
 *
 * `npx tsx bench/bundles.ts` builds the bundles and prints both figures with every function's.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { entryModule, type FunctionBundle } from '../infra/bundling/bundle-function.ts';
import { kilobytes } from '../infra/bundling/cold-start.ts';
import { bundleFunctions, projectRoot } from '../scripts/bundle.ts';
import type { ConfigKey } from '../shared/config.ts';

const run = promisify(execFile);

/** The largest cold-start code of any function. */
export function bundleMax(bundles: readonly FunctionBundle[]): { name: string; kb: number; line: string } {
  const largest = [...bundles].sort((a, b) => b.budget.coldStart.bytes - a.budget.coldStart.bytes)[0];
  if (!largest) throw new Error('No bundles');
  const kb = Math.round(kilobytes(largest.budget.coldStart.bytes));
  return { name: largest.name, kb, line: `bundle max: ${kb} kB (${largest.name})` };
}

/** Milliseconds an import took: CPU (user and system, every thread) and wall-clock. */
export interface ImportTime {
  readonly cpuMs: number;
  readonly wallMs: number;
}

export interface ColdImport {
  readonly name: string;
  /** AWS SDK packages the handler's cold-start chunks import, and so the hello-world handler too. */
  readonly sdk: readonly string[];
  /** Best import times of the handler and of its hello world. */
  readonly handler: ImportTime;
  readonly hello: ImportTime;
  /** Handler over hello, of the CPU times. */
  readonly ratio: number;
  /**
   * Why the handler did not import with no environment, when it did not: it reads configuration at
   * import time, a bug (a cold start must not depend on it). Then it is measured with stand-ins.
   */
  readonly importError?: string;
}

/**
 * Valid stand-ins for every configuration variable, for handlers that read their configuration at
 * import time: measured with these, and reported (see {@link ColdImport.importError}).
 */
const standInEnvironment: Record<ConfigKey, string> = {
  TICKETS_TABLE: 'tickets',
  AUDIT_TABLE: 'audit',
  KNOWLEDGE_TABLE: 'knowledge',
  FIGURES_TABLE: 'figures',
  INTAKE_QUEUE_URL: 'https://sqs.eu-north-1.amazonaws.com/123456789012/intake.fifo',
  OUTBOUND_QUEUE_URL: 'https://sqs.eu-north-1.amazonaws.com/123456789012/outbound.fifo',
  SURVEY_INVITATIONS_QUEUE_URL: 'https://sqs.eu-north-1.amazonaws.com/123456789012/survey-invitations',
  SURVEY_INVITATIONS: '{"default":{"mode":"separate","delaySeconds":900}}',
  SURVEY_MAC_KEY: 'arn:aws:kms:eu-north-1:123456789012:key/00000000-0000-0000-0000-000000000001',
  PSEUDONYM_KEY: 'arn:aws:kms:eu-north-1:123456789012:key/00000000-0000-0000-0000-000000000002',
  PSEUDONYM_KEY_VERSION: '1',
  SENDER_ADDRESS: 'noreply@courtdesk.example.lv',
  SES_CONFIGURATION_SET: 'courtdesk',
  REQUEST_BODY_LIMIT_BYTES: '262144',
  MAIL_BUCKET: 'mail',
  RETENTION_SCHEDULE: '{}',
  PUBLIC_SITE_URL: 'https://courtdesk.example.lv',
  INBOUND_MAIL_DOMAIN: 'courtdesk.example.lv',
  STAFF_AUTH_DOMAIN: 'https://courtdesk.auth.eu-north-1.amazoncognito.com',
  STAFF_AUTH_CLIENT_ID: 'client',
  STAFF_SIGN_IN_URL: '/local/sign-in',
  STAFF_IDLE_TIMEOUT_MINUTES: '15',
  STAFF_SESSION_HOURS: '8',
  REOPEN_WINDOW_DAYS: '30',
  ACKNOWLEDGEMENT_BUDGET_PER_HOUR: '2000',
  POSTAL_SCAN_LIMIT_BYTES: '26214400',
  POSTAL_OCR: 'off',
  AUDIT_DIGEST_BUCKET: 'audit-digests',
  HELP_BUCKET: 'help',
  AUDIT_SIGNING_KEY_ID: 'arn:aws:kms:eu-north-1:123456789012:key/00000000-0000-0000-0000-000000000000',
  ORIGIN_SECRET_ARN: 'arn:aws:secretsmanager:eu-north-1:123456789012:secret:courtdesk-origin-AbCdEf',
  AUDIT_SEAL_MINUTES: '60',
  AUDIT_SEAL_GRACE_SECONDS: '900',
  ANALYTICS_BUCKET: 'analytics',
  ANALYTICS_KEY_ARN: 'arn:aws:kms:eu-north-1:123456789012:key/00000000-0000-0000-0000-000000000001',
  TICKETS_TABLE_ARN: 'arn:aws:dynamodb:eu-north-1:123456789012:table/tickets',
};

/** The import's own time, measured inside the process: Node's start-up is the same for both. */
const timingScript = [
  'const cpu = process.cpuUsage(), started = performance.now();',
  'await import(process.argv[1]);',
  'const { user, system } = process.cpuUsage(cpu);',
  'console.log(JSON.stringify({ cpuMs: (user + system) / 1000, wallMs: performance.now() - started }));',
].join(' ');

/** The environment of a handler's import: PATH alone, as nothing else may be needed to import it. */
const bareEnvironment = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH ?? '' });

class ImportFailed extends Error {}

async function importTime(url: string, env: NodeJS.ProcessEnv): Promise<ImportTime> {
  try {
    // Lambda's NODE_OPTIONS has --enable-source-maps.
    const { stdout } = await run(
      process.execPath,
      ['--enable-source-maps', '--input-type=module', '-e', timingScript, url],
      { env, cwd: projectRoot },
    );
    return JSON.parse(stdout) as ImportTime;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    // The thrown error's own line; minified, `ConfigurationError: …` reads `Mo [ConfigurationError]: …`.
    const reason = stderr.split('\n').find((line) => /(Error|\[\w*Error\]): /.test(line)) ?? stderr;
    throw new ImportFailed(reason.trim().replace(/^\w+ \[(\w+)\]:/, '$1:'));
  }
}

/** The best of `runs` imports of each module, each in a fresh process, the two alternating. */
async function bestImportTimes(
  urls: readonly [string, string],
  runs: number,
  env: NodeJS.ProcessEnv,
): Promise<[ImportTime, ImportTime]> {
  const none = { cpuMs: Number.POSITIVE_INFINITY, wallMs: Number.POSITIVE_INFINITY };
  const best: [ImportTime, ImportTime] = [none, none];
  for (let round = 0; round < runs; round++) {
    for (const which of [0, 1] as const) {
      const time = await importTime(urls[which], env);
      best[which] = {
        cpuMs: Math.min(best[which].cpuMs, time.cpuMs),
        wallMs: Math.min(best[which].wallMs, time.wallMs),
      };
    }
  }
  return best;
}

/**
 * A hello-world handler importing `sdk` and making one client of each client package, as a handler
 * does when it starts (`new DynamoDBClient({})`): the SDK's own cost at cold start, which the
 * ratio leaves out. Written under dist/ so the packages resolve from the project's node_modules as
 * the bundles' do.
 */
function helloHandler(sdk: readonly string[]): string {
  const source = [
    ...sdk.map((name, i) => `import * as sdk${i} from '${name}';`),
    `for (const module of [${sdk.map((_, i) => `sdk${i}`).join(', ')}]) {`,
    '  const Client = Object.values(module).find(',
    "    (value) => typeof value === 'function' && /^\\w+Client$/.test(value.name) &&",
    "      typeof value.prototype?.send === 'function' && !('from' in value),",
    '  );',
    '  if (Client) new Client({});',
    '}',
    "export const handler = async () => ({ statusCode: 200, body: 'hello' });",
    '',
  ].join('\n');
  const directory = join(projectRoot, 'dist', 'bench-hello');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `hello-${createHash('sha256').update(source).digest('hex').slice(0, 12)}.mjs`);
  writeFileSync(file, source);
  return pathToFileURL(file).href;
}

/** Each function's import time over its hello world's, one function at a time. */
export async function coldImports(
  bundles: readonly FunctionBundle[],
  runs = Number(process.env.BENCH_IMPORT_RUNS ?? 10),
): Promise<ColdImport[]> {
  const results: ColdImport[] = [];
  for (const bundle of bundles) {
    const sdk = bundle.budget.coldStart.externalImports.filter((name) => name.startsWith('@aws-sdk/'));
    const handlerUrl = pathToFileURL(join(resolve(bundle.outdir), entryModule)).href;
    let importError: string | undefined;
    try {
      await importTime(handlerUrl, bareEnvironment());
    } catch (error) {
      if (!(error instanceof ImportFailed)) throw error;
      importError = error.message;
    }
    const env = importError ? { ...bareEnvironment(), ...standInEnvironment } : bareEnvironment();
    const [handler, hello] = await bestImportTimes([handlerUrl, helloHandler(sdk)], runs, env);
    results.push({
      name: bundle.name,
      sdk,
      handler,
      hello,
      ratio: handler.cpuMs / hello.cpuMs,
      ...(importError ? { importError } : {}),
    });
  }
  return results;
}

/**
 * `cold import max/hello: 1.23 (staff-api)`: the worst ratio of the functions that import the AWS
 * SDK. A function that imports none (list-topics) is compared with a bare module of a few
 * milliseconds, so its ratio says nothing of its cold start; the table shows its time.
 */
export function coldImportLine(results: readonly ColdImport[]): string {
  const worst = results.filter((result) => result.sdk.length > 0).sort((a, b) => b.ratio - a.ratio)[0];
  if (!worst) throw new Error('No import of a function with the AWS SDK measured');
  return `cold import max/hello: ${worst.ratio.toFixed(2)} (${worst.name})`;
}

/** One line per function: cold-start code, import times, ratio, and a failed bare import. */
export function coldImportTable(
  bundles: readonly FunctionBundle[],
  results: readonly ColdImport[],
): string[] {
  const ms = (time: ImportTime) =>
    `${time.cpuMs.toFixed(0).padStart(4)} ms CPU (${time.wallMs.toFixed(0).padStart(4)} wall)`;
  return results.map((result) => {
    const bundle = bundles.find((candidate) => candidate.name === result.name);
    const kb = bundle ? kilobytes(bundle.budget.coldStart.bytes).toFixed(0) : '?';
    const failed = result.importError
      ? `  (reads its configuration at import: measured with stand-ins; bare: ${result.importError})`
      : '';
    return `  ${result.name.padEnd(18)} ${kb.padStart(5)} kB  import ${ms(result.handler)}, hello with ${result.sdk.length} SDK packages ${ms(result.hello)}: ${result.ratio.toFixed(2)}${failed}`;
  });
}

async function main(): Promise<void> {
  const bundles = await bundleFunctions();
  const results = await coldImports(bundles);
  for (const line of coldImportTable(bundles, results)) console.log(line);
  console.log(bundleMax(bundles).line);
  console.log(coldImportLine(results));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
