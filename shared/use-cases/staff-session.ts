/**
 * A staff session's records: the sign-in, once per session (token), at the time the
 * session is first used — a token's issue time may lie in an hour the sealer has closed already —
 * and every `GET /me` as a read of the caller's own roles and units.
 */
import { stableId } from '../domain/ids.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { StaffSessions } from '../ports/audit-trail.ts';
import type { Clock } from '../ports/clock.ts';
import { recordRead, type StaffCaller, staffAudit } from './staff-audit.ts';

export interface StaffSessionDeps {
  readonly sessions: StaffSessions;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/** Sessions whose sign-in this container has recorded (or found recorded): no write for them again. */
const knownSessions = new Set<string>();
const knownSessionsLimit = 10_000;

/**
 * Records the session's sign-in if this is its first call to any route (a client that never asks
 * `/me` is signed in all the same): one conditional write per session, and none at all once this
 * container has seen the session.
 */
export async function recordSignIn(deps: StaffSessionDeps, caller: StaffCaller): Promise<void> {
  if (knownSessions.has(caller.sessionId)) return;
  await deps.sessions.recordSignIn(
    { id: caller.sessionId, expiresAt: caller.expiresAt },
    staffAudit(caller, {
      eventName: 'SignIn',
      eventTime: deps.clock.now().toISOString(),
      readOnly: true,
      eventID: stableId(caller.sessionId, 'SignIn'),
      // When the identity provider authenticated the staff member (the token's `auth_time`).
      requestParameters: caller.issuedAt
        ? { authTime: new Date(caller.issuedAt * 1000).toISOString() }
        : null,
      responseElements: { roles: caller.roles.join(' ') },
    }),
  );
  if (knownSessions.size >= knownSessionsLimit) knownSessions.clear();
  knownSessions.add(caller.sessionId);
}

/** `GET /me`: a read of the caller's own roles and units (the sign-in is recorded before any route). */
export async function recordMe(deps: StaffSessionDeps, caller: StaffCaller): Promise<void> {
  await recordRead(deps, caller, { eventName: 'GetMe' });
}
