/**
 * The rules every value taken from a mail obeys before it reaches another service (S3 object
 * headers, DynamoDB items, SQS messages, a download's file name). Mail is written by anyone: a
 * Content-Type of `PDF` or `application/pdf/x`, a file name of `..\..\x` or one with a
 * right-to-left override, a header holding CR/LF or NUL. S3 refuses some of these outright (a
 * PutObject `ContentType` that is not a header value), others would be harmless there and harmful
 * later (a header injected into a reply, a file name that reads backwards to staff).
 *
 * - Content types: a lower-case `type/subtype` pair of RFC 2045 tokens, else
 *   `application/octet-stream`; nothing else of the raw header (no parameters) is kept.
 * - File names: the last path segment, no control, bidi or other invisible format characters, no
 *   leading dots nor trailing dots and spaces, at most 200 characters with the extension kept.
 * - Header values: no control characters (CR, LF, NUL included), no lone surrogates, white space
 *   collapsed, bounded.
 *
 * Every function is idempotent, so a value may be cleaned again where it leaves the use case.
 */

const octetStream = 'application/octet-stream';
/** RFC 6838 4.2 bounds each name to 127 characters: a pair fits a 255-character field. */
const maxTypeNameLength = 127;
const maxFilenameLength = 200;

// RFC 2045 5.1: token := 1*<any (US-ASCII) CHAR except SPACE, CTLs, or tspecials>.
const token = /^[!#$%&'*+\-.^_`{|}~0-9a-z]+$/;

// Line breaks and tabs (C0 white space, NEL, the Unicode line and paragraph separators) become a
// space, so that words on either side of a fold stay apart; every other C0/C1 control and DEL goes.
const lineLikeControls = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
const otherControls = /[\u0000-\u001f\u007f-\u009f]/g;
// A surrogate without its pair cannot be written as UTF-8: DynamoDB and SQS refuse it.
const loneSurrogates = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Invisible format characters (bidi embeddings, overrides and isolates, marks, zero widths, BOM,
// soft hyphen): in a file name they make `exe.pdf` read as `fdp.exe` or hide part of the name.
const formatCharacters = /\p{Cf}/gu;
// Windows, macOS and the browsers refuse these in a saved file's name (and `:` opens a stream).
const reservedInFilenames = /[<>:"|?*]/g;

/**
 * The media type of a part as a lower-case `type/subtype` of RFC 2045 tokens, or
 * `application/octet-stream` when the value is not one (`PDF`, `application/pdf/x`, `image/`,
 * control or non-ASCII characters). Parameters, comments and white space around it are dropped.
 */
export function safeContentType(value: unknown): string {
  const type = typeof value === 'string' ? (value.split(';', 1)[0]?.trim().toLowerCase() ?? '') : '';
  const slash = type.indexOf('/');
  if (slash < 0) return octetStream;
  const major = type.slice(0, slash);
  const minor = type.slice(slash + 1);
  const valid = (name: string): boolean => name.length <= maxTypeNameLength && token.test(name);
  return valid(major) && valid(minor) ? `${major}/${minor}` : octetStream;
}

/**
 * A value that may go into a header, an S3 object's metadata or a DynamoDB attribute: control
 * characters removed (line breaks and tabs as a space), no lone surrogate, runs of white space
 * collapsed, trimmed, at most `maxLength` characters (cut at a character boundary).
 */
export function safeHeaderValue(value: string | undefined, maxLength: number): string {
  const cleaned = (value ?? '')
    .replace(lineLikeControls, ' ')
    .replace(otherControls, '')
    .replace(loneSurrogates, '\ufffd')
    .replace(/\s+/g, ' ')
    .trim();
  return cutToCharacters(cleaned, maxLength);
}

/** Cuts at a code point boundary so that no lone surrogate is left at the end. */
export function cutToCharacters(value: string, maxLength: number): string {
  if (value.length <= maxLength) return value;
  return Array.from(value).slice(0, maxLength).join('').trimEnd();
}

const extensionByType: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/calendar': 'ics',
  'text/rfc822-headers': 'txt',
  'message/rfc822': 'eml',
  'message/global': 'eml',
};

/**
 * A file name that is safe to store and to offer for download: the last path segment of the
 * name as sent (senders' programs sometimes send `C:\Users\...\file.pdf`, and an attacker
 * `../../x`), without control, bidi or other invisible characters nor those file systems refuse,
 * at most 200 characters with the extension kept. When nothing usable is left,
 * `attachment-<n>.<ext>` with an extension from the content type.
 */
export function safeFilename(value: string | undefined, index: number, contentType: string): string {
  const lastSegment = (value ?? '').split(/[/\\]/).pop() ?? '';
  let name = safeHeaderValue(
    lastSegment.replace(formatCharacters, '').replace(reservedInFilenames, '_'),
    Number.MAX_SAFE_INTEGER,
  )
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  if (name.length > maxFilenameLength) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
    name =
      cutToCharacters(name.slice(0, dot > 0 ? dot : name.length), maxFilenameLength - extension.length) +
      extension;
  }
  if (name.length > 0) return name;
  return `attachment-${index}.${extensionByType[safeContentType(contentType)] ?? 'bin'}`;
}
