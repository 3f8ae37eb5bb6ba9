/**
 * Turning what the MIME parser decoded into the clean values of `ParsedMail`: no control characters
 * in anything that may one day reach a header or a file system, addresses in one canonical form,
 * message ids without angle brackets.
 */
import { domainToASCII } from 'node:url';
import type { HeaderLines } from './header-values.ts';
import type { AddressObject, EmailAddress } from './mime-content.ts';
import type { MailAddress } from './parsed-mail.ts';
import { safeHeaderValue } from './safe-values.ts';

const maxSubjectLength = 1000;
const maxNameLength = 256;
const maxMessageIdLength = 998;
/** A References header of thousands of ids is abuse; threading only needs the recent ones. */
const maxReferences = 100;

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
const otherControls = /[\u0000-\u001f\u007f-\u009f]/g;

/** Removes control characters, collapses runs of white space, trims and cuts to `maxLength` characters. */
export const cleanLine = safeHeaderValue;

export function cleanSubject(value: string | undefined): string {
  return cleanLine(value ?? '', maxSubjectLength);
}

/**
 * The canonical form of an address, or undefined when it is not a plausible `local@domain`:
 * trimmed, lower-cased, an internationalised domain in its ASCII (punycode) form, which is the
 * form every mail server accepts for a reply. Quoted local parts, address literals and anything
 * with white space, brackets or control characters are refused.
 */
export function normalizeAddress(value: string | undefined): string | undefined {
  const address = (value ?? '').trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1 || address.length > 320) return undefined;
  const local = address.slice(0, at);
  const plainLocalPart = /^[^\s@<>()[\]\\,;:"]+$/u.test(local) && local.replace(otherControls, '') === local;
  if (!plainLocalPart || local.length > 64) return undefined;
  const domain = domainToASCII(address.slice(at + 1));
  if (!domain || !/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/.test(domain)) {
    return undefined;
  }
  return `${local}@${domain}`;
}

/** Every mailbox of one or more parsed address headers, groups flattened, invalid addresses left out. */
export function mailAddresses(value: AddressObject | readonly AddressObject[] | undefined): MailAddress[] {
  const result: MailAddress[] = [];
  const visit = (entries: readonly EmailAddress[]): void => {
    for (const entry of entries) {
      if (entry.group) {
        visit(entry.group);
        continue;
      }
      const address = normalizeAddress(entry.address);
      if (address) result.push({ name: cleanLine(entry.name ?? '', maxNameLength), address });
    }
  };
  const headers: readonly AddressObject[] = value === undefined ? [] : 'value' in value ? [value] : value;
  for (const header of headers) {
    visit(header.value ?? []);
  }
  return result;
}

/**
 * The values of a header as sent, one per occurrence: name and colon removed, folding undone,
 * the raw bytes read as UTF-8 (header lines are kept as binary strings).
 */
export function rawHeaderValues(lines: HeaderLines | undefined, key: string): string[] {
  const values: string[] = [];
  for (const line of lines ?? []) {
    if (line.key !== key) continue;
    const colon = line.line.indexOf(':');
    const value = colon < 0 ? '' : line.line.slice(colon + 1);
    values.push(
      Buffer.from(value.replace(/\r?\n(?=[ \t])/g, ''), 'latin1')
        .toString('utf8')
        .trim(),
    );
  }
  return values;
}

/**
 * Message ids from a Message-ID, In-Reply-To or References value, without angle brackets, in
 * the order given. Values without brackets (sent by some old programs) are taken word by word
 * when the word looks like an id; comments and phrases around bracketed ids are ignored.
 */
export function messageIds(value: string): string[] {
  const bracketed = [...value.matchAll(/<([^<>]*)>/g)].map((match) => match[1] ?? '');
  const candidates =
    bracketed.length > 0 ? bracketed : value.split(/\s+/).filter((word) => word.includes('@'));
  return candidates
    .map((id) => id.replace(/[\s<>]/g, '').replace(otherControls, ''))
    .filter((id) => id.length > 0 && id.length <= maxMessageIdLength);
}

export function firstMessageId(values: readonly string[]): string | undefined {
  for (const value of values) {
    const [id] = messageIds(value);
    if (id) return id;
  }
  return undefined;
}

export function referenceIds(values: readonly string[]): string[] {
  return values.flatMap(messageIds).slice(-maxReferences);
}

/** The Date header as an ISO instant, or undefined when it does not parse to a sensible year. */
export function isoDate(values: readonly string[]): string | undefined {
  const value = values[0];
  if (!value) return undefined;
  const date = new Date(value);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1900 || year > 9999) return undefined;
  return date.toISOString();
}
