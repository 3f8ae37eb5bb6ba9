/**
 * What staff see of clients' survey responses (§26, §27): the response on its ticket (staff of its
 * unit), and the supervisors' lists of a unit's responses to follow up and of its comments — the
 * comments there with personal data masked.
 */
import * as z from 'zod/mini';
import { answeredChoices, feedbackLists } from '../../domain/survey-response.ts';
import { competenceIds, page } from './common.ts';

const satisfaction = z.number().check(z.int(), z.gte(1), z.lte(5));
const answered = z.enum(answeredChoices);
const followUp = z.object({ by: z.string(), at: z.string(), note: z.optional(z.string()) });

/** The client's response on the ticket, as they gave it. */
export const ticketSurveySchema = z.object({
  /** 1 (very dissatisfied) to 5 (very satisfied). */
  satisfaction,
  /** "Did you get an answer to your question?" */
  answered,
  comment: z.optional(z.string()),
  /** The first response. */
  respondedAt: z.string(),
  /** The latest change; `changed` when the client changed their response since. */
  updatedAt: z.string(),
  changed: z.boolean(),
  /** A score of 1–2 or "no": the unit's supervisors follow it up. */
  callsForFollowUp: z.boolean(),
  /** Who followed it up, and when. */
  followUp: z.optional(followUp),
});
export type TicketSurvey = z.infer<typeof ticketSurveySchema>;

export const feedbackRowSchema = z.object({
  reference: z.string(),
  competence: z.enum(competenceIds),
  satisfaction: z.optional(satisfaction),
  answered: z.optional(answered),
  /** Masked: e-mail addresses, phone numbers, personal codes, IBANs and card numbers replaced by marks. */
  comment: z.optional(z.string()),
  respondedAt: z.string(),
  updatedAt: z.string(),
  followUp: z.optional(followUp),
});
export type FeedbackRowView = z.infer<typeof feedbackRowSchema>;

/** `GET /api/staff/feedback`: newest response first. */
export const feedbackListResponseSchema = page(feedbackRowSchema);
export type FeedbackListResponse = z.infer<typeof feedbackListResponseSchema>;

export const feedbackQuerySchema = z.object({
  /** A unit the caller supervises (any unit for an administrator). */
  competence: z.enum(competenceIds),
  /** `followup` (default): scores of 1–2 or "no", not yet followed up; `comments`: every comment. */
  list: z.optional(z.enum(feedbackLists)),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
  limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/))),
});

/** `POST /api/staff/tickets/{reference}/survey/follow-up`. */
export const surveyFollowUpSchema = z.object({
  /** What the supervisor did (kept with the follow-up; never sent to the client). */
  note: z.optional(z.string().check(z.maxLength(2000))),
});

export const surveyFollowUpResponseSchema = z.object({
  reference: z.string(),
  followUp,
});
export type SurveyFollowUpResponse = z.infer<typeof surveyFollowUpResponseSchema>;
