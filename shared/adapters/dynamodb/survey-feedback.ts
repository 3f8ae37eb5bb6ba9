/**
 * The survey's responses as staff-api reads them, in the ticket's partition (survey-api writes
 * them): `SURVEY` (the response; on `<unit>#feedback` of the `worklist` index while it awaits a
 * follow-up) and `SURVEY#COMMENT` (on `<unit>#comments` while it has a comment), both sharded like
 * the worklists and sorted by `<respondedAt>#<reference>`. The index keeps rows, not responses:
 * a page's items are read by key, in the page's order.
 */
import type { AuditRecord } from '../../domain/audit-event.ts';
import {
  awaitsFollowUp,
  type FeedbackList,
  type SurveyFollowUp,
  type SurveyResponse,
} from '../../domain/survey-response.ts';
import type {
  FeedbackPage,
  FeedbackPageRequest,
  FeedbackRow,
  SurveyFeedback,
} from '../../ports/survey-feedback.ts';
import { shardedPage } from './sharded-lists.ts';
import { surveyCommentKey, surveyKey, toSurveyResponse } from './survey-items.ts';
import { ticketPartition } from './ticket-keys.ts';
import { type DynamoTables, TicketsTable } from './tickets-table.ts';

/** The unit's list (before its shard) on the `worklist` index. */
export const feedbackListKey = (competence: string, list: FeedbackList) =>
  `${competence}#${list === 'followup' ? 'feedback' : 'comments'}`;

export class DynamoSurveyFeedback implements SurveyFeedback {
  readonly #table: TicketsTable;

  constructor(tables: DynamoTables) {
    this.#table = new TicketsTable(tables);
  }

  async list(competence: string, list: FeedbackList, page: FeedbackPageRequest): Promise<FeedbackPage> {
    const result = await shardedPage(
      this.#table.client,
      this.#table.name,
      {
        index: 'worklist',
        partitionKey: 'worklistKey',
        sortKey: 'receivedKey',
        list: feedbackListKey(competence, list),
        itemSort: list === 'followup' ? 'SURVEY' : 'SURVEY#COMMENT',
      },
      { limit: page.limit, cursor: page.cursor, newestFirst: true },
    );
    const references = result.items.map((item) => String(item.reference));
    const keys = references.flatMap((reference) =>
      list === 'followup' ? [surveyKey(reference)] : [surveyKey(reference), surveyCommentKey(reference)],
    );
    const found = new Map(
      (await this.#table.batchGet(keys)).map((item) => [`${String(item.pk)}|${String(item.sk)}`, item]),
    );
    const items = references.flatMap((reference): FeedbackRow[] => {
      const response = toSurveyResponse(found.get(`${ticketPartition(reference)}|SURVEY`));
      if (list === 'followup')
        // The index lags the table a moment: a response followed up or changed since is left out.
        return response && awaitsFollowUp(response) ? [response] : [];
      const comment = found.get(`${ticketPartition(reference)}|SURVEY#COMMENT`);
      const text = typeof comment?.comment === 'string' ? comment.comment : '';
      if (!comment || text === '') return [];
      return [
        {
          ...(response ?? {}),
          reference,
          competence: String(comment.competence),
          respondedAt: String(comment.respondedAt),
          updatedAt: String(comment.updatedAt ?? comment.respondedAt),
          comment: text,
        },
      ];
    });
    return result.cursor ? { items, cursor: result.cursor } : { items };
  }

  async response(reference: string): Promise<SurveyResponse | undefined> {
    return toSurveyResponse(await this.#table.get(surveyKey(reference)));
  }

  followUp(
    seen: Pick<SurveyResponse, 'reference' | 'competence' | 'version'>,
    followUp: SurveyFollowUp,
    audit: AuditRecord,
  ): Promise<boolean> {
    return this.#table.writeIf(
      [
        {
          Update: {
            TableName: this.#table.name,
            Key: surveyKey(seen.reference),
            // Off the unit's follow-up list; the response itself stays as the client gave it. The
            // version goes up, so that a client's change made on the version before (survey-api's
            // write is conditional on it) fails, is read again with the follow-up, and is retried.
            UpdateExpression: 'SET followUp = :followUp, #version = #version + :one REMOVE worklistKey',
            ConditionExpression:
              '#type = :survey AND competence = :competence AND #version = :version AND attribute_not_exists(followUp)',
            ExpressionAttributeNames: { '#type': 'type', '#version': 'version' },
            ExpressionAttributeValues: {
              ':followUp': followUp,
              ':survey': 'survey',
              ':competence': seen.competence,
              ':version': seen.version,
              ':one': 1,
            },
          },
        },
      ],
      audit,
      // Followed up by someone else, or changed by the client, at the same moment: lost.
      { orConflict: true },
    );
  }
}
