/**
 * SurveyTokens with a KMS HMAC key (HMAC_256, GENERATE_VERIFY_MAC): the key never leaves KMS;
 * send-email may only GenerateMac, survey-api only VerifyMac. The sandbox points the same code at
 * its KMS stand-in (`AWS_ENDPOINT_URL_KMS`). Token: `<reference>.<expiry, epoch s, base 36>.<MAC>`.
 */
import { GenerateMacCommand, type KMSClient, VerifyMacCommand } from '@aws-sdk/client-kms';
import type { SurveyToken, SurveyTokenCheck, SurveyTokens } from '../../ports/survey-tokens.ts';

const tokenPattern = /^(TA-\d{4}-\d{6,})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/;

export class KmsSurveyTokens implements SurveyTokens {
  readonly #client: KMSClient;
  readonly #keyId: string;

  /** @param options.keyId the HMAC key's ARN (`SURVEY_MAC_KEY`) */
  constructor(options: { client: KMSClient; keyId: string }) {
    this.#client = options.client;
    this.#keyId = options.keyId;
  }

  async sign(token: SurveyToken): Promise<string> {
    const payload = `${token.reference}.${Math.floor(Date.parse(token.expiresAt) / 1000).toString(36)}`;
    const result = await this.#client.send(
      new GenerateMacCommand({
        KeyId: this.#keyId,
        MacAlgorithm: 'HMAC_SHA_256',
        Message: Buffer.from(payload),
      }),
    );
    if (!result.Mac) throw new Error('KMS returned no MAC');
    return `${payload}.${Buffer.from(result.Mac).toString('base64url')}`;
  }

  async verify(token: string, now: Date): Promise<SurveyTokenCheck> {
    const match = tokenPattern.exec(token);
    if (!match) return 'forged';
    const [, reference = '', expiry = '', mac = ''] = match;
    try {
      const result = await this.#client.send(
        new VerifyMacCommand({
          KeyId: this.#keyId,
          MacAlgorithm: 'HMAC_SHA_256',
          Message: Buffer.from(`${reference}.${expiry}`),
          Mac: Buffer.from(mac, 'base64url'),
        }),
      );
      if (!result.MacValid) return 'forged';
    } catch (error) {
      // KMS answers a MAC that does not verify with KMSInvalidMacException.
      if (error instanceof Error && error.name === 'KMSInvalidMacException') return 'forged';
      throw error;
    }
    const expiresAt = new Date(Number.parseInt(expiry, 36) * 1000);
    return expiresAt <= now ? 'expired' : { reference, expiresAt: expiresAt.toISOString() };
  }
}
