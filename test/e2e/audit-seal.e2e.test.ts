/**
 * On the real sandbox: requests write audit records, the sealer (the scheduled
 * function, with the sandbox's minute segments) seals them into signed digests in the digest
 * bucket, and `npm run audit:verify` — run as a child process, as a person runs it — reports the
 * trail intact; after one record is modified, one deleted and one inserted in DynamoDB it reports
 * exactly those three, with exit code 1. Records from before the chain began are a note (exit 0); a
 * digest re-signed with another key, and a range's deleted first digest, are findings.
 *
 * Waiting for the current minute to end would make the test a minute slower: the sealer's run
 * that closes it is made with the process clock set past the minute's end and grace instead (only
 * `Date` is faked; the sandbox and the sealer run in this process, the verifier in its own).
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { localCredentials, localRegion } from '../../infra/local/emulators.ts';
import { LocalDigestSigner } from '../../infra/local/local-digest-signer.ts';
import { repositoryRoot } from '../../infra/local/sandbox.ts';
import { auditItem } from '../../shared/adapters/dynamodb/audit-log.ts';
import { auditDigestKey } from '../../shared/adapters/s3/audit-digests.ts';
import { type SignedDigest, segmentStartOf, signDigest } from '../../shared/domain/audit-chain.ts';
import type { AuditRecord } from '../../shared/domain/audit-event.ts';
import type { SealResult } from '../../shared/use-cases/seal-audit.ts';
import { eventually } from '../support/eventually.ts';
import { useSandbox } from '../support/sandbox-client.ts';

const run = promisify(execFile);
const graceSeconds = 1;

const suite = useSandbox('courtdesk-seal-', {
  quiet: true,
  buildWeb: false,
  schedules: false,
  retryDelaySeconds: 1,
  audit: { sealMinutes: 1, graceSeconds },
});

afterAll(async () => {
  vi.useRealTimers();
});

/**
 * The environment of a developer's shell: without what the sandbox set in this process for its
 * functions (table and bucket names, which would mean "the cloud" to the verifier, and endpoints).
 */
function shellEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(AWS_|AUDIT_|MAIL_BUCKET|TICKETS_TABLE)/.test(name)),
  );
}

/** `npm run audit:verify -- --from … --to …` against this sandbox: exit code and output lines. */
async function verify(from: string, to: string): Promise<{ code: number; lines: string[] }> {
  const result = await run(
    process.execPath,
    ['--import', 'tsx', 'scripts/audit-verify.ts', '--from', from, '--to', to],
    { cwd: repositoryRoot, env: { ...shellEnvironment(), COURTDESK_DATA_DIR: suite.dataDir } },
  ).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string; stderr: string }) => {
      if (error.code !== 1 || !error.stdout.includes('audit:verify '))
        throw new Error(`audit:verify failed (${error.code}): ${error.stderr}`);
      return { code: 1, stdout: error.stdout };
    },
  );
  return { code: result.code, lines: result.stdout.trim().split('\n') };
}

