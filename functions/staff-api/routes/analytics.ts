/** The service-quality figures (§26, §27): supervisors for their units, administrators for all. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Download } from '../../../shared/http/middleware/csv-download.ts';
import type { RouteModule } from './route.ts';

/** Loaded by the first call that needs them: few staff read the figures, and the cold start serves all. */
const figures = () => import('../../../shared/use-cases/figures/service-figures.ts');
const figuresCsv = () => import('../../../shared/use-cases/figures/figures-csv.ts');

/** CSV asked for: `format=csv`, or `Accept: text/csv` without `format=json`. */
function wantsCsv(event: APIGatewayProxyEventV2): boolean {
  const format = event.queryStringParameters?.format;
  return format === 'csv' || (format === undefined && /\btext\/csv\b/i.test(event.headers?.accept ?? ''));
}

export const analyticsRoutes = {
  'GET /api/staff/analytics': {
    eventName: 'GetServiceFigures',
    eventNameOf: (event) => (wantsCsv(event) ? 'ExportServiceFigures' : 'GetServiceFigures'),
    run: async ({ deps, caller, event, query, language }) => {
      const { format: _format, ...rest } = query;
      return wantsCsv(event)
        ? new Download(
            await (await figuresCsv()).exportServiceFigures(deps.analytics, caller, rest, language),
          )
        : (await figures()).serviceFigures(deps.analytics, caller, rest);
    },
  },
} satisfies RouteModule;
