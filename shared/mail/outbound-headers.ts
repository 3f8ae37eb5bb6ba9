/**
 * Header fields of outbound mail, made safe. A CR or LF in a header value ends
 * the field and lets the rest become a field of its own (`…\r\nBcc: someone@example.com`); other
 * control characters are read as line ends by some programs, and SES passes custom header values
 * on as given. So nothing that reaches a header may carry one:
 * - free text (a subject) is folded: each run of control characters and blanks becomes one space;
 * - message ids are structured: an id that is not a plain `left@right` is dropped, not repaired;
 * - header names and addresses come from code and validated data: an unsafe one is refused
 *   (`UnsafeHeaderField`), since no repair would make it mean what was intended.
 */

export interface HeaderField {
  readonly name: string;
  readonly value: string;
}

/** A header name or address that cannot be sent safely; the send fails rather than go out altered. */
export class UnsafeHeaderField extends Error {
  constructor(detail: string) {
    super(`Unsafe mail header: ${detail}`);
    this.name = 'UnsafeHeaderField';
  }
}

/**
 * C0 controls (NUL, TAB, LF, CR, …), DEL, C1 controls (NEL U+0085, …) and the Unicode line and
 * paragraph separators: every character some program takes for a line end or a control.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
export const headerControlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
const foldable = /[ \u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
/** A surrogate without its pair is not a character: encoders turn it into U+FFFD or fail. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Free text (a subject) for a header: each run of control characters, line separators and spaces
 * becomes one space, and the ends are trimmed. A value without any of these (and without leading,
 * trailing or double spaces) comes back unchanged.
 */
export function safeHeaderValue(value: string): string {
  return value.replace(loneSurrogate, '\uFFFD').replace(foldable, ' ').replace(/^ | $/g, '');
}

/** `atext` of RFC 5322 §3.2.3, and the dot. */
const idText = "[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~.]+";
/** `id-left "@" id-right` (RFC 5322 §3.6.4), the right side a dot-atom or a domain literal. */
const messageIdPattern = new RegExp(`^${idText}@(?:${idText}|\\[[!-Z^-~]*\\])$`);
/** Longer ids exist only to cause trouble; several must fit in one header line. */
export const maxMessageIdLength = 250;
/** How many ids a References field keeps (the thread's first and the newest), as mail programs do. */
export const maxReferenceCount = 20;
/**
 * SES takes a custom header as one line of at most 996 characters, name and value together, and
 * cannot fold it; RFC 5322 allows 998 per line. A list of ids stays well inside both.
 */
export const maxIdListLength = 900;
const maxHeaderFieldLength = 996;

/**
 * The message id without its angle brackets, or undefined when it is not a plain `left@right` of
 * printable ASCII (no spaces, no brackets inside, no control characters) of sensible length.
 */
export function normalizeMessageId(id: string): string | undefined {
  const bare = id.trim().replace(/^<([^<>]*)>$/, '$1');
  return bare.length <= maxMessageIdLength && messageIdPattern.test(bare) ? bare : undefined;
}

/**
 * A References (or In-Reply-To) value: the valid ids, oldest first, each in angle brackets,
 * separated by spaces; invalid ids are dropped, a repeated id is kept at its newest place. A long
 * list keeps the thread's first id and the newest ones, at most `maxReferenceCount` ids and
 * `maxIdListLength` characters (RFC 5537 §3.4.4 trims the same way). Empty when no id is valid.
 */
export function messageIdList(ids: readonly string[]): string {
  const valid: string[] = [];
  for (const id of ids) {
    const normal = normalizeMessageId(id);
    if (normal !== undefined) valid.push(`<${normal}>`);
  }
  const unique = valid.filter((id, index) => valid.lastIndexOf(id) === index);
  const [first, ...rest] = unique;
  if (first === undefined) return '';
  const kept: string[] = [];
  let length = first.length;
  for (let index = rest.length - 1; index >= 0 && kept.length + 1 < maxReferenceCount; index--) {
    const id = rest[index] as string;
    if (length + 1 + id.length > maxIdListLength) break;
    kept.unshift(id);
    length += 1 + id.length;
  }
  return [first, ...kept].join(' ');
}

