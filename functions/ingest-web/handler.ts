/**
 * POST /api/requests: the public web form. Parses and validates the body, then submits it;
 * answers 202 with the reference and the expected answer date. Refused requests are audited.
 */
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { honeypotField, requestLanguage } from '../../shared/domain/client-request.ts';
import {
  BodyTooLarge,
  DomainError,
  InvalidIdempotencyKey,
  MalformedBody,
  UnsupportedContentType,
  ValidationFailed,
} from '../../shared/domain/errors.ts';
import { httpErrorHandler } from '../../shared/http/error-handler.ts';
import { type JsonBodyContext, jsonBody } from '../../shared/http/middleware/json-body.ts';
import { clientAddressOf } from '../../shared/http/middleware/origin-guard.ts';
import { json } from '../../shared/http/responses.ts';
import { validateClientRequest } from '../../shared/i18n/messages.ts';
import { logger } from '../../shared/logger.ts';
import { markRequestFromPage } from '../../shared/use-cases/assistant-feedback.ts';
import {
  discardSpamSubmission,
  recordRejectedSubmission,
  type SubmissionContext,
  submitWebRequest,
} from '../../shared/use-cases/submit-web-request.ts';
import { cloudOriginGuard } from '../origin-guard.ts';
import { pseudonymKey } from '../pseudonym-key.ts';
import { buildDependencies } from './dependencies.ts';

const dependencies = buildDependencies();
const idempotencyKeyPattern = /^[A-Za-z0-9_-]{8,128}$/;

function submissionOf(event: APIGatewayProxyEventV2): SubmissionContext {
  const idempotencyKey = event.headers?.['idempotency-key'];
  return {
    ...(idempotencyKey ? { idempotencyKey } : {}),
    sourceIPAddress: clientAddressOf(event),
    userAgent: event.requestContext.http.userAgent ?? '',
    requestId: event.requestContext.requestId,
  };
}

export async function ingestWeb(
  event: APIGatewayProxyEventV2,
  context: JsonBodyContext,
): Promise<APIGatewayProxyStructuredResultV2> {
  const submission = submissionOf(event);
  const data = context.jsonBody ?? {};
  if (submission.idempotencyKey !== undefined && !idempotencyKeyPattern.test(submission.idempotencyKey)) {
    throw new InvalidIdempotencyKey();
  }

  const validation = validateClientRequest(data, requestLanguage(data, event.headers?.['accept-language']));
  if (!validation.ok) throw new ValidationFailed(validation.errors);

  // Checked after validation, so that a bot learns nothing from how the answer differs.
  const honeypot = data[honeypotField];
  if (typeof honeypot === 'string' && honeypot.trim() !== '') {
    logger.info('Spam submission discarded', { requestId: submission.requestId });
    return json(202, await discardSpamSubmission(dependencies, validation.request, submission));
  }

  const { assistantPage, ...request } = validation.request;
  const receipt = await submitWebRequest(dependencies, request, submission);
  logger.info('Request accepted', { requestId: submission.requestId, reference: receipt.reference });
  if (assistantPage) await markAssistantPage(assistantPage, submission.requestId);
  return json(202, receipt);
}

/**
 * The page the client asked the assistant from, marked as one a request came from (the question
 * log's deflection). The request is accepted already: a failure here is logged, not answered.
 */
async function markAssistantPage(pageId: string, requestId: string): Promise<void> {
  try {
    await markRequestFromPage(dependencies, pageId);
  } catch (error) {
    logger.warn('Assistant page not marked', {
      requestId,
      errorName: error instanceof Error ? error.name : typeof error,
    });
  }
}

/** Each refused request (a domain error) audited, then answered by the error handler. */
function refusalAudit(): MiddlewareObj<APIGatewayProxyEventV2> {
  return {
    onError: async ({ event, error }) => {
      if (!(error instanceof DomainError)) return;
      const submission = submissionOf(event);
      try {
        await recordRejectedSubmission(dependencies, submission, {
          errorCode: error.name,
          errorMessage: error.messageKey,
          ...(error.fieldErrors ? { fields: error.fieldErrors.map((fieldError) => fieldError.field) } : {}),
        });
      } catch (auditError) {
        // The client still gets its 4xx; the failure to audit is logged and alarmed on.
        logger.error('Audit of a refused request failed', {
          requestId: submission.requestId,
          errorName: auditError instanceof Error ? auditError.name : typeof auditError,
        });
      }
    },
  };
}

export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
  .use(httpErrorHandler())
  .use(cloudOriginGuard())
  .use(pseudonymKey())
  .use(refusalAudit())
  .use(
    jsonBody({
      unsupportedType: () => new UnsupportedContentType(),
      limit: { bytes: dependencies.bodyLimitBytes, error: () => new BodyTooLarge() },
      malformed: () => new MalformedBody(),
    }),
  )
  .handler(ingestWeb);
