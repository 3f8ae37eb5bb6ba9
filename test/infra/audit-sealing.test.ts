import { describe, expect, it } from 'vitest';
import { allowedActionsByResource, arnOf, courtdesk, logicalId, statementsOf } from './support.ts';

const { stack, template } = courtdesk();

describe('the audit signing key', () => {
  const signingKey = () => stack.auditSealing.signingKey;

  it('the signing key is an asymmetric P-256 signing key, kept with the stack; only the sealer may sign, nothing else', () => {
    const key = template.toJSON().Resources[logicalId(signingKey())];
    expect(key).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(key.Properties).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const signingKeyArn = JSON.stringify(arnOf(signingKey()));
    for (const fn of stack.functions.all) {
      const kms = allowedActionsByResource(statementsOf(fn.spec.name), 'kms');
      expect(kms[signingKeyArn], fn.spec.name).toEqual(
        // GetPublicKey: the sealer checks the signature of the digest it chains from.
        fn.spec.name === 'audit-sealer' ? ['kms:GetPublicKey', 'kms:Sign'] : undefined,
      );
    }
    // Its own policy names the account only (auditors get kms:GetPublicKey through IAM).
    const statements = (key.Properties.KeyPolicy as { Statement: { Principal: unknown }[] }).Statement;
    expect(statements.every((statement) => JSON.stringify(statement.Principal).includes(':root'))).toBe(true);
  });
});
