/**
 * A client's survey response as staff see it (§26, §27): on its ticket, and — when it calls for a
 * supervisor's attention — on the unit's follow-up list. A response needs follow-up when the client
 * was dissatisfied (1 or 2 of 5) or did not get an answer, until a supervisor records the follow-up.
 */
import type { Channel } from './ticket.ts';

export const satisfactionScores = [1, 2, 3, 4, 5] as const;
export type Satisfaction = (typeof satisfactionScores)[number];

export const answeredChoices = ['yes', 'partly', 'no'] as const;
export type Answered = (typeof answeredChoices)[number];

/** Who recorded the follow-up of a low score or an unanswered question, and when. */
export interface SurveyFollowUp {
  readonly by: string;
  readonly at: string;
  /** What the supervisor did, when they said. */
  readonly note?: string;
}

export interface SurveyResponse {
  readonly reference: string;
  readonly competence: string;
  readonly channel: Channel;
  readonly language: 'lv' | 'en';
  readonly satisfaction: Satisfaction;
  readonly answered: Answered;
  /** As the client wrote it: masked whenever it is shown in a list. */
  readonly comment?: string;
  /** The first response (ISO instant). */
  readonly respondedAt: string;
  /** The latest change (ISO instant); `respondedAt` while unchanged. */
  readonly updatedAt: string;
  /** 1 for the first response, one more for each change. */
  readonly version: number;
  readonly followUp?: SurveyFollowUp;
}

/** Whether the response calls for a supervisor: a score of 1–2 or no answer to the question. */
export function callsForFollowUp(response: Pick<SurveyResponse, 'satisfaction' | 'answered'>): boolean {
  return response.satisfaction <= 2 || response.answered === 'no';
}

/** Whether the response waits on the unit's follow-up list. */
export function awaitsFollowUp(
  response: Pick<SurveyResponse, 'satisfaction' | 'answered' | 'followUp'>,
): boolean {
  return callsForFollowUp(response) && !response.followUp;
}

/** The supervisors' two lists of a unit's responses: to follow up, and every comment. */
export const feedbackLists = ['followup', 'comments'] as const;
export type FeedbackList = (typeof feedbackLists)[number];
