/**
 * A digest signer with a local P-256 key, for tests and tools that need signed digests without
 * KMS. Never in a Lambda bundle: the sandbox's sealer signs through its KMS stand-in
 * (`local-kms.ts`), as the cloud's does through KMS.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DigestSigner } from '../../shared/ports/audit-seal.ts';

/** The key id of a local key: `local:` and the SHA-256 (hex) of its public key's DER SPKI. */
export function localKeyId(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return `local:${createHash('sha256').update(spki).digest('hex')}`;
}

/** Signs with a local P-256 private key (PKCS#8 PEM): a DER ECDSA signature of the SHA-256. */
export class LocalDigestSigner implements DigestSigner {
  readonly keyId: string;
  readonly #key: KeyObject;

  constructor(privateKey: KeyObject) {
    if (privateKey.type !== 'private' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
      throw new Error('A local digest signer needs a P-256 private key');
    this.#key = privateKey;
    this.keyId = localKeyId(privateKey);
  }

  /** The signer of the key in `file` (PEM). */
  static fromFile(file: string): LocalDigestSigner {
    return new LocalDigestSigner(createPrivateKey(readFileSync(file)));
  }

  async sign(message: Buffer): Promise<Buffer> {
    return sign('sha256', message, this.#key);
  }

  async publicKey(): Promise<KeyObject> {
    return createPublicKey(this.#key);
  }

  /** The public key, PEM (SPKI). */
  publicKeyPem(): string {
    return createPublicKey(this.#key).export({ type: 'spki', format: 'pem' }).toString();
  }
}
