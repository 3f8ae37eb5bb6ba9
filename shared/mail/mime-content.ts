/**
 * What the parts of a split message hold, decided as mailparser decides it: which parts are the
 * text and HTML bodies and which are attachments, their decoded content, and the root's
 * address, subject and content-type headers.
 */
import addressparser from 'nodemailer/lib/addressparser';
import type { TextDecoding } from './charsets.ts';
import {
  decodeWords,
  fieldValue,
  type HeaderLines,
  parseHeaderValue,
  type StructuredHeader,
} from './header-values.ts';
import { convertHtml } from './html-text.ts';
import type { MimeNode } from './mime-structure.ts';
import { decodeBase64, decodeFlowed, decodeQuotedPrintable } from './transfer-encodings.ts';
import { decodeUndeclared, decodeUndeclaredHeader } from './undeclared-charset.ts';

export interface EmailAddress {
  name: string;
  address?: string;
  group?: EmailAddress[];
}

/** One address header: the mailboxes and groups it lists. */
export interface AddressObject {
  readonly value: EmailAddress[];
}

/** The root headers the parser reads decoded; everything else is read from `headerLines`. */
export interface RootHeaders {
  readonly headerLines: HeaderLines;
  readonly subject?: string;
  readonly contentType?: StructuredHeader;
  /** Address headers by name: the first From, Sender and Reply-To, every To, Cc and Return-Path. */
  readonly addresses: ReadonlyMap<string, readonly AddressObject[]>;
  readonly date?: Date;
}

const addressKeys = new Set(['from', 'to', 'cc', 'sender', 'reply-to', 'return-path', 'bcc']);
const singleKeys = new Set(['from', 'sender', 'reply-to', 'subject', 'content-type', 'date']);
const encodedWord = /[=]\?[^?]+\?[BbQq]\?[^?]*\?[=]/;

/**
 * mailparser's `processHeaders`, for the headers the parser uses. `contentType: false` skips the
 * Content-Type, which can hold a hundred thousand parameters, where only addresses are shown.
 */
