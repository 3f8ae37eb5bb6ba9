/**
 * One middleware maps errors to HTTP responses. Domain errors (< 500) are shown to the client in
 * their language; anything else is logged and answered with a generic 500 and the request id,
 * never with internals (as middy's http-error-handler exposes details only below 500).
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError } from '../domain/errors.ts';
import type { Language } from '../domain/language.ts';
import { message } from '../i18n/messages.ts';
import { loggedError } from '../logged-error.ts';
import { logger } from '../logger.ts';
import { json } from './responses.ts';

/** The client's language: the body's `language` if it is one of ours, else Accept-Language, else Latvian. */
export function languageOf(event: APIGatewayProxyEventV2): Language {
  const body = event.body ?? '';
  const declared = /"language"\s*:\s*"(lv|en)"/.exec(body.length < 1_000_000 ? body : '')?.[1];
  if (declared === 'lv' || declared === 'en') return declared;
  const accept = event.headers?.['accept-language'] ?? '';
  return /^\s*en\b/i.test(accept) ? 'en' : 'lv';
}

export function errorResponse(
  error: unknown,
  event: APIGatewayProxyEventV2,
): APIGatewayProxyStructuredResultV2 {
  const language = languageOf(event);
  if (error instanceof DomainError) {
    if (error.fieldErrors) return json(error.status, { errors: error.fieldErrors });
    return json(error.status, { message: message(language, error.messageKey) });
  }
  const requestId = event.requestContext?.requestId ?? 'unknown';
  // The error's name, code, HTTP status and category: never its message, which may quote request data.
  logger.error('Unhandled error', { requestId, ...loggedError(error) });
  return json(500, { message: message(language, 'error.internal'), requestId });
}

export function httpErrorHandler(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      request.response = errorResponse(request.error, request.event);
    },
  };
}
