/** Quarantined inbound mail, for the supervisors of its unit (the use cases check). */
import {
  listQuarantine,
  readQuarantinedMail,
  releaseQuarantinedMail,
} from '../../../shared/use-cases/quarantine-mail.ts';
import { pageOf, type RouteModule } from './route.ts';

export const quarantineRoutes = {
  'GET /api/staff/quarantine': {
    eventName: 'ListQuarantine',
    quarantine: true,
    run: async ({ deps, caller, query }) =>
      listQuarantine(deps.mailQuarantine, caller, {
        competence: query.competence,
        state: query.state,
        ...pageOf(query),
      }),
  },
  'GET /api/staff/quarantine/{id}': {
    eventName: 'GetQuarantinedMail',
    quarantine: true,
    run: async ({ deps, caller, id }) => ({
      mail: await readQuarantinedMail(deps.mailQuarantine, caller, id),
    }),
  },
  'POST /api/staff/quarantine/{id}/release': {
    eventName: 'ReleaseQuarantinedMail',
    quarantine: true,
    run: async ({ deps, caller, id, body }) =>
      releaseQuarantinedMail(deps.mailQuarantine, caller, id, body.reason),
  },
} satisfies RouteModule;
