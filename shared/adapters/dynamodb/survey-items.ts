/**
 * The survey's items in a ticket's partition as staff-api reads them (survey-api writes them):
 * their keys, and the response a `SURVEY` item holds. Apart from the lists' adapter
 * (`survey-feedback.ts`), so that the ticket desk reading a response stays small.
 */
import {
  answeredChoices,
  type SurveyFollowUp,
  type SurveyResponse,
  satisfactionScores,
} from '../../domain/survey-response.ts';
import type { Item } from './items.ts';
import { ticketPartition } from './ticket-keys.ts';

export const surveyKey = (reference: string) => ({ pk: ticketPartition(reference), sk: 'SURVEY' });
export const surveyCommentKey = (reference: string) => ({
  pk: ticketPartition(reference),
  sk: 'SURVEY#COMMENT',
});

const isSatisfaction = (value: unknown): value is SurveyResponse['satisfaction'] =>
  satisfactionScores.some((score) => score === value);
const isAnswered = (value: unknown): value is SurveyResponse['answered'] =>
  answeredChoices.some((choice) => choice === value);

/** The response a `SURVEY` item holds; undefined for anything else (or an item of another shape). */
export function toSurveyResponse(item: Item | undefined): SurveyResponse | undefined {
  if (item?.type !== 'survey') return undefined;
  const satisfaction = Number(item.satisfaction);
  if (!isSatisfaction(satisfaction) || !isAnswered(item.answered)) return undefined;
  const followUp = item.followUp as SurveyFollowUp | undefined;
  const comment = typeof item.comment === 'string' && item.comment !== '' ? item.comment : undefined;
  return {
    reference: String(item.reference),
    competence: String(item.competence),
    channel: item.channel as SurveyResponse['channel'],
    language: item.language === 'en' ? 'en' : 'lv',
    satisfaction,
    answered: item.answered,
    ...(comment ? { comment } : {}),
    respondedAt: String(item.respondedAt),
    updatedAt: String(item.updatedAt ?? item.respondedAt),
    version: Number(item.version ?? 1),
    ...(followUp?.by && followUp.at
      ? { followUp: { by: followUp.by, at: followUp.at, ...(followUp.note ? { note: followUp.note } : {}) } }
      : {}),
  };
}
