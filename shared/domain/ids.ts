/** Stable identifiers derived from content, so that retries produce the same ids. */
import { createHash } from 'node:crypto';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A UUID-shaped id that is the same for the same parts. */
export function stableId(...parts: string[]): string {
  const hex = sha256Hex(parts.join('\u0000'));
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The FIFO message group of a client: one client's messages in order, different clients in parallel. */
export function clientGroupId(email: string): string {
  return `client-${sha256Hex(email.trim().toLowerCase()).slice(0, 40)}`;
}
