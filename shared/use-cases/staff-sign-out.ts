/**
 * Signing a staff session out on the server (a rare call per session, loaded by its first use):
 * the session is marked, so that its tokens are refused from now on (see `staff-session.ts`).
 */
import { stableId } from '../domain/ids.ts';
import { type StaffCaller, staffAudit } from './staff-audit.ts';
import { type StaffSessionDeps, sessionOf } from './staff-session.ts';

/**
 * Signs the session out: every token of the sign-in is refused from now on. The SignOut record is
 * written with the mark, once per session (a second sign-out keeps the first's time).
 */
export async function signOut(deps: StaffSessionDeps, caller: StaffCaller): Promise<void> {
  const now = deps.clock.now();
  await deps.sessions.revoke(
    sessionOf(deps, caller),
    now.getTime(),
    staffAudit(caller, {
      eventName: 'SignOut',
      eventTime: now.toISOString(),
      readOnly: false,
      eventID: stableId(caller.sessionId, 'SignOut'),
    }),
  );
}
