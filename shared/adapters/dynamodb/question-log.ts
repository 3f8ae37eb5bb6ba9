/**
 * The question log on the knowledge table: `QUESTION#<id>` / `QUESTION` per question and
 * `PAGE#<id>` / `PAGE` per page load that asked, both with `logDay` and `loggedAt` (the sparse
 * `byDay` index the figures read, one partition a day) and `expiresAt` (TTL) the retention schedule's
 * `assistant-question` period on, which reads filter (TTL deletes late); and
 * `SUBJECT#<subject key>` / `QUESTION#<id>` linking a question to each data subject whose email or
 * phone was taken out of it (no `logDay`: not on the index). Erasure of a subject empties the
 * question's text and normalised form (`erased`) and deletes its links: the question and its page
 * still count in the figures (numbers, topics, article ids), no words of the client's are left.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { defaultRetentionSchedule, type RetentionSchedule, retentionExpiry } from '../../domain/retention.ts';
import type {
  FeedbackOutcome,
  LoggedPage,
  LoggedQuestion,
  QuestionFeedback,
  QuestionLog,
  QuestionLogPeriod,
} from '../../ports/question-log.ts';
import { subjectQuestionKey } from './data-subject-items.ts';
import type { Item } from './items.ts';

export interface QuestionLogTable {
  readonly client: DynamoDBDocumentClient;
  readonly knowledgeTable: string;
  /** The retention schedule, for the items' `expiresAt` (`assistant-question`); the defaults when absent. */
  readonly retention?: RetentionSchedule;
}

export const questionKey = (questionId: string) => ({ pk: `QUESTION#${questionId}`, sk: 'QUESTION' });
export const pageKey = (pageId: string) => ({ pk: `PAGE#${pageId}`, sk: 'PAGE' });

/** Epoch seconds, for the TTL, when a question asked at `instant` (ISO) expires by `schedule`. */
export function expiryOf(instant: string, schedule: RetentionSchedule = defaultRetentionSchedule): number {
  return retentionExpiry(schedule['assistant-question'], new Date(instant));
}

/** The query filter that leaves out items past their expiry at `:now` (TTL deletes them late). */
export const unexpiredFilter = 'attribute_not_exists(expiresAt) OR expiresAt > :now';

/** The days `from`..`to` (inclusive, `YYYY-MM-DD`), in order. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = Date.parse(`${from}T00:00:00Z`); day <= Date.parse(`${to}T00:00:00Z`); day += 86_400_000)
    days.push(new Date(day).toISOString().slice(0, 10));
  return days;
}

/** Days of a period read at the same time: a year is some 46 rounds of queries, not 366. */
export const periodConcurrency = 8;

export class DynamoQuestionLog implements QuestionLog {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #retention: RetentionSchedule;

  constructor(options: QuestionLogTable) {
    this.#client = options.client;
    this.#table = options.knowledgeTable;
    this.#retention = options.retention ?? defaultRetentionSchedule;
  }

