/** Files that reach the bucket from staff browsers, and the links staff download them through. */

/** An uploaded object as the bucket describes it (HeadObject). */
export interface UploadedObject {
  readonly size: number;
  readonly contentType: string;
  /** The user metadata the upload was signed with (`x-amz-meta-*`, lower-case names). */
  readonly metadata: Readonly<Record<string, string>>;
  /** The SHA-256 (base64) S3 checked the object's bytes against when it was stored, if any. */
  readonly sha256?: string;
}

/**
 * Uploads straight from the browser to the bucket: a short-lived signed PUT bound to the object's
 * type, length and metadata, and a look at what arrived.
 */
/** What an upload URL is signed for: the object's type, length and metadata. */
export interface SignedObject {
  contentType: string;
  size: number;
  metadata: Readonly<Record<string, string>>;
  /** Sign `If-None-Match: *`: the URL cannot replace an object already there. */
  ifNoneMatch?: boolean;
  /**
   * Sign `x-amz-checksum-sha256` (base64): S3 refuses a body with other bytes (`BadDigest`) and
   * keeps the checksum with the object.
   */
  sha256?: string;
}

export interface UploadTargets {
  /** The URL to PUT to and the headers the PUT must carry (they are part of the signature). */
  signPut(
    key: string,
    object: SignedObject,
    expiresInSeconds: number,
  ): Promise<{ url: string; headers: Record<string, string> }>;
  /** What is stored under `key`; undefined when nothing is. */
  describe(key: string): Promise<UploadedObject | undefined>;
}

/** Short-lived links through which staff download a ticket's files. */
export interface DownloadLinks {
  link(key: string, filename: string): Promise<string>;
}
