/**
 * The secret of the keyed pseudonyms (`pseudonyms.ts`, `clientGroupId` in `ids.ts`): 32 bytes a
 * function derives once per cold start from a KMS HMAC key (`kms-pseudonym-key.ts`; the key itself
 * never leaves KMS) and installs here, so that the pure functions that make keys stay synchronous.
 * Computing a key before one is installed throws: a function that forgot to load it must fail
 * loudly, never fall back to an unkeyed hash a dictionary reverses.
 */
import { createHmac } from 'node:crypto';

/** The length of a pseudonym secret, in bytes (the output of HMAC-SHA-256). */
export const pseudonymSecretBytes = 32;

/** What KMS is asked to MAC to derive the secret of a key version (`GenerateMac`). */
export function pseudonymKeyLabel(version: number): string {
  return `courtdesk pseudonym key v${version}`;
}

export class PseudonymKeyMissing extends Error {
  constructor() {
    super('No pseudonym key is installed: load it (PSEUDONYM_KEY) before computing a client or subject key');
    this.name = 'PseudonymKeyMissing';
  }
}

/** An installed secret, with the version it was derived for. */
export interface PseudonymSecret {
  readonly version: number;
  readonly secret: Uint8Array;
}

let installed: PseudonymSecret | undefined;

/**
 * Installs the secret every key of this process is computed with. Installing again replaces it
 * (the sandbox runs every function in one process, all with the same secret).
 */
export function installPseudonymKey(secret: Uint8Array, version = 1): void {
  if (secret.length !== pseudonymSecretBytes)
    throw new Error(`A pseudonym secret is ${pseudonymSecretBytes} bytes, not ${secret.length}`);
  if (!Number.isInteger(version) || version < 1) throw new Error(`A key version is a whole number from 1`);
  installed = { version, secret: Uint8Array.from(secret) };
}

/** The installed key's version, or undefined before one is installed. */
export function installedPseudonymKeyVersion(): number | undefined {
  return installed?.version;
}

/**
 * HMAC-SHA-256 in hex of `value` for `purpose` (`client`, `subject-email`, …), with the installed
 * secret or the one given (the migration computes with the old and the new secret side by side).
 */
export function keyedDigest(purpose: string, value: string, secret?: PseudonymSecret): string {
  const key = secret ?? installed;
  if (!key) throw new PseudonymKeyMissing();
  return createHmac('sha256', key.secret).update(`${purpose}\n${value}`, 'utf8').digest('hex');
}
