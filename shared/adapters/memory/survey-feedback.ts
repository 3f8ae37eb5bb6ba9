/**
 * The survey's responses in memory, over a MemoryTicketStore's `surveys`: a response is on the
 * unit's lists when the DynamoDB items would put it there (awaiting follow-up; with a comment),
 * newest first, and the follow-up is written under the same conditions as `../dynamodb/survey-feedback.ts`.
 */
import type { AuditRecord } from '../../domain/audit-event.ts';
import {
  awaitsFollowUp,
  type FeedbackList,
  type SurveyFollowUp,
  type SurveyResponse,
} from '../../domain/survey-response.ts';
import type { FeedbackPage, FeedbackPageRequest, SurveyFeedback } from '../../ports/survey-feedback.ts';
import { pageOf } from './pages.ts';
import type { MemoryTicketStore } from './ticket-store.ts';

export class MemorySurveyFeedback implements SurveyFeedback {
  readonly #store: MemoryTicketStore;
  readonly audit: AuditRecord[] = [];

  constructor(store: MemoryTicketStore) {
    this.#store = store;
  }

  async list(competence: string, list: FeedbackList, page: FeedbackPageRequest): Promise<FeedbackPage> {
    const sortKey = (response: SurveyResponse) => `${response.respondedAt}#${response.reference}`;
    const listed = [...this.#store.surveys.values()]
      .filter(
        (response) =>
          response.competence === competence &&
          (list === 'followup' ? awaitsFollowUp(response) : Boolean(response.comment)),
      )
      .sort((a, b) => (sortKey(a) < sortKey(b) ? 1 : sortKey(a) > sortKey(b) ? -1 : 0));
    return pageOf(listed, page);
  }

  async response(reference: string): Promise<SurveyResponse | undefined> {
    return this.#store.surveys.get(reference);
  }

  async followUp(
    seen: Pick<SurveyResponse, 'reference' | 'competence' | 'version'>,
    followUp: SurveyFollowUp,
    audit: AuditRecord,
  ): Promise<boolean> {
    const response = this.#store.surveys.get(seen.reference);
    if (
      !response ||
      response.competence !== seen.competence ||
      response.version !== seen.version ||
      response.followUp
    )
      return false;
    // The version goes up, as on DynamoDB: a client's change on the version before then fails.
    this.#store.surveys.set(seen.reference, { ...response, followUp, version: response.version + 1 });
    this.audit.push(audit);
    return true;
  }
}
