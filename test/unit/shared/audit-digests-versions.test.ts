/**
 * Digests hidden by a delete marker: in the cloud's versioned digest bucket a
 * DeleteObject without a version id stores a marker over the digest, which Object Lock keeps but
 * no listing shows. The store finds them in the object versions (fauxqs has none: a fake client).
 */
import {
  ListObjectVersionsCommand,
  type ListObjectVersionsCommandOutput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { S3AuditDigests } from '../../../shared/adapters/s3/audit-digests.ts';

/** A client that answers ListObjectVersions from `pages` (by prefix, then in turn). */
function versionsClient(pages: Record<string, Partial<ListObjectVersionsCommandOutput>[]>) {
  const asked: ListObjectVersionsCommand['input'][] = [];
  const client = {
    send: async (command: unknown) => {
      if (!(command instanceof ListObjectVersionsCommand)) throw new Error('unexpected command');
      asked.push(command.input);
      const prefix = command.input.Prefix ?? '';
      const page = command.input.KeyMarker ? 1 : 0;
      return pages[prefix]?.[page] ?? {};
    },
  } as unknown as S3Client;
  return { client, asked };
}

const key = (start: string) =>
  `digests/${start.slice(0, 4)}/${start.slice(5, 7)}/${start.slice(8, 10)}/${start}.json`;

describe('S3AuditDigests.hiddenDigests', () => {
  it('names the segments whose digest has a delete marker or a second version, page after page', async () => {
    const { client, asked } = versionsClient({
      'digests/2026/11/28/': [
        {
          IsTruncated: true,
          NextKeyMarker: key('2026-11-28T10:00'),
          NextVersionIdMarker: 'v1',
          Versions: [
            { Key: key('2026-11-28T09:00'), VersionId: 'a', IsLatest: true },
            // Deleted without a version id: the digest is kept, behind the marker.
            { Key: key('2026-11-28T10:00'), VersionId: 'v1', IsLatest: false },
          ],
          DeleteMarkers: [{ Key: key('2026-11-28T10:00'), VersionId: 'm1', IsLatest: true }],
        },
        {
          Versions: [
            // Replaced (what the bucket policy denies): two versions.
            { Key: key('2026-11-28T11:00'), VersionId: 'b', IsLatest: false },
            { Key: key('2026-11-28T11:00'), VersionId: 'c', IsLatest: true },
            { Key: key('2026-11-28T12:00'), VersionId: 'd', IsLatest: true },
          ],
        },
      ],
      'digests/2026/11/29/': [
        // Outside the range asked for.
        { DeleteMarkers: [{ Key: key('2026-11-29T05:00'), VersionId: 'm2', IsLatest: true }] },
      ],
    });
    const store = new S3AuditDigests({ client, bucket: 'digests-bucket' });

    const hidden = await store.hiddenDigests(
      new Date('2026-11-28T09:00:00Z'),
      new Date('2026-11-29T05:00:00Z'),
    );

    expect(hidden).toEqual(['2026-11-28T10:00', '2026-11-28T11:00']);
    expect(asked).toEqual([
      { Bucket: 'digests-bucket', Prefix: 'digests/2026/11/28/' },
      {
        Bucket: 'digests-bucket',
        Prefix: 'digests/2026/11/28/',
        KeyMarker: key('2026-11-28T10:00'),
        VersionIdMarker: 'v1',
      },
      { Bucket: 'digests-bucket', Prefix: 'digests/2026/11/29/' },
    ]);
  });
});
