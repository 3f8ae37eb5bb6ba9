/**
 * The client survey's public API, built on its dependencies (`handler.ts` gives it the real ones,
 * tests the memory adapters) (§26): `POST /api/survey/view` `{ t }` shows what the page needs and
 * records nothing — the page's own call, the token in the body: a URL's query string goes into the
 * CDN's access logs, and the token names a ticket; `GET /api/survey?t=` answers the same (the issue
 * 17 contract, kept for those who call it); `POST /api/survey` records the response. Refusals are
 * `{ error, message: { lv, en } }`; a 400 names each field, in both languages, and — as the web
 * form's 400 — in the client's language under `errors`.
 */
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  BodyTooLarge,
  DomainError,
  MalformedBody,
  UnsupportedContentType,
} from '../../shared/domain/errors.ts';
import type { Language } from '../../shared/domain/language.ts';
import { checkSurveyAnswer, type SurveyFieldIssue, SurveyRefused } from '../../shared/domain/survey.ts';
import { httpErrorHandler } from '../../shared/http/error-handler.ts';
import { type JsonBodyContext, jsonBody } from '../../shared/http/middleware/json-body.ts';
import { clientAddressOf } from '../../shared/http/middleware/origin-guard.ts';
import { json } from '../../shared/http/responses.ts';
import {
  type SurveyBodyRefusal,
  surveyBodyMessage,
  surveyFieldMessage,
  surveyInvalidMessage,
  surveyRefusalMessage,
} from '../../shared/i18n/survey-messages.ts';
import { readSurvey } from '../../shared/use-cases/survey/read-survey.ts';
import {
  recordSurveyRefusal,
  respondToSurvey,
  type SurveyRequestOrigin,
} from '../../shared/use-cases/survey/respond-to-survey.ts';
import type { SurveyApiDeps } from './dependencies.ts';

const readRoute = 'GET /api/survey';
const viewRoute = 'POST /api/survey/view';
const respondRoute = 'POST /api/survey';
/** A response is a token, two choices and at most 1,000 characters (up to 4 bytes each, escaped). */
const bodyLimitBytes = 8 * 1024;

function languageOf(event: APIGatewayProxyEventV2): Language {
  return /^\s*en\b/i.test(event.headers?.['accept-language'] ?? '') ? 'en' : 'lv';
}

function originOf(event: APIGatewayProxyEventV2): SurveyRequestOrigin {
  return {
    sourceIPAddress: clientAddressOf(event),
    userAgent: event.requestContext.http.userAgent ?? '',
    requestId: event.requestContext.requestId,
  };
}

/** The 400 of a response with wrong fields. */
export function validationFailed(issues: readonly SurveyFieldIssue[], language: Language) {
  const fields = issues.map(({ field, key }) => ({ field, message: surveyFieldMessage(key) }));
  return json(400, {
    error: 'ValidationFailed',
    message: surveyInvalidMessage(),
    fields,
    errors: fields.map(({ field, message }) => ({ field, message: message[language] })),
  });
}

async function answered(run: () => Promise<unknown>): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    return json(200, await run());
  } catch (error) {
    if (!(error instanceof SurveyRefused)) throw error;
    return json(error.status, { error: error.code, message: surveyRefusalMessage(error.code) });
  }
}

export function surveyApi(deps: SurveyApiDeps) {
  return async (
    event: APIGatewayProxyEventV2,
    context: JsonBodyContext,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    if (event.routeKey === readRoute) {
      return answered(() => readSurvey(deps, event.queryStringParameters?.t ?? ''));
    }
    if (event.routeKey === viewRoute) {
      const token = context.jsonBody?.t;
      return answered(() => readSurvey(deps, typeof token === 'string' ? token : ''));
    }
    const check = checkSurveyAnswer(context.jsonBody ?? {});
    if (!check.ok) {
      await recordSurveyRefusal(deps, originOf(event), 'ValidationFailed', undefined, {
        fields: check.errors.map((issue) => issue.field),
        unknownKeys: check.unknownKeys,
      });
      return validationFailed(check.errors, languageOf(event));
    }
    return answered(() => respondToSurvey(deps, check.token, check.answer, originOf(event)));
  };
}

const bodyRefusals: ReadonlySet<string> = new Set<SurveyBodyRefusal>([
  'MalformedBody',
  'BodyTooLarge',
  'UnsupportedContentType',
]);
const isBodyRefusal = (name: string): name is SurveyBodyRefusal => bodyRefusals.has(name);

/**
 * A body refused before it is read (not JSON, too large, not sent as JSON) is audited as the other
 * refusals are, and answered as they are — `{ error, message: { lv, en } }` — so that the page can
 * say what went wrong. Any other error goes on to the generic handler.
 */
function bodyRefusal(
  deps: SurveyApiDeps,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async ({ event, error }) => {
      if (!(error instanceof DomainError)) return undefined;
      await recordSurveyRefusal(deps, originOf(event), error.name);
      if (!isBodyRefusal(error.name)) return undefined;
      // Returned, not only set: the answer is final (middy stops the error chain here).
      return json(error.status, { error: error.name, message: surveyBodyMessage(error.name) });
    },
  };
}

/** `guard`: the origin guard (`handler.ts` gives the cloud's; tests of the routes themselves none). */
export function surveyHandler(
  deps: SurveyApiDeps,
  guard?: MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>,
) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpErrorHandler())
    .use(guard ?? [])
    .use(bodyRefusal(deps))
    .use(
      jsonBody({
        when: (event) => event.routeKey === respondRoute || event.routeKey === viewRoute,
        unsupportedType: () => new UnsupportedContentType(),
        limit: { bytes: bodyLimitBytes, error: () => new BodyTooLarge() },
        malformed: () => new MalformedBody(),
      }),
    )
    .handler(surveyApi(deps));
}
