/**
 * One idempotency key per filled-in form. Sending the same content again (a retry after a network
 * error, a double click) reuses the key, so the server creates one ticket; changed content is a
 * different request and gets a new key, so the server never sees one key with two bodies.
 */
export class IdempotencyKeys {
  #current: { readonly content: string; readonly key: string } | undefined;

  /** The key for sending `payload` now. */
  keyFor(payload: unknown): string {
    const content = JSON.stringify(payload);
    if (this.#current?.content !== content) this.#current = { content, key: newKey() };
    return this.#current.key;
  }

  /** Forgets the key once its request has been accepted: the next form is a new request. */
  renew(): void {
    this.#current = undefined;
  }
}

function newKey(): string {
  // randomUUID exists only in secure contexts; a sandbox opened over plain http on a LAN address is not one.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
