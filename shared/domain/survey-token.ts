/**
 * The survey link's token as text (`shared/ports/survey-tokens.ts`):
 * `<reference>.<expiry, epoch seconds in base 36>.<MAC, base64url>`. The MAC is HMAC-SHA-256 of
 * `<reference>.<expiry>`, so every part is signed: a changed reference, expiry or MAC is forged.
 * Parsing is strict, so that text which cannot be a token is refused before any key is asked.
 */
import { referencePattern } from './reference.ts';

/** HMAC-SHA-256 is 32 bytes: 43 characters of unpadded base64url. */
const macPattern = /^[A-Za-z0-9_-]{43}$/;
/** Seconds since 1970 in base 36: up to the year 5188 in 7 digits, never a leading zero. */
const expiryPattern = /^[1-9a-z][0-9a-z]{0,7}$/;
/** The longest text that could be a token; anything longer is refused without reading it. */
export const surveyTokenMaxLength = 120;

export interface ParsedSurveyToken {
  readonly reference: string;
  /** Epoch seconds. */
  readonly expiresAtSeconds: number;
  /** What the MAC signs (UTF-8). */
  readonly message: string;
  readonly mac: Buffer;
}

/** What the MAC of a token for `reference` expiring at `expiresAt` signs. */
export function surveyTokenMessage(reference: string, expiresAt: Date): string {
  return `${reference}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
}

/** The token: the signed message and its MAC. */
export function surveyTokenText(message: string, mac: Uint8Array): string {
  return `${message}.${Buffer.from(mac).toString('base64url')}`;
}

/** The token's parts, or undefined for anything that cannot be one (never asked of a key). */
export function parseSurveyToken(token: unknown): ParsedSurveyToken | undefined {
  if (typeof token !== 'string' || token.length > surveyTokenMaxLength) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [reference = '', expiry = '', mac = ''] = parts;
  if (!referencePattern.test(reference) || !expiryPattern.test(expiry) || !macPattern.test(mac))
    return undefined;
  const macBytes = Buffer.from(mac, 'base64url');
  // base64url of 43 characters is 32 bytes with 4 spare bits; they must be zero (one text per MAC).
  if (macBytes.length !== 32 || macBytes.toString('base64url') !== mac) return undefined;
  return {
    reference,
    expiresAtSeconds: Number.parseInt(expiry, 36),
    message: `${reference}.${expiry}`,
    mac: macBytes,
  };
}

/** Whether a token expiring at `expiresAtSeconds` has expired at `now`. */
export function surveyTokenExpired(expiresAtSeconds: number, now: Date): boolean {
  return now.getTime() >= expiresAtSeconds * 1000;
}
