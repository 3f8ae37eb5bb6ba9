/**
 * The public web form's request: one zod schema that the browser and ingest-web both validate
 * with, and the mapping of its issues to field-level messages in the client's language.
 * Uses `zod/mini` to keep the public bundle and the intake function small.
 */
import * as z from 'zod/mini';
import { type MessageKey, message } from '../i18n/messages.ts';
import { type Language, topicIds } from './topics.ts';

export const formFields = [
  'name',
  'email',
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

/**
 * Characters that have no place in a request: C0/C1 controls (tabs and line breaks only in the
 * message), the noncharacters U+FFFE/U+FFFF and unpaired surrogates. Names and subjects also may
 * not carry bidirectional overrides, which can make text display as something else.
 */
const controls =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const lineBreaks = /[\t\n\r]/;
const bidiOverrides = /[\u202a-\u202e\u2066-\u2069]/;

const cleanLine = z.refine<string>(
  (value) => !controls.test(value) && !lineBreaks.test(value) && !bidiOverrides.test(value),
  {
    message: 'characters',
  },
);
const cleanText = z.refine<string>((value) => !controls.test(value), { message: 'characters' });

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max), cleanLine);

export const clientRequestSchema = z.object({
  name: text(200),
  email: z.string().check(z.trim(), z.maxLength(254), z.email()),
  phone: z.optional(z.string().check(z.trim(), z.maxLength(30), z.regex(/^(?:\+?\d[\d ()-]{5,25}\d)?$/))),
  topic: z.enum(topicIds),
  subject: text(200),
  message: z.string().check(z.trim(), z.minLength(1), z.maxLength(20_000), cleanText),
  consent: z.literal(true),
  language: z.enum(['lv', 'en']),
});

export type ClientRequestInput = z.input<typeof clientRequestSchema>;

/** A validated request, with an empty phone number removed. */
export interface ClientRequest {
  readonly name: string;
  readonly email: string;
  readonly phone?: string;
  readonly topic: (typeof topicIds)[number];
  readonly subject: string;
  readonly message: string;
  readonly language: Language;
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export type ValidationResult =
  | { readonly ok: true; readonly request: ClientRequest }
  | { readonly ok: false; readonly errors: FieldError[] };

/** Validates `data` and explains every invalid field once, in `language`. */
export function validateClientRequest(data: unknown, language: Language): ValidationResult {
  const parsed = clientRequestSchema.safeParse(data);
  if (parsed.success) {
    const { phone, consent: _consent, ...rest } = parsed.data;
    return { ok: true, request: phone ? { ...rest, phone } : rest };
  }
  const raw = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'body');
    if (errors.some((error) => error.field === field)) continue;
    const key = issue.message === 'characters' ? 'error.text.characters' : messageKeyFor(field, raw[field]);
    errors.push({ field, message: message(language, key) });
  }
  return { ok: false, errors };
}

function messageKeyFor(field: string, value: unknown): MessageKey {
  const missing = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  if (missing && field !== 'consent') return 'error.required';
  switch (field) {
    case 'name':
    case 'email':
    case 'phone':
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
