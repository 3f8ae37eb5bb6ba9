/**
 * What staff-api reads and writes of the client survey's responses (survey-api writes them): a
 * unit's follow-up and comment lists, newest first, and the follow-up a supervisor records.
 */
import type { AuditRecord } from '../domain/audit-event.ts';
import type { FeedbackList, SurveyFollowUp, SurveyResponse } from '../domain/survey-response.ts';

/** A row of a unit's list: the response as it is now (the comment still as the client wrote it). */
export type FeedbackRow = Pick<
  SurveyResponse,
  'reference' | 'competence' | 'respondedAt' | 'updatedAt' | 'comment'
> &
  Partial<Pick<SurveyResponse, 'satisfaction' | 'answered' | 'version' | 'followUp' | 'channel'>>;

export interface FeedbackPageRequest {
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface FeedbackPage {
  readonly items: readonly FeedbackRow[];
  /** Pass back for the next page; absent on the last one. */
  readonly cursor?: string;
}

export interface SurveyFeedback {
  /** A page of the unit's list, newest response first; `InvalidCursor` for another list's cursor. */
  list(competence: string, list: FeedbackList, page: FeedbackPageRequest): Promise<FeedbackPage>;
  /** The ticket's response, if the client gave one. */
  response(reference: string): Promise<SurveyResponse | undefined>;
  /**
   * Records the follow-up and takes the response off the follow-up list, with its audit record:
   * `false` when the response is no longer as seen (changed to `version`+1, followed up already,
   * or of another unit).
   */
  followUp(
    seen: Pick<SurveyResponse, 'reference' | 'competence' | 'version'>,
    followUp: SurveyFollowUp,
    audit: AuditRecord,
  ): Promise<boolean>;
}
