/**
 * The audit digests in S3: one JSON object per segment at `digests/YYYY/MM/DD/<segment start>.json`
 * (UTC), so keys sort by time and a day is one listing. In the cloud the bucket has Object Lock in
 * compliance mode: no one, the account's root included, can delete or overwrite a stored version
 * before its retention ends.
 *
 * A digest is never overwritten: `put` first looks for the key (which also covers emulators that
 * ignore conditional headers), then writes with `If-None-Match: *`, which S3 refuses (412) when
 * another writer stored the key meanwhile. Only listing and reading are needed to find the latest
 * digest: the listing walks back day by day from the given day, at most `lookbackDays`.
 *
 * For the verifier: the digest just before a time and the first from a time (walking the year,
 * month and day folders, a few listings however far), and the digests hidden by a delete marker —
 * a DeleteObject without a version id stores one over the current version, so the digest no longer
 * lists, though Object Lock keeps it (`ListObjectVersions`, `s3:ListBucketVersions`; not in fauxqs).
 */
import {
  GetObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { auditDigestPrefix, type SignedDigest, segmentStartTime } from '../../domain/audit-chain.ts';
import type { AuditDigestStore } from '../../ports/audit-seal.ts';

const dayMs = 86_400_000;

/** The day prefix of a day (`digests/YYYY/MM/DD/`). */
function dayPrefix(day: Date, prefix: string): string {
  const iso = day.toISOString();
  return `${prefix}${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/`;
}

/** The segment start a digest key names (`…/<start>.json`). */
function startOfKey(key: string): Date {
  return segmentStartTime({ start: key.slice(key.lastIndexOf('/') + 1, -'.json'.length) });
}

/** The key of a segment's digest. */
export function auditDigestKey(start: string, prefix = auditDigestPrefix): string {
  return `${dayPrefix(segmentStartTime({ start }), prefix)}${start}.json`;
}

export class S3AuditDigests implements AuditDigestStore {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;
  readonly #lookbackDays: number;

  constructor(options: { client: S3Client; bucket: string; prefix?: string; lookbackDays?: number }) {
    this.#client = options.client;
    this.#bucket = options.bucket;
    this.#prefix = options.prefix ?? auditDigestPrefix;
    this.#lookbackDays = options.lookbackDays ?? 400;
  }

  async latest(asOf: Date): Promise<SignedDigest | undefined> {
    for (let days = 0; days < this.#lookbackDays; days += 1) {
      const keys = await this.#keys(dayPrefix(new Date(asOf.getTime() - days * dayMs), this.#prefix));
      const last = keys.sort().at(-1);
      if (last) return this.#read(last);
    }
    return undefined;
  }

  async get(start: string): Promise<SignedDigest | undefined> {
    const key = auditDigestKey(start, this.#prefix);
    // Listed first: without a listing grant on the key, S3 answers a missing key with 403, not 404.
    if (!(await this.#keys(key, 1)).includes(key)) return undefined;
    return this.#read(key);
  }

  async put(digest: SignedDigest): Promise<boolean> {
    const key = auditDigestKey(digest.start, this.#prefix);
    if ((await this.#keys(key, 1)).includes(key)) return false;
    try {
      await this.#client.send(
        new PutObjectCommand({
          Bucket: this.#bucket,
          Key: key,
          Body: JSON.stringify(digest),
          ContentType: 'application/json',
          IfNoneMatch: '*',
          // Object Lock requires an integrity checksum on every PUT.
          ChecksumAlgorithm: 'SHA256',
        }),
      );
      return true;
    } catch (error) {
      // 412: stored meanwhile; 409: another conditional write of the key is in progress.
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 412 || status === 409) return false;
      throw error;
    }
  }

  async between(from: Date, to: Date): Promise<SignedDigest[]> {
    const digests: SignedDigest[] = [];
    const firstDay = Math.floor(from.getTime() / dayMs) * dayMs;
    for (let day = firstDay; day < to.getTime(); day += dayMs) {
      const keys = (await this.#keys(dayPrefix(new Date(day), this.#prefix))).filter((key) => {
        const start = startOfKey(key);
        return start.getTime() >= from.getTime() && start.getTime() < to.getTime();
      });
      // A day of minute segments is 1,440 objects: read a few at a time.
      for (let i = 0; i < keys.length; i += 16)
        digests.push(...(await Promise.all(keys.slice(i, i + 16).map((key) => this.#read(key)))));
    }
    return digests.sort((a, b) => a.start.localeCompare(b.start));
  }

  /** The latest digest whose segment starts before `time`, however far back (a few listings). */
  async latestBefore(time: Date): Promise<SignedDigest | undefined> {
    const day = dayPrefix(time, this.#prefix);
    const key = await this.#walk(this.#prefix, {
      descending: true,
      folder: (folder) => folder <= day.slice(0, folder.length),
      key: (key) => startOfKey(key).getTime() < time.getTime(),
    });
    return key ? this.#read(key) : undefined;
  }

  /** The first digest whose segment starts in `[time, until)`. */
  async firstFrom(time: Date, until: Date): Promise<SignedDigest | undefined> {
    if (time >= until) return undefined;
    const first = dayPrefix(time, this.#prefix);
    const last = dayPrefix(until, this.#prefix);
    const key = await this.#walk(this.#prefix, {
      descending: false,
      folder: (folder) => folder >= first.slice(0, folder.length) && folder <= last.slice(0, folder.length),
      key: (key) => {
        const start = startOfKey(key).getTime();
        return start >= time.getTime() && start < until.getTime();
      },
    });
    return key ? this.#read(key) : undefined;
  }

  /**
   * The segments starting in `[from, to)` whose digest key has a delete marker or more than one
   * version: a digest hidden (or replaced, which the bucket policy denies), though kept.
   */
  async hiddenDigests(from: Date, to: Date): Promise<string[]> {
    const segments = new Set<string>();
    const firstDay = Math.floor(from.getTime() / dayMs) * dayMs;
    for (let day = firstDay; day < to.getTime(); day += dayMs) {
      const versions = new Map<string, number>();
      let keyMarker: string | undefined;
      let versionMarker: string | undefined;
      do {
        const page = await this.#client.send(
          new ListObjectVersionsCommand({
            Bucket: this.#bucket,
            Prefix: dayPrefix(new Date(day), this.#prefix),
            ...(keyMarker ? { KeyMarker: keyMarker } : {}),
            ...(versionMarker ? { VersionIdMarker: versionMarker } : {}),
          }),
        );
        for (const marker of page.DeleteMarkers ?? []) if (marker.Key) versions.set(marker.Key, Infinity);
        for (const version of page.Versions ?? [])
          if (version.Key) versions.set(version.Key, (versions.get(version.Key) ?? 0) + 1);
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
      } while (keyMarker);
      for (const [key, count] of versions) {
        if (count <= 1 || !key.endsWith('.json')) continue;
        const start = startOfKey(key);
        if (start.getTime() >= from.getTime() && start.getTime() < to.getTime())
          segments.add(start.toISOString().slice(0, 16));
      }
    }
    return [...segments].sort();
  }

  /**
   * The first key (in key order, or the last with `descending`) passing `key`, found depth first
   * through the folders (`YYYY/`, `MM/`, `DD/`) that `folder` lets in.
   */
  async #walk(
    prefix: string,
    test: { descending: boolean; folder(folder: string): boolean; key(key: string): boolean },
  ): Promise<string | undefined> {
    const { keys, folders } = await this.#list(prefix, { delimiter: '/' });
    const order = (list: string[]) => (test.descending ? list.sort().reverse() : list.sort());
    const found = order(keys.filter((key) => key.endsWith('.json') && test.key(key)))[0];
    if (found) return found;
    for (const folder of order(folders.filter(test.folder))) {
      const inside = await this.#walk(folder, test);
      if (inside) return inside;
    }
    return undefined;
  }

  /** The keys under `prefix` (every page, or the first `limit`). */
  async #keys(prefix: string, limit?: number): Promise<string[]> {
    return (await this.#list(prefix, limit ? { limit } : {})).keys;
  }

  /** The keys under `prefix`, and with a delimiter the folders (common prefixes) too. */
  async #list(
    prefix: string,
    options: { limit?: number; delimiter?: string },
  ): Promise<{ keys: string[]; folders: string[] }> {
    const keys: string[] = [];
    const folders: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.#client.send(
        new ListObjectsV2Command({
          Bucket: this.#bucket,
          Prefix: prefix,
          ...(options.delimiter ? { Delimiter: options.delimiter } : {}),
          ...(options.limit ? { MaxKeys: options.limit } : {}),
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      for (const folder of page.CommonPrefixes ?? []) if (folder.Prefix) folders.push(folder.Prefix);
      token = options.limit ? undefined : page.NextContinuationToken;
    } while (token);
    return { keys, folders };
  }

  async #read(key: string): Promise<SignedDigest> {
    const result = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
    const text = await result.Body?.transformToString('utf8');
    if (!text) throw new Error(`Digest ${key} is empty`);
    return JSON.parse(text) as SignedDigest;
  }
}
