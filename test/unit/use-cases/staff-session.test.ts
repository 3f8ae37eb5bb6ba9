/** The staff session on the server: admitted, refused when signed out or idle, activity throttled. */
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryStaffSessions } from '../../../shared/adapters/memory/audit-trail.ts';
import { FixedClock, MemoryAuditLog } from '../../../shared/adapters/memory/index.ts';
import { sessionRules } from '../../../shared/domain/staff-session-rules.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';
import {
  admitSession,
  type StaffSessionDeps,
  signInEndsAt,
} from '../../../shared/use-cases/staff-session.ts';
import { signOut } from '../../../shared/use-cases/staff-sign-out.ts';

const start = '2026-12-08T08:00:00.000Z';
const signedIn = Date.parse(start) / 1000;

function caller(overrides: Partial<StaffCaller> = {}): StaffCaller {
  return {
    username: 'agent.court-fees',
    roles: ['agent'],
    competences: ['court-fees'],
    supervises: [],
    expiresAt: signedIn + 3600,
    issuedAt: signedIn,
    tokenIssuedAt: signedIn,
    sessionId: 'origin-1',
    sourceIPAddress: '192.0.2.1',
    userAgent: 'vitest',
    requestId: 'request-1',
    ...overrides,
  };
}

let log: MemoryAuditLog;
let clock: FixedClock;
let sessions: MemoryStaffSessions;
let deps: StaffSessionDeps;

beforeEach(() => {
  // Prepare
  log = new MemoryAuditLog();
  clock = new FixedClock(start);
  sessions = new MemoryStaffSessions(log);
  deps = { sessions, audit: log, clock, rules: sessionRules(15), sessionHours: 8 };
});

describe('admitSession', () => {
  it('signs a fresh session in at its first call, once', async () => {
    // Act
    const first = await admitSession(deps, caller());
    clock.advance(10_000);
    const second = await admitSession(deps, caller());
    // Assess
    expect([first, second]).toEqual([undefined, undefined]);
    expect(log.records.filter((record) => record.eventName === 'SignIn')).toHaveLength(1);
    expect(sessions.signedIn.get('origin-1')).toMatchObject({
      lastActiveAt: Date.parse(start),
      // Until the last token refreshed in 8 hours has run out.
      expiresAt: signedIn + 9 * 3600,
    });
  });

  it('writes the last activity at most once a minute, however many calls', async () => {
    await admitSession(deps, caller());
    // Act: a call every 10 seconds for 3 minutes
    for (let call = 0; call < 18; call += 1) {
      clock.advance(10_000);
      expect(await admitSession(deps, caller())).toBeUndefined();
    }
    // Assess
    expect(sessions.touches).toBe(3);
    expect(sessions.signedIn.get('origin-1')?.lastActiveAt).toBe(Date.parse(start) + 180_000);
  });

  it('refuses a session idle longer than the idle timeout, for a refreshed token too', async () => {
    await admitSession(deps, caller());
    // Act
    clock.advance(15 * 60_000 + 1_000);
    const refreshed = caller({ jti: undefined, tokenIssuedAt: signedIn + 900 } as Partial<StaffCaller>);
    // Assess
    expect(await admitSession(deps, refreshed)).toBe('SessionIdle');
    expect(sessions.touches).toBe(0);
  });

  it('keeps a session going that is used within the idle timeout, past the first token', async () => {
    await admitSession(deps, caller());
    for (let step = 0; step < 6; step += 1) {
      clock.advance(14 * 60_000);
      expect(await admitSession(deps, caller({ tokenIssuedAt: signedIn + step * 3600 }))).toBeUndefined();
    }
  });

  it('refuses a token issued longer ago than the idle timeout whose session was never seen', async () => {
    clock.advance(20 * 60_000);
    expect(await admitSession(deps, caller())).toBe('SessionIdle');
    expect(log.records).toEqual([]);
  });
});

describe('signOut', () => {
  it('refuses the same token at once, and every other token of the sign-in, with one SignOut record', async () => {
    await admitSession(deps, caller());
    clock.advance(5_000);
    // Act
    await signOut(deps, caller());
    // Assess
    expect(await admitSession(deps, caller())).toBe('SessionRevoked');
    expect(await admitSession(deps, caller({ tokenIssuedAt: signedIn + 10 }))).toBe('SessionRevoked');
    expect(await admitSession(deps, caller({ sessionId: 'origin-2' }))).toBeUndefined();
    expect(log.records.filter((record) => record.eventName === 'SignOut')).toEqual([
      expect.objectContaining({ eventTime: '2026-12-08T08:00:05.000Z', readOnly: false }),
    ]);
  });
});

describe('signInEndsAt', () => {
  it('is the refresh token’s end, not the short access token’s', () => {
    expect(signInEndsAt(deps, caller())).toBe((signedIn + 8 * 3600) * 1000);
  });
});
