/**
 * The question log's days' counts (`QUESTIONDAYS` / `<day>`: asked, unanswered, form pages, form
 * pages with a request), written in the same transactions as what they count, no personal data and
 * no `expiresAt`; and the mark of a page a request was submitted from, with its count. Apart from
 * the log (`./question-log.ts`) so that the web form's function, which only marks pages, loads no
 * more than this.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { QuestionDayCounts, QuestionLog } from '../../ports/question-log.ts';

export const pageKey = (pageId: string) => ({ pk: `PAGE#${pageId}`, sk: 'PAGE' });

/** The partition of the days' counts: an item a day, the day its sort key. */
export const questionDaysPartition = 'QUESTIONDAYS';
export const countNames = ['asked', 'unanswered', 'formPages', 'formPagesWithRequest'] as const;

/** The write that adds `counts` to a day's (no personal data, no expiry: the figures outlive the log). */
export function countsAdd(table: string, day: string, counts: Partial<QuestionDayCounts>) {
  const names = countNames.filter((name) => (counts[name] ?? 0) > 0);
  return {
    Update: {
      TableName: table,
      Key: { pk: questionDaysPartition, sk: day },
      UpdateExpression: `SET #type = :type${names.length > 0 ? ` ADD ${names.map((name) => `${name} :${name}`).join(', ')}` : ''}`,
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':type': 'question-day',
        ...Object.fromEntries(names.map((name) => [`:${name}`, counts[name]])),
      },
    },
  };
}

/** Writes of one question, page mark or backfill step before giving up on conflicts. */
export const writeAttempts = 6;

/** Whether a transaction was cancelled for `code` (at item `at`, or any). */
export function cancelled(
  error: unknown,
  code: 'ConditionalCheckFailed' | 'TransactionConflict',
  at?: number,
): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const reasons = error.CancellationReasons ?? [];
  return at === undefined ? reasons.some((reason) => reason.Code === code) : reasons[at]?.Code === code;
}

/** A short, growing, jittered pause before a conflicting write is tried again. */
export const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));

/** Marks pages a request was submitted from (the form's function needs no more of the log). */
export class DynamoPageMarks implements Pick<QuestionLog, 'markRequestSubmitted'> {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(options: { readonly client: DynamoDBDocumentClient; readonly knowledgeTable: string }) {
    this.#client = options.client;
    this.#table = options.knowledgeTable;
  }

  async markRequestSubmitted(pageId: string, at: string): Promise<boolean> {
    // The first submission counts; a page that asked nothing is no page of the log.
    const key = pageKey(pageId);
    for (let attempt = 1; ; attempt += 1) {
      const { Item: page } = await this.#client.send(
        new GetCommand({
          TableName: this.#table,
          Key: key,
          ConsistentRead: true,
          ProjectionExpression: 'pk, #source, logDay, counted, requestSubmittedAt',
          ExpressionAttributeNames: { '#source': 'source' },
        }),
      );
      if (!page) return false;
      if (page.requestSubmittedAt !== undefined) return true;
      // A help page is no page of the deflection; a page older code logged is counted, with its
      // request, by the backfill.
      if (page.source === 'help' || page.counted !== true) return this.#setIfExists(key, at);
      try {
        await this.#client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.#table,
                  Key: key,
                  UpdateExpression: 'SET requestSubmittedAt = :at',
                  ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(requestSubmittedAt)',
                  ExpressionAttributeValues: { ':at': at },
                },
              },
              countsAdd(this.#table, String(page.logDay), { formPagesWithRequest: 1 }),
            ],
          }),
        );
        return true;
      } catch (error) {
        // Marked (or expired) meanwhile, or met another write: read it again.
        const again =
          cancelled(error, 'ConditionalCheckFailed', 0) || cancelled(error, 'TransactionConflict');
        if (!again || attempt >= writeAttempts) throw error;
        await pause(attempt);
      }
    }
  }

  async #setIfExists(key: { pk: string; sk: string }, at: string): Promise<boolean> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: key,
          UpdateExpression: 'SET requestSubmittedAt = if_not_exists(requestSubmittedAt, :at)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
