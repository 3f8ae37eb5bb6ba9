/** The data protection officer's search, erasure and legal holds (role `dpo`, checked first). */
import type { RouteModule } from './route.ts';

const notYet = () => {
  throw new Error('Not implemented yet');
};

export const dataSubjectRoutes = {
  'POST /api/staff/data-subjects/search': {
    eventName: 'SearchDataSubject',
    dataProtection: true,
    run: async () => notYet(),
  },
  'POST /api/staff/data-subjects/erase': {
    eventName: 'EraseDataSubject',
    dataProtection: true,
    run: async () => notYet(),
  },
  'POST /api/staff/tickets/{reference}/legal-hold': {
    eventName: 'SetLegalHold',
    dataProtection: true,
    run: async () => notYet(),
  },
  'DELETE /api/staff/tickets/{reference}/legal-hold': {
    eventName: 'LiftLegalHold',
    dataProtection: true,
    run: async () => notYet(),
  },
} satisfies RouteModule;
