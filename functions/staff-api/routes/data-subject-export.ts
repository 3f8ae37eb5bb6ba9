/** The data protection officer's export of a data subject's data (role `dpo`, checked first). */
import type { RouteModule } from './route.ts';

/** Loaded by the first export, with the ZIP and PDF code (a rare path: see dependencies.ts). */
const exportUseCase = () => import('../../../shared/use-cases/export-data-subject.ts');

export const dataSubjectExportRoutes = {
  'POST /api/staff/data-subjects/export': {
    eventName: 'ExportDataSubject',
    dataProtection: true,
    run: async ({ deps, caller, body }) =>
      (await exportUseCase()).exportDataSubject(await deps.dataSubjectExport(), caller, body),
  },
} satisfies RouteModule;
