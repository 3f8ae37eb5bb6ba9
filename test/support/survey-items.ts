/** Survey responses as survey-api stores them, for tests of what staff-api reads of them. */
import { shardedKey } from '../../shared/adapters/dynamodb/ticket-keys.ts';
import { awaitsFollowUp, type SurveyResponse } from '../../shared/domain/survey-response.ts';

/** The `SURVEY` and `SURVEY#COMMENT` items of a response, in the layout the brief fixes. */
export function surveyItems(response: SurveyResponse): Record<string, unknown>[] {
  const pk = `TICKET#${response.reference}`;
  const receivedKey = `${response.respondedAt}#${response.reference}`;
  const survey = {
    pk,
    sk: 'SURVEY',
    type: 'survey',
    ...response,
    ...(awaitsFollowUp(response)
      ? { worklistKey: shardedKey(`${response.competence}#feedback`, response.reference), receivedKey }
      : {}),
  };
  const comment = response.comment
    ? [
        {
          pk,
          sk: 'SURVEY#COMMENT',
          type: 'survey-comment',
          reference: response.reference,
          competence: response.competence,
          respondedAt: response.respondedAt,
          updatedAt: response.updatedAt,
          comment: response.comment,
          worklistKey: shardedKey(`${response.competence}#comments`, response.reference),
          receivedKey,
        },
      ]
    : [];
  return [survey, ...comment];
}
