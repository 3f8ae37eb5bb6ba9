/** The mailroom's post: letters received, registered with their scans. */
import { listRegistrations, readRegistration, registerPost } from '../../../shared/use-cases/mailroom.ts';
import { idempotencyKey, pageOf, type RouteModule } from './route.ts';

export const postRoutes = {
  'POST /api/staff/post': {
    eventName: 'RegisterPost',
    mailroom: true,
    run: async ({ deps, caller, body, language, event }) =>
      registerPost(deps.mailroom, caller, body, language, idempotencyKey(event)),
  },
  'GET /api/staff/post': {
    eventName: 'ListPostRegistrations',
    mailroom: true,
    run: async ({ deps, caller, query, language }) =>
      listRegistrations(deps.mailroom, caller, pageOf(query), language),
  },
  'GET /api/staff/post/{id}': {
    eventName: 'GetPostRegistration',
    mailroom: true,
    run: async ({ deps, caller, id, language }) => readRegistration(deps.mailroom, caller, id, language),
  },
} satisfies RouteModule;
