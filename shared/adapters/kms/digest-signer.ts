/**
 * Transitional: `KmsDigestSigner` lives in `kms-digest-signer.ts`, and the local key's signer,
 * which no Lambda may ship, in `infra/local/local-digest-signer.ts`. Kept only for the tests
 * outside this change that import from here; remove it once they import from those files. No
 * function imports this file.
 */
export { LocalDigestSigner, localKeyId } from '../../../infra/local/local-digest-signer.ts';
export { KmsDigestSigner, kmsPublicKey } from './kms-digest-signer.ts';
