/** The mailroom's letters: printed for clients without an email address, and posted. */
import { pageOf, type RouteModule } from './route.ts';

/** Loaded by the first call that needs it (the mailroom's use cases are off the cold path). */
const mailroom = () => import('../../../shared/use-cases/mailroom.ts');

export const letterRoutes = {
  'GET /api/staff/letters': {
    eventName: 'ListLetters',
    mailroom: true,
    run: async ({ deps, caller, query }) =>
      (await mailroom()).listLetters(deps.mailroom, caller, { state: query.state, ...pageOf(query) }),
  },
  'GET /api/staff/letters/{reference}/{letterId}': {
    eventName: 'GetLetter',
    mailroom: true,
    run: async ({ deps, caller, reference, letterId }) =>
      (await mailroom()).readLetter(deps.mailroom, caller, reference, letterId),
  },
  'POST /api/staff/letters/{reference}/{letterId}/dispatch': {
    eventName: 'DispatchLetter',
    mailroom: true,
    run: async ({ deps, caller, reference, letterId, body }) =>
      (await mailroom()).dispatchLetter(deps.mailroom, caller, reference, letterId, body),
  },
} satisfies RouteModule;
