/** Stable identifiers derived from content, so that retries produce the same ids. */
import { createHash } from 'node:crypto';
import { keyedDigest, type PseudonymSecret } from './pseudonym-key.ts';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A UUID-shaped id that is the same for the same parts. */
export function stableId(...parts: string[]): string {
  const hex = sha256Hex(parts.join('\u0000'));
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A client's key (the client index, `SENDER#`, `SURVEYCAP#`, message-id keys, the FIFO message
 * group: one client's messages in order, different clients in parallel): `client-` and 40 hex
 * digits of the keyed digest of the address's legacy key (see `legacyClientKey`). Keyed over the
 * legacy key rather than the address, so that an item or a request that names a client by its
 * legacy key (the audit trail before the keys were keyed, the admin page's WebCrypto hash) is
 * mapped to the keyed one without the address.
 */
export function clientGroupId(email: string, secret?: PseudonymSecret): string {
  return keyedClientKey(legacyClientKey(email), secret);
}

/**
 * The unkeyed client key of before: `client-` and the first 40 hex digits of the SHA-256 of the
 * address, trimmed and in lower case. A dictionary reverses it: never store it; only read it, to
 * find what was stored under it.
 */
export function legacyClientKey(email: string): string {
  return `client-${sha256Hex(email.trim().toLowerCase()).slice(0, 40)}`;
}

/** The keyed client key of a legacy key (`legacyClientKey`). */
export function keyedClientKey(legacyKey: string, secret?: PseudonymSecret): string {
  return `client-${keyedDigest('client', legacyKey, secret).slice(0, 40)}`;
}
