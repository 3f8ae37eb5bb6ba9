/** The phone: calls logged as tickets, and the callbacks clients asked for. */
import { recordCallback } from '../../../shared/use-cases/record-callback.ts';
import { idempotencyKey, type RouteModule } from './route.ts';

/** Logging a call: the phone agents' path only, loaded by its first call (staff-api's cold start serves all). */
const callLog = () => import('../../../shared/use-cases/log-call.ts');

export const callRoutes = {
  'POST /api/staff/calls': {
    eventName: 'LogCall',
    tickets: true,
    run: async ({ deps, caller, body, event }) =>
      (await callLog()).logCall(deps.calls, caller, body, idempotencyKey(event)),
  },
  'POST /api/staff/tickets/{reference}/callback': {
    eventName: 'RecordCallback',
    tickets: true,
    run: async ({ deps, caller, reference, body }) => ({
      ticket: await recordCallback(deps, caller, reference, body),
    }),
  },
} satisfies RouteModule;
