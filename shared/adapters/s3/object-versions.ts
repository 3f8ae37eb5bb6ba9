/**
 * Every version of the mail bucket's objects: deletion that leaves nothing behind (the bucket is
 * versioned, so a plain DeleteObject only adds a delete marker and the data stays in the
 * non-current versions), and the retention sweeper's listing of objects by age.
 *
 * Both list with ListObjectVersions and delete with DeleteObject naming each VersionId. One
 * DeleteObject per version rather than DeleteObjects: a bucket emulator in front of a disk copy
 * (the sandbox's) sees each deleted key, and the few versions a key has make the cost small. An
 * unversioned bucket answers every object as the one version `null`, which S3 deletes as such.
 */
import {
  DeleteObjectCommand,
  ListObjectVersionsCommand,
  type ListObjectVersionsCommandOutput,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ObjectVersions } from '../../ports/object-versions.ts';
import type { AgedObjects, RetentionCursor } from '../../ports/retention.ts';

/** Deletions in flight at once, per listed page. */
const parallelDeletes = 8;

export class S3ObjectVersions implements ObjectVersions, AgedObjects {
  readonly #client: S3Client;
  readonly #bucket: string;

  constructor(options: { client: S3Client; bucket: string }) {
    this.#client = options.client;
    this.#bucket = options.bucket;
  }

  deleteEveryVersion(key: string): Promise<number> {
    // Listed by the key as a prefix: a longer key beginning with it is someone else's.
    return this.#deleteListed(key, (candidate) => candidate === key);
  }

  deleteEveryVersionUnder(prefix: string): Promise<number> {
    return this.#deleteListed(prefix, () => true);
  }

  async modifiedBefore(
    prefix: string,
    before: Date,
    page: { readonly cursor?: RetentionCursor; readonly limit: number },
  ): Promise<{ readonly keys: readonly string[]; readonly next?: RetentionCursor }> {
    // Without a VersionIdMarker a page starts at a key's newest version: each key's first entry
    // here is its newest (a version or a delete marker), which dates it.
    const listed = await this.#list(prefix, page.cursor, page.limit);
    const newest = new Map<string, Date>();
    for (const entry of entriesOf(listed)) {
      if (!newest.has(entry.key) || entry.latest) newest.set(entry.key, entry.lastModified);
    }
    const keys = [...newest].filter(([, at]) => at < before).map(([key]) => key);
    return {
      keys,
      ...(listed.IsTruncated && listed.NextKeyMarker ? { next: listed.NextKeyMarker } : {}),
    };
  }

  async #deleteListed(prefix: string, matches: (key: string) => boolean): Promise<number> {
    let deleted = 0;
    // Listing again from the start after each page: the deleted versions are gone from it, and a
    // marker past them could skip versions S3 re-orders as the key's history shrinks.
    for (;;) {
      const listed = await this.#list(prefix, undefined, 1000);
      const targets = entriesOf(listed).filter((entry) => matches(entry.key));
      for (let i = 0; i < targets.length; i += parallelDeletes) {
        await Promise.all(
          targets
            .slice(i, i + parallelDeletes)
            .map((entry) =>
              this.#client.send(
                new DeleteObjectCommand({ Bucket: this.#bucket, Key: entry.key, VersionId: entry.versionId }),
              ),
            ),
        );
      }
      deleted += targets.length;
      if (!listed.IsTruncated || !targets.length) return deleted;
    }
  }

  #list(
    prefix: string,
    keyMarker: string | undefined,
    maxKeys: number,
  ): Promise<ListObjectVersionsCommandOutput> {
    return this.#client.send(
      new ListObjectVersionsCommand({
        Bucket: this.#bucket,
        Prefix: prefix,
        MaxKeys: maxKeys,
        ...(keyMarker ? { KeyMarker: keyMarker } : {}),
      }),
    );
  }
}

interface ListedVersion {
  readonly key: string;
  readonly versionId: string;
  readonly latest: boolean;
  readonly lastModified: Date;
}

/** Versions and delete markers of a listing page, alike. */
function entriesOf(listed: ListObjectVersionsCommandOutput): ListedVersion[] {
  return [...(listed.Versions ?? []), ...(listed.DeleteMarkers ?? [])].flatMap((entry) =>
    entry.Key
      ? [
          {
            key: entry.Key,
            versionId: entry.VersionId ?? 'null',
            latest: entry.IsLatest === true,
            lastModified: entry.LastModified ?? new Date(0),
          },
        ]
      : [],
  );
}
