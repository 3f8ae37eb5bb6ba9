/** GET /api/topics: the topic catalogue for the web form. */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { httpErrorHandler } from '../../shared/http/error-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { cloudOriginGuard } from '../origin-guard.ts';
import { buildDependencies } from './dependencies.ts';

const { topics } = buildDependencies();

export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
  .use(httpErrorHandler())
  .use(cloudOriginGuard())
  .handler(async () => json(200, topics, { 'cache-control': 'public, max-age=300' }));