export function readRootHeaders(
  text: TextDecoding,
  lines: HeaderLines,
  { contentType: withContentType = true } = {},
): RootHeaders {
  const addresses = new Map<string, AddressObject[]>();
  let subject: string | undefined;
  let contentType: StructuredHeader | undefined;
  let date: Date | undefined;
  for (const line of lines) {
    const { key } = line;
    if (!addressKeys.has(key) && !singleKeys.has(key)) continue;
    // Raw 8-bit bytes (no encoded words): UTF-8 when they are, else the Baltic code page they read
    // best in (mailparser made every invalid byte U+FFFD).
    const value = decodeUndeclaredHeader(fieldValue(line.line));
    if (addressKeys.has(key)) {
      const list = addresses.get(key) ?? [];
      if (singleKeys.has(key) && list.length > 0) continue;
      // nodemailer's newer address parser, not mailparser's copy: it joins a domain split by
      // white space (`a@example .com` is a@example.com, RFC 5322 obs-domain allows white space
      // around the dots) where mailparser made a@example with the name ".com".
      list.push({ value: decodeAddresses(text, addressparser(value) as EmailAddress[]) });
      addresses.set(key, list);
    } else if (key === 'subject') {
      const decoded = decodeWords(text, value);
      if (subject === undefined && decoded) subject = decoded;
    } else if (key === 'content-type') {
      if (contentType === undefined && withContentType) contentType = decodedStructure(text, value);
    } else if (key === 'date' && date === undefined) {
      const parsed = new Date(value);
      date = Number.isNaN(parsed.getTime()) ? new Date() : parsed;
    }
  }
  return {
    headerLines: lines,
    addresses,
    ...(subject !== undefined ? { subject } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
    ...(date !== undefined ? { date } : {}),
  };
}

function decodedStructure(text: TextDecoding, value: string): StructuredHeader {
  const structured = parseHeaderValue(text, value, { stripComments: true });
  if (structured.value) structured.value = decodeWords(text, structured.value);
  for (const key of Object.keys(structured.params)) {
    if (!structured.decodedParams.has(key)) {
      structured.params[key] = decodeWords(text, structured.params[key] ?? '');
    }
  }
  return structured;
}

function decodeAddresses(text: TextDecoding, addresses: EmailAddress[]): EmailAddress[] {
  for (const entry of addresses) {
    entry.name = (entry.name || '').toString().trim();
    if (entry.name) entry.name = decodeWords(text, entry.name);
    if (entry.address && encodedWord.test(entry.address)) {
      const decoded = decodeWords(text, entry.address);
      entry.address = /^[^\s@]+@[^\s@]+$/.test(decoded) && !/[=]\?/.test(decoded) ? decoded : '';
    }
    if (entry.group) decodeAddresses(text, entry.group);
  }
  return addresses;
}

/** A part as mailparser classifies it. */
export interface PartRole {
  /** The content type mailparser reports (the root defaults to text/plain). */
  readonly contentType: string;
  readonly isAttachment: boolean;
  /** An inline text or HTML body. */
  readonly isText: boolean;
}

const textTypes = new Set(['text/plain', 'text/html']);
/** The longest `assembleText` runs without a turn of the event loop. */
const yieldAfterMs = 50;

export function partRole(node: MimeNode): PartRole | undefined {
  const contentType = node.contentType || (node.parent ? '' : 'text/plain');
  if (/^multipart\//i.test(contentType)) return undefined;
  if (node.contentType === 'message/rfc822' && node.messageNode) return undefined;
  let disposition = node.disposition;
  if (disposition && disposition !== 'attachment' && disposition !== 'inline') disposition = 'attachment';
  if (!disposition) disposition = textTypes.has(contentType) ? 'inline' : 'attachment';
  const isAttachment = !textTypes.has(contentType) || disposition !== 'inline';
  return { contentType, isAttachment, isText: !isAttachment && disposition === 'inline' };
}

/** The part's content with its transfer encoding undone (anything but QP and base64 is taken as is). */
export function decodedBody(node: MimeNode): Buffer {
  if (node.encoding === 'base64') return decodeBase64(node.body);
  if (node.encoding === 'quoted-printable') return decodeQuotedPrintable(node.body);
  return node.body;
}

/** A text part as a string: flowed text unfolded, the charset decoded, line ends as `\n`. */
export function partText(text: TextDecoding, node: MimeNode): string {
  let bytes = decodedBody(node);
  if (node.flowed) bytes = Buffer.from(decodeFlowed(bytes.toString('latin1'), node.delSp), 'latin1');
  const declared = (node.charset ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '');
  // No charset, or US-ASCII that carries 8-bit bytes anyway (old Windows mailers): UTF-8 if the
  // bytes are, else the Baltic code page they read best in. mailparser read them as UTF-8.
  let content =
    declared === '' || declared === 'ascii' || declared === 'usascii'
      ? decodeUndeclared(bytes)
      : declared === 'utf8'
        ? bytes.toString('utf8')
        : text.decode(bytes, node.charset);
  // A lone surrogate (from UTF-16) does not survive the UTF-8 round trip mailparser makes.
  if (/[\uD800-\uDFFF]/.test(content)) content = Buffer.from(content, 'utf8').toString('utf8');
  // A split on the plain string is linear and fast; a regular expression over millions of
  // line ends takes seconds.
  return content.includes('\r') ? content.split('\r\n').join('\n') : content;
}

/** The content-id of a part without angle brackets, as mailparser reports `cid`. */
export function contentIdOf(lines: HeaderLines): string | undefined {
  for (const line of lines) {
    if (line.key !== 'content-id') continue;
    const value = Buffer.from(fieldValue(line.line), 'latin1').toString();
    if (value) return value.trim().replace(/^<|>$/g, '').trim();
  }
  return undefined;
}

export function isRelated(node: MimeNode): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.contentType === 'multipart/related') return true;
  }
  return false;
}

export interface TextPart {
  readonly node: MimeNode;
  readonly role: PartRole;
  readonly content: string;
}

/**
 * mailparser's `getTextContent`: text parts joined by a line break, HTML parts by `<br/>`, an
 * HTML part converted to text where a message mixes text and HTML outside an alternative (or is
 * HTML only), and the headers of an inline embedded message shown before its content.
 */
export async function assembleText(
  text: TextDecoding,
  root: MimeNode,
  parts: ReadonlyMap<MimeNode, TextPart>,
  deadlineAt: number,
): Promise<{ readonly text?: string; readonly html?: string } | 'timed-out'> {
  const texts: (string | Promise<string>)[] = [];
  const htmls: string[] = [];
  const all = [...parts.values()];
  const hasText = all.some((part) => part.role.contentType === 'text/plain');
  const hasHtml = all.some((part) => part.role.contentType === 'text/html');
  let lastYield = performance.now();
  // Thousands of embedded messages each with a large header take long to show: the deadline is
  // checked, and the event loop given a turn, as they are.
  const inTime = async (): Promise<boolean> => {
    const now = performance.now();
    if (now - lastYield >= yieldAfterMs) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
    return now <= deadlineAt;
  };
  const visit = async (alternative: boolean, node: MimeNode): Promise<boolean> => {
    // A message that is itself only an embedded message shows no headers (mailparser stops at
    // such a node before it shows any): the innermost message's headers are shown once.
    if (node.parent?.contentType === 'message/rfc822' && !node.messageNode) {
      showHeaders(text, node, { hasText, hasHtml }, texts, htmls);
      if (!(await inTime())) return false;
    }
    const part = parts.get(node);
    if (part?.content) {
      if (part.role.contentType === 'text/plain') {
        texts.push(part.content);
        if (!alternative && hasHtml) htmls.push('');
      } else if (part.role.contentType === 'text/html') {
        if ((!alternative && hasText) || (!node.parent && !hasText)) {
          texts.push(convertHtml(part.content).then((converted) => converted ?? ''));
        }
        htmls.push(part.content);
      }
    }
    const childAlternative =
      alternative || (node.contentType || (node.parent ? '' : 'text/plain')) === 'multipart/alternative';
    for (const child of node.children) if (!(await visit(childAlternative, child))) return false;
    return true;
  };
  if (!(await visit(false, root))) return 'timed-out';
  const resolved = await Promise.all(texts);
  return {
    ...(resolved.length ? { text: resolved.join('\n') } : {}),
    ...(htmls.length ? { html: htmls.join('<br/>\n') } : {}),
  };
}