  async recordQuestion(question: LoggedQuestion): Promise<void> {
    const expiresAt = expiryOf(question.loggedAt, this.#retention);
    const { feedback: _none, subjectKeys = [], ...fields } = question;
    // The articles shown, as a set feedback's condition can test (a set is never empty).
    const answerIds = new Set(question.answers.map((answer) => answer.articleId));
    const put = {
      TableName: this.#table,
      Item: {
        ...questionKey(question.questionId),
        type: 'question',
        ...fields,
        ...(answerIds.size > 0 ? { answerIds } : {}),
        // Its links' keys (pseudonyms), so that erasure by one deletes the others with it.
        ...(subjectKeys.length > 0 ? { subjectKeys: [...new Set(subjectKeys)] } : {}),
        expiresAt,
      },
      // Question ids are random: a second put would be a bug, never a retry worth keeping.
      ConditionExpression: 'attribute_not_exists(pk)',
    };
    if (subjectKeys.length === 0) await this.#client.send(new PutCommand(put));
    // With its links to the data subjects it named (keyed pseudonyms only), in one write: erasure
    // of a subject finds the question by them (`DynamoDataSubjectRecords.deleteQuestionsOf`).
    else
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: put },
            ...[...new Set(subjectKeys)].map((key) => ({
              Put: {
                TableName: this.#table,
                Item: {
                  ...subjectQuestionKey(key, question.questionId),
                  type: 'subject',
                  questionId: question.questionId,
                  expiresAt,
                },
              },
            })),
          ],
        }),
      );
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: pageKey(question.pageId),
        UpdateExpression: `SET #type = :type, pageId = :pageId, ${question.source ? '#source = if_not_exists(#source, :source), ' : ''}logDay = if_not_exists(logDay, :day), loggedAt = if_not_exists(loggedAt, :at), expiresAt = if_not_exists(expiresAt, :expiresAt) ADD questions :one${question.topic ? ', topics :topics' : ''}`,
        ExpressionAttributeNames: { '#type': 'type', ...(question.source ? { '#source': 'source' } : {}) },
        ExpressionAttributeValues: {
          ':type': 'page',
          ...(question.source ? { ':source': question.source } : {}),
          ':pageId': question.pageId,
          ':day': question.logDay,
          ':at': question.loggedAt,
          ':expiresAt': expiresAt,
          ':one': 1,
          ...(question.topic ? { ':topics': new Set([question.topic]) } : {}),
        },
      }),
    );
  }

  async recordFeedback(questionId: string, feedback: QuestionFeedback): Promise<FeedbackOutcome> {
    const key = questionKey(questionId);
    const recorded = await this.#updateIfExists(
      key,
      feedback.articleId
        ? 'SET helpful = :helpful, feedbackAt = :at, feedbackArticleId = :articleId'
        : 'SET helpful = :helpful, feedbackAt = :at REMOVE feedbackArticleId',
      {
        ':helpful': feedback.helpful,
        ':at': feedback.at,
        ...(feedback.articleId ? { ':articleId': feedback.articleId } : {}),
      },
      feedback.articleId ? 'contains(answerIds, :articleId)' : undefined,
    );
    if (recorded) return 'recorded';
    if (!feedback.articleId) return 'unknownQuestion';
    // Refused: no such question, or it was not answered with that article (a rare, wrong request).
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: key, ProjectionExpression: 'pk' }),
    );
    return Item ? 'articleNotShown' : 'unknownQuestion';
  }

  markRequestSubmitted(pageId: string, at: string): Promise<boolean> {
    // The first submission counts; a page that asked nothing is no page of the log.
    return this.#updateIfExists(
      pageKey(pageId),
      'SET requestSubmittedAt = if_not_exists(requestSubmittedAt, :at)',
      {
        ':at': at,
      },
    );
  }

  async period(fromDay: string, toDay: string, limit: number, now: Date): Promise<QuestionLogPeriod> {
    // The days are read a few at a time (each its own `byDay` partition, paged), against one
    // budget: once more than `limit` items are read, no further page is asked for, so a read stops
    // at `limit` plus at most one page per day in flight, however many days or items there are.
    const days = daysBetween(fromDay, toDay);
    const itemsOfDay: Item[][] = days.map(() => []);
    let read = 0;
    let next = 0;
    const readDays = async () => {
      for (let index = next++; index < days.length && read <= limit; index = next++) {
        let startKey: Item | undefined;
        do {
          const page = await this.#client.send(
            new QueryCommand({
              TableName: this.#table,
              IndexName: 'byDay',
              KeyConditionExpression: 'logDay = :day',
              FilterExpression: unexpiredFilter,
              ExpressionAttributeValues: { ':day': days[index], ':now': Math.floor(now.getTime() / 1000) },
              ExclusiveStartKey: startKey,
              Limit: Math.max(1, Math.min(1000, limit - read + 1)),
            }),
          );
          const items = page.Items ?? [];
          read += items.length;
          itemsOfDay[index]?.push(...items);
          startKey = page.LastEvaluatedKey;
        } while (startKey && read <= limit);
      }
    };
    await Promise.all(Array.from({ length: Math.min(periodConcurrency, days.length) }, readDays));
    // In day order, the first `limit` items: what a read of the days one after another keeps.
    const kept = itemsOfDay.flat().slice(0, limit);
    return {
      questions: kept.filter((item) => item.type === 'question').map(questionOf),
      pages: kept.filter((item) => item.type === 'page').map(pageOf),
      truncated: read > limit,
    };
  }

  async #updateIfExists(
    key: { pk: string; sk: string },
    expression: string,
    values: Record<string, unknown>,
    condition?: string,
  ): Promise<boolean> {
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: key,
          UpdateExpression: expression,
          ConditionExpression: condition ? `attribute_exists(pk) AND ${condition}` : 'attribute_exists(pk)',
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

function sourceOf(item: Item): { source?: 'form' | 'help' } {
  return item.source === 'form' || item.source === 'help' ? { source: item.source } : {};
}

function questionOf(item: Item): LoggedQuestion {
  return {
    questionId: String(item.questionId),
    pageId: String(item.pageId),
    ...sourceOf(item),
    language: item.language === 'en' ? 'en' : 'lv',
    text: String(item.text),
    normalised: String(item.normalised ?? ''),
    ...(typeof item.topic === 'string' ? { topic: item.topic } : {}),
    answers: Array.isArray(item.answers) ? (item.answers as LoggedQuestion['answers']) : [],
    loggedAt: String(item.loggedAt),
    logDay: String(item.logDay),
    ...(item.erased === true ? { erased: true } : {}),
    ...(typeof item.helpful === 'boolean'
      ? {
          feedback: {
            helpful: item.helpful,
            at: String(item.feedbackAt),
            ...(typeof item.feedbackArticleId === 'string' ? { articleId: item.feedbackArticleId } : {}),
          },
        }
      : {}),
  };
}

function pageOf(item: Item): LoggedPage {
  return {
    pageId: String(item.pageId),
    ...sourceOf(item),
    loggedAt: String(item.loggedAt),
    logDay: String(item.logDay),
    questions: Number(item.questions ?? 0),
    topics: item.topics instanceof Set ? [...(item.topics as Set<string>)].sort() : [],
    ...(typeof item.requestSubmittedAt === 'string' ? { requestSubmittedAt: item.requestSubmittedAt } : {}),
  };
}
