import type { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { CourtdeskFunction } from './lambda-function.ts';
import { grantMacKey, macKey } from './mac-key.ts';

/** Properties of {@link SurveyTokenKey}. */
export interface SurveyTokenKeyProps {
  /** The functions that sign survey links (`kms:GenerateMac`): send-email, with the invitations. */
  readonly signers: readonly CourtdeskFunction[];
  /** The functions that check them (`kms:VerifyMac`): survey-api. */
  readonly verifiers: readonly CourtdeskFunction[];
}

/** The environment variable through which the functions receive the key's ARN. */
export const surveyMacKeyEnvName = 'SURVEY_MAC_KEY';

/**
 * The survey links' HMAC key (§26): an HMAC_256 KMS key (GENERATE_VERIFY_MAC) whose secret never
 * leaves KMS. Signers get `kms:GenerateMac` and verifiers `kms:VerifyMac` on this key alone, so
 * survey-api, which the public reaches, cannot make a link. Kept when the stack goes, so that links
 * already in clients' mailboxes keep opening.
 */
export class SurveyTokenKey extends Construct {
  public readonly key: Key;

  constructor(scope: Construct, id: string, props: SurveyTokenKeyProps) {
    super(scope, id);

    this.key = macKey(
      this,
      'MacKey',
      'courtdesk: signs and checks the client survey links (HMAC-SHA-256)',
      'A survey link lives 28 days, so a key change is a new key: links made with the old one stop opening and nothing else breaks (docs/surveys.md).',
    );
    for (const signer of props.signers) grantMacKey(this.key, signer, 'kms:GenerateMac', surveyMacKeyEnvName);
    for (const verifier of props.verifiers)
      grantMacKey(this.key, verifier, 'kms:VerifyMac', surveyMacKeyEnvName);
  }
}
