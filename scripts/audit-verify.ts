/**
 * `npm run audit:verify -- --from <time> --to <time>`: recomputes the sealed audit trail of a time
 * range and reports every modified, deleted, inserted or reordered record and every broken,
 * missing or unchained digest. Exit code 0: intact; 1: findings; 2: usage.
 *
 * By default it checks the running local sandbox, found through `<data folder>/sandbox.json`
 * (`COURTDESK_DATA_DIR`, default `.courtdesk-data`), trusting its own signing key only. With
 * `AUDIT_TABLE` and `AUDIT_DIGEST_BUCKET` set it checks the cloud's trail with the usual AWS
 * credentials and region, trusting only the signing key named by `AUDIT_SIGNING_KEY_ID` or
 * `--key-id` (the KMS key's ARN; several after a key change), whose public key it fetches
 * (`kms:GetPublicKey`): a digest naming any other key is broken, whatever its signature. There it
 * also lists the digests' object versions (`s3:ListBucketVersions`) for digests hidden by a delete
 * marker. `AUDIT_SEAL_MINUTES` and `AUDIT_SEAL_GRACE_SECONDS` default to the cloud's 60 and 900.
 */

import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type SandboxEndpoints, sandboxEndpointsFile } from '../infra/local/sandbox-endpoints.ts';
import { DynamoAuditLog } from '../shared/adapters/dynamodb/audit-log.ts';
import { kmsPublicKey } from '../shared/adapters/kms/kms-digest-signer.ts';
import { S3AuditDigests } from '../shared/adapters/s3/audit-digests.ts';
import { isSegmentMinutes, type TrailFinding } from '../shared/domain/audit-chain.ts';
import { type VerifyAuditDeps, verifyAuditTrail } from '../shared/use-cases/verify-audit.ts';

export const usage = `Usage: npm run audit:verify -- --from <time> --to <time> [--key-id <KMS key ARN>]
  <time>: an ISO instant (2026-11-28T01:00:00Z), or a UTC hour (2026-11-28T01), minute
  (2026-11-28T01:30) or day (2026-11-28); --to is exclusive.
  Checks the running sandbox; with AUDIT_TABLE and AUDIT_DIGEST_BUCKET (and AWS credentials), the cloud,
  trusting only the signing key AUDIT_SIGNING_KEY_ID or --key-id (its ARN; repeat for several).
  Exit code: 0 intact, 1 findings, 2 usage error.`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** Whether the usage text helps (a bad argument), or only the message does (no sandbox running). */
  readonly showUsage: boolean;

  constructor(message: string, options: { showUsage?: boolean } = {}) {
    super(message);
    this.showUsage = options.showUsage ?? true;
  }
}

/** An instant from the command line: ISO with a zone, or a UTC day, hour or minute. */
export function parseInstant(value: string, option: string): Date {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? `${value}T00:00:00Z`
    : /^\d{4}-\d{2}-\d{2}T\d{2}$/.test(value)
      ? `${value}:00:00Z`
      : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)
        ? `${value}:00Z`
        : value;
  const valid = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
  const time = Date.parse(text);
  if (!valid || Number.isNaN(time))
    throw new UsageError(`${option} ${value}: not a time (use e.g. 2026-11-28T01 or 2026-11-28T01:00:00Z)`);
  return new Date(time);
}

export interface Arguments {
  readonly from: Date;
  readonly to: Date;
  readonly help: boolean;
  /** `--key-id`, as often as given. */
  readonly keyIds: readonly string[];
}

