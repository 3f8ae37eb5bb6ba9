/**
 * The assistant's two public calls (`POST /api/assistant/answers`, `POST /api/assistant/feedback`).
 * As in `api.ts`, answers are parsed before they are shown, and an article's address must be one
 * of our help pages: a tampered answer cannot turn a suggestion into a `javascript:` or foreign link.
 */
import * as z from 'zod/mini';
import type { Language } from '../../shared/domain/language.ts';
import { articlePath, helpPathPrefixes } from '../../shared/knowledge/urls.ts';

export interface AssistantAnswer {
  readonly articleId: string;
  readonly topic: string;
  readonly title: string;
  readonly snippet: string;
  readonly url: string;
  /**
   * The article's language, read from its address: the search falls back to the other language
   * when the asked one has no answer (a Latvian question typed with the English page).
   */
  readonly language: Language;
}

export interface AssistantAnswers {
  readonly questionId: string;
  /** Best first; empty when the knowledge base has no answer. */
  readonly answers: readonly AssistantAnswer[];
}

/** What went wrong with a question: the server's words for a field, or nothing to say but "later". */
export type AnswersFailure =
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'failed' };

export interface AnswersQuery {
  readonly text: string;
  readonly language: Language;
  readonly page: string;
  /**
   * Not a question the client asked, so never logged: `confirmation` (at most two answers) or
   * `suggest` (the suggestions while the client types the form).
   */
  readonly purpose?: 'confirmation' | 'suggest';
}

/** The API's limits on a question (characters, after trimming). */
export const questionLength = { min: 2, max: 500 } as const;

const helpUrl = z
  .string()
  .check(z.refine((url) => helpPathPrefixes.some((prefix) => url.startsWith(prefix)) && !url.includes('//')));

const englishPrefix = articlePath('x', 'en').slice(0, -'x/'.length);

const answersSchema = z.object({
  questionId: z.string(),
  answers: z.array(
    z.object({
      articleId: z.string(),
      topic: z.string(),
      title: z.string(),
      snippet: z.string(),
      url: helpUrl,
    }),
  ),
});

const invalidSchema = z.object({
  errors: z.array(z.object({ field: z.string(), message: z.string() })).check(z.minLength(1)),
});

const timeoutMs = 15_000;

function withTimeout(signal: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  // AbortSignal.any is recent (2023); without it a stale request is still cancelled, just not timed.
  if (!signal) return timeout;
  return typeof AbortSignal.any === 'function' ? AbortSignal.any([signal, timeout]) : signal;
}

/** `text` trimmed, its spaces collapsed and cut at a word to the API's length limit. */
export function questionText(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  if (collapsed.length <= questionLength.max) return collapsed;
  const cut = collapsed.slice(0, questionLength.max + 1);
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > 0 ? cut.slice(0, lastSpace) : cut.slice(0, questionLength.max)).trim();
}

/**
 * Asks the knowledge base. Answers the answers, or why not; a cancelled request (`signal`)
 * answers `failed`, and the caller, who cancelled it, ignores it.
 */
export async function fetchAnswers(
  query: AnswersQuery,
  signal?: AbortSignal,
): Promise<AssistantAnswers | AnswersFailure> {
  // In the body: a question may name the client, and the CDN's access logs keep query strings.
  const asked = {
    q: query.text,
    lang: query.language,
    page: query.page,
    ...(query.purpose ? { purpose: query.purpose } : {}),
  };
  try {
    const response = await fetch('/api/assistant/answers', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(asked),
      signal: withTimeout(signal),
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok) {
      const parsed = answersSchema.safeParse(body);
      if (!parsed.success) return { kind: 'failed' };
      return {
        questionId: parsed.data.questionId,
        answers: parsed.data.answers.map((answer) => ({
          ...answer,
          language: answer.url.startsWith(englishPrefix) ? 'en' : 'lv',
        })),
      };
    }
    const invalid = response.status === 400 ? invalidSchema.safeParse(body) : undefined;
    return invalid?.success
      ? { kind: 'invalid', message: invalid.data.errors[0]?.message ?? '' }
      : { kind: 'failed' };
  } catch {
    return { kind: 'failed' };
  }
}

/** Whether the answer to `questionId` helped; best effort, as nothing waits for it. */
export async function sendFeedback(feedback: {
  readonly questionId: string;
  readonly articleId?: string;
  readonly helpful: boolean;
}): Promise<void> {
  try {
    await fetch('/api/assistant/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(feedback),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    // The client has their answer either way; a lost vote costs only a figure in the question log.
  }
}

/** Whether fetchAnswers answered answers (and not a failure). */
export function isAnswers(result: AssistantAnswers | AnswersFailure): result is AssistantAnswers {
  return 'answers' in result;
}
