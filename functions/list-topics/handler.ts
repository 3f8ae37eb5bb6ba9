/** GET /api/topics: the topic catalogue for the web form. */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { topics } from '../../shared/domain/topics.ts';
import { httpErrorHandler } from '../../shared/http/error-handler.ts';
import { json } from '../../shared/http/responses.ts';

const body = topics.map((topic) => ({ id: topic.id, label: topic.label }));

export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
  .use(httpErrorHandler())
  .handler(async () => json(200, body, { 'cache-control': 'public, max-age=300' }));
