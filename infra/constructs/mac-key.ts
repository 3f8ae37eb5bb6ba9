import { RemovalPolicy } from 'aws-cdk-lib';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { CourtdeskFunction } from './lambda-function.ts';
import { acknowledgeNagFinding } from './nag.ts';

/**
 * An HMAC_256 KMS key (GENERATE_VERIFY_MAC) whose secret never leaves KMS, kept when the stack
 * goes: what was computed with it (stored keys, links in mailboxes) must keep its meaning.
 * `rotation` says how the key is changed instead, since KMS rotates symmetric encryption keys only
 * (cdk-nag's KMS5 passes an HMAC key; the acknowledgement writes the choice down where reviewers look).
 */
export function macKey(scope: Construct, id: string, description: string, rotation: string): Key {
  const key = new Key(scope, id, {
    description,
    keySpec: KeySpec.HMAC_256,
    keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  acknowledgeNagFinding(
    key,
    'AwsSolutions-KMS5',
    `HMAC keys cannot rotate automatically (KMS rotates symmetric encryption keys only). ${rotation}`,
  );
  return key;
}

/** Lets `user` call `action` on the MAC key alone, and gives it the key's ARN as `envName`. */
export function grantMacKey(
  key: Key,
  user: CourtdeskFunction,
  action: 'kms:GenerateMac' | 'kms:VerifyMac',
  envName: string,
): void {
  key.grant(user.role, action);
  user.function.addEnvironment(envName, key.keyArn);
}
