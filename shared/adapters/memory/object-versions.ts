/**
 * Object versions in memory, for unit tests: each key's versions (a delete adds a marker, as in a
 * versioned bucket), and what was deleted for good. Same contract as `../s3/object-versions.ts`.
 */
import type { ObjectVersions } from '../../ports/object-versions.ts';

export class MemoryObjectVersions implements ObjectVersions {
  /** Versions per key, oldest first: the bytes as text, or `null` for a delete marker. */
  readonly versions = new Map<string, (string | null)[]>();

  /** Stores a new version of `key`. */
  put(key: string, body: string): void {
    this.versions.set(key, [...(this.versions.get(key) ?? []), body]);
  }

  /** A plain delete in a versioned bucket: a delete marker on top, every version kept. */
  deleteLatest(key: string): void {
    if (this.versions.has(key)) this.versions.set(key, [...(this.versions.get(key) ?? []), null]);
  }

  async deleteEveryVersion(key: string): Promise<number> {
    const count = this.versions.get(key)?.length ?? 0;
    this.versions.delete(key);
    return count;
  }

  async deleteEveryVersionUnder(prefix: string): Promise<number> {
    let count = 0;
    for (const key of [...this.versions.keys()])
      if (key.startsWith(prefix)) count += await this.deleteEveryVersion(key);
    return count;
  }
}
