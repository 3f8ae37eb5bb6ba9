/** The phone: calls logged as tickets, and the callbacks clients asked for. */
import { logCall } from '../../../shared/use-cases/log-call.ts';
import { recordCallback } from '../../../shared/use-cases/record-callback.ts';
import { idempotencyKey, type RouteModule } from './route.ts';

export const callRoutes = {
  'POST /api/staff/calls': {
    eventName: 'LogCall',
    tickets: true,
    run: async ({ deps, caller, body, event }) => logCall(deps.calls, caller, body, idempotencyKey(event)),
  },
  'POST /api/staff/tickets/{reference}/callback': {
    eventName: 'RecordCallback',
    tickets: true,
    run: async ({ deps, caller, reference, body }) => ({
      ticket: await recordCallback(deps, caller, reference, body),
    }),
  },
} satisfies RouteModule;
