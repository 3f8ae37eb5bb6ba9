/**
 * ListObjectVersions in the sandbox. fauxqs keeps one copy per key and does not know the
 * `?versions` listing (it would answer a plain listing, which the SDK reads as no versions at
 * all), so the bucket's front answers it as S3 answers for an unversioned bucket: each object is
 * its one version, `null`, and the latest. DeleteObject with `versionId=null` then deletes it, as
 * in S3, so the same adapter (`shared/adapters/s3/object-versions.ts`) is right on both.
 */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

/** Whether a request is a ListObjectVersions call on `bucket` (path or virtual-hosted style). */
export function isVersionListing(
  method: string | undefined,
  host: string,
  url: string,
  bucket: string,
): boolean {
  if (method !== 'GET') return false;
  const parsed = new URL(url, 'http://localhost');
  if (!parsed.searchParams.has('versions')) return false;
  const hosted = /^([a-z0-9.-]+)\.s3\.localhost(?::\d+)?$/i.exec(host);
  const path = parsed.pathname.replace(/\/+$/, '');
  return hosted ? hosted[1] === bucket && path === '' : path === `/${bucket}`;
}

/** The `ListVersionsResult` XML for the listing `url` asks for, from the emulator's objects. */
export async function versionListing(client: S3Client, bucket: string, url: string): Promise<string> {
  const query = new URL(url, 'http://localhost').searchParams;
  const prefix = query.get('prefix') ?? '';
  const keyMarker = query.get('key-marker') ?? '';
  const maxKeys = Math.min(Number(query.get('max-keys') ?? 1000) || 1000, 1000);
  const listed = await client.send(
    new ListObjectsV2Command({
      Bucket: bucket,
      Prefix: prefix,
      MaxKeys: maxKeys,
      ...(keyMarker ? { StartAfter: keyMarker } : {}),
    }),
  );
  const objects = listed.Contents ?? [];
  const truncated = listed.IsTruncated === true && objects.length > 0;
  const versions = objects.map(
    (object) =>
      `<Version><Key>${escapeXml(object.Key ?? '')}</Key><VersionId>null</VersionId><IsLatest>true</IsLatest>` +
      `<LastModified>${(object.LastModified ?? new Date(0)).toISOString()}</LastModified>` +
      `<ETag>${escapeXml(object.ETag ?? '')}</ETag><Size>${object.Size ?? 0}</Size>` +
      '<StorageClass>STANDARD</StorageClass></Version>',
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
    `<Name>${escapeXml(bucket)}</Name><Prefix>${escapeXml(prefix)}</Prefix>`,
    `<KeyMarker>${escapeXml(keyMarker)}</KeyMarker><VersionIdMarker></VersionIdMarker>`,
    `<MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${truncated}</IsTruncated>`,
    truncated
      ? `<NextKeyMarker>${escapeXml(objects.at(-1)?.Key ?? '')}</NextKeyMarker><NextVersionIdMarker>null</NextVersionIdMarker>`
      : '',
    ...versions,
    '</ListVersionsResult>',
  ].join('');
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}
