/**
 * Survey tokens signed by a KMS HMAC key (HMAC_256, GENERATE_VERIFY_MAC): the key never leaves
 * KMS. send-email signs (`kms:GenerateMac`), survey-api verifies (`kms:VerifyMac`); KMS compares
 * the MACs itself, in constant time, so this code never compares one. Text that cannot be a token
 * is refused before KMS is asked, so junk costs no KMS call. The sandbox points the same code at
 * its KMS stand-in (`AWS_ENDPOINT_URL_KMS`).
 */
import { GenerateMacCommand, type KMSClient, VerifyMacCommand } from '@aws-sdk/client-kms';
import {
  parseSurveyToken,
  surveyTokenExpired,
  surveyTokenMessage,
  surveyTokenText,
} from '../../domain/survey-token.ts';
import type { SurveyToken, SurveyTokenCheck, SurveyTokens } from '../../ports/survey-tokens.ts';

const macAlgorithm = 'HMAC_SHA_256';

export class KmsSurveyTokens implements SurveyTokens {
  readonly #client: KMSClient;
  readonly #keyId: string;

  /** @param options.keyId the HMAC key's ARN (`SURVEY_MAC_KEY`) */
  constructor(options: { readonly client: KMSClient; readonly keyId: string }) {
    this.#client = options.client;
    this.#keyId = options.keyId;
  }

  async sign(token: SurveyToken): Promise<string> {
    const message = surveyTokenMessage(token.reference, new Date(token.expiresAt));
    const result = await this.#client.send(
      new GenerateMacCommand({
        KeyId: this.#keyId,
        MacAlgorithm: macAlgorithm,
        Message: Buffer.from(message, 'utf8'),
      }),
    );
    if (!result.Mac) throw new Error(`KMS returned no MAC for ${this.#keyId}`);
    return surveyTokenText(message, result.Mac);
  }

  async verify(token: string, now: Date): Promise<SurveyTokenCheck> {
    const parsed = parseSurveyToken(token);
    if (!parsed) return 'forged';
    try {
      const result = await this.#client.send(
        new VerifyMacCommand({
          KeyId: this.#keyId,
          MacAlgorithm: macAlgorithm,
          Message: Buffer.from(parsed.message, 'utf8'),
          Mac: parsed.mac,
        }),
      );
      if (result.MacValid !== true) return 'forged';
    } catch (error) {
      // KMS answers a MAC that does not match with this error, not with `MacValid: false`.
      if (error instanceof Error && error.name === 'KMSInvalidMacException') return 'forged';
      throw error;
    }
    if (surveyTokenExpired(parsed.expiresAtSeconds, now)) return 'expired';
    return { reference: parsed.reference, expiresAt: new Date(parsed.expiresAtSeconds * 1000).toISOString() };
  }
}
