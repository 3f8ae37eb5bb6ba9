/**
 * The survey feedback routes as the admin page calls them (`/api/staff/feedback`, `…/survey/
 * follow-up`), their answers checked against the contract's schemas (`views/feedback.ts`).
 */
import type { CompetenceId } from '../../../../shared/domain/competences.ts';
import type { FeedbackList } from '../../../../shared/domain/survey-response.ts';
import {
  type FeedbackListResponse,
  type FeedbackRowView,
  feedbackListResponseSchema,
  type SurveyFollowUpResponse,
  surveyFollowUpResponseSchema,
} from '../../../../shared/use-cases/views/feedback.ts';
import type { Result, StaffApi } from '../api.ts';

export type { FeedbackList, FeedbackListResponse, FeedbackRowView, SurveyFollowUpResponse };

export class FeedbackApi {
  readonly #shell: { readonly api: StaffApi };

  /** Takes the shell, not its API: the views are made before the shell's API exists. */
  constructor(shell: { readonly api: StaffApi }) {
    this.#shell = shell;
  }

  list(competence: CompetenceId, list: FeedbackList, cursor?: string): Promise<Result<FeedbackListResponse>> {
    const query = new URLSearchParams({ competence, list });
    if (cursor) query.set('cursor', cursor);
    return this.#shell.api.request('GET', `/api/staff/feedback?${query}`, feedbackListResponseSchema);
  }

  followUp(reference: string, note: string): Promise<Result<SurveyFollowUpResponse>> {
    return this.#shell.api.request(
      'POST',
      `/api/staff/tickets/${encodeURIComponent(reference)}/survey/follow-up`,
      surveyFollowUpResponseSchema,
      note ? { note } : {},
    );
  }
}
