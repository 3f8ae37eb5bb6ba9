import { describe, expect, it } from 'vitest';
import {
  judgeSession,
  sessionRecordExpiry,
  sessionRules,
} from '../../../shared/domain/staff-session-rules.ts';

const rules = sessionRules(15);
const now = Date.parse('2026-12-08T10:00:00.000Z');
const minutes = (count: number) => count * 60_000;

describe('judgeSession', () => {
  it('admits a session first seen with a token issued within the idle timeout, as new', () => {
    expect(judgeSession(undefined, now, now - minutes(14), rules)).toEqual({ kind: 'new' });
  });

  it('refuses a session first seen with a token issued longer ago than the idle timeout', () => {
    expect(judgeSession(undefined, now, now - minutes(16), rules)).toEqual({
      kind: 'refused',
      reason: 'SessionIdle',
    });
  });

  it('refuses a signed-out session at once, however fresh its activity', () => {
    expect(judgeSession({ lastActiveAt: now - 1_000, revokedAt: now - 500 }, now, now, rules)).toEqual({
      kind: 'refused',
      reason: 'SessionRevoked',
    });
  });

  it('refuses a session idle longer than the timeout, and admits one idle exactly as long', () => {
    expect(judgeSession({ lastActiveAt: now - minutes(15) - 1 }, now, now - minutes(20), rules)).toEqual({
      kind: 'refused',
      reason: 'SessionIdle',
    });
    expect(judgeSession({ lastActiveAt: now - minutes(15) }, now, now - minutes(20), rules)).toEqual({
      kind: 'active',
      touch: true,
    });
  });

  it('writes the last activity at most once a minute', () => {
    expect(judgeSession({ lastActiveAt: now - 59_999 }, now, now, rules)).toEqual({
      kind: 'active',
      touch: false,
    });
    expect(judgeSession({ lastActiveAt: now - 60_000 }, now, now, rules)).toEqual({
      kind: 'active',
      touch: true,
    });
  });
});

describe('sessionRecordExpiry', () => {
  it('keeps the record until no refreshed token of the sign-in can be used', () => {
    const signedIn = 1_800_000_000;
    // Refreshed for 8 hours, each token living up to an hour more.
    expect(sessionRecordExpiry(signedIn, signedIn + 3600, 8)).toBe(signedIn + 9 * 3600);
    // A token that ends later still (a longer-lived token of an earlier configuration).
    expect(sessionRecordExpiry(signedIn, signedIn + 10 * 3600, 8)).toBe(signedIn + 10 * 3600);
  });
});
