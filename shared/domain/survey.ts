/**
 * A client's survey response (§26): satisfaction 1–5, whether the question was answered, an
 * optional comment. One per ticket, changeable for `surveyChangeDays` after it was first given;
 * only for a ticket answered or closed. The checks of a response are here, each wrong field with
 * the catalogue key of its message, so that the page and the API refuse the same input alike.
 * zod/mini: survey-api's cold start is as small as the web form's.
 */
import * as z from 'zod/mini';
import { bidiOverrides, controlCharacters } from './text-characters.ts';
import type { TicketStatus } from './ticket.ts';

export const satisfactionScores = [1, 2, 3, 4, 5] as const;
export type Satisfaction = (typeof satisfactionScores)[number];
export const answeredChoices = ['yes', 'partly', 'no'] as const;
export type Answered = (typeof answeredChoices)[number];

/** The longest comment, in characters (UTF-16 code units, as the page's counter and `maxlength`). */
export const surveyCommentMaxLength = 1000;

/** Zero-width characters, which hide text or make two comments look alike. */
export const zeroWidthCharacters = /[\u200b-\u200d\u2060\ufeff]/;

/**
 * Every Unicode format character (general category Cf): direction marks (LRM, RLM, ALM), the soft
 * hyphen, invisible operators, tag characters, interlinear annotation marks… — none is typed by a
 * person, each can hide or disguise text.
 */
export const formatCharacters = /\p{Cf}/u;

/** What the client says, as the page sends it and the API keeps it. */
export interface SurveyAnswer {
  readonly satisfaction: Satisfaction;
  readonly answered: Answered;
  /** Trimmed; absent when empty. */
  readonly comment?: string;
}

/** A response as the tickets table keeps it (the `SURVEY` item, without its keys). */
export interface SurveyResponse extends SurveyAnswer {
  /** The first response, ISO. */
  readonly respondedAt: string;
  /** The latest change, ISO. */
  readonly updatedAt: string;
  /** 1 for the first response, one more for each change. */
  readonly version: number;
  /** A supervisor followed a low score up (staff-api). */
  readonly followUp?: { readonly by: string; readonly at: string };
}

/** Whether a response asks for a supervisor's follow-up: a low score (1–2) or "not answered". */
export function needsFollowUp(answer: Pick<SurveyAnswer, 'satisfaction' | 'answered'>): boolean {
  return answer.satisfaction <= 2 || answer.answered === 'no';
}

/**
 * The instant after which a response first given at `respondedAt` can no longer be changed
 * (`changeDays`: the port's `surveyChangeDays`).
 */
export function changeableUntil(respondedAt: string, changeDays: number): string {
  return new Date(Date.parse(respondedAt) + changeDays * 86_400_000).toISOString();
}

/** Only an answered or closed ticket is surveyed. */
export function surveyable(status: TicketStatus): boolean {
  return status === 'answered' || status === 'closed';
}

export type SurveyMessageKey =
  | 'survey.field.required'
  | 'survey.field.unknown'
  | 'survey.t.invalid'
  | 'survey.satisfaction.invalid'
  | 'survey.answered.invalid'
  | 'survey.comment.tooLong'
  | 'survey.comment.characters'
  | 'survey.comment.invalid';

export interface SurveyFieldIssue {
  readonly field: string;
  readonly key: SurveyMessageKey;
}

export type SurveyCheck =
  | { readonly ok: true; readonly token: string; readonly answer: SurveyAnswer }
  | {
      readonly ok: false;
      /** Only known names (`surveyFieldNames`, or `body`): an unknown key is never echoed. */
      readonly errors: SurveyFieldIssue[];
      /** How many keys the body had that a response does not (their names are not kept). */
      readonly unknownKeys: number;
    };

/** The fields of a response, the only names a refusal repeats (in its 400 and its audit record). */
export const surveyFieldNames = ['t', 'satisfaction', 'answered', 'comment'] as const;
/** The field a refusal names for the body as a whole (not an object, or keys it may not have). */
export const surveyBodyField = 'body';

const answerSchema = z.strictObject({
  t: z.string().check(z.minLength(1)),
  satisfaction: z.number().check(z.int(), z.gte(1), z.lte(5)),
  answered: z.enum(answeredChoices),
  comment: z.optional(z.string()),
});

const fieldKeys: Readonly<Record<string, SurveyMessageKey>> = {
  t: 'survey.t.invalid',
  satisfaction: 'survey.satisfaction.invalid',
  answered: 'survey.answered.invalid',
  comment: 'survey.comment.invalid',
};

/** The comment's own problem, if any (after trimming). */
export function commentIssue(comment: string): SurveyMessageKey | undefined {
  if (comment.length > surveyCommentMaxLength) return 'survey.comment.tooLong';
  if (
    controlCharacters.test(comment) ||
    bidiOverrides.test(comment) ||
    zeroWidthCharacters.test(comment) ||
    formatCharacters.test(comment)
  )
    return 'survey.comment.characters';
  return undefined;
}

/** The POST body (`t`, `satisfaction`, `answered`, `comment`); nothing else may be in it. */
export function checkSurveyAnswer(body: unknown): SurveyCheck {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const errors: SurveyFieldIssue[] = [];
  let unknownKeys = 0;
  const add = (issue: SurveyFieldIssue) => {
    if (!errors.some((known) => known.field === issue.field)) errors.push(issue);
  };
  const parsed = answerSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // Keys a response does not have: counted, and one error for the body, never their names
      // (attacker-chosen text would otherwise reach the answer and the sealed audit trail).
      if (issue.code === 'unrecognized_keys') {
        unknownKeys += issue.keys.length;
        add({ field: surveyBodyField, key: 'survey.field.unknown' });
        continue;
      }
      const field = String(issue.path[0] ?? surveyBodyField);
      const key = Object.hasOwn(fieldKeys, field) ? fieldKeys[field] : undefined;
      if (key === undefined) {
        add({ field: surveyBodyField, key: 'survey.field.unknown' });
        continue;
      }
      const value = fields[field];
      const missing = value === undefined || value === null || value === '';
      add({ field, key: missing ? 'survey.field.required' : key });
    }
  }
  const comment = typeof fields.comment === 'string' ? fields.comment.trim() : undefined;
  const issue = comment === undefined ? undefined : commentIssue(comment);
  if (issue) add({ field: 'comment', key: issue });
  if (!parsed.success || errors.length > 0) return { ok: false, errors, unknownKeys };
  const { t, satisfaction, answered } = parsed.data;
  return {
    ok: true,
    token: t,
    answer: {
      satisfaction: satisfaction as Satisfaction,
      answered,
      ...(comment ? { comment } : {}),
    },
  };
}

/** Why a survey request is refused (besides its fields), with its status and message. */
export type SurveyRefusalCode =
  | 'SurveyNotFound'
  | 'SurveyExpired'
  | 'SurveyClosed'
  | 'NotAnswered'
  | 'SurveyConflict';

export const surveyRefusalStatus: Readonly<Record<SurveyRefusalCode, 404 | 409 | 410>> = {
  SurveyNotFound: 404,
  SurveyExpired: 410,
  // Past the 14 days in which a response may be changed.
  SurveyClosed: 410,
  NotAnswered: 409,
  // Changed from elsewhere at the same moment, twice running.
  SurveyConflict: 409,
};

export class SurveyRefused extends Error {
  readonly code: SurveyRefusalCode;
  readonly status: 404 | 409 | 410;

  constructor(code: SurveyRefusalCode) {
    super(code);
    this.name = 'SurveyRefused';
    this.code = code;
    this.status = surveyRefusalStatus[code];
  }
}
