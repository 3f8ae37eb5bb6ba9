/**
 * The public web form's request: one zod schema that the browser and ingest-web both validate
 * with, and the mapping of its issues to the catalogue keys of field-level messages (the texts
 * are looked up where the answer is shown, in the client's language).
 * Uses `zod/mini` to keep the public bundle and the intake function small.
 *
 * A callback (§19.1) is checked here only by the shape of the number (`latvianMobileCandidate`);
 * ingest-web checks the exact mobile ranges again with `latvianMobile` (callback-phone.ts).
 */
import * as z from 'zod/mini';
import { pageIdPattern } from './assistant-request.ts';
import type { Language } from './language.ts';
import { bidiOverrides, controlCharacters, lineBreaks } from './text-characters.ts';
import { topicIds } from './topics.ts';

export const formFields = [
  'name',
  'email',
  'callback',
  'phone',
  'topic',
  'subject',
  'message',
  'consent',
  'language',
] as const;
export type FormField = (typeof formFields)[number];

/** The hidden field that people never fill in and naive bots do. */
export const honeypotField = 'website';

// Names and subjects are one line and carry no bidirectional overrides; a message may break lines.
const cleanLine = z.refine<string>(
  (value) => !controlCharacters.test(value) && !lineBreaks.test(value) && !bidiOverrides.test(value),
  {
    message: 'characters',
  },
);
const cleanText = z.refine<string>((value) => !controlCharacters.test(value), { message: 'characters' });

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max), cleanLine);

/**
 * A Latvian number (eight digits) whose first digit is 2, the mobile range, after `+371`, `00371`,
 * `371` or nothing, with spaces, dashes or brackets anywhere: answers it in E.164 (`+3712…`).
 * Only the shape: ingest-web's `latvianMobile` also refuses numbers outside the allocated mobile
 * ranges (e.g. 2301 xxxx) and is never more lenient than this.
 */
export function latvianMobileCandidate(input: string): string | undefined {
  const digits = /^(?:\+?371|00371)?(2\d{7})$/.exec(input.replace(/[\s()-]/g, ''))?.[1];
  return digits === undefined ? undefined : `+371${digits}`;
}

/** Fields whose own issues already explain a callback's phone number. */
const callbackFields: readonly PropertyKey[] = ['callback', 'phone'];

export const clientRequestSchema = z
  .object({
    name: text(200),
    email: z.string().check(z.trim(), z.maxLength(254), z.email()),
    /** The client asks to be called back on `phone`, which must then be a Latvian mobile number. */
    callback: z.optional(z.boolean()),
    phone: z.optional(z.string().check(z.trim(), z.maxLength(30), z.regex(/^(?:\+?\d[\d ()-]{5,25}\d)?$/))),
    topic: z.enum(topicIds),
    subject: text(200),
    message: z.string().check(z.trim(), z.minLength(1), z.maxLength(20_000), cleanText),
    consent: z.literal(true),
    language: z.enum(['lv', 'en']),
    /**
     * The page load the client asked the assistant from: the request counts as not deflected. A
     * wrong one is dropped, not refused: the request matters, the figure does not.
     */
    assistantPage: z.optional(z.catch(z.optional(z.string().check(z.regex(pageIdPattern))), undefined)),
  })
  .check(
    z.refine(
      (request) => request.callback !== true || latvianMobileCandidate(request.phone ?? '') !== undefined,
      {
        path: ['phone'],
        message: 'callback',
        // Also when other fields are wrong, so that every mistake shows at once; but not on a body
        // that is no object, nor when callback or phone is itself wrong (that issue explains it).
        when: ({ value, issues }) =>
          typeof value === 'object' &&
          value !== null &&
          !issues.some((issue) => issue.path === undefined || callbackFields.includes(issue.path[0] ?? '')),
      },
    ),
  );

export type ClientRequestInput = z.input<typeof clientRequestSchema>;

/** A validated request, with an empty phone number and an unticked callback removed. */
export interface ClientRequest {
  readonly name: string;
  readonly email: string;
  /** The client asks to be called back on `phone` (§19.1); left out when not asked. */
  readonly callback?: true;
  readonly phone?: string;
  readonly topic: (typeof topicIds)[number];
  readonly subject: string;
  readonly message: string;
  readonly language: Language;
  /** The assistant's page id, when the client asked it from the same page (the question log's). */
  readonly assistantPage?: string;
}

/** The catalogue key of the message that explains what is wrong with a field. */
export type ClientRequestMessageKey =
  | 'error.required'
  | 'error.text.characters'
  | 'error.phone.invalid'
  | 'error.phone.callback'
  | `error.${Exclude<FormField, 'phone'>}.invalid`
  | 'error.field.unknown';

/** What is wrong with one field, as a catalogue key. */
export interface FieldIssue {
  readonly field: string;
  readonly key: ClientRequestMessageKey;
}

/** A request checked: valid, or what is wrong with each invalid field (a key, or a message). */
export type ClientRequestResult<Problem> =
  | { readonly ok: true; readonly request: ClientRequest }
  | { readonly ok: false; readonly errors: Problem[] };

export type ClientRequestCheck = ClientRequestResult<FieldIssue>;

/** Checks `data` and names what is wrong with every invalid field once, in the order of the form. */
export function checkClientRequest(data: unknown): ClientRequestCheck {
  const parsed = clientRequestSchema.safeParse(data);
  if (parsed.success) {
    const { phone, callback, consent: _consent, assistantPage, ...rest } = parsed.data;
    return {
      ok: true,
      request: {
        ...rest,
        ...(callback ? { callback } : {}),
        ...(phone ? { phone } : {}),
        ...(assistantPage ? { assistantPage } : {}),
      },
    };
  }
  const raw = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'body');
    if (issues.some((known) => known.field === field)) continue;
    issues.push({
      field,
      key: issue.message === 'characters' ? 'error.text.characters' : keyFor(field, raw),
    });
  }
  // In the order of the form (a callback's phone issue comes last from zod), unknown fields after.
  const position = (field: string) => {
    const index = formFields.indexOf(field as FormField);
    return index === -1 ? formFields.length : index;
  };
  return { ok: false, errors: issues.sort((a, b) => position(a.field) - position(b.field)) };
}

/** A field's message in the client's language, as the HTTP answer and the form show it. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export type ValidationResult = ClientRequestResult<FieldError>;

function keyFor(field: string, raw: Record<string, unknown>): ClientRequestMessageKey {
  const value = raw[field];
  const missing = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  if (missing && field !== 'consent' && field !== 'callback') return 'error.required';
  switch (field) {
    case 'phone':
      // With a callback, any number we cannot call back says why, and what else the client can do.
      return raw.callback === true ? 'error.phone.callback' : 'error.phone.invalid';
    case 'name':
    case 'email':
    case 'callback':
    case 'topic':
    case 'subject':
    case 'message':
    case 'consent':
    case 'language':
      return `error.${field}.invalid`;
    default:
      return 'error.field.unknown';
  }
}

/**
 * The language to answer in: the request's own if it names one of ours, otherwise the first
 * language of `acceptLanguage` we have, otherwise Latvian.
 */
export function requestLanguage(data: unknown, acceptLanguage = ''): Language {
  const language = (data as { language?: unknown } | null)?.language;
  if (language === 'lv' || language === 'en') return language;
  return /^\s*en\b/i.test(acceptLanguage) ? 'en' : 'lv';
}
