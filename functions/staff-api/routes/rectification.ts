/** Staff of the ticket's unit correct the client's data. */
import type { RouteModule } from './route.ts';

export const rectificationRoutes = {
  'POST /api/staff/tickets/{reference}/client': {
    eventName: 'RectifyClientData',
    tickets: true,
    run: async () => {
      throw new Error('Not implemented yet');
    },
  },
} satisfies RouteModule;
