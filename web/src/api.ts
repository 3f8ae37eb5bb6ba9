/**
 * The form's own two calls (the assistant's are in assistant-api.ts). Responses are parsed, never
 * trusted: whatever the server (or something in between) sends back is checked against the
 * expected shape before it is shown.
 */
import * as z from 'zod/mini';
import type { ClientRequest, FieldError } from '../../shared/domain/client-request.ts';
import type { LocalizedText } from '../../shared/domain/language.ts';

export interface TopicOption {
  readonly id: string;
  readonly label: LocalizedText;
}

/**
 * What the form sends: the validated request plus the consent it was given, the honeypot, and the
 * page load's id, so the question log can tell that a request followed the assistant's questions.
 */
export type RequestPayload = ClientRequest & {
  readonly consent: true;
  readonly website?: string;
  readonly assistantPage?: string;
};

export interface AcceptedRequest {
  readonly reference: string;
  readonly expectedAnswerBy: string;
  readonly answerDeadline?: string;
  /** The unit that will answer (§16). */
  readonly competence?: { readonly id: string; readonly label: LocalizedText };
}

/** Why a request was not accepted, as far as the form needs to tell the person. */
export type FailureReason = 'network' | 'tooLarge' | 'rateLimited' | 'server';

export type SubmitOutcome =
  | { readonly kind: 'accepted'; readonly accepted: AcceptedRequest }
  | { readonly kind: 'invalid'; readonly errors: FieldError[] }
  | { readonly kind: 'failed'; readonly reason: FailureReason; readonly requestId?: string };

const topicsSchema = z.array(
  z.object({ id: z.string(), label: z.object({ lv: z.string(), en: z.string() }) }),
);

const acceptedSchema = z.object({
  reference: z.string(),
  expectedAnswerBy: z.string(),
  answerDeadline: z.optional(z.string()),
  competence: z.optional(z.object({ id: z.string(), label: z.object({ lv: z.string(), en: z.string() }) })),
});

const invalidSchema = z.object({
  errors: z.array(z.object({ field: z.string(), message: z.string() })).check(z.minLength(1)),
});

/** A 500 answer names the request, so that support can find it in the logs. */
const failedSchema = z.object({ requestId: z.string().check(z.regex(/^[\w-]{1,100}$/)) });

const requestTimeoutMs = 30_000;

/** The topic catalogue from `GET /api/topics`, or undefined if it cannot be loaded. */
export async function fetchTopics(): Promise<TopicOption[] | undefined> {
  try {
    const response = await fetch('/api/topics', {
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    if (!response.ok) return undefined;
    const parsed = topicsSchema.safeParse(await response.json());
    return parsed.success && parsed.data.length > 0 ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Sends the request once; the caller decides about retries and reuses `idempotencyKey` for them. */
export async function submitRequest(payload: RequestPayload, idempotencyKey: string): Promise<SubmitOutcome> {
  let response: Response;
  try {
    response = await fetch('/api/requests', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'Idempotency-Key': idempotencyKey,
      },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
  } catch {
    return { kind: 'failed', reason: 'network' };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 202 || response.status === 200 || response.status === 201) {
    const accepted = acceptedSchema.safeParse(body);
    // Accepted but unreadable: a retry with the same key returns the same answer, so say "try again".
    return accepted.success
      ? { kind: 'accepted', accepted: accepted.data }
      : { kind: 'failed', reason: 'server' };
  }
  if (response.status === 400 || response.status === 422) {
    const invalid = invalidSchema.safeParse(body);
    if (invalid.success) return { kind: 'invalid', errors: invalid.data.errors };
  }
  if (response.status === 413) return { kind: 'failed', reason: 'tooLarge' };
  if (response.status === 429) return { kind: 'failed', reason: 'rateLimited' };
  const failed = failedSchema.safeParse(body);
  return failed.success
    ? { kind: 'failed', reason: 'server', requestId: failed.data.requestId }
    : { kind: 'failed', reason: 'server' };
}
