/**
 * The question log's days' counts (`QUESTIONDAYS` / `<day>#<shard>`: asked, unanswered, form
 * pages, form pages with a request), written in the same transactions as what they count, no
 * personal data and no `expiresAt`; and the mark of a page a request was submitted from, with its
 * count. A day's counts are spread over `countShards` items, each write to one at random, so that a
 * busy day's questions do not all conflict on one item; a read sums them. Apart from the log
 * (`./question-log.ts`) so that the web form's function, which only marks pages, loads no more
 * than this.
 *
 * What was counted is marked on the item counted: `counted` on a question or page, and
 * `requestCounted` on a page whose request was; the backfill counts what carries no mark (items
 * older code wrote), so nothing is counted twice and nothing marked by older code is left out.
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

/** The partition of the days' counts: `countShards` items a day, `<day>#<shard>` their sort keys. */
export const questionDaysPartition = 'QUESTIONDAYS';
export const countShards = 8;
/** The sort key range of the days `from`..`to`, every shard. */
export const dayRange = (from: string, to: string) => ({ from: `${from}#`, to: `${to}#~` });
export const countNames = ['asked', 'unanswered', 'formPages', 'formPagesWithRequest'] as const;

/** The write that adds `counts` to a day's (no personal data, no expiry: the figures outlive the log). */
export function countsAdd(table: string, day: string, counts: Partial<QuestionDayCounts>) {
  const names = countNames.filter((name) => (counts[name] ?? 0) > 0);
  return {
    Update: {
      TableName: table,
      Key: { pk: questionDaysPartition, sk: `${day}#${Math.floor(Math.random() * countShards)}` },
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
      try {
        // A help page is no page of the deflection: marked, not counted.
        if (page.source === 'help') return await this.#set(key, at, 'attribute_exists(pk)');
        // A page older code logged (not counted yet): marked only while it is not counted, so the
        // backfill counts it with its request; counted meanwhile, it is read again.
        if (page.counted !== true)
          return await this.#set(key, at, 'attribute_exists(pk) AND attribute_not_exists(counted)');
        await this.#client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.#table,
                  Key: key,
                  UpdateExpression: 'SET requestSubmittedAt = :at, requestCounted = :true',
                  ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(requestSubmittedAt)',
                  ExpressionAttributeValues: { ':at': at, ':true': true },
                },
              },
              countsAdd(this.#table, String(page.logDay), { formPagesWithRequest: 1 }),
            ],
          }),
        );
        return true;
      } catch (error) {
        // Marked, counted or expired meanwhile, or met another write: read it again.
        const again =
          error instanceof ConditionalCheckFailedException ||
          cancelled(error, 'ConditionalCheckFailed', 0) ||
          cancelled(error, 'TransactionConflict') ||
          (error instanceof Error && error.name === 'TransactionConflictException');
        if (!again || attempt >= writeAttempts) throw error;
        await pause(attempt);
      }
    }
  }

  async #set(key: { pk: string; sk: string }, at: string, condition: string): Promise<boolean> {
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: key,
        UpdateExpression: 'SET requestSubmittedAt = if_not_exists(requestSubmittedAt, :at)',
        ConditionExpression: condition,
        ExpressionAttributeValues: { ':at': at },
      }),
    );
    return true;
  }
}
