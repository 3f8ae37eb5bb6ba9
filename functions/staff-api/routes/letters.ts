/** The mailroom's letters: printed for clients without an email address, and posted. */
import { dispatchLetter, listLetters, readLetter } from '../../../shared/use-cases/mailroom.ts';
import { pageOf, type RouteModule } from './route.ts';

export const letterRoutes = {
  'GET /api/staff/letters': {
    eventName: 'ListLetters',
    mailroom: true,
    run: async ({ deps, caller, query }) =>
      listLetters(deps.mailroom, caller, { state: query.state, ...pageOf(query) }),
  },
  'GET /api/staff/letters/{reference}/{letterId}': {
    eventName: 'GetLetter',
    mailroom: true,
    run: async ({ deps, caller, reference, letterId }) =>
      readLetter(deps.mailroom, caller, reference, letterId),
  },
  'POST /api/staff/letters/{reference}/{letterId}/dispatch': {
    eventName: 'DispatchLetter',
    mailroom: true,
    run: async ({ deps, caller, reference, letterId, body }) =>
      dispatchLetter(deps.mailroom, caller, reference, letterId, body),
  },
} satisfies RouteModule;