async function submit(): Promise<string> {
  const response = await fetch(`${suite.sandbox.urls.web}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      name: 'Anna Liepa',
      email: `seal-${randomUUID().slice(0, 8)}@example.lv`,
      topic: 'court-fees',
      subject: 'Valsts nodeva',
      message: 'Cik jāmaksā?',
      consent: true,
      language: 'lv',
    }),
  });
  expect(response.status).toBe(202);
  return String(((await response.json()) as { reference: string }).reference);
}

describe('sealing and verifying the audit trail', () => {
  let first: string;
  let through: string;
  const auditTable = () => suite.sandbox.tableNames.audit ?? 'audit';

  it('seals the records of every minute into chained digests, and the verifier finds the trail intact', async () => {
    // Prepare: the first run starts the chain at the last sealable minute.
    const genesis = (await suite.sandbox.runScheduled('audit-sealer')) as SealResult;
    expect(genesis).toMatchObject({ sealed: 1, genesis: true, caughtUp: true });
    first = genesis.from as string;
    // Requests, their tickets and acknowledgements: audit records of this minute (or the next).
    const references = await Promise.all([submit(), submit(), submit()]);
    await eventually(async () => {
      if ((await suite.sandbox.pendingMessages()) > 0) return undefined;
      const sent = (await suite.client.auditRecords()).filter((record) => record.eventName === 'SendEmail');
      return sent.length === references.length ? true : undefined;
    }, 30_000);
    const lastWrite = new Date();

    // Act: the run after the last write's minute and the grace have passed.
    const closing = new Date(
      Date.parse(`${segmentStartOf(lastWrite, 1)}:00Z`) + 60_000 + graceSeconds * 1000,
    );
    vi.useFakeTimers({ toFake: ['Date'], now: closing });
    const result = (await suite.sandbox.runScheduled('audit-sealer')) as SealResult;
    vi.useRealTimers();

    // Assess: every minute through the last write's, chained from the genesis.
    through = result.through as string;
    expect(through).toBe(segmentStartOf(lastWrite, 1));
    expect(result).toMatchObject({ genesis: false, caughtUp: true, alreadySealed: 0 });
    const s3 = new S3Client({
      endpoint: suite.sandbox.urls.s3,
      region: localRegion,
      credentials: localCredentials,
      forcePathStyle: true,
    });
    const keys = (
      await s3.send(
        new ListObjectsV2Command({ Bucket: suite.sandbox.audit.digestBucket, Prefix: 'digests/' }),
      )
    ).Contents?.map((object) => object.Key);
    s3.destroy();
    const minutes = (Date.parse(`${through}:00Z`) - Date.parse(`${first}:00Z`)) / 60_000 + 1;
    expect(keys).toHaveLength(minutes);
    expect(keys?.at(-1)).toMatch(new RegExp(`/${through}\\.json$`));
    const runs = (await suite.client.auditRecords()).filter(
      (record) => record.eventName === 'SealAuditTrail',
    );
    expect(runs).toHaveLength(2);

    const { code, lines } = await verify(
      `${first}:00Z`,
      new Date(Date.parse(`${through}:00Z`) + 60_000).toISOString(),
    );
    expect(lines.at(-1)).toMatch(/^audit:verify .*: \d+ records, \d+ digests, 0 findings — intact$/);
    expect(lines.at(-1)).toContain(`, ${minutes} digests,`);
    // Per request a ticket and an acknowledgement, and the first sealer run's own record.
    expect(Number(/: (\d+) records/.exec(lines.at(-1) ?? '')?.[1])).toBeGreaterThanOrEqual(2 * 3 + 1);
    expect(code).toBe(0);
  });

  it('after one record is modified, one deleted and one inserted, reports exactly those', async () => {
    // Prepare: three sealed records of the intake.
    const sealed = (await suite.client.auditRecords())
      .filter(
        (item) =>
          String(item.pk).startsWith('AUDIT#') &&
          segmentStartOf(String(item.eventTime), 1) >= first &&
          segmentStartOf(String(item.eventTime), 1) <= through &&
          ['SubmitRequest', 'CreateTicket', 'SendEmail'].includes(String(item.eventName)),
      )
      .sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
    const [modified, deleted, neighbour] = [sealed[0], sealed[1], sealed[2]];
    if (!modified || !deleted || !neighbour) throw new Error('not enough sealed records');
    const documents = suite.client.documents;

    // Act: tamper in DynamoDB, as someone with write access to the table could.
    await documents.send(
      new PutCommand({ TableName: auditTable(), Item: { ...modified, sourceIPAddress: '203.0.113.66' } }),
    );
    await documents.send(
      new DeleteCommand({ TableName: auditTable(), Key: { pk: deleted.pk, sk: deleted.sk } }),
    );
    const { pk: _pk, sk: _sk, ...neighbourRecord } = neighbour;
    const forged = { ...(neighbourRecord as unknown as AuditRecord), eventID: randomUUID(), readOnly: true };
    await documents.send(new PutCommand({ TableName: auditTable(), Item: auditItem(forged) }));

    // Assess
    const { code, lines } = await verify(
      `${first}:00Z`,
      new Date(Date.parse(`${through}:00Z`) + 60_000).toISOString(),
    );
    const segment = (item: Record<string, unknown>) => segmentStartOf(String(item.eventTime), 1);
    expect(lines.filter((line) => !line.startsWith('audit:verify')).sort()).toEqual(
      [
        `modified        ${segment(modified)}  ${String(modified.eventID)}`,
        `deleted         ${segment(deleted)}  ${String(deleted.eventID)}`,
        `inserted        ${segment(neighbour)}  ${forged.eventID}`,
      ].sort(),
    );
    expect(lines.at(-1)).toMatch(/, 3 findings — NOT intact$/);
    expect(code).toBe(1);
  });

  it('notes records from before the chain began; finds a digest signed by another key and a deleted first digest', async () => {
    const minuteAfter = (segment: string, minutes = 1) =>
      new Date(Date.parse(`${segment}:00Z`) + minutes * 60_000).toISOString();
    const s3 = new S3Client({
      endpoint: suite.sandbox.urls.s3,
      region: localRegion,
      credentials: localCredentials,
      forcePathStyle: true,
    });
    const bucket = suite.sandbox.audit.digestBucket;
    try {
      // Prepare: a record written before the first sealer run (as on an upgraded trail).
      const [model] = (await suite.client.auditRecords()).filter((item) =>
        String(item.pk).startsWith('AUDIT#'),
      );
      if (!model) throw new Error('no audit record');
      const { pk: _pk, sk: _sk, ...modelRecord } = model;
      const early = {
        ...(modelRecord as unknown as AuditRecord),
        eventID: randomUUID(),
        eventTime: new Date(Date.parse(`${first}:00Z`) - 5 * 60_000).toISOString(),
      };
      await suite.client.documents.send(new PutCommand({ TableName: auditTable(), Item: auditItem(early) }));

      // Assess: a note, no finding, exit code 0.
      const before = await verify(minuteAfter(first, -10), minuteAfter(first));
      expect(before.lines).toContainEqual(
        expect.stringMatching(
          new RegExp(`^\\(\\d+ records before the chain began at ${first} are not sealed\\)$`),
        ),
      );
      expect(before.lines.at(-1)).toMatch(/, 0 findings — intact$/);
      expect(before.code).toBe(0);

      // Act: the last digest re-signed with another P-256 key, its chain link kept.
      const key = auditDigestKey(through);
      const stored = JSON.parse(
        (await (
          await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
        ).Body?.transformToString()) ?? '',
      ) as SignedDigest;
      const { digestHash: _hash, signature: _signature, keyId: _keyId, ...content } = stored;
      const foreign = new LocalDigestSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
      const forged = await signDigest(content, foreign);
      expect(forged.previousDigestHash).toBe(stored.previousDigestHash);
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(forged) }));
      const resigned = await verify(`${through}:00Z`, minuteAfter(through));
      expect(resigned.lines).toContain(`${'broken-digest'.padEnd(15)} ${through}`);
      expect(resigned.code).toBe(1);

      // Act: the first digest of the range (the chain's first) deleted.
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: auditDigestKey(first) }));
      const deleted = await verify(`${first}:00Z`, minuteAfter(through));
      const second = minuteAfter(first).slice(0, 16);
      expect(deleted.lines).toContain(`${'missing-digest'.padEnd(15)} ${first}`);
      expect(deleted.lines).toContain(`${'broken-chain'.padEnd(15)} ${second}`);
      expect(deleted.code).toBe(1);
    } finally {
      s3.destroy();
    }
  });
});
