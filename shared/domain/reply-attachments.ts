/**
 * Files staff attach to a reply: what may be sent, how big, and under which
 * name. The browser uploads each file straight to the mail bucket through a short-lived signed PUT
 * (`replies/<reference>/<uploadId>`); the reply names the uploads, and send-email attaches them.
 */

/** Under this prefix of the mail bucket, one folder per ticket. */
export const repliesPrefix = 'replies/';

/** One file at most; SES takes 40 MB a message (base64 included), so a reply stays well under. */
export const maxAttachmentBytes = 10 * 1024 * 1024;
/** All files of one reply together. */
export const maxReplyAttachmentBytes = 10 * 1024 * 1024;
export const maxReplyAttachments = 5;
/** How long a signed upload URL is valid. */
export const uploadUrlSeconds = 5 * 60;
/** Longer names are cut (keeping the extension); mail programs show little more anyway. */
export const maxFilenameLength = 150;

/**
 * The types staff may send, each with the file name extensions it may have: documents, images
 * and text. Nothing that runs (SES refuses executables anyway, and a mail that SES refuses would
 * only be retried into the dead-letter queue).
 */
export const attachmentTypes = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'text/plain': ['txt'],
  'text/csv': ['csv'],
  'application/rtf': ['rtf'],
  'application/msword': ['doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.ms-excel': ['xls'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.ms-powerpoint': ['ppt'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'application/vnd.oasis.opendocument.presentation': ['odp'],
  // Latvian e-signed documents (eParaksts): the court sends and receives them routinely.
  'application/vnd.etsi.asic-e+zip': ['edoc', 'asice'],
} as const satisfies Record<string, readonly string[]>;

export type AttachmentType = keyof typeof attachmentTypes;
export const attachmentTypeNames = Object.keys(attachmentTypes) as [AttachmentType, ...AttachmentType[]];

export function isAttachmentType(value: string): value is AttachmentType {
  return Object.hasOwn(attachmentTypes, value);
}

/** A file attached to a reply, as the reply's thread message records it. */
export interface ReplyAttachment {
  /** Object key in the mail bucket, under `replies/<reference>/`. */
  readonly key: string;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  /** Its SHA-256 (base64) when attached: what send-email checks the bytes it reads against. */
  readonly sha256?: string;
}

/** Upload ids are the server's UUIDs: nothing else may become part of a key. */
export const uploadIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function replyUploadKey(reference: string, uploadId: string): string {
  return `${repliesPrefix}${reference}/${uploadId}`;
}

/** Whether `key` is one of this ticket's reply uploads (and nothing else in the bucket). */
export function isReplyUploadKey(reference: string, key: string): boolean {
  const prefix = `${repliesPrefix}${reference}/`;
  return key.startsWith(prefix) && uploadIdPattern.test(key.slice(prefix.length));
}

/**
 * Controls (C0, DEL, C1), format characters (bidirectional overrides that make `gpj.exe` read as
 * `exe.jpg`, zero-width characters), line and paragraph separators, and lone surrogates.
 */
const unsafeFilenameCharacters =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is its purpose
  /[\u0000-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu;

/**
 * The name a file is sent under: the last segment of whatever path the browser gave, without
 * control and format characters, quotes or reserved characters (`<>:"/\|?*`), blanks folded,
 * leading dots removed, at most {@link maxFilenameLength} characters (the extension kept).
 * Empty when nothing usable is left.
 */
export function sanitizeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(unsafeFilenameCharacters, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  if (cleaned.length <= maxFilenameLength) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return Array.from(cleaned.slice(0, cleaned.length - extension.length))
    .slice(0, maxFilenameLength - extension.length)
    .join('')
    .trimEnd()
    .concat(extension);
}

/** Whether the name's extension is one of the type's (`report.PDF` for `application/pdf`). */
export function extensionMatches(filename: string, contentType: AttachmentType): boolean {
  const dot = filename.lastIndexOf('.');
  if (dot <= 0) return false;
  const extension = filename.slice(dot + 1).toLowerCase();
  return (attachmentTypes[contentType] as readonly string[]).includes(extension);
}
