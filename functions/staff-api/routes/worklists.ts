/** Worklists: the caller's units' tickets by view, and taking the next waiting one. */
import { listWorklist } from '../../../shared/use-cases/list-worklist.ts';
import { takeNext } from '../../../shared/use-cases/take-ticket.ts';
import { pageOf, type RouteModule } from './route.ts';

export const worklistRoutes = {
  'GET /api/staff/tickets': {
    eventName: 'ListTickets',
    tickets: true,
    run: async ({ deps, caller, query }) =>
      listWorklist(deps, caller, { view: query.view, competence: query.competence, ...pageOf(query) }),
  },
  'POST /api/staff/tickets/next': {
    eventName: 'TakeNextTicket',
    tickets: true,
    run: async ({ deps, caller, body }) => takeNext(deps, caller, body.competence),
  },
} satisfies RouteModule;
