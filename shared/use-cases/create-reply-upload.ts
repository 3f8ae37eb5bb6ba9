/**
 * A signed upload of one file for a reply: the browser PUTs the file straight to
 * `replies/<reference>/<uploadId>` within five minutes, with the returned headers, which are signed
 * — so the object's type, length, name and SHA-256 are the ones checked here — once only
 * (`If-None-Match: *`). Allowed to whoever may reply
 * now (the ticket taken and not closed).
 */
import { randomUUID } from 'node:crypto';
import {
  extensionMatches,
  isAttachmentType,
  maxAttachmentBytes,
  replyUploadKey,
  sanitizeFilename,
} from '../domain/reply-attachments.ts';
import { assertRepliable } from './reply-to-client.ts';
import { megabytes, signedUpload } from './signed-upload.ts';
import { recordFor } from './staff-access.ts';
import { type StaffCaller, staffAction } from './staff-audit.ts';
import { fieldsRefused, type StaffDeskDeps, type StaffFieldError } from './staff-desk.ts';
import type { UploadResponse } from './views/tickets.ts';

export async function createReplyUpload(
  deps: Pick<StaffDeskDeps, 'desk' | 'uploads' | 'audit' | 'clock'>,
  caller: StaffCaller,
  reference: string,
  file: { filename: string; contentType: string; size: number; sha256: string },
): Promise<UploadResponse> {
  const { ticket } = await recordFor(deps, caller, reference, 'reply');
  assertRepliable(ticket);
  const filename = sanitizeFilename(file.filename);
  const errors: StaffFieldError[] = [];
  const contentType = file.contentType.trim().toLowerCase();
  if (!isAttachmentType(contentType)) errors.push({ field: 'contentType', key: 'staff.upload.type' });
  if (!filename) errors.push({ field: 'filename', key: 'staff.upload.filename' });
  else if (isAttachmentType(contentType) && !extensionMatches(filename, contentType))
    errors.push({ field: 'filename', key: 'staff.upload.extension' });
  if (file.size < 1) errors.push({ field: 'size', key: 'staff.upload.empty' });
  else if (file.size > maxAttachmentBytes)
    errors.push({
      field: 'size',
      key: 'staff.upload.tooLarge',
      values: { limit: megabytes(maxAttachmentBytes) },
    });
  if (errors.length) throw fieldsRefused(errors);

  const uploadId = randomUUID();
  const key = replyUploadKey(reference, uploadId);
  const now = deps.clock.now();
  const upload = await signedUpload(
    deps.uploads,
    key,
    // Metadata values travel as ASCII headers: the name percent-encoded (UTF-8).
    // If-None-Match: the URL cannot replace the file once it is there. The checksum: S3 stores only
    // the bytes announced, and the reply checks the object still holds them (`reply-to-client.ts`).
    {
      contentType,
      size: file.size,
      metadata: { filename: encodeURIComponent(filename), size: String(file.size), sha256: file.sha256 },
      ifNoneMatch: true,
      sha256: file.sha256,
    },
    now,
  );
  await deps.audit.append([
    staffAction(caller, {
      eventName: 'CreateReplyUpload',
      eventTime: now.toISOString(),
      reference,
      // The name may be personal data: only the type and size are recorded.
      requestParameters: { contentType, size: file.size },
      responseElements: { uploadId, key },
    }),
  ]);
  return { uploadId, filename, ...upload };
}
