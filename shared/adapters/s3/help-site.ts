/**
 * HelpSite on S3: each page is `<path>index.html` (what CloudFront's directory-index function asks
 * for), HTML with a one-minute cache life so a publication reaches readers within minutes without
 * an invalidation, and the rendered generation in a small JSON object outside the served paths.
 *
 * A page whose content is unchanged is not written again: the bucket is SSE-S3, where a single-part
 * object's ETag is the MD5 of its content, so one listing tells which pages changed and a
 * publication adds versions only for those.
 */
import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  helpGenerationKey,
  helpObjectKey,
  helpPageKeyPrefixes,
  helpPathOfKey,
} from '../../knowledge/pages/index.ts';
import type { HelpSite } from '../../ports/help-site.ts';

/** Pages written at once: a publication writes a hundred or so. */
const concurrentWrites = 8;

export class S3HelpSite implements HelpSite {
  readonly #client: S3Client;
  readonly #bucket: string;

  constructor(options: { client: S3Client; bucket: string }) {
    this.#client = options.client;
    this.#bucket = options.bucket;
  }

  async renderedGeneration(): Promise<number | undefined> {
    // Listed first: without a ListBucket grant on its key, S3 answers a missing object with 403,
    // not 404, and the first run must tell "never rendered" from "not allowed".
    const listed = await this.#client.send(
      new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: helpGenerationKey, MaxKeys: 1 }),
    );
    if (!listed.Contents?.some((object) => object.Key === helpGenerationKey)) return undefined;
    try {
      const result = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: helpGenerationKey }),
      );
      const parsed: unknown = JSON.parse((await result.Body?.transformToString()) ?? '{}');
      const generation = (parsed as { generation?: unknown }).generation;
      // Anything else than a whole number means "render again", never a crash of every run.
      return Number.isInteger(generation) ? (generation as number) : undefined;
    } catch (error) {
      if (error instanceof NoSuchKey || (error instanceof Error && error.name === 'NoSuchKey'))
        return undefined;
      if (error instanceof SyntaxError) return undefined;
      throw error;
    }
  }

  async pagePaths(): Promise<readonly string[]> {
    return [...(await this.#stored()).keys()].flatMap((key) => helpPathOfKey(key) ?? []);
  }

  async writePages(pages: ReadonlyMap<string, string>): Promise<number> {
    const stored = await this.#stored();
    const changed = [...pages].filter(
      ([path, html]) => stored.get(helpObjectKey(path)) !== createHash('md5').update(html).digest('hex'),
    );
    for (let i = 0; i < changed.length; i += concurrentWrites) {
      await Promise.all(
        changed.slice(i, i + concurrentWrites).map(([path, html]) =>
          this.#client.send(
            new PutObjectCommand({
              Bucket: this.#bucket,
              Key: helpObjectKey(path),
              Body: html,
              ContentType: 'text/html; charset=utf-8',
              CacheControl: 'public, max-age=60',
            }),
          ),
        ),
      );
    }
    return changed.length;
  }

  async deletePages(paths: readonly string[]): Promise<void> {
    for (const path of paths) {
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: helpObjectKey(path) }));
    }
  }

  async recordGeneration(generation: number): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: helpGenerationKey,
        Body: JSON.stringify({ generation }),
        ContentType: 'application/json',
      }),
    );
  }

  /** The stored pages' keys with their ETags (quotes removed), under both languages' prefixes. */
  async #stored(): Promise<Map<string, string>> {
    const stored = new Map<string, string>();
    for (const prefix of Object.values(helpPageKeyPrefixes)) {
      let token: string | undefined;
      do {
        const page = await this.#client.send(
          new ListObjectsV2Command({
            Bucket: this.#bucket,
            Prefix: prefix,
            ...(token ? { ContinuationToken: token } : {}),
          }),
        );
        for (const object of page.Contents ?? [])
          if (object.Key) stored.set(object.Key, String(object.ETag ?? '').replaceAll('"', ''));
        token = page.NextContinuationToken;
      } while (token);
    }
    return stored;
  }
}
