/** Search within the caller's units: a reference, a client's email address, or words (the body's `q`). */
import { searchTickets } from '../../../shared/use-cases/search-tickets.ts';
import type { RouteModule } from './route.ts';

export const searchRoutes = {
  'POST /api/staff/search': {
    eventName: 'SearchTickets',
    tickets: true,
    reads: true,
    run: async ({ deps, caller, body }) => ({ items: await searchTickets(deps, caller, body.q) }),
  },
} satisfies RouteModule;
