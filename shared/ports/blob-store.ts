/** Objects (raw mail, attachments, letters) by key: S3 in the cloud. */
export interface BlobStore {
  /** The object's bytes; undefined when there is no such key. */
  get(key: string): Promise<Buffer | undefined>;
  put(key: string, content: Buffer, contentType: string): Promise<void>;
}
