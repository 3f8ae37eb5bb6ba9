/**
 * The assistant's public API (§20.2): `POST /api/assistant/answers` answers a question with published
 * articles, `POST /api/assistant/feedback` records whether an answer helped. Both take JSON bodies:
 * a question may name the client, and the CDN's access logs keep query strings. Bad input is a 400
 * naming each field in the client's language, as the web form's errors are.
 */
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { checkAssistantFeedback, checkAssistantQuestion } from '../../shared/domain/assistant-request.ts';
import {
  ArticleNotShown,
  BodyTooLarge,
  MalformedBody,
  UnsupportedContentType,
  ValidationFailed,
} from '../../shared/domain/errors.ts';
import type { Language } from '../../shared/domain/language.ts';
import { httpErrorHandler } from '../../shared/http/error-handler.ts';
import { type JsonBodyContext, jsonBody } from '../../shared/http/middleware/json-body.ts';
import { json } from '../../shared/http/responses.ts';
import { assistantFieldErrors } from '../../shared/i18n/messages.ts';
import { answerQuestion } from '../../shared/use-cases/answer-question.ts';
import { recordAssistantFeedback } from '../../shared/use-cases/assistant-feedback.ts';
import { cloudOriginGuard } from '../origin-guard.ts';
import { pseudonymKey } from '../pseudonym-key.ts';
import { type AssistantApiDeps, buildDependencies } from './dependencies.ts';

const answersRoute = 'POST /api/assistant/answers';
const feedbackRoute = 'POST /api/assistant/feedback';
/** A feedback body is three short fields. */
const feedbackBodyLimitBytes = 2048;
/** A question is at most 500 characters (up to 4 bytes each in UTF-8), with four short fields. */
const answersBodyLimitBytes = 4096;

/** The language of the messages: the asked `lang` when it is ours, else Accept-Language. */
function clientLanguage(event: APIGatewayProxyEventV2, declared: unknown): Language {
  if (declared === 'lv' || declared === 'en') return declared;
  return /^\s*en\b/i.test(event.headers?.['accept-language'] ?? '') ? 'en' : 'lv';
}

export function assistantApi(deps: AssistantApiDeps) {
  return async (
    event: APIGatewayProxyEventV2,
    context: JsonBodyContext,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const body = context.jsonBody ?? {};
    if (event.routeKey === answersRoute) {
      const check = checkAssistantQuestion(body);
      if (!check.ok)
        throw new ValidationFailed(assistantFieldErrors(check.errors, clientLanguage(event, body.lang)));
      return json(200, await answerQuestion(deps, check.request));
    }
    const check = checkAssistantFeedback(body);
    if (!check.ok)
      throw new ValidationFailed(assistantFieldErrors(check.errors, clientLanguage(event, undefined)));
    try {
      await recordAssistantFeedback(deps, check.request);
    } catch (error) {
      if (!(error instanceof ArticleNotShown)) throw error;
      throw new ValidationFailed(
        assistantFieldErrors(
          [{ field: 'articleId', key: 'error.assistant.articleId.notShown' }],
          clientLanguage(event, undefined),
        ),
      );
    }
    return { statusCode: 204, headers: json(204, null).headers };
  };
}

/** The JSON body of `route`, at most `bytes` long. */
function bodyOf(route: string, bytes: number) {
  return jsonBody({
    when: (event) => event.routeKey === route,
    unsupportedType: () => new UnsupportedContentType(),
    limit: { bytes, error: () => new BodyTooLarge() },
    malformed: () => new MalformedBody(),
  });
}

/**
 * The origin guard first (`guard`: the cloud's from `handler`, none in tests of the routes), then the
 * key: a logged question is linked to the subjects it names by keyed pseudonyms.
 */
export function assistantHandler(
  deps: AssistantApiDeps,
  guard?: MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>,
) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpErrorHandler())
    .use(guard ?? [])
    .use(pseudonymKey())
    .use(bodyOf(answersRoute, answersBodyLimitBytes))
    .use(bodyOf(feedbackRoute, feedbackBodyLimitBytes))
    .handler(assistantApi(deps));
}

export const handler = assistantHandler(buildDependencies(), cloudOriginGuard());
