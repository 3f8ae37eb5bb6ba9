/** Worklists: the caller's units' tickets by view, and taking the next waiting one. */
import { accessDenied } from '../../../shared/domain/refused.ts';
import { listWorklist, staffAudit, ticketAfterAction } from '../../../shared/use-cases/staff-desk.ts';
import { takeNextTicket } from '../../../shared/use-cases/take-ticket.ts';
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
    run: async ({ deps, caller, body }) => {
      const units = body.competence
        ? caller.competences.filter((id) => id === body.competence)
        : caller.competences;
      if (body.competence && units.length === 0) throw accessDenied();
      const taken = await takeNextTicket(deps, { ...caller, competences: units });
      // Taking writes its own record (TakeTicket); asking when nothing waits is recorded too.
      if (!taken)
        await deps.audit.append([
          staffAudit(caller, {
            eventName: 'TakeNextTicket',
            eventTime: deps.clock.now().toISOString(),
            readOnly: true,
            requestParameters: body.competence ? { competence: body.competence } : null,
            responseElements: { ticket: null },
          }),
        ]);
      return { ticket: taken ? await ticketAfterAction(deps, caller, taken.reference) : null };
    },
  },
} satisfies RouteModule;
