/**
 * The sandbox's KMS signing key of the audit digests: a P-256 key pair kept in the data folder (so
 * digests stay verifiable across restarts), the private half readable by its owner only. The KMS
 * stand-in (`local-kms.ts`) signs with it under a KMS-shaped ARN, which the sealer is given as
 * `AUDIT_SIGNING_KEY_ID` and the digests name; `npm run audit:verify` reads the public half.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { localKeyId } from './local-digest-signer.ts';

export interface LocalSigningKey {
  /** The private key (PKCS#8 PEM). */
  readonly file: string;
  readonly privateKey: KeyObject;
  /** The public key (SPKI PEM), beside it. */
  readonly publicKeyFile: string;
  readonly publicKeyPem: string;
  /** The key's ARN, as KMS would name it: what the sealer signs with and the digests name. */
  readonly keyArn: string;
  /**
   * `local:<SHA-256 of the public key's DER SPKI>`: the name digests gave this key when the sandbox
   * signed without a KMS stand-in; the verifier still trusts it, so older trails verify.
   */
  readonly legacyKeyId: string;
}

/** The account id of the sandbox's ARNs: not a real account. */
const sandboxAccount = '000000000000';

/** The key pair in `file` (and `<file>.pub`), created the first time. */
export function loadOrCreateSigningKey(file: string, region: string): LocalSigningKey {
  const publicKeyFile = file.replace(/\.pem$/, '.pub.pem');
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  const privateKey = createPrivateKey(readFileSync(file));
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  writeFileSync(publicKeyFile, publicKeyPem);
  // The key id is a UUID made from the public key, so that the same key keeps the same ARN.
  const hash = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
  const uuid = [
    hash.slice(0, 8),
    hash.slice(8, 12),
    hash.slice(12, 16),
    hash.slice(16, 20),
    hash.slice(20, 32),
  ];
  return {
    file,
    privateKey,
    publicKeyFile,
    publicKeyPem,
    keyArn: `arn:aws:kms:${region}:${sandboxAccount}:key/${uuid.join('-')}`,
    legacyKeyId: localKeyId(publicKey),
  };
}
