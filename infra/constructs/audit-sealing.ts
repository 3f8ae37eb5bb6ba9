import { RemovalPolicy } from 'aws-cdk-lib';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { CourtdeskFunction } from './lambda-function.ts';

/** Properties of {@link AuditSealing}. */
export interface AuditSealingProps {
  /** The sealer: the inventory's schedule-triggered `audit-sealer` (its digest bucket grants come from the inventory). */
  readonly sealer: CourtdeskFunction;
  /**
   * Minutes per sealed segment, a divisor of 60.
   * @default 60
   */
  readonly segmentMinutes?: number;
  /**
   * Seconds after a segment's end before it is sealed; the sealer's schedule runs after it.
   * @default 900
   */
  readonly graceSeconds?: number;
}

/**
 * Signing the audit trail's digests: an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY) whose
 * private half never leaves KMS. Only the sealer may sign with it (`kms:Sign` on this key alone);
 * anyone with the public key (`kms:GetPublicKey`, for auditors through the account's key policy) can
 * verify a digest offline. The key is kept when the stack goes: digests stay verifiable for their
 * whole Object Lock retention.
 */
export class AuditSealing extends Construct {
  public readonly signingKey: Key;

  constructor(scope: Construct, id: string, props: AuditSealingProps) {
    super(scope, id);

    // Asymmetric keys cannot rotate automatically (KMS rotates symmetric keys only). Each digest
    // names its key's ARN, and only this key counts: the sealer chains from no digest signed by
    // another (its run fails, and the error alarm fires), and the verifier trusts only the ARN it is
    // given (`AUDIT_SIGNING_KEY_ID`, or `--key-id`). A key change is a deliberate step, not a swap.
    this.signingKey = new Key(this, 'SigningKey', {
      description: 'courtdesk: signs the audit trail digests (ECDSA P-256, SHA-256)',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.signingKey.grant(props.sealer.role, 'kms:Sign', 'kms:GetPublicKey');

    const fn = props.sealer.function;
    fn.addEnvironment('AUDIT_SIGNING_KEY_ID', this.signingKey.keyArn);
    fn.addEnvironment('AUDIT_SEAL_MINUTES', String(props.segmentMinutes ?? 60));
    fn.addEnvironment('AUDIT_SEAL_GRACE_SECONDS', String(props.graceSeconds ?? 900));
  }
}
