/**
 * POST /api/requests: the public web form. Parses and validates the body, then submits it;
 * answers 202 with the reference and the expected answer date. Refused requests are audited.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { honeypotField, requestLanguage, validateClientRequest } from '../../shared/domain/client-request.ts';
import {
  BodyTooLarge,
  DomainError,
  InvalidIdempotencyKey,
  MalformedBody,
  UnsupportedContentType,
  ValidationFailed,
} from '../../shared/domain/errors.ts';
import { httpErrorHandler } from '../../shared/http/error-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { logger } from '../../shared/logger.ts';
import {
  discardSpamSubmission,
  recordRejectedSubmission,
  type SubmissionContext,
  submitWebRequest,
} from '../../shared/use-cases/submit-web-request.ts';
import { buildDependencies } from './dependencies.ts';

const dependencies = buildDependencies();
const idempotencyKeyPattern = /^[A-Za-z0-9_-]{8,128}$/;
/** JSON only: a browser cannot send it to another site without a CORS preflight, unlike a form post. */
const jsonContentType = /^application\/json\s*(;.*)?$/i;

export async function ingestWeb(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const idempotencyKey = event.headers?.['idempotency-key'];
  const context: SubmissionContext = {
    ...(idempotencyKey ? { idempotencyKey } : {}),
    sourceIPAddress: event.requestContext.http.sourceIp,
    userAgent: event.requestContext.http.userAgent ?? '',
    requestId: event.requestContext.requestId,
  };
  try {
    return await accept(event, context);
  } catch (error) {
    if (error instanceof DomainError) await auditRefusal(context, error);
    throw error;
  }
}

async function accept(
  event: APIGatewayProxyEventV2,
  context: SubmissionContext,
): Promise<APIGatewayProxyStructuredResultV2> {
  if (!jsonContentType.test(event.headers?.['content-type'] ?? '')) throw new UnsupportedContentType();
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64')
    : Buffer.from(event.body ?? '', 'utf8');
  if (raw.byteLength > dependencies.bodyLimitBytes) throw new BodyTooLarge();
  const data = parseJsonObject(raw.toString('utf8'));
  if (context.idempotencyKey !== undefined && !idempotencyKeyPattern.test(context.idempotencyKey)) {
    throw new InvalidIdempotencyKey();
  }

  const validation = validateClientRequest(data, requestLanguage(data, event.headers?.['accept-language']));
  if (!validation.ok) throw new ValidationFailed(validation.errors);

  // Checked after validation, so that a bot learns nothing from how the answer differs.
  const honeypot = data[honeypotField];
  if (typeof honeypot === 'string' && honeypot.trim() !== '') {
    logger.info('Spam submission discarded', { requestId: context.requestId });
    return json(202, await discardSpamSubmission(dependencies, validation.request, context));
  }

  const receipt = await submitWebRequest(dependencies, validation.request, context);
  logger.info('Request accepted', { requestId: context.requestId, reference: receipt.reference });
  return json(202, receipt);
}

async function auditRefusal(context: SubmissionContext, error: DomainError): Promise<void> {
  try {
    await recordRejectedSubmission(dependencies, context, {
      errorCode: error.name,
      errorMessage: error.messageKey,
      ...(error.fieldErrors ? { fields: error.fieldErrors.map((fieldError) => fieldError.field) } : {}),
    });
  } catch (auditError) {
    // The client still gets its 4xx; the failure to audit is logged and alarmed on.
    logger.error('Audit of a refused request failed', {
      requestId: context.requestId,
      errorName: auditError instanceof Error ? auditError.name : typeof auditError,
    });
  }
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
