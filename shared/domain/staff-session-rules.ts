/**
 * When the server accepts a call of a staff session (one sign-in, Cognito's `origin_jti`, kept by
 * every token refreshed from it), whatever the page does:
 * - a session signed out (revoked) is refused at once, for every token of the sign-in;
 * - a session without a call for longer than the idle timeout is refused, as the page would have
 *   signed out; a session first seen is idle when its token was issued that long ago;
 * - otherwise the call goes on, and the session's last activity is moved on at most once per
 *   `activityIntervalMs`, so that a busy page costs one write a minute, not one per call.
 * The idle check therefore runs on a last activity up to one interval old: a session may be
 * refused up to that much early, never late.
 */

/** What the sessions store keeps of a session; times in milliseconds since the epoch. */
export interface StaffSessionState {
  /** The last call recorded (at most `activityIntervalMs` behind the real last call). */
  readonly lastActiveAt: number;
  /** When the session was signed out; absent while it is open. */
  readonly revokedAt?: number | undefined;
}

export interface StaffSessionRules {
  readonly idleTimeoutMs: number;
  /** How often at most the last activity is written (a minute). */
  readonly activityIntervalMs: number;
}

export type SessionRefusal = 'SessionRevoked' | 'SessionIdle';

export type SessionVerdict =
  /** The session's first call: record it (its sign-in). */
  | { readonly kind: 'new' }
  /** Go on; `touch` when the last activity is to be written now. */
  | { readonly kind: 'active'; readonly touch: boolean }
  | { readonly kind: 'refused'; readonly reason: SessionRefusal };

/** The minute of the page's idle timeout and of the activity writes, as `StaffSessionRules`. */
export function sessionRules(idleTimeoutMinutes: number, activityIntervalMs = 60_000): StaffSessionRules {
  return { idleTimeoutMs: idleTimeoutMinutes * 60_000, activityIntervalMs };
}

/**
 * Judges a call made at `now` with a token issued at `tokenIssuedAt` (ms) of a session in `state`
 * (undefined: never seen).
 */
export function judgeSession(
  state: StaffSessionState | undefined,
  now: number,
  tokenIssuedAt: number,
  rules: StaffSessionRules,
): SessionVerdict {
  if (!state) {
    return now - tokenIssuedAt > rules.idleTimeoutMs
      ? { kind: 'refused', reason: 'SessionIdle' }
      : { kind: 'new' };
  }
  if (state.revokedAt !== undefined) return { kind: 'refused', reason: 'SessionRevoked' };
  if (now - state.lastActiveAt > rules.idleTimeoutMs) return { kind: 'refused', reason: 'SessionIdle' };
  return { kind: 'active', touch: now - state.lastActiveAt >= rules.activityIntervalMs };
}

/**
 * When the session's record may go (epoch seconds, the table's TTL): not before any token of the
 * sign-in can be used, so that an idle or signed-out session is never forgotten and then taken
 * for a new one. Refreshed tokens are issued until `sessionHours` after the sign-in
 * (`signedInAt`, the token's `auth_time`) and each lives at most an hour more.
 */
export function sessionRecordExpiry(
  signedInAt: number,
  tokenExpiresAt: number,
  sessionHours: number,
): number {
  return Math.max(tokenExpiresAt, signedInAt + (sessionHours + 1) * 3600);
}
