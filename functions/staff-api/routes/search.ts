/** Search within the caller's units: a reference, a client's email address, or words. */
import { searchTickets } from '../../../shared/use-cases/search-tickets.ts';
import type { RouteModule } from './route.ts';

export const searchRoutes = {
  'GET /api/staff/search': {
    eventName: 'SearchTickets',
    tickets: true,
    // The words trimmed before they are checked; the rest of the query is not looked at.
    queryOf: (event) => ({ q: event.queryStringParameters?.q?.trim() }),
    run: async ({ deps, caller, query }) => ({ items: await searchTickets(deps, caller, query.q) }),
  },
} satisfies RouteModule;
