/**
 * POST /api/requests: the public web form. Parses and validates the body, then submits it;
 * answers 202 with the reference and the expected answer date.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { honeypotField, requestLanguage, validateClientRequest } from '../../shared/domain/client-request.ts';
import {
  BodyTooLarge,
  InvalidIdempotencyKey,
  MalformedBody,
  ValidationFailed,
} from '../../shared/domain/errors.ts';
import { httpErrorHandler } from '../../shared/http/error-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { logger } from '../../shared/logger.ts';
import { discardSpamSubmission, submitWebRequest } from '../../shared/use-cases/submit-web-request.ts';
import { buildDependencies } from './dependencies.ts';

const dependencies = buildDependencies();
const idempotencyKeyPattern = /^[A-Za-z0-9_-]{8,128}$/;

export async function ingestWeb(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64')
    : Buffer.from(event.body ?? '', 'utf8');
  if (raw.byteLength > dependencies.bodyLimitBytes) throw new BodyTooLarge();
  const data = parseJsonObject(raw.toString('utf8'));

  const idempotencyKey = event.headers?.['idempotency-key'];
  if (idempotencyKey !== undefined && !idempotencyKeyPattern.test(idempotencyKey))
    throw new InvalidIdempotencyKey();
  const context = {
    ...(idempotencyKey ? { idempotencyKey } : {}),
    sourceIPAddress: event.requestContext.http.sourceIp,
    userAgent: event.requestContext.http.userAgent ?? '',
    requestId: event.requestContext.requestId,
  };

  const honeypot = data[honeypotField];
  if (typeof honeypot === 'string' && honeypot.trim() !== '') {
    logger.info('Spam submission discarded', { requestId: context.requestId });
    return json(202, await discardSpamSubmission(dependencies, context));
  }

  const validation = validateClientRequest(data, requestLanguage(data));
  if (!validation.ok) throw new ValidationFailed(validation.errors);

  const receipt = await submitWebRequest(dependencies, validation.request, context);
  logger.info('Request accepted', { requestId: context.requestId, reference: receipt.reference });
  return json(202, receipt);
}

function parseJsonObject(text: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new MalformedBody();
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new MalformedBody();
  return data as Record<string, unknown>;
}

export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
  .use(httpErrorHandler())
  .handler(ingestWeb);
