/** The auditors' view of the audit trail: records by filter, and a data subject's access report. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Download } from '../../../shared/http/middleware/csv-download.ts';
import {
  dataSubjectReport,
  exportAuditRecords,
  exportDataSubjectReport,
  listAuditRecords,
} from '../../../shared/use-cases/audit-desk.ts';
import type { RouteModule } from './route.ts';

/** CSV asked for: `format=csv`, or `Accept: text/csv` without `format=json`. */
function wantsCsv(event: APIGatewayProxyEventV2): boolean {
  const format = event.queryStringParameters?.format;
  return format === 'csv' || (format === undefined && /\btext\/csv\b/i.test(event.headers?.accept ?? ''));
}

export const auditRoutes = {
  'GET /api/staff/audit': {
    eventName: 'ListAuditRecords',
    eventNameOf: (event) => (wantsCsv(event) ? 'ExportAuditRecords' : 'ListAuditRecords'),
    tickets: false,
    auditor: true,
    run: async ({ deps, caller, event, query: { format: _format, ...query } }) =>
      wantsCsv(event)
        ? new Download(await exportAuditRecords(deps.auditDesk, caller, query))
        : listAuditRecords(deps.auditDesk, caller, query),
  },
  'GET /api/staff/audit/subject': {
    eventName: 'GetDataSubjectReport',
    eventNameOf: (event) => (wantsCsv(event) ? 'ExportDataSubjectReport' : 'GetDataSubjectReport'),
    tickets: false,
    auditor: true,
    run: async ({ deps, caller, event, query: { format: _format, ...query } }) =>
      wantsCsv(event)
        ? new Download(await exportDataSubjectReport(deps.auditDesk, caller, query))
        : dataSubjectReport(deps.auditDesk, caller, query),
  },
} satisfies RouteModule;
