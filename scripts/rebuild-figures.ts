/**
 * `npm run figures:rebuild [-- --write]`: recounts the service-quality figures from the tickets
 * table (its tickets, take records, survey responses and invitations) and compares them with the
 * `figures` table's buckets, printing every attribute that differs. Exit code 0: equal; 1:
 * differences; 2: usage. With `--write` it replaces the buckets and the stream consumer's
 * bookkeeping by the recount (exit 0), so that the consumer carries on from it; run it with the
 * consumer paused (the event source mapping disabled) or idle.
 *
 * By default it works on the running local sandbox, found through `<data folder>/sandbox.json`
 * (`COURTDESK_DATA_DIR`, default `.courtdesk-data`). With `TICKETS_TABLE` and `FIGURES_TABLE` set
 * it works on those tables with the usual AWS credentials and region.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type SandboxEndpoints, sandboxEndpointsFile } from '../infra/local/sandbox-endpoints.ts';
import { DynamoFiguresStore } from '../shared/adapters/dynamodb/figures-store.ts';
import { type RebuildResult, rebuildFigures } from '../shared/use-cases/figures/rebuild-figures.ts';

export const usage = `Usage: npm run figures:rebuild [-- --write]
  Recounts the figures from the tickets table and prints where the figures table differs.
  --write  replace the figures (buckets and bookkeeping) by the recount.
  Works on the running sandbox; with TICKETS_TABLE and FIGURES_TABLE (and AWS credentials), on those.
  Exit code: 0 equal (or written), 1 differences, 2 usage error.`;

/** The tables to work on and the client to reach them. */
interface Target {
  readonly client: DynamoDBDocumentClient;
  readonly ticketsTable: string;
  readonly figuresTable: string;
  readonly describe: string;
}

function target(env: NodeJS.ProcessEnv): Target {
  const marshallOptions = { marshallOptions: { removeUndefinedValues: true } };
  if (env.TICKETS_TABLE && env.FIGURES_TABLE)
    return {
      client: DynamoDBDocumentClient.from(new DynamoDBClient({}), marshallOptions),
      ticketsTable: env.TICKETS_TABLE,
      figuresTable: env.FIGURES_TABLE,
      describe: `${env.TICKETS_TABLE} → ${env.FIGURES_TABLE}`,
    };
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dataDir = env.COURTDESK_DATA_DIR || join(root, '.courtdesk-data');
  const file = join(dataDir, sandboxEndpointsFile);
  const stopped = `No running sandbox found (${file} is missing or stale): start it with \`npm start\`, or set TICKETS_TABLE and FIGURES_TABLE (and AWS credentials).`;
  if (!existsSync(file)) throw new Error(stopped);
  const endpoints = JSON.parse(readFileSync(file, 'utf8')) as SandboxEndpoints;
  try {
    process.kill(endpoints.pid, 0);
  } catch {
    throw new Error(stopped);
  }
  return {
    client: DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: endpoints.dynamodb,
        region: endpoints.region,
        credentials: endpoints.credentials,
      }),
      marshallOptions,
    ),
    // The sandbox names its tables by their inventory ids.
    ticketsTable: 'tickets',
    figuresTable: 'figures',
    describe: `sandbox (${dataDir})`,
  };
}

/** The report printed: counts, then each difference (the first 200). */
export function report(result: RebuildResult, where: string): string {
  const lines = [
    `${where}: ${result.sources} source items, ${result.buckets} buckets recounted.`,
    ...result.differences
      .slice(0, 200)
      .map((d) => `  ${d.pk} ${d.sk} ${d.attribute}: kept ${d.kept}, recounted ${d.recounted}`),
  ];
  if (result.differences.length > 200) lines.push(`  … and ${result.differences.length - 200} more`);
  lines.push(
    result.differences.length === 0 && result.booksDiffering === 0
      ? 'The figures equal the recount.'
      : `${result.differences.length} differences in the buckets, ${result.booksDiffering} bookkeeping items to replace.`,
  );
  if (result.written) lines.push('Written: the figures now equal the recount.');
  return lines.join('\n');
}

async function main(): Promise<number> {
  let write: boolean;
  try {
    const { values } = parseArgs({
      options: { write: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
    });
    if (values.help) {
      console.log(usage);
      return 0;
    }
    write = values.write;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  let where: Target;
  try {
    where = target(process.env);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  try {
    const store = new DynamoFiguresStore({
      client: where.client,
      figuresTable: where.figuresTable,
      ticketsTable: where.ticketsTable,
    });
    const result = await rebuildFigures({ store }, { write });
    console.log(report(result, where.describe));
    return write || (result.differences.length === 0 && result.booksDiffering === 0) ? 0 : 1;
  } finally {
    where.client.destroy();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main();
