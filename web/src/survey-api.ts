/**
 * The survey page's two calls. Answers are parsed, never trusted: whatever comes back is checked
 * against the expected shape before it is shown.
 */
import * as z from 'zod/mini';
import type { SurveyAnswer } from '../../shared/domain/survey.ts';

const localized = z.object({ lv: z.string(), en: z.string() });

const viewSchema = z.object({
  reference: z.string(),
  unit: z.object({ id: z.string(), name: localized }),
  answeredAt: z.nullable(z.string()),
  response: z.nullable(
    z.object({
      satisfaction: z.number(),
      answered: z.enum(['yes', 'partly', 'no']),
      comment: z.optional(z.string()),
      respondedAt: z.string(),
      changeableUntil: z.string(),
    }),
  ),
});

export type SurveyPageView = z.infer<typeof viewSchema>;

const refusalSchema = z.object({ error: z.string(), message: localized });
const invalidSchema = z.object({
  error: z.literal('ValidationFailed'),
  fields: z.array(z.object({ field: z.string(), message: localized })),
});

export type SurveyFailure = 'network' | 'server' | 'rateLimited';

export type SurveyOutcome =
  | { readonly kind: 'ok'; readonly view: SurveyPageView }
  | { readonly kind: 'refused'; readonly code: string; readonly message: { lv: string; en: string } }
  | {
      readonly kind: 'invalid';
      readonly fields: readonly { field: string; message: { lv: string; en: string } }[];
    }
  | {
      readonly kind: 'failed';
      readonly reason: SurveyFailure;
      /** The API's own words, when it said why (a body it could not read, or too large). */
      readonly message?: { lv: string; en: string };
    };

const requestTimeoutMs = 30_000;

async function outcomeOf(request: () => Promise<Response>): Promise<SurveyOutcome> {
  let response: Response;
  try {
    response = await request();
  } catch {
    return { kind: 'failed', reason: 'network' };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 200) {
    const view = viewSchema.safeParse(body);
    return view.success ? { kind: 'ok', view: view.data } : { kind: 'failed', reason: 'server' };
  }
  if (response.status === 400) {
    const invalid = invalidSchema.safeParse(body);
    if (invalid.success) return { kind: 'invalid', fields: invalid.data.fields };
  }
  if (response.status === 400 || response.status === 413 || response.status === 415) {
    // The body was refused before it was read: the form stays as it is, with the API's message.
    const refusal = refusalSchema.safeParse(body);
    if (refusal.success) return { kind: 'failed', reason: 'server', message: refusal.data.message };
  }
  if (response.status === 429) return { kind: 'failed', reason: 'rateLimited' };
  if (response.status === 404 || response.status === 409 || response.status === 410) {
    const refusal = refusalSchema.safeParse(body);
    if (refusal.success) return { kind: 'refused', code: refusal.data.error, message: refusal.data.message };
  }
  return { kind: 'failed', reason: 'server' };
}

/**
 * The survey link's token, and the address to show instead when the link still has it in its
 * query: the token belongs in the fragment (`/aptauja/#t=<token>`), which a browser never sends, so
 * that the CDN's access logs never hold it. An older link (`/aptauja/?t=<token>`, as mails sent
 * before said) still works: its address is replaced at once by the fragment form (though the CDN
 * logged that first request).
 */
export function surveyTokenOf(address: {
  readonly search: string;
  readonly hash: string;
  readonly pathname: string;
}): {
  readonly token: string;
  readonly replaceWith?: string;
} {
  const fragment = new URLSearchParams(address.hash.replace(/^#/, '')).get('t');
  const query = new URLSearchParams(address.search);
  const fromQuery = query.get('t');
  if (fromQuery === null) return { token: fragment ?? '' };
  query.delete('t');
  const token = fragment ?? fromQuery;
  const rest = query.toString();
  return {
    token,
    replaceWith: `${address.pathname}${rest ? `?${rest}` : ''}#${new URLSearchParams({ t: token })}`,
  };
}

/**
 * The survey a link names (records nothing): the token in a POST's body, never in a URL the page
 * asks for (`GET /api/survey?t=` stays for other callers).
 */
export function fetchSurvey(token: string): Promise<SurveyOutcome> {
  return outcomeOf(() =>
    fetch('/api/survey/view', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ t: token }),
      signal: AbortSignal.timeout(requestTimeoutMs),
    }),
  );
}

/** Sends the response (given or changed). */
export function sendSurvey(token: string, answer: SurveyAnswer): Promise<SurveyOutcome> {
  return outcomeOf(() =>
    fetch('/api/survey', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ t: token, ...answer }),
      signal: AbortSignal.timeout(requestTimeoutMs),
    }),
  );
}
