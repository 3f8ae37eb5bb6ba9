/**
 * The pseudonym secret of a key version, derived from a KMS HMAC key (HMAC_256,
 * GENERATE_VERIFY_MAC): the MAC of a fixed label naming the version (`pseudonymKeyLabel`). The
 * KMS key never leaves KMS and a function needs only `kms:GenerateMac` on it; one call per cold
 * start, after which every key is an HMAC in memory (a KMS call per key would cost a round trip
 * per ticket and throttle under load). A new version is a new label, so rotating needs no new
 * KMS key (a new KMS key is possible too: docs/pseudonyms.md).
 */
import { GenerateMacCommand, type KMSClient } from '@aws-sdk/client-kms';
import { type PseudonymSecret, pseudonymKeyLabel, pseudonymSecretBytes } from '../../domain/pseudonym-key.ts';

/** The secret of `version` from the HMAC key `keyId` (its ARN, `PSEUDONYM_KEY`). */
export async function derivePseudonymSecret(
  client: KMSClient,
  keyId: string,
  version: number,
): Promise<PseudonymSecret> {
  const result = await client.send(
    new GenerateMacCommand({
      KeyId: keyId,
      MacAlgorithm: 'HMAC_SHA_256',
      Message: Buffer.from(pseudonymKeyLabel(version), 'utf8'),
    }),
  );
  if (result.Mac?.length !== pseudonymSecretBytes)
    throw new Error(`KMS returned no ${pseudonymSecretBytes}-byte MAC for the pseudonym key ${keyId}`);
  return { version, secret: Uint8Array.from(result.Mac) };
}
