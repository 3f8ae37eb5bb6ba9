/**
 * The survey's items in a ticket's partition (`TICKET#<reference>`), one definition for the
 * DynamoDB and memory adapters:
 * - `SURVEY`: the response; while it needs a supervisor's follow-up (and has none) it is on the
 *   unit's `feedback` list of the `worklist` index;
 * - `SURVEY#COMMENT`: the comment, on the unit's `comments` list; a change that drops the comment
 *   empties it (no comment, off the list) — items are never deleted (no DeleteItem grant).
 * Free of SDK imports, so that the memory adapter can share it.
 */
import { needsFollowUp, type SurveyResponse } from '../../domain/survey.ts';
import {
  answeredChoices,
  type SurveyResponse as StaffSurveyResponse,
  type SurveyFollowUp,
  satisfactionScores,
} from '../../domain/survey-response.ts';
import type { SurveyTicket, SurveyWrite } from '../../ports/surveys.ts';
import { shardedKey, ticketPartition } from './ticket-keys.ts';

export const surveySortKey = 'SURVEY';
export const surveyCommentSortKey = 'SURVEY#COMMENT';

export const surveyKey = (reference: string) => ({ pk: ticketPartition(reference), sk: surveySortKey });
export const surveyCommentKey = (reference: string) => ({
  pk: ticketPartition(reference),
  sk: surveyCommentSortKey,
});

type Item = Record<string, unknown>;

/** The `SURVEY` item of a write. */
export function surveyItem({ ticket, response }: SurveyWrite): Item {
  const listed = needsFollowUp(response) && response.followUp === undefined;
  return {
    ...surveyKey(ticket.reference),
    type: 'survey',
    reference: ticket.reference,
    competence: ticket.competence,
    channel: ticket.channel,
    language: ticket.language,
    satisfaction: response.satisfaction,
    answered: response.answered,
    ...(response.comment ? { comment: response.comment } : {}),
    respondedAt: response.respondedAt,
    updatedAt: response.updatedAt,
    version: response.version,
    ...(response.followUp ? { followUp: response.followUp } : {}),
    ...(listed
      ? {
          worklistKey: shardedKey(`${ticket.competence}#feedback`, ticket.reference),
          receivedKey: `${response.respondedAt}#${ticket.reference}`,
        }
      : {}),
  };
}

/**
 * The `SURVEY#COMMENT` item of a write: the comment on the unit's list; emptied when a change drops
 * a comment there was; none when there never was one.
 */
export function surveyCommentItem({ ticket, response, previous }: SurveyWrite): Item | undefined {
  if (!response.comment && !previous?.comment) return undefined;
  return {
    ...surveyCommentKey(ticket.reference),
    type: 'survey-comment',
    reference: ticket.reference,
    competence: ticket.competence,
    respondedAt: response.respondedAt,
    updatedAt: response.updatedAt,
    ...(response.comment
      ? {
          comment: response.comment,
          worklistKey: shardedKey(`${ticket.competence}#comments`, ticket.reference),
          receivedKey: `${response.respondedAt}#${ticket.reference}`,
        }
      : {}),
  };
}

/** The response an `SURVEY` item holds. */
export function surveyResponseOf(item: Item): SurveyResponse {
  const followUp = item.followUp as { by?: unknown; at?: unknown } | undefined;
  return {
    satisfaction: Number(item.satisfaction) as SurveyResponse['satisfaction'],
    answered: item.answered as SurveyResponse['answered'],
    ...(typeof item.comment === 'string' && item.comment !== '' ? { comment: item.comment } : {}),
    respondedAt: String(item.respondedAt),
    updatedAt: String(item.updatedAt),
    version: Number(item.version),
    ...(followUp ? { followUp: { ...followUp, by: String(followUp.by), at: String(followUp.at) } } : {}),
  };
}

/** What the survey reads of a ticket item (the attributes `surveyTicketAttributes` projects). */
export const surveyTicketAttributes = [
  'reference',
  'status',
  'competence',
  'channel',
  'language',
  'statusChanges',
];

export function surveyTicketOf(item: Item): SurveyTicket {
  const changes = Array.isArray(item.statusChanges)
    ? (item.statusChanges as { to?: unknown; at?: unknown }[])
    : [];
  const answered = changes.filter((change) => change.to === 'answered' || change.to === 'closed').at(-1);
  return {
    reference: String(item.reference),
    status: item.status as SurveyTicket['status'],
    competence: String(item.competence),
    channel: item.channel as SurveyTicket['channel'],
    language: item.language === 'en' ? 'en' : 'lv',
    ...(typeof answered?.at === 'string' ? { answeredAt: answered.at } : {}),
  };
}

const isSatisfaction = (value: unknown): value is StaffSurveyResponse['satisfaction'] =>
  satisfactionScores.some((score) => score === value);
const isAnswered = (value: unknown): value is StaffSurveyResponse['answered'] =>
  answeredChoices.some((choice) => choice === value);

/**
 * The response a `SURVEY` item holds as staff see it (with its ticket's unit and channel);
 * undefined for anything else (or an item of another shape).
 */
export function toSurveyResponse(item: Item | undefined): StaffSurveyResponse | undefined {
  if (item?.type !== 'survey') return undefined;
  const satisfaction = Number(item.satisfaction);
  if (!isSatisfaction(satisfaction) || !isAnswered(item.answered)) return undefined;
  const followUp = item.followUp as SurveyFollowUp | undefined;
  const comment = typeof item.comment === 'string' && item.comment !== '' ? item.comment : undefined;
  return {
    reference: String(item.reference),
    competence: String(item.competence),
    channel: item.channel as StaffSurveyResponse['channel'],
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
