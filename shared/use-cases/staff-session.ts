/**
 * A staff session on the server (see `../domain/staff-session-rules.ts` for the rules): every call
 * is admitted against the sessions store — refused when the session was signed out or has been
 * idle too long — and its first call records the sign-in, at the time of that call (a token's
 * issue time may lie in an hour the sealer has closed already). Signing out marks the session, so
 * that the same token, and every token refreshed from the same sign-in, is refused at once.
 */
import { stableId } from '../domain/ids.ts';
import {
  judgeSession,
  type SessionRefusal,
  type StaffSessionRules,
  sessionRecordExpiry,
  sessionRules,
} from '../domain/staff-session-rules.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { StaffSession, StaffSessions } from '../ports/audit-trail.ts';
import type { Clock } from '../ports/clock.ts';
import { recordRead, type StaffCaller, staffAudit } from './staff-audit.ts';

export interface StaffSessionDeps {
  readonly sessions: StaffSessions;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** The idle timeout and the activity writes' interval. @default 15 minutes, 1 minute */
  readonly rules?: StaffSessionRules;
  /** How long after the sign-in tokens are refreshed (the refresh token's life). @default 8 */
  readonly sessionHours?: number;
}

const defaultSessionHours = 8;

/** The session's key and how long its record is kept. */
export function sessionOf(deps: StaffSessionDeps, caller: StaffCaller): StaffSession {
  return {
    id: caller.sessionId,
    expiresAt: sessionRecordExpiry(
      caller.issuedAt,
      caller.expiresAt,
      deps.sessionHours ?? defaultSessionHours,
    ),
  };
}

/**
 * Admits a call of the caller's session, before any route: undefined when it may go on, else why
 * it is refused. One consistent read per call; at most one write a minute per session.
 */
export async function admitSession(
  deps: StaffSessionDeps,
  caller: StaffCaller,
): Promise<SessionRefusal | undefined> {
  const rules = deps.rules ?? sessionRules(15);
  const now = deps.clock.now().getTime();
  const state = await deps.sessions.find(caller.sessionId);
  // Cognito's tokens and the sandbox's carry `iat`; a token without one is judged by its record alone.
  const issuedAt = caller.tokenIssuedAt || caller.issuedAt;
  const verdict = judgeSession(state, now, issuedAt > 0 ? issuedAt * 1000 : now, rules);
  const session = sessionOf(deps, caller);
  switch (verdict.kind) {
    case 'refused':
      return verdict.reason;
    case 'new':
      await recordSignIn(deps, session, caller, now);
      return undefined;
    case 'active':
      if (verdict.touch) await deps.sessions.touch(session, now, now - rules.activityIntervalMs);
      return undefined;
  }
}

/**
 * Records the session's sign-in with its first call (a client that never asks `/me` is signed in
 * all the same): one conditional write; a parallel first call of the same session writes nothing.
 */
async function recordSignIn(
  deps: StaffSessionDeps,
  session: StaffSession,
  caller: StaffCaller,
  now: number,
): Promise<void> {
  await deps.sessions.recordSignIn(
    session,
    now,
    staffAudit(caller, {
      eventName: 'SignIn',
      eventTime: new Date(now).toISOString(),
      readOnly: true,
      eventID: stableId(caller.sessionId, 'SignIn'),
      // When the identity provider authenticated the staff member (the token's `auth_time`).
      requestParameters: caller.issuedAt
        ? { authTime: new Date(caller.issuedAt * 1000).toISOString() }
        : null,
      responseElements: { roles: caller.roles.join(' ') },
    }),
  );
}

/** `GET /me`: a read of the caller's own roles and units (the sign-in is recorded before any route). */
export async function recordMe(deps: StaffSessionDeps, caller: StaffCaller): Promise<void> {
  await recordRead(deps, caller, { eventName: 'GetMe' });
}

/** When the sign-in ends at the latest (ms): the refresh token's end, or the token's when later. */
export function signInEndsAt(deps: StaffSessionDeps, caller: StaffCaller): number {
  return (
    Math.max(caller.expiresAt, caller.issuedAt + (deps.sessionHours ?? defaultSessionHours) * 3600) * 1000
  );
}
