/** The data protection officer's export of a data subject's data (role `dpo`, checked first). */
import type { RouteModule } from './route.ts';

export const dataSubjectExportRoutes = {
  'POST /api/staff/data-subjects/export': {
    eventName: 'ExportDataSubject',
    dataProtection: true,
    run: async () => {
      throw new Error('Not implemented yet');
    },
  },
} satisfies RouteModule;
