/** BlobStore on S3: raw mail and attachments, addressed by key within one bucket. */
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { BlobStore, DownloadLinks } from '../../ports/index.ts';

export class S3BlobStore implements BlobStore {
  readonly #client: S3Client;
  readonly #bucket: string;

  constructor(options: { client: S3Client; bucket: string }) {
    this.#client = options.client;
    this.#bucket = options.bucket;
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      const result = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      if (!result.Body) return undefined;
      return Buffer.from(await result.Body.transformToByteArray());
    } catch (error) {
      if (error instanceof NoSuchKey || (error instanceof Error && error.name === 'NoSuchKey'))
        return undefined;
      throw error;
    }
  }

  async put(key: string, content: Buffer, contentType: string): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({ Bucket: this.#bucket, Key: key, Body: content, ContentType: contentType }),
    );
  }
}

/** Short-lived download links to objects in the bucket (presigned GetObject). */
export class S3DownloadLinks implements DownloadLinks {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #expiresInSeconds: number;

  constructor(options: { client: S3Client; bucket: string; expiresInSeconds?: number }) {
    this.#client = options.client;
    this.#bucket = options.bucket;
    this.#expiresInSeconds = options.expiresInSeconds ?? 300;
  }

  async link(key: string, filename: string): Promise<string> {
    // Always a download, never shown inline by the browser: the file is the client's, untrusted.
    const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
    return getSignedUrl(
      this.#client,
      new GetObjectCommand({
        Bucket: this.#bucket,
        Key: key,
        ResponseContentDisposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        ResponseContentType: 'application/octet-stream',
      }),
      { expiresIn: this.#expiresInSeconds },
    );
  }
}
