/**
 * INTERIM `ObjectVersions` on S3 for erasure, until the retention work's adapter
 * (`./object-versions.ts`) is merged: ListObjectVersions (versions and delete markers) then
 * DeleteObjects with each VersionId, a page (≤1,000) at a time. Replace its one use in staff-api's
 * dependencies by that adapter and delete this file.
 */
import { DeleteObjectsCommand, ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectVersions } from '../../ports/object-versions.ts';

export class InterimS3ObjectVersions implements ObjectVersions {
  readonly #client: S3Client;
  readonly #bucket: string;

  constructor(options: { readonly client: S3Client; readonly bucket: string }) {
    this.#client = options.client;
    this.#bucket = options.bucket;
  }

  deleteEveryVersion(key: string): Promise<number> {
    return this.#deleteListed(key, (listed) => listed === key);
  }

  deleteEveryVersionUnder(prefix: string): Promise<number> {
    return this.#deleteListed(prefix, (listed) => listed.startsWith(prefix));
  }

  async #deleteListed(prefix: string, wanted: (key: string) => boolean): Promise<number> {
    let deleted = 0;
    // Each round deletes what it listed, so the next listing starts again from the top.
    for (;;) {
      const page = await this.#client.send(
        new ListObjectVersionsCommand({ Bucket: this.#bucket, Prefix: prefix }),
      );
      const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]
        .filter((entry) => entry.Key !== undefined && wanted(entry.Key))
        .map((entry) => ({
          Key: entry.Key as string,
          ...(entry.VersionId ? { VersionId: entry.VersionId } : {}),
        }));
      if (objects.length === 0) return deleted;
      const result = await this.#client.send(
        new DeleteObjectsCommand({ Bucket: this.#bucket, Delete: { Objects: objects, Quiet: true } }),
      );
      if (result.Errors?.length)
        throw new Error(`${result.Errors.length} object versions could not be deleted`);
      deleted += objects.length;
    }
  }
}
