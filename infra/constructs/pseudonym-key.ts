import type { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { CourtdeskFunction } from './lambda-function.ts';
import { grantMacKey, macKey } from './mac-key.ts';

/** Properties of {@link PseudonymKey}. */
export interface PseudonymKeyProps {
  /** The functions that compute client or subject keys (inventory `pseudonyms: true`). */
  readonly users: readonly CourtdeskFunction[];
  /** The version of the secret they derive (1 unless rotated: docs/pseudonyms.md). @default 1 */
  readonly version?: number;
}

/** The environment variables through which the functions receive the key's ARN and version. */
export const pseudonymKeyEnvName = 'PSEUDONYM_KEY';
export const pseudonymKeyVersionEnvName = 'PSEUDONYM_KEY_VERSION';

/**
 * The keyed pseudonyms' key: an HMAC_256 KMS key (GENERATE_VERIFY_MAC) from which each function
 * derives the 32-byte secret of a version once per cold start (the MAC of a label naming the
 * version), so the key itself never leaves KMS and a dictionary of addresses cannot reverse a
 * client key. Users get `kms:GenerateMac` on this key alone. Kept when the stack goes: without it
 * every client key in the tables loses its meaning (a new key means a migration, docs/pseudonyms.md).
 */
export class PseudonymKey extends Construct {
  public readonly key: Key;

  constructor(scope: Construct, id: string, props: PseudonymKeyProps) {
    super(scope, id);

    this.key = macKey(
      this,
      'MacKey',
      'courtdesk: derives the secret of the keyed pseudonyms (client and subject keys)',
      'The pseudonym secret is rotated by a new version label (or a new key) and a migration of the stored keys (docs/pseudonyms.md).',
    );
    const version = String(props.version ?? 1);
    for (const user of props.users) {
      grantMacKey(this.key, user, 'kms:GenerateMac', pseudonymKeyEnvName);
      user.function.addEnvironment(pseudonymKeyVersionEnvName, version);
    }
  }
}
