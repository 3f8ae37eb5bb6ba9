/**
 * The S3 digest store against fauxqs's S3 (the sandbox's): keys by day, the latest digest found by
 * listing back day by day (bounded), digests of a range, and no overwrite of a stored segment.
 * fauxqs ignores `If-None-Match`, so here it is the store's own check that refuses; S3 refuses too.
 * And the verifier's look-ups: the digest just before a time and the first from a time, found
 * through the year, month and day folders whatever the gap.
 */
import { generateKeyPairSync } from 'node:crypto';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials, localRegion, type SqsEmulator, startSqs } from '../../infra/local/emulators.ts';
import { LocalDigestSigner } from '../../infra/local/local-digest-signer.ts';
import { auditDigestKey, S3AuditDigests } from '../../shared/adapters/s3/audit-digests.ts';
import { buildDigest, type SignedDigest, signDigest } from '../../shared/domain/audit-chain.ts';

let fauxqs: SqsEmulator;
let client: S3Client;
const bucket = 'courtdesk-audit-digests-test';
/** A bucket of its own for the look-ups, whose tests need to know every digest in it. */
const lookupsBucket = 'courtdesk-audit-digest-lookups';
const signer = new LocalDigestSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);

beforeAll(async () => {
  fauxqs = await startSqs(0);
  client = new S3Client({
    endpoint: `http://127.0.0.1:${fauxqs.server.port}`,
    region: localRegion,
    credentials: localCredentials,
    forcePathStyle: true,
  });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  await client.send(new CreateBucketCommand({ Bucket: lookupsBucket }));
});

afterAll(async () => {
  client?.destroy();
  await fauxqs?.stop();
});

/** A chain of empty minute digests from `start`, `count` long. */
async function chain(start: string, count: number, previous: string | null = null): Promise<SignedDigest[]> {
  const digests: SignedDigest[] = [];
  for (let i = 0; i < count; i += 1) {
    const segment = {
      start: new Date(Date.parse(`${start}:00Z`) + i * 60_000).toISOString().slice(0, 16),
      minutes: 1,
    };
    digests.push(await signDigest(buildDigest(segment, [], digests.at(-1)?.digestHash ?? previous), signer));
  }
  return digests;
}

describe('S3AuditDigests', () => {
  it('keys digests by day, so that they sort by time', () => {
    expect(auditDigestKey('2026-11-28T09:05')).toBe('digests/2026/11/28/2026-11-28T09:05.json');
  });

  it('stores a digest once and never overwrites it', async () => {
    // Prepare
    const store = new S3AuditDigests({ client, bucket, prefix: 'once/' });
    const [digest] = await chain('2026-11-28T09:00', 1);
    const forged = await signDigest(
      buildDigest({ start: '2026-11-28T09:00', minutes: 1 }, [], 'forged'),
      signer,
    );

    // Act
    const first = await store.put(digest!);
    const second = await store.put(forged);

    // Assess
    expect([first, second]).toEqual([true, false]);
    expect(await store.get('2026-11-28T09:00')).toEqual(digest);
    expect(await store.get('2026-11-28T09:01')).toBeUndefined();
    const object = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'once/2026/11/28/2026-11-28T09:00.json' }),
    );
    expect(object.ContentType).toBe('application/json');
    expect(JSON.parse((await object.Body?.transformToString()) ?? '')).toEqual(digest);
  });

  it('finds the latest digest on the day asked, or days before it, within the lookback only', async () => {
    const store = new S3AuditDigests({ client, bucket, prefix: 'latest/', lookbackDays: 5 });
    expect(await store.latest(new Date('2026-11-28T12:00:00Z'))).toBeUndefined();
    const digests = await chain('2026-11-25T23:58', 4);
    for (const digest of digests) await store.put(digest);

    // Over midnight: the latest is 26 November 00:01.
    expect((await store.latest(new Date('2026-11-26T00:05:00Z')))?.start).toBe('2026-11-26T00:01');
    // Three days later, with nothing since.
    expect((await store.latest(new Date('2026-11-29T10:00:00Z')))?.start).toBe('2026-11-26T00:01');
    // Further back than the lookback: none.
    expect(await store.latest(new Date('2026-12-02T10:00:00Z'))).toBeUndefined();
  });

  it('reads every page of a busy day, and the digests of a range in order', async () => {
    const store = new S3AuditDigests({ client, bucket, prefix: 'range/' });
    // 1,100 minute digests: more than one listing page (1,000 keys).
    const digests = await chain('2026-11-27T05:00', 1100);
    for (let i = 0; i < digests.length; i += 50)
      await Promise.all(digests.slice(i, i + 50).map((digest) => store.put(digest)));
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'range/' }));
    expect(listed.IsTruncated).toBe(true);

    expect((await store.latest(new Date('2026-11-27T23:00:00Z')))?.start).toBe(digests.at(-1)?.start);
    const between = await store.between(new Date('2026-11-27T22:00:00Z'), new Date('2026-11-27T23:00:00Z'));
    expect(between.map((digest) => digest.start)).toEqual(
      digests
        .filter((digest) => digest.start >= '2026-11-27T22:00' && digest.start < '2026-11-27T23:00')
        .map((digest) => digest.start),
    );
    expect(between).toHaveLength(60);
    expect(between[0]).toEqual(digests.find((digest) => digest.start === '2026-11-27T22:00'));
  });
});

