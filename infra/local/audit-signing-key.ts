/**
 * The sandbox's stand-in for the KMS signing key of the audit digests: a P-256 key pair kept in the
 * data folder (so digests stay verifiable across restarts), the private half readable by its owner
 * only. The sealer signs with it (`AUDIT_SIGNING_KEY_FILE`); `npm run audit:verify` reads the public
 * half. Its key id is `local:<SHA-256 of the public key's DER SPKI>`.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { localKeyId } from '../../shared/adapters/kms/digest-signer.ts';

export interface LocalSigningKey {
  /** The private key (PKCS#8 PEM). */
  readonly file: string;
  /** The public key (SPKI PEM), beside it. */
  readonly publicKeyFile: string;
  readonly publicKeyPem: string;
  readonly keyId: string;
}

/** The key pair in `file` (and `<file>.pub`), created the first time. */
export function loadOrCreateSigningKey(file: string): LocalSigningKey {
  const publicKeyFile = file.replace(/\.pem$/, '.pub.pem');
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  const publicKey = createPublicKey(createPrivateKey(readFileSync(file)));
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  writeFileSync(publicKeyFile, publicKeyPem);
  return { file, publicKeyFile, publicKeyPem, keyId: localKeyId(publicKey) };
}