/**
 * In-Reply-To and References that thread a message under the client's mail (RFC 5322 §3.6.4):
 * In-Reply-To names their message, References their references followed by it. None for a
 * request that did not come by email, and none made of invalid ids.
 */
export function threadingHeaders(
  email: { readonly messageId?: string | undefined; readonly references: readonly string[] } | undefined,
): HeaderField[] {
  if (!email) return [];
  const parent = email.messageId === undefined ? undefined : normalizeMessageId(email.messageId);
  const references = messageIdList(parent ? [...email.references, parent] : email.references);
  return [
    ...(parent ? [{ name: 'In-Reply-To', value: `<${parent}>` }] : []),
    ...(references ? [{ name: 'References', value: references }] : []),
  ];
}

/** Printable ASCII without the colon, at most 126 characters: what SES accepts as a header name. */
const headerName = /^[!-9;-~]{1,126}$/;
const printableAscii = /^[ -~]*$/;

/**
 * A custom header field as it may be sent: the value folded as free text. Refuses a name SES
 * would not take or that could end the field, and a value that is not ASCII or too long for one
 * line (SES takes custom values as one line of printable ASCII; no header of ours needs more).
 */
export function safeHeaderField(field: HeaderField): HeaderField {
  if (!headerName.test(field.name)) throw new UnsafeHeaderField(`name ${JSON.stringify(field.name)}`);
  const value = safeHeaderValue(field.value);
  if (!printableAscii.test(value)) throw new UnsafeHeaderField(`${field.name} is not ASCII`);
  if (field.name.length + value.length > maxHeaderFieldLength) {
    throw new UnsafeHeaderField(`${field.name} is too long`);
  }
  return { name: field.name, value };
}

/** An address for From or To; refused when it carries a control character (it cannot be folded). */
export function safeAddress(address: string): string {
  if (headerControlCharacters.test(address)) {
    throw new UnsafeHeaderField('address with a control character');
  }
  return address;
}

/**
 * Everything of an outgoing mail that becomes a header, as it may go on the wire: addresses
 * checked, subject folded, custom fields made safe, attachments' names and types checked; a field
 * name given twice is refused (SES takes most fields only once).
 */
export function safeMailHeaders(mail: {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly headers?: readonly HeaderField[] | undefined;
  readonly attachments?: readonly { readonly filename: string; readonly contentType: string }[] | undefined;
}): { from: string; to: string; subject: string; headers: HeaderField[] } {
  for (const file of mail.attachments ?? []) safeAttachmentFields(file);
  const headers = (mail.headers ?? []).map(safeHeaderField);
  const names = headers.map((field) => field.name.toLowerCase());
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) throw new UnsafeHeaderField(`${repeated} given twice`);
  return {
    from: safeAddress(mail.from),
    to: safeAddress(mail.to),
    subject: safeHeaderValue(mail.subject),
    headers,
  };
}

/** `type "/" subtype` of RFC 2045 (tokens only, no parameters). */
const mimeType = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+\/[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * An attachment's name and type as they may reach its MIME headers (`Content-Type: …; name=`,
 * `Content-Disposition: attachment; filename=`). SES encodes a non-ASCII name itself (RFC 2231 /
 * 2047), but a control or format character is refused, not repaired: the name was sanitized on
 * upload, so one here means the record was tampered with.
 */
export function safeAttachmentFields(file: { readonly filename: string; readonly contentType: string }): {
  filename: string;
  contentType: string;
} {
  if (!file.filename || headerControlCharacters.test(file.filename) || /\p{Cf}/u.test(file.filename))
    throw new UnsafeHeaderField('attachment name with a control character');
  if (file.filename.length > 255) throw new UnsafeHeaderField('attachment name is too long');
  if (!mimeType.test(file.contentType)) throw new UnsafeHeaderField('attachment type is not a MIME type');
  return { filename: file.filename, contentType: file.contentType };
}
