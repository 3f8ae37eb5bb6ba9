/** The mailroom's post: letters received, registered with their scans. */
import { idempotencyKey, pageOf, type RouteModule } from './route.ts';

/** Loaded by the first call that needs it (the mailroom's use cases are off the cold path). */
const mailroom = () => import('../../../shared/use-cases/mailroom.ts');

export const postRoutes = {
  'POST /api/staff/post': {
    eventName: 'RegisterPost',
    mailroom: true,
    run: async ({ deps, caller, body, language, event }) =>
      (await mailroom()).registerPost(deps.mailroom, caller, body, language, idempotencyKey(event)),
  },
  'GET /api/staff/post': {
    eventName: 'ListPostRegistrations',
    mailroom: true,
    run: async ({ deps, caller, query, language }) =>
      (await mailroom()).listRegistrations(deps.mailroom, caller, pageOf(query), language),
  },
  'GET /api/staff/post/{id}': {
    eventName: 'GetPostRegistration',
    mailroom: true,
    run: async ({ deps, caller, id, language }) =>
      (await mailroom()).readRegistration(deps.mailroom, caller, id, language),
  },
} satisfies RouteModule;
