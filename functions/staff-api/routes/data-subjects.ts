/** The data protection officer's search, erasure and legal holds (role `dpo`, checked first). */
import type { RouteModule } from './route.ts';

/** Loaded by the first call that needs them: a rare path kept out of the cold start. */
const search = () => import('../../../shared/use-cases/search-data-subject.ts');
const erase = () => import('../../../shared/use-cases/erase-data-subject.ts');
const legalHold = () => import('../../../shared/use-cases/legal-hold.ts');

export const dataSubjectRoutes = {
  'POST /api/staff/data-subjects/search': {
    eventName: 'SearchDataSubject',
    dataProtection: true,
    run: async ({ deps, caller, body }) =>
      (await search()).searchDataSubject(await deps.dataSubjects(), caller, body),
  },
  'POST /api/staff/data-subjects/erase': {
    eventName: 'EraseDataSubject',
    dataProtection: true,
    run: async ({ deps, caller, body }) =>
      (await erase()).eraseDataSubject(await deps.dataSubjects(), caller, body),
  },
  'POST /api/staff/tickets/{reference}/legal-hold': {
    eventName: 'SetLegalHold',
    dataProtection: true,
    run: async ({ deps, caller, reference, body }) =>
      (await legalHold()).setLegalHold(await deps.dataSubjects(), caller, reference, body),
  },
  'DELETE /api/staff/tickets/{reference}/legal-hold': {
    eventName: 'LiftLegalHold',
    dataProtection: true,
    run: async ({ deps, caller, reference, body }) =>
      (await legalHold()).liftLegalHold(await deps.dataSubjects(), caller, reference, body),
  },
} satisfies RouteModule;
