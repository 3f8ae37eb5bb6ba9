/**
 * Survey tokens signed in memory with a fixed test key (node:crypto HMAC-SHA-256): the same token
 * format and checks as the KMS adapter, for unit tests and for making links in tests.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  parseSurveyToken,
  surveyTokenExpired,
  surveyTokenMessage,
  surveyTokenText,
} from '../../domain/survey-token.ts';
import type { SurveyToken, SurveyTokenCheck, SurveyTokens } from '../../ports/survey-tokens.ts';

/** Not a secret: tests only. */
export const testSurveyKey = Buffer.from('courtdesk test survey key, never used outside tests');

export class MemorySurveyTokens implements SurveyTokens {
  readonly #key: Buffer;

  constructor(key: Buffer = testSurveyKey) {
    this.#key = key;
  }

  async sign(token: SurveyToken): Promise<string> {
    const message = surveyTokenMessage(token.reference, new Date(token.expiresAt));
    return surveyTokenText(message, createHmac('sha256', this.#key).update(message).digest());
  }

  async verify(token: string, now: Date): Promise<SurveyTokenCheck> {
    const parsed = parseSurveyToken(token);
    if (!parsed) return 'forged';
    const expected = createHmac('sha256', this.#key).update(parsed.message).digest();
    if (!timingSafeEqual(expected, parsed.mac)) return 'forged';
    if (surveyTokenExpired(parsed.expiresAtSeconds, now)) return 'expired';
    return { reference: parsed.reference, expiresAt: new Date(parsed.expiresAtSeconds * 1000).toISOString() };
  }
}
