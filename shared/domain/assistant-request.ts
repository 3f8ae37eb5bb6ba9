/**
 * The assistant's public requests (`POST /api/assistant/answers`, `POST /api/assistant/feedback`)
 * checked, each wrong field with the catalogue key of its message, as the web form's are. zod/mini:
 * the assistant's function answers while the client types, so its cold start must stay small.
 */
import * as z from 'zod/mini';
import type { Language } from './language.ts';
import { bidiOverrides, controlCharacters } from './text-characters.ts';

/** A page load's id, made by the page (no cookie): the question log's and the form's `assistantPage`. */
export const pageIdPattern = /^[A-Za-z0-9_-]{8,64}$/;
const questionIdPattern = /^[A-Za-z0-9-]{8,64}$/;
const articleIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Why the page asks, when not for a question the client asked: `confirmation` (the form's
 * confirmation names articles for the request's text; at most two answers) and `suggest` (the
 * form's suggestions while the client types; answered as a question). Neither is logged: the form's
 * text is the client's request, not a question, and may name people and addresses.
 */
export const assistantPurposes = ['confirmation', 'suggest'] as const;
export type AssistantPurpose = (typeof assistantPurposes)[number];

/**
 * Where a question was asked: the web form's question box (`form`, the default) or a help page's
 * search (`help`). A help page has no form, so its questions stay out of the deflection rate.
 */
export const questionSources = ['form', 'help'] as const;
export type QuestionSource = (typeof questionSources)[number];

/** A question's length after trimming. */
export const questionLength = { min: 2, max: 500 } as const;

/** Refused as the web form refuses them: controls, unpaired surrogates, bidirectional overrides. */
const cleanQuestion = z.refine<string>(
  (value) => !controlCharacters.test(value) && !bidiOverrides.test(value),
  { message: 'characters' },
);

const questionSchema = z.object({
  q: z
    .string()
    .check(z.trim(), z.minLength(questionLength.min), z.maxLength(questionLength.max), cleanQuestion),
  lang: z.enum(['lv', 'en']),
  page: z.optional(z.string().check(z.regex(pageIdPattern))),
  purpose: z.optional(z.enum(assistantPurposes)),
  source: z.optional(z.enum(questionSources)),
});

const feedbackSchema = z.strictObject({
  questionId: z.string().check(z.regex(questionIdPattern)),
  articleId: z.optional(z.string().check(z.maxLength(80), z.regex(articleIdPattern))),
  helpful: z.boolean(),
});

export interface AssistantQuestion {
  readonly q: string;
  readonly language: Language;
  /** Absent only with a purpose (not logged). */
  readonly pageId?: string | undefined;
  /** Not a question the client asked: not logged (see {@link assistantPurposes}). */
  readonly purpose?: AssistantPurpose | undefined;
  /** Where it was asked; absent: the form. */
  readonly source?: QuestionSource | undefined;
}

export interface AssistantFeedback {
  readonly questionId: string;
  readonly articleId?: string | undefined;
  readonly helpful: boolean;
}

export type AssistantMessageKey =
  | 'error.required'
  | 'error.language.invalid'
  | 'error.field.unknown'
  | 'error.text.characters'
  | 'error.assistant.q.invalid'
  | 'error.assistant.page.invalid'
  | 'error.assistant.purpose.invalid'
  | 'error.assistant.source.invalid'
  | 'error.assistant.questionId.invalid'
  | 'error.assistant.articleId.invalid'
  | 'error.assistant.articleId.notShown'
  | 'error.assistant.helpful.invalid';

export interface AssistantFieldIssue {
  readonly field: string;
  readonly key: AssistantMessageKey;
}

export type AssistantCheck<Request> =
  | { readonly ok: true; readonly request: Request }
  | { readonly ok: false; readonly errors: AssistantFieldIssue[] };

const ownKeys: Readonly<Record<string, AssistantMessageKey>> = {
  q: 'error.assistant.q.invalid',
  lang: 'error.language.invalid',
  page: 'error.assistant.page.invalid',
  purpose: 'error.assistant.purpose.invalid',
  source: 'error.assistant.source.invalid',
  questionId: 'error.assistant.questionId.invalid',
  articleId: 'error.assistant.articleId.invalid',
  helpful: 'error.assistant.helpful.invalid',
};

function issuesOf(error: z.core.$ZodError, raw: unknown): AssistantFieldIssue[] {
  const fields = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const issues: AssistantFieldIssue[] = [];
  for (const issue of error.issues) {
    // An unknown key's issue names the keys, not a path.
    const names = issue.code === 'unrecognized_keys' ? issue.keys : [String(issue.path[0] ?? 'body')];
    for (const field of names) {
      if (issues.some((known) => known.field === field)) continue;
      const value = fields[field];
      const missing = value === undefined || value === null || value === '';
      const key = Object.hasOwn(ownKeys, field) ? ownKeys[field] : undefined;
      issues.push({
        field,
        key:
          key === undefined
            ? 'error.field.unknown'
            : missing
              ? 'error.required'
              : issue.message === 'characters'
                ? 'error.text.characters'
                : key,
      });
    }
  }
  return issues;
}

/** The answers request's body (`q`, `lang`, `page`, `purpose`, `source`). */
export function checkAssistantQuestion(body: unknown): AssistantCheck<AssistantQuestion> {
  const parsed = questionSchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: issuesOf(parsed.error, body) };
  const { q, lang, page, purpose, source } = parsed.data;
  if (page === undefined && purpose === undefined)
    return { ok: false, errors: [{ field: 'page', key: 'error.required' }] };
  return {
    ok: true,
    request: { q, language: lang, pageId: page, purpose, ...(source ? { source } : {}) },
  };
}

/** The feedback's body (`questionId`, `articleId`, `helpful`); nothing else may be in it. */
export function checkAssistantFeedback(body: unknown): AssistantCheck<AssistantFeedback> {
  const parsed = feedbackSchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: issuesOf(parsed.error, body) };
  return { ok: true, request: parsed.data };
}