describe('S3AuditDigests: the digest before, and the first from, a time', () => {
  it('finds them across days, months and years, and nothing where there is none', async () => {
    // Prepare: digests far apart, and a stray key that is no digest.
    const store = new S3AuditDigests({ client, bucket: lookupsBucket, prefix: 'lookups/' });
    const starts = ['2025-12-31T23:00', '2026-03-01T00:00', '2026-03-01T05:00', '2026-11-28T09:00'];
    for (const start of starts)
      await store.put(await signDigest(buildDigest({ start, minutes: 60 }, [], null), signer));
    const at = (time: string) => new Date(time);
    const listed = async (prefix: string) =>
      (await client.send(new ListObjectsV2Command({ Bucket: lookupsBucket, Prefix: prefix }))).Contents
        ?.length;
    expect(await listed('lookups/')).toBe(4);

    // Act, Assess
    expect((await store.latestBefore(at('2026-11-28T09:00:00Z')))?.start).toBe('2026-03-01T05:00');
    expect((await store.latestBefore(at('2026-11-28T09:00:00.001Z')))?.start).toBe('2026-11-28T09:00');
    expect((await store.latestBefore(at('2026-03-01T05:00:00Z')))?.start).toBe('2026-03-01T00:00');
    expect((await store.latestBefore(at('2026-03-01T00:00:00Z')))?.start).toBe('2025-12-31T23:00');
    expect(await store.latestBefore(at('2025-12-31T23:00:00Z'))).toBeUndefined();

    const until = at('2027-01-01T00:00:00Z');
    expect((await store.firstFrom(at('2025-01-01T00:00:00Z'), until))?.start).toBe('2025-12-31T23:00');
    expect((await store.firstFrom(at('2025-12-31T23:00:00.001Z'), until))?.start).toBe('2026-03-01T00:00');
    expect((await store.firstFrom(at('2026-03-01T00:30:00Z'), until))?.start).toBe('2026-03-01T05:00');
    expect((await store.firstFrom(at('2026-03-01T06:00:00Z'), until))?.start).toBe('2026-11-28T09:00');
    expect(await store.firstFrom(at('2026-03-01T06:00:00Z'), at('2026-11-28T09:00:00Z'))).toBeUndefined();
    expect(await store.firstFrom(at('2026-11-28T09:00:00.001Z'), until)).toBeUndefined();
  });
});
