/** Browser uploads straight to the bucket: a signed PUT, valid for five minutes, and the sizes it names. */
import { uploadUrlSeconds } from '../domain/reply-attachments.ts';
import type { UploadTargets } from '../ports/uploads.ts';

/** A size as the limits are stated to staff: `25 MB`. */
export const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/**
 * Signs a PUT of one object; the headers returned are part of the signature, so the object's type,
 * length and metadata are the ones signed for.
 */
export async function signedUpload(
  uploads: UploadTargets,
  key: string,
  object: Parameters<UploadTargets['signPut']>[1],
  now: Date,
): Promise<{ url: string; headers: Record<string, string>; expiresAt: string }> {
  const { url, headers } = await uploads.signPut(key, object, uploadUrlSeconds);
  return { url, headers, expiresAt: new Date(now.getTime() + uploadUrlSeconds * 1000).toISOString() };
}
