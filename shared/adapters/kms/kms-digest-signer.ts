/**
 * The digest signer of the audit trail: an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY). It
 * gives a DER ECDSA signature of the message with SHA-256, which `verifyTrail` checks with the
 * public key alone. The sandbox points the same code at its KMS stand-in (`AWS_ENDPOINT_URL_KMS`).
 */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { GetPublicKeyCommand, type KMSClient, SignCommand } from '@aws-sdk/client-kms';
import type { DigestSigner } from '../../ports/audit-seal.ts';

/**
 * Signs with a KMS key. KMS takes at most 4,096 bytes of a RAW message and an hour's digest is
 * larger, so the message's SHA-256 is sent as a DIGEST: for ECDSA_SHA_256 that is the same
 * signature KMS makes of the raw message (it hashes RAW messages with SHA-256 first).
 */
export class KmsDigestSigner implements DigestSigner {
  readonly keyId: string;
  readonly #client: KMSClient;

  /** @param options.keyId the key's ARN, which the digests name */
  constructor(options: { client: KMSClient; keyId: string }) {
    this.#client = options.client;
    this.keyId = options.keyId;
  }

  async sign(message: Buffer): Promise<Buffer> {
    const result = await this.#client.send(
      new SignCommand({
        KeyId: this.keyId,
        Message: createHash('sha256').update(message).digest(),
        MessageType: 'DIGEST',
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    if (!result.Signature) throw new Error(`KMS returned no signature for ${this.keyId}`);
    return Buffer.from(result.Signature);
  }

  #publicKey: Promise<KeyObject> | undefined;

  /** The key's public half (`kms:GetPublicKey`), fetched once per container. */
  publicKey(): Promise<KeyObject> {
    this.#publicKey ??= kmsPublicKey(this.#client, this.keyId).then((der) =>
      createPublicKey({ key: der, format: 'der', type: 'spki' }),
    );
    return this.#publicKey;
  }
}

/** The public key (DER SPKI) of a KMS key, to verify its digests without calling KMS for each. */
export async function kmsPublicKey(client: KMSClient, keyId: string): Promise<Buffer> {
  const result = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
  if (!result.PublicKey) throw new Error(`KMS returned no public key for ${keyId}`);
  return Buffer.from(result.PublicKey);
}