// The From, Subject, Date, To and Cc of an inline embedded message, before its text.
function showHeaders(
  text: TextDecoding,
  node: MimeNode,
  has: { readonly hasText: boolean; readonly hasHtml: boolean },
  texts: (string | Promise<string>)[],
  htmls: string[],
): void {
  const headers = readRootHeaders(text, node.headerLines, { contentType: false });
  const meta: { key: string; text: string; html: () => string }[] = [];
  for (const key of ['From', 'Subject', 'Date', 'To', 'Cc', 'Bcc']) {
    const name = key.toLowerCase();
    if (name === 'subject') {
      const subject = headers.subject;
      if (subject) meta.push({ key, text: subject, html: () => `<strong>${encodeHtml(subject)}</strong>` });
    } else if (name === 'date') {
      const date = headers.date;
      if (date) meta.push({ key, text: date.toUTCString(), html: () => date.toUTCString() });
    } else {
      const list = headers.addresses.get(name);
      const last = list?.[list.length - 1];
      if (last) {
        meta.push({
          key,
          text: formatAddressesText(last.value),
          html: () => formatAddressesHtml(encodeHtml, last.value),
        });
      }
    }
  }
  if (has.hasHtml) {
    const rows = meta.map(
      (entry) =>
        `<tr><td class="mp_head_key">${encodeHtml(entry.key)}:</td><td class="mp_head_value">${entry.html()}<td></tr>`,
    );
    htmls.push(`<table class="mp_head">${rows.join('\n')}<table>`);
  }
  if (has.hasText) texts.push(`\n${meta.map((entry) => `${entry.key}: ${entry.text}`).join('\n')}\n`);
}

function formatAddressesText(addresses: readonly EmailAddress[]): string {
  return addresses
    .map((entry) => {
      let value = '';
      if (entry.name) value += `"${entry.name.replace(/["\\]/g, '\\$&')}"${entry.group ? ': ' : ''}`;
      if (entry.address) value += entry.name ? ` <${entry.address}>` : entry.address;
      if (entry.group) value += `${formatAddressesText(entry.group)};`;
      return value;
    })
    .join(', ');
}

function formatAddressesHtml(encode: (value: string) => string, addresses: readonly EmailAddress[]): string {
  return addresses
    .map((entry) => {
      let value = '<span class="mp_address_group">';
      if (entry.name)
        value += `<span class="mp_address_name">${encode(entry.name)}${entry.group ? ': ' : ''}</span>`;
      if (entry.address) {
        const link = `<a href="mailto:${encode(entry.address)}" class="mp_address_email">${encode(entry.address)}</a>`;
        value += entry.name ? ` &lt;${link}&gt;` : link;
      }
      if (entry.group) value += `${formatAddressesHtml(encode, entry.group)};`;
      return `${value}</span>`;
    })
    .join(', ');
}

const hexEscape = (code: number): string => `&#x${code.toString(16).toUpperCase()};`;

/** he's `encode` with its defaults: markup characters, non-ASCII and most controls as hex references. */
export function encodeHtml(value: string): string {
  return (
    value
      .replace(/["&'<>`]/g, (symbol) => hexEscape(symbol.charCodeAt(0)))
      .replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, (pair) => hexEscape(pair.codePointAt(0) ?? 0xfffd))
      // biome-ignore lint/suspicious/noControlCharactersInRegex: he escapes these controls
      .replace(/[\x01-\t\x0B\f\x0E-\x1F\x7F\x81\x8D\x8F\x90\x9D\xA0-\uFFFF]/g, (symbol) =>
        hexEscape(symbol.charCodeAt(0)),
      )
  );
}
