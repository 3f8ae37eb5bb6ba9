/**
 * Pseudonyms of a data subject: what the tables use as keys for a person (the client index, the
 * sender and survey-cap flags, the data-subject index) instead of their email, phone or name.
 *
 * A pseudonym must not be reversible by a dictionary (hashing every address in a leaked list), so
 * it is keyed: HMAC-SHA-256 with a secret the functions load once per cold start (see
 * `installPseudonymKey`). Values are normalised first, so the same person gets the same key:
 * emails trimmed and in lower case; phones as digits with a leading `+` (Latvian numbers given
 * without the country code get `+371`); names and addresses folded (lower case, single spaces,
 * Unicode NFC).
 */
import { keyedDigest, type PseudonymSecret } from './pseudonym-key.ts';

/** The identifiers a data subject is found by. */
export type SubjectKind = 'email' | 'phone' | 'name-address';

/** The normalised form of an email address: trimmed, lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The normalised form of a phone number: `+` and digits. `2xxxxxxx`/`6xxxxxxx` (eight digits, a
 * Latvian number written without its country code) and `00…` become `+371…` and `+…`.
 */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (/^\d{8}$/.test(digits)) return `+371${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  return digits.startsWith('+') ? `+${digits.slice(1).replace(/\D/g, '')}` : `+${digits}`;
}

/** Text folded for matching: NFC, lower case, one space between words, trimmed. */
export function foldForKey(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The normalised form of a name with a postal address: the name, the street line and the postal code. */
export function normaliseNameAddress(
  name: string,
  address: { readonly addressLine: string; readonly postalCode: string },
): string {
  return [
    foldForKey(name),
    foldForKey(address.addressLine),
    foldForKey(address.postalCode).replace(/\s/g, ''),
  ].join('\n');
}

/**
 * The data-subject index key of one identifier: `subject-<kind>-` and 40 hex digits of its keyed
 * digest (the installed key, or `secret` when given: the migration computes with a new key).
 */
export function subjectKey(kind: SubjectKind, normalised: string, secret?: PseudonymSecret): string {
  return `subject-${kind}-${keyedDigest(`subject-${kind}`, normalised, secret).slice(0, 40)}`;
}

/** The shape of a subject key, whatever the identifier's kind. */
export const subjectKeyPattern = /^subject-(email|phone|name-address)-[0-9a-f]{40}$/;

/** Every data-subject index key of a client as a ticket holds them (email, phone, name with address). */
export function subjectKeysOf(
  client: {
    readonly name?: string;
    readonly email?: string;
    readonly phone?: string;
    readonly postalAddress?: { readonly addressLine: string; readonly postalCode: string };
  },
  secret?: PseudonymSecret,
): string[] {
  const keys: string[] = [];
  if (client.email?.trim() && !client.email.trim().endsWith('.invalid'))
    keys.push(subjectKey('email', normaliseEmail(client.email), secret));
  if (client.phone?.trim()) keys.push(subjectKey('phone', normalisePhone(client.phone), secret));
  if (client.name?.trim() && client.postalAddress)
    keys.push(subjectKey('name-address', normaliseNameAddress(client.name, client.postalAddress), secret));
  return keys;
}

/**
 * Every data-subject index key of a ticket (each once): its client's, and the phone a callback was
 * asked on — the index items intake writes, erasure deletes and rectification moves.
 */
export function ticketSubjectKeysOf(
  ticket: {
    readonly client: Parameters<typeof subjectKeysOf>[0];
    readonly callback?: { readonly phone?: string } | undefined;
  },
  secret?: PseudonymSecret,
): string[] {
  const keys = subjectKeysOf(ticket.client, secret);
  const phone = ticket.callback?.phone?.trim();
  if (phone) keys.push(subjectKey('phone', normalisePhone(phone), secret));
  return [...new Set(keys)];
}
