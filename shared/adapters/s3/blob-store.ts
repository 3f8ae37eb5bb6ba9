/** BlobStore on S3: raw mail and attachments, addressed by key within one bucket. */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { DownloadLinks, SignedObject, UploadedObject, UploadTargets } from '../../ports/uploads.ts';

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

/** Scans of paper letters: read by ingest-postal, and deleted when they are refused. */
export class S3ScanFiles extends S3BlobStore {
  readonly #client: S3Client;
  readonly #bucket: string;

  constructor(options: { client: S3Client; bucket: string }) {
    super(options);
    this.#client = options.client;
    this.#bucket = options.bucket;
  }

  async delete(key: string): Promise<void> {
    // Deleting a key that is not there succeeds: a retry after a deletion is harmless.
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
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

/**
 * Browser uploads as presigned PutObject URLs. The content type, the length and the metadata are
 * signed headers, not query parameters: S3 refuses a PUT whose headers differ from what was signed
 * (`SignatureDoesNotMatch`), so the object is exactly what the API agreed to. The browser sets
 * Content-Length itself (from the file), so the returned headers leave it out.
 *
 * The client must compute checksums only when required (`requestChecksumCalculation:
 * 'WHEN_REQUIRED'`): otherwise the SDK signs the CRC32 of the empty body it has into the URL, and S3
 * refuses every real upload as a checksum mismatch.
 */
export class S3UploadTargets implements UploadTargets {
  readonly #client: S3Client;
  readonly #bucket: string;

  constructor(options: { client: S3Client; bucket: string }) {
    this.#client = options.client;
    this.#bucket = options.bucket;
  }

  async signPut(
    key: string,
    object: SignedObject,
    expiresInSeconds: number,
  ): Promise<{ url: string; headers: Record<string, string> }> {
    const metadataHeaders = [
      ...Object.keys(object.metadata).map((name) => `x-amz-meta-${name.toLowerCase()}`),
      ...(object.sha256 ? ['x-amz-checksum-sha256'] : []),
    ];
    const url = await getSignedUrl(
      this.#client,
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: key,
        ContentType: object.contentType,
        ContentLength: object.size,
        Metadata: { ...object.metadata },
        ...(object.ifNoneMatch ? { IfNoneMatch: '*' } : {}),
        ...(object.sha256 ? { ChecksumSHA256: object.sha256 } : {}),
      }),
      {
        expiresIn: expiresInSeconds,
        signableHeaders: new Set([
          'content-type',
          'content-length',
          ...(object.ifNoneMatch ? ['if-none-match'] : []),
          ...metadataHeaders,
        ]),
        // x-amz-* headers would otherwise move into the query string, where the browser could not
        // be held to them; as headers they are signed and must be sent as given.
        unhoistableHeaders: new Set(metadataHeaders),
      },
    );
    return {
      url,
      headers: {
        'content-type': object.contentType,
        ...(object.ifNoneMatch ? { 'if-none-match': '*' } : {}),
        ...(object.sha256 ? { 'x-amz-checksum-sha256': object.sha256 } : {}),
        ...Object.fromEntries(
          Object.entries(object.metadata).map(([name, value]) => [`x-amz-meta-${name.toLowerCase()}`, value]),
        ),
      },
    };
  }

  async describe(key: string): Promise<UploadedObject | undefined> {
    try {
      // The checksum S3 checked the bytes against when they were stored (a whole-object SHA-256).
      const head = await this.#client.send(
        new HeadObjectCommand({ Bucket: this.#bucket, Key: key, ChecksumMode: 'ENABLED' }),
      );
      return {
        size: head.ContentLength ?? 0,
        contentType: head.ContentType ?? '',
        metadata: { ...(head.Metadata ?? {}) },
        ...(head.ChecksumSHA256 ? { sha256: head.ChecksumSHA256 } : {}),
      };
    } catch (error) {
      if (
        error instanceof NotFound ||
        error instanceof NoSuchKey ||
        (error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey'))
      )
        return undefined;
      throw error;
    }
  }
}
