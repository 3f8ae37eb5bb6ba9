/**
 * The survey's responses as staff-api reads them, in the ticket's partition (survey-api writes
 * them): `SURVEY` (the response; on `<unit>#feedback` of the `worklist` index while it awaits a
 * follow-up) and `SURVEY#COMMENT` (on `<unit>#comments` while it has a comment), both sharded like
 * the worklists and sorted by `<respondedAt>#<reference>`. The index keeps rows, not responses:
 * a page's items are read by key, in the page's order.
 */
import type { AuditRecord } from '../../domain/audit-event.ts';
import {
  answeredChoices,
  awaitsFollowUp,
  type FeedbackList,
  type SurveyFollowUp,
  type SurveyResponse,
  satisfactionScores,
} from '../../domain/survey-response.ts';
import type {
  FeedbackPage,
  FeedbackPageRequest,
  FeedbackRow,
  SurveyFeedback,
} from '../../ports/survey-feedback.ts';
import type { Item } from './items.ts';
import { shardedPage } from './sharded-lists.ts';
import { ticketPartition } from './ticket-keys.ts';
import { type DynamoTables, TicketsTable } from './tickets-table.ts';

export const surveyKey = (reference: string) => ({ pk: ticketPartition(reference), sk: 'SURVEY' });
export const surveyCommentKey = (reference: string) => ({
  pk: ticketPartition(reference),
  sk: 'SURVEY#COMMENT',
});

/** The unit's list (before its shard) on the `worklist` index. */
export const feedbackListKey = (competence: string, list: FeedbackList) =>
  `${competence}#${list === 'followup' ? 'feedback' : 'comments'}`;

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
            // Off the unit's follow-up list; the response itself stays as the client gave it.
            UpdateExpression: 'SET followUp = :followUp REMOVE worklistKey',
            ConditionExpression:
              '#type = :survey AND competence = :competence AND #version = :version AND attribute_not_exists(followUp)',
            ExpressionAttributeNames: { '#type': 'type', '#version': 'version' },
            ExpressionAttributeValues: {
              ':followUp': followUp,
              ':survey': 'survey',
              ':competence': seen.competence,
              ':version': seen.version,
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
