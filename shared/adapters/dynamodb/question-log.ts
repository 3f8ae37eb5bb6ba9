/**
 * The question log on the knowledge table: `QUESTION#<id>` / `QUESTION` per question and
 * `PAGE#<id>` / `PAGE` per page load that asked, both with `logDay` and `loggedAt` (the sparse
 * `byDay` index the figures read, one partition a day) and `expiresAt` (TTL) the retention schedule's
 * `assistant-question` period on, which reads filter (TTL deletes late); and
 * `SUBJECT#<subject key>` / `QUESTION#<id>` linking a question to each data subject whose email or
 * phone was taken out of it (no `logDay`: not on the index). Erasure of a subject empties the
 * question's text and normalised form (`erased`) and deletes its links: the question and its page
 * still count in the figures (numbers, topics, article ids), no words of the client's are left.
 * The days' counts (`QUESTIONDAYS` / `<day>`: asked, unanswered, form pages, those with a request)
 * are written in the same transactions as the questions and page marks, hold no words, and have no
 * `expiresAt`: the service figures read them, and stay the same when the log expires.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { defaultRetentionSchedule, type RetentionSchedule, retentionExpiry } from '../../domain/retention.ts';
import type {
  FeedbackOutcome,
  LoggedPage,
  LoggedQuestion,
  QuestionDayCounts,
  QuestionFeedback,
  QuestionLog,
  QuestionLogPeriod,
} from '../../ports/question-log.ts';
import { subjectQuestionKey } from './data-subject-items.ts';
import type { Item } from './items.ts';
import {
  cancelled,
  countNames,
  countsAdd,
  DynamoPageMarks,
  dayRange,
  pageKey,
  pause,
  questionDaysPartition,
  writeAttempts,
} from './question-days.ts';

export interface QuestionLogTable {
  readonly client: DynamoDBDocumentClient;
  readonly knowledgeTable: string;
  /** The retention schedule, for the items' `expiresAt` (`assistant-question`); the defaults when absent. */
  readonly retention?: RetentionSchedule;
}

export { pageKey } from './question-days.ts';
export const questionKey = (questionId: string) => ({ pk: `QUESTION#${questionId}`, sk: 'QUESTION' });

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
  readonly #marks: DynamoPageMarks;

  constructor(options: QuestionLogTable) {
    this.#client = options.client;
    this.#table = options.knowledgeTable;
    this.#retention = options.retention ?? defaultRetentionSchedule;
    this.#marks = new DynamoPageMarks(options);
  }

  async recordQuestion(question: LoggedQuestion): Promise<void> {
    const expiresAt = expiryOf(question.loggedAt, this.#retention);
    const { feedback: _none, subjectKeys = [], ...fields } = question;
    const keys = [...new Set(subjectKeys)];
    // The articles shown, as a set feedback's condition can test (a set is never empty).
    const answerIds = new Set(question.answers.map((answer) => answer.articleId));
    const put = {
      Put: {
        TableName: this.#table,
        Item: {
          ...questionKey(question.questionId),
          type: 'question',
          ...fields,
          ...(answerIds.size > 0 ? { answerIds } : {}),
          // Its links' keys (pseudonyms), so that erasure by one deletes the others with it.
          ...(keys.length > 0 ? { subjectKeys: keys } : {}),
          // In its day's counts (the backfill counts what older code logged without them).
          counted: true,
          expiresAt,
        },
        // Question ids are random: a second put would be a bug, never a retry worth keeping.
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    // With its links to the data subjects it named (keyed pseudonyms only): erasure of a subject
    // finds the question by them (`DynamoDataSubjectRecords.deleteQuestionsOf`).
    const links = keys.map((key) => ({
      Put: {
        TableName: this.#table,
        Item: {
          ...subjectQuestionKey(key, question.questionId),
          type: 'subject',
          questionId: question.questionId,
          expiresAt,
        },
      },
    }));
    // The question, its page (created by its first question) and the day's counts in one write:
    // the counts are exact, whatever fails or runs at the same time.
    let pageExists = await this.#exists(pageKey(question.pageId));
    for (let attempt = 1; ; attempt += 1) {
      const page = pageExists ? this.#pageAdd(question) : this.#pagePut(question, expiresAt);
      const counts = {
        asked: 1,
        unanswered: question.answers.length === 0 ? 1 : 0,
        formPages: !pageExists && question.source !== 'help' ? 1 : 0,
      };
      try {
        await this.#client.send(
          new TransactWriteCommand({
            TransactItems: [put, page, this.#countsAdd(question.logDay, counts), ...links],
          }),
        );
        return;
      } catch (error) {
        if (attempt >= writeAttempts) throw error;
        if (cancelled(error, 'ConditionalCheckFailed', 0)) throw error;
        // Its page was created (or expired) meanwhile: the other write.
        if (cancelled(error, 'ConditionalCheckFailed', 1)) pageExists = !pageExists;
        else if (cancelled(error, 'TransactionConflict')) await pause(attempt);
        else throw error;
      }
    }
  }

  /** A new page, with its first question. */
  #pagePut(question: LoggedQuestion, expiresAt: number) {
    return {
      Put: {
        TableName: this.#table,
        Item: {
          ...pageKey(question.pageId),
          type: 'page',
          pageId: question.pageId,
          ...(question.source ? { source: question.source } : {}),
          logDay: question.logDay,
          loggedAt: question.loggedAt,
          expiresAt,
          questions: 1,
          ...(question.topic ? { topics: new Set([question.topic]) } : {}),
          counted: true,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** A further question on a page. */
  #pageAdd(question: LoggedQuestion) {
    return {
      Update: {
        TableName: this.#table,
        Key: pageKey(question.pageId),
        UpdateExpression: `ADD questions :one${question.topic ? ', topics :topics' : ''}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: {
          ':one': 1,
          ...(question.topic ? { ':topics': new Set([question.topic]) } : {}),
        },
      },
    };
  }

  /** Adds to a day's counts (`QUESTIONDAYS` / the day). */
  #countsAdd(day: string, counts: Partial<QuestionDayCounts>) {
    return countsAdd(this.#table, day, counts);
  }

  async #exists(key: { pk: string; sk: string }): Promise<boolean> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: key, ConsistentRead: true, ProjectionExpression: 'pk' }),
    );
    return Item !== undefined;
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
    return this.#marks.markRequestSubmitted(pageId, at);
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

  async dayCounts(fromDay: string, toDay: string): Promise<QuestionDayCounts> {
    const sums = { asked: 0, unanswered: 0, formPages: 0, formPagesWithRequest: 0 };
    let startKey: Item | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': questionDaysPartition,
            ':from': dayRange(fromDay, toDay).from,
            ':to': dayRange(fromDay, toDay).to,
          },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? [])
        for (const name of countNames) sums[name] += Number(item[name] ?? 0);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return sums;
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
