/**
 * The verifier's look-ups in the S3 digest store, against fauxqs's S3: the digest just before a
 * time and the first from a time, found through the year, month and day folders whatever the gap.
 */
import { generateKeyPairSync } from 'node:crypto';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials, localRegion, type SqsEmulator, startSqs } from '../../infra/local/emulators.ts';
import { LocalDigestSigner } from '../../shared/adapters/kms/digest-signer.ts';
import { S3AuditDigests } from '../../shared/adapters/s3/audit-digests.ts';
import { buildDigest, signDigest } from '../../shared/domain/audit-chain.ts';

let fauxqs: SqsEmulator;
let client: S3Client;
const bucket = 'courtdesk-audit-digest-lookups';
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
});

afterAll(async () => {
  client?.destroy();
  await fauxqs?.stop();
});

describe('S3AuditDigests: the digest before, and the first from, a time', () => {
  it('finds them across days, months and years, and nothing where there is none', async () => {
    // Prepare: digests far apart, and a stray key that is no digest.
    const store = new S3AuditDigests({ client, bucket, prefix: 'lookups/' });
    const starts = ['2025-12-31T23:00', '2026-03-01T00:00', '2026-03-01T05:00', '2026-11-28T09:00'];
    for (const start of starts)
      await store.put(await signDigest(buildDigest({ start, minutes: 60 }, [], null), signer));
    const at = (time: string) => new Date(time);
    const listed = async (prefix: string) =>
      (await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents?.length;
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
