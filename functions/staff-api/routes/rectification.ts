/** Staff of the ticket's unit correct the client's data. */
import type { RouteModule } from './route.ts';

/** Loaded by the first correction (a rare path), with its adapter (see dependencies.ts). */
const rectification = () => import('../../../shared/use-cases/rectify-client.ts');

export const rectificationRoutes = {
  'POST /api/staff/tickets/{reference}/client': {
    eventName: 'RectifyClientData',
    tickets: true,
    run: async ({ deps, caller, reference, body }) =>
      (await rectification()).rectifyClient(await deps.rectification(), caller, reference, body),
  },
} satisfies RouteModule;