export function parseArguments(argv: readonly string[]): Arguments {
  let values: {
    from?: string | undefined;
    to?: string | undefined;
    help?: boolean | undefined;
    'key-id'?: string[] | undefined;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        'key-id': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { from: new Date(0), to: new Date(0), help: true, keyIds: [] };
  if (!values.from) throw new UsageError('--from is missing');
  if (!values.to) throw new UsageError('--to is missing');
  const from = parseInstant(values.from, '--from');
  const to = parseInstant(values.to, '--to');
  if (from >= to) throw new UsageError('--from must be before --to');
  return { from, to, help: false, keyIds: values['key-id'] ?? [] };
}

const kmsKeyArn = /^arn:aws[\w-]*:kms:([a-z0-9-]+):\d{12}:key\/[\w-]+$/;

/**
 * The signing keys the cloud's trail may name: `--key-id` if given, else `AUDIT_SIGNING_KEY_ID`
 * (comma-separated for several); KMS key ARNs, since the digests name their key by ARN.
 */
export function cloudKeyIds(keyIds: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const ids = (keyIds.length ? keyIds : (env.AUDIT_SIGNING_KEY_ID ?? '').split(','))
    .map((id) => id.trim())
    .filter(Boolean);
  if (!ids.length)
    throw new UsageError(
      'AUDIT_SIGNING_KEY_ID is missing: set it (or pass --key-id) to the ARN of the key that signs the digests (the stack output or `AUDIT_SIGNING_KEY_ID` of the audit-sealer function); digests signed by any other key are not trusted',
    );
  for (const id of ids)
    if (!kmsKeyArn.test(id))
      throw new UsageError(
        `${id}: not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), which is how digests name their key`,
      );
  return ids;
}

/** `2026-11-28T01:00Z`, or with seconds when it has them. */
function instant(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith(':00.000Z') ? `${iso.slice(0, 16)}Z` : iso;
}

interface Target {
  readonly deps: VerifyAuditDeps;
  /** The key ids whose signatures count. */
  readonly allowedKeyIds: readonly string[];
  readonly segmentMinutes: number;
  readonly graceSeconds: number;
  readonly describe: string;
  destroy(): void;
}

/** The running sandbox, from its data folder. */
function sandboxTarget(env: NodeJS.ProcessEnv, keyIds: readonly string[]): Target {
  if (keyIds.length) throw new UsageError('--key-id is for the cloud: the sandbox trusts its own local key');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dataDir = env.COURTDESK_DATA_DIR || join(root, '.courtdesk-data');
  const file = join(dataDir, sandboxEndpointsFile);
  const stopped = () =>
    new UsageError(
      `No running sandbox found (${file} is missing): start it with \`npm start\`, or set AUDIT_TABLE and AUDIT_DIGEST_BUCKET (and AWS credentials) to verify the cloud's trail`,
      { showUsage: false },
    );
  if (!existsSync(file)) throw stopped();
  const endpoints = JSON.parse(readFileSync(file, 'utf8')) as SandboxEndpoints;
  try {
    process.kill(endpoints.pid, 0);
  } catch {
    throw stopped();
  }
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: endpoints.dynamodb,
      region: endpoints.region,
      credentials: endpoints.credentials,
    }),
  );
  const s3 = new S3Client({
    endpoint: endpoints.s3,
    region: endpoints.region,
    credentials: endpoints.credentials,
    forcePathStyle: true,
  });
  const publicKey = createPublicKey(readFileSync(endpoints.signingPublicKeyFile));
  const allowedKeyIds = endpoints.signingKeyIds;
  // fauxqs keeps no object versions: no delete markers to look for.
  return {
    deps: {
      records: new DynamoAuditLog({ client: documents, auditTable: endpoints.auditTable }),
      digests: new S3AuditDigests({ client: s3, bucket: endpoints.auditDigestBucket }),
      publicKeyOf: async (keyId) => (allowedKeyIds.includes(keyId) ? publicKey : undefined),
    },
    allowedKeyIds,
    segmentMinutes: endpoints.sealMinutes,
    graceSeconds: endpoints.graceSeconds,
    describe: `sandbox (${dataDir})`,
    destroy: () => {
      documents.destroy();
      s3.destroy();
    },
  };
}

