/**
 * The S3 adapter of every object version against the sandbox's bucket (fauxqs behind the bucket's
 * front, which answers ListObjectVersions as S3 does for an unversioned bucket): objects listed by
 * age, deleted with every version, and gone from the sandbox's disk copy too.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials, localRegion, type SqsEmulator, startSqs } from '../../infra/local/emulators.ts';
import { type LocalBucket, startLocalBucket } from '../../infra/local/local-bucket.ts';
import { S3ObjectVersions } from '../../shared/adapters/s3/object-versions.ts';

let fauxqs: SqsEmulator;
let bucket: LocalBucket;
let client: S3Client;
let folder: string;

beforeAll(async () => {
  fauxqs = await startSqs(0);
  folder = mkdtempSync(join(tmpdir(), 'courtdesk-versions-'));
  bucket = await startLocalBucket({ name: 'mail-versions', port: fauxqs.server.port, folder });
  client = new S3Client({
    endpoint: bucket.endpoint.replace('s3.localhost', '127.0.0.1'),
    region: localRegion,
    credentials: localCredentials,
    forcePathStyle: true,
  });
});

afterAll(async () => {
  client?.destroy();
  bucket?.destroy();
  await fauxqs?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const put = (key: string, body = 'x') =>
  client.send(new PutObjectCommand({ Bucket: 'mail-versions', Key: key, Body: body }));

async function exists(key: string): Promise<boolean> {
  try {
    await client.send(new GetObjectCommand({ Bucket: 'mail-versions', Key: key }));
    return true;
  } catch {
    return false;
  }
}

describe('S3ObjectVersions', () => {
  it('deletes every version of exactly the key asked for, and its disk copy', async () => {
    // Prepare
    const versions = new S3ObjectVersions({ client, bucket: 'mail-versions' });
    await put('raw-mail/abc', 'mail');
    await put('raw-mail/abc-other', 'other mail');
    await new Promise((resolve) => setTimeout(resolve, 200)); // the front's disk write
    expect(existsSync(join(folder, 'raw-mail/abc'))).toBe(true);

    // Act
    const deleted = await versions.deleteEveryVersion('raw-mail/abc');

    // Assess
    expect(deleted).toBe(1);
    expect(await exists('raw-mail/abc')).toBe(false);
    expect(await exists('raw-mail/abc-other')).toBe(true);
    await expect.poll(() => existsSync(join(folder, 'raw-mail/abc'))).toBe(false);
    expect(await versions.deleteEveryVersion('raw-mail/abc')).toBe(0);
  });

  it('deletes every object under a prefix, and nothing beside it', async () => {
    const versions = new S3ObjectVersions({ client, bucket: 'mail-versions' });
    for (let n = 0; n < 12; n += 1) await put(`replies/TA-2026-000001/${String(n).padStart(2, '0')}.pdf`);
    await put('replies/TA-2026-000002/keep.pdf');

    expect(await versions.deleteEveryVersionUnder('replies/TA-2026-000001/')).toBe(12);
    expect(await exists('replies/TA-2026-000001/05.pdf')).toBe(false);
    expect(await exists('replies/TA-2026-000002/keep.pdf')).toBe(true);
  });

  it('lists the keys older than a time, page by page in key order', async () => {
    const versions = new S3ObjectVersions({ client, bucket: 'mail-versions' });
    for (let n = 0; n < 5; n += 1) await put(`quarantine/q${n}`);
    const later = new Date(Date.now() + 60_000);

    const first = await versions.modifiedBefore('quarantine/', later, { limit: 3 });
    const second = await versions.modifiedBefore('quarantine/', later, { limit: 3, cursor: first.next });
    const none = await versions.modifiedBefore('quarantine/', new Date(Date.now() - 60_000), { limit: 10 });

    expect(first.keys).toEqual(['quarantine/q0', 'quarantine/q1', 'quarantine/q2']);
    expect(first.next).toBe('quarantine/q2');
    expect(second.keys).toEqual(['quarantine/q3', 'quarantine/q4']);
    expect(second.next).toBeUndefined();
    expect(none.keys).toEqual([]);
  });
});
