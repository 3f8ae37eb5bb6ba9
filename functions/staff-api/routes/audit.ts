/** The auditors' view of the audit trail: records by filter, and a data subject's access report. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AuditEventName } from '../../../shared/domain/audit-catalogue.ts';
import { Download } from '../../../shared/http/middleware/csv-download.ts';
import type { CsvFile } from '../../../shared/use-cases/audit-csv.ts';
import type { AuditDeskDeps } from '../../../shared/use-cases/audit-desk.ts';
import type { listAuditRecords } from '../../../shared/use-cases/audit-records.ts';
import type { dataSubjectReport } from '../../../shared/use-cases/data-subject-report.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';
import type { RouteContext, RouteModule } from './route.ts';

/**
 * The body's `format`, read from the request as it came: a refusal is recorded before (or instead
 * of) the body's check, and must still name the export it refused.
 */
function formatOf(event: APIGatewayProxyEventV2): unknown {
  if (!event.body) return undefined;
  try {
    const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    const body = JSON.parse(text) as unknown;
    return typeof body === 'object' && body !== null ? (body as { format?: unknown }).format : undefined;
  } catch {
    return undefined;
  }
}

/** CSV asked for: `format: 'csv'` in the body, or `Accept: text/csv` without `format: 'json'`. */
function wantsCsv(event: APIGatewayProxyEventV2): boolean {
  const format = formatOf(event);
  return format === 'csv' || (format === undefined && /\btext\/csv\b/i.test(event.headers?.accept ?? ''));
}

type Reader<Query, Answer> = (deps: AuditDeskDeps, caller: StaffCaller, query: Query) => Promise<Answer>;

/**
 * An auditors' route: a POST whose body holds the filters (they name staff members and clients,
 * and access logs keep URLs), answered in JSON, or a CSV file when asked for (recorded as an
 * export). The use case takes the filters without `format`, which only chooses the answer's form.
 */
function auditorRoute<Query>(
  events: { readonly json: AuditEventName; readonly csv: AuditEventName },
  read: Reader<Query, unknown>,
  exportCsv: Reader<Query, CsvFile>,
) {
  return {
    eventName: events.json,
    eventNameOf: (event: APIGatewayProxyEventV2) => (wantsCsv(event) ? events.csv : events.json),
    auditor: true as const,
    reads: true as const,
    run: async ({
      deps,
      caller,
      event,
      body,
    }: Pick<RouteContext, 'deps' | 'caller' | 'event'> & {
      readonly body: Omit<Query, 'limit'> & { readonly format?: string; readonly limit?: string | number };
    }) => {
      const { format: _format, ...rest } = body;
      // The use case checks a limit as the form gives it, and says the range it takes.
      const input = { ...rest, ...(rest.limit === undefined ? {} : { limit: String(rest.limit) }) } as Query;
      return wantsCsv(event)
        ? new Download(await exportCsv(deps.auditDesk, caller, input))
        : read(deps.auditDesk, caller, input);
    },
  };
}

// The auditors' use cases load on their first call: few staff are auditors, and every cold start
// would otherwise pay for them (staff-api's cold-start budget).
const records = () => import('../../../shared/use-cases/audit-records.ts');
const subjectReport = () => import('../../../shared/use-cases/data-subject-report.ts');

export const auditRoutes = {
  'POST /api/staff/audit': auditorRoute<Parameters<typeof listAuditRecords>[2]>(
    { json: 'ListAuditRecords', csv: 'ExportAuditRecords' },
    async (deps, caller, query) => (await records()).listAuditRecords(deps, caller, query),
    async (deps, caller, query) => (await records()).exportAuditRecords(deps, caller, query),
  ),
  'POST /api/staff/audit/subject': auditorRoute<Parameters<typeof dataSubjectReport>[2]>(
    { json: 'GetDataSubjectReport', csv: 'ExportDataSubjectReport' },
    async (deps, caller, query) => (await subjectReport()).dataSubjectReport(deps, caller, query),
    async (deps, caller, query) => (await subjectReport()).exportDataSubjectReport(deps, caller, query),
  ),
} satisfies RouteModule;
