/**
 * Files chosen for a reply, checked in the page by the same rules the staff API applies
 * (`shared/domain/reply-attachments.ts`), so that staff hear about a wrong file when they choose it.
 */
import {
  type AttachmentType,
  attachmentTypes,
  isAttachmentType,
  maxAttachmentBytes,
  maxReplyAttachmentBytes,
  maxReplyAttachments,
} from '../../../shared/domain/reply-attachments.ts';
import type { TextKey } from './texts.ts';

/** For the file input's `accept`: the allowed types and their extensions. */
export const acceptedFiles = Object.entries(attachmentTypes)
  .flatMap(([type, extensions]) => [type, ...extensions.map((extension) => `.${extension}`)])
  .join(',');

/**
 * The file's type as the API takes it: the browser's when allowed, else the one its extension
 * names (browsers leave the type empty for some documents, e.g. `.edoc`); undefined when neither.
 */
export function attachmentTypeOf(file: { name: string; type: string }): AttachmentType | undefined {
  const given = file.type.toLowerCase();
  const extension = file.name.includes('.') ? (file.name.split('.').pop() ?? '').toLowerCase() : '';
  const byExtension = (Object.keys(attachmentTypes) as AttachmentType[]).find((type) =>
    (attachmentTypes[type] as readonly string[]).includes(extension),
  );
  if (isAttachmentType(given) && (attachmentTypes[given] as readonly string[]).includes(extension))
    return given;
  return byExtension;
}

/** What is wrong with the chosen files, as catalogue keys (with the file's name where one is at fault). */
export function fileProblems(
  files: readonly { name: string; type: string; size: number }[],
): { key: TextKey; name?: string }[] {
  const problems: { key: TextKey; name?: string }[] = [];
  for (const file of files) {
    if (!attachmentTypeOf(file)) problems.push({ key: 'reply.files.type', name: file.name });
    else if (file.size > maxAttachmentBytes) problems.push({ key: 'reply.files.tooLarge', name: file.name });
  }
  if (files.length > maxReplyAttachments) problems.push({ key: 'reply.files.tooMany' });
  else if (files.reduce((total, file) => total + file.size, 0) > maxReplyAttachmentBytes)
    problems.push({ key: 'reply.files.total' });
  return problems;
}

/**
 * The file's SHA-256, base64 (as S3's `x-amz-checksum-sha256`); undefined when the page cannot
 * compute it (no WebCrypto outside https) or read the file.
 */
export async function sha256Of(file: Blob): Promise<string | undefined> {
  try {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
    let binary = '';
    for (const byte of digest) binary += String.fromCharCode(byte);
    return btoa(binary);
  } catch {
    return undefined;
  }
}
