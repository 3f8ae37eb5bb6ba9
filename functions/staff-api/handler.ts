/**
 * The staff API (`/api/staff/*`, and the public `GET /api/auth/config`): the routes of
 * `routes/<area>.ts`, behind middlewares that find the caller and the route, parse and check the
 * request against the contract, and answer refusals (400/403/404/409/413/422, each audited) and CSV
 * downloads.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { httpErrorHandler } from '../../shared/http/error-handler.ts';
import { csvDownload, type ResponseOrDownload } from '../../shared/http/middleware/csv-download.ts';
import { cloudOriginGuard } from '../origin-guard.ts';
import { pseudonymKey } from '../pseudonym-key.ts';
import { buildDependencies } from './dependencies.ts';
import { checkedRequest } from './middleware/checked-request.ts';
import { refusals } from './middleware/refusals.ts';
import { publicRoutes, staffCall } from './middleware/staff-call.ts';
import { staffRouteTable } from './routes/index.ts';
import { runRoute } from './routes/route.ts';
import { authConfigRoutes } from './routes/session.ts';

const deps = buildDependencies();

// Befores run in this order, onErrors the other way round: a refusal is answered before the error
// handler would make it a 500. The origin guard is the first before: a request that did not come
// through CloudFront is refused before any key is loaded or any route looked at.
export const handler = middy<APIGatewayProxyEventV2, ResponseOrDownload>()
  .use(httpErrorHandler())
  .use(cloudOriginGuard())
  .use(pseudonymKey())
  .use(publicRoutes(authConfigRoutes, deps))
  .use(staffCall(staffRouteTable, deps))
  .use(refusals(deps))
  .use(checkedRequest())
  .use(csvDownload())
  .handler(runRoute(deps));