/** The cloud's trail: the table and bucket named in the environment, the allowed KMS keys by ARN. */
function cloudTarget(
  env: NodeJS.ProcessEnv,
  keyIds: readonly string[],
  warn: (line: string) => void,
): Target {
  const allowedKeyIds = cloudKeyIds(keyIds, env);
  const setting = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw)) throw new UsageError(`${name} must be a whole number, not ${raw}`);
    return Number(raw);
  };
  const segmentMinutes = setting('AUDIT_SEAL_MINUTES', 60);
  if (!isSegmentMinutes(segmentMinutes)) throw new UsageError('AUDIT_SEAL_MINUTES must divide 60');
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const s3 = new S3Client({});
  const kmsClients = new Map<string, KMSClient>();
  const digests = new S3AuditDigests({ client: s3, bucket: env.AUDIT_DIGEST_BUCKET ?? '' });
  return {
    deps: {
      records: new DynamoAuditLog({ client: documents, auditTable: env.AUDIT_TABLE ?? '' }),
      digests,
      // Only an allowed key is asked for (its ARN comes from the environment, not from a digest).
      publicKeyOf: async (keyId) => {
        if (!allowedKeyIds.includes(keyId)) return undefined;
        const region = kmsKeyArn.exec(keyId)?.[1];
        if (!region) return undefined;
        let kms = kmsClients.get(region);
        if (!kms) {
          kms = new KMSClient({ region });
          kmsClients.set(region, kms);
        }
        return kmsPublicKey(kms, keyId);
      },
      hiddenDigests: async (from, to) => {
        try {
          return await digests.hiddenDigests(from, to);
        } catch (error) {
          if ((error as { name?: string }).name !== 'AccessDenied') throw error;
          warn(
            'audit:verify: delete markers not checked (s3:ListBucketVersions on the digest bucket is not granted)',
          );
          return [];
        }
      },
    },
    allowedKeyIds,
    segmentMinutes,
    graceSeconds: setting('AUDIT_SEAL_GRACE_SECONDS', 900),
    describe: `${env.AUDIT_TABLE} + s3://${env.AUDIT_DIGEST_BUCKET}`,
    destroy: () => {
      documents.destroy();
      s3.destroy();
      for (const kms of kmsClients.values()) kms.destroy();
    },
  };
}

function findingLine(finding: TrailFinding): string {
  return 'eventID' in finding
    ? `${finding.kind.padEnd(15)} ${finding.segment}  ${finding.eventID}`
    : `${finding.kind.padEnd(15)} ${finding.segment}`;
}

/** Runs the verifier; answers the exit code. */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  err: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  now: Date = new Date(),
): Promise<number> {
  let target: Target | undefined;
  try {
    const { from, to, help, keyIds } = parseArguments(argv);
    if (help) {
      out(usage);
      return 0;
    }
    target =
      env.AUDIT_TABLE && env.AUDIT_DIGEST_BUCKET ? cloudTarget(env, keyIds, err) : sandboxTarget(env, keyIds);
    const result = await verifyAuditTrail(target.deps, {
      from,
      to,
      segmentMinutes: target.segmentMinutes,
      graceSeconds: target.graceSeconds,
      now,
      allowedKeyIds: target.allowedKeyIds,
    });
    for (const finding of result.findings) out(findingLine(finding));
    for (const keyId of result.unknownKeys) err(`audit:verify: no public key for ${keyId}`);
    for (const keyId of result.foreignKeys) err(`audit:verify: ${keyId} is not an allowed signing key`);
    if (result.beforeChain)
      out(
        `(${result.beforeChain.records} records before the chain began at ${result.beforeChain.genesis} are not sealed)`,
      );
    if (result.notSealedYet)
      out(`(${result.notSealedYet} records after ${instant(result.sealedBefore)} are not sealed yet)`);
    const count = result.findings.length;
    out(
      `audit:verify ${instant(from)}..${instant(to)}: ${result.records} records, ${result.digests} digests, ${count} finding${count === 1 ? '' : 's'} — ${count ? 'NOT intact' : 'intact'}`,
    );
    return count ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`audit:verify: ${error.message}`);
      if (error.showUsage) err(usage);
      return 2;
    }
    throw error;
  } finally {
    target?.destroy();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
