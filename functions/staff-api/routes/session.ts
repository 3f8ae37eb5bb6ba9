/** The session: who the caller is, the end of the session, and (public) how to sign in. */
import { competences } from '../../../shared/domain/competences.ts';
import type { AuthConfigResponse, MeResponse } from '../../../shared/http/staff-contract.ts';
import { recordMe, signInEndsAt } from '../../../shared/use-cases/staff-session.ts';
import { unitName } from '../../../shared/use-cases/ticket-views.ts';
import type { RouteModule, StaffApiDeps } from './route.ts';

/** Signing out: once per session, loaded by its first call. */
const staffSignOut = () => import('../../../shared/use-cases/staff-sign-out.ts');

/** Routes without a token, answered before anything else. */
export const authConfigRoutes: Readonly<Record<string, (deps: StaffApiDeps) => AuthConfigResponse>> = {
  'GET /api/auth/config': (deps) => deps.authConfig,
};

export const sessionRoutes = {
  'GET /api/staff/me': {
    eventName: 'GetMe',
    run: async ({ deps, caller }): Promise<MeResponse> => {
      // Every call is a read of the caller's own roles and units (the sign-in is recorded before).
      await recordMe(deps.session, caller);
      return {
        username: caller.username,
        roles: [...caller.roles],
        competences: caller.competences.map((id) => ({
          id,
          name: unitName(id),
          supervisor: caller.supervises.includes(id),
        })),
        units: competences.map((competence) => ({ id: competence.id, name: unitName(competence.id) })),
        // The sign-in's end: the page refreshes its short-lived access tokens until then.
        sessionExpiresAt: new Date(signInEndsAt(deps.session, caller)).toISOString(),
        idleTimeoutMinutes: deps.authConfig.idleTimeoutMinutes,
      };
    },
  },
  'POST /api/staff/session/activity': {
    // Recorded as /me's read of the caller's own session (no event of its own: ingest-web, which
    // loads the audit catalogue, is at its cold-start budget).
    eventName: 'GetMe',
    // The admission before every route has written the activity (at most once a minute); the page
    // calls this at most once a minute while someone types, and each call is recorded as any other.
    run: async ({ deps, caller }) => {
      await recordMe(deps.session, caller);
      return { active: true as const };
    },
  },
  'POST /api/staff/sign-out': {
    eventName: 'SignOut',
    run: async ({ deps, caller }) => {
      // The page revokes the refresh token at the identity provider too; this refuses every token
      // of the sign-in that is still unexpired.
      const { signOut } = await staffSignOut();
      await signOut(deps.session, caller);
      return { signedOut: true };
    },
  },
} satisfies RouteModule;
