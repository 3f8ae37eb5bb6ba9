/**
 * A stand-in for the survey token port in tests of the invitation (node:crypto HMAC with a fixed
 * key, the KMS adapter's token format); the survey's own memory adapter replaces it once merged.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SurveyToken, SurveyTokenCheck, SurveyTokens } from '../../shared/ports/survey-tokens.ts';

const key = Buffer.from('courtdesk test survey key, never used elsewhere');

export class TestSurveyTokens implements SurveyTokens {
  async sign(token: SurveyToken): Promise<string> {
    const payload = `${token.reference}.${Math.floor(Date.parse(token.expiresAt) / 1000).toString(36)}`;
    return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
  }
  async verify(token: string, now: Date): Promise<SurveyTokenCheck> {
    const parts = token.split('.');
    if (parts.length !== 3) return 'forged';
    const [reference = '', expiry = '', mac = ''] = parts;
    const expected = createHmac('sha256', key).update(`${reference}.${expiry}`).digest();
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
    const expiresAt = new Date(Number.parseInt(expiry, 36) * 1000);
    return expiresAt <= now ? 'expired' : { reference, expiresAt: expiresAt.toISOString() };
  }
}
