/** The question log in memory, for unit tests; the same contract tests as the DynamoDB adapter. */

import {
  defaultRetentionSchedule,
  expiredAt,
  type RetentionSchedule,
  retentionExpiry,
} from '../../domain/retention.ts';
import type {
  FeedbackOutcome,
  LoggedPage,
  LoggedQuestion,
  QuestionDayCounts,
  QuestionFeedback,
  QuestionLog,
  QuestionLogPeriod,
} from '../../ports/question-log.ts';

export class MemoryQuestionLog implements QuestionLog {
  readonly questions = new Map<string, LoggedQuestion>();
  readonly pages = new Map<string, LoggedPage>();
  /** The data-subject keys each question was linked to (`SUBJECT#<key>` / `QUESTION#<id>`). */
  readonly subjects = new Map<string, readonly string[]>();
  /** The days' counts, kept as the log is written and never expired. */
  readonly days = new Map<string, QuestionDayCounts>();
  readonly #retention: RetentionSchedule;

  /** @param options.retention the schedule of the items' expiry (`assistant-question`); the defaults when absent. */
  constructor(options: { readonly retention?: RetentionSchedule } = {}) {
    this.#retention = options.retention ?? defaultRetentionSchedule;
  }

  /** Whether a question or page logged at `loggedAt` is past its expiry (`expiresAt`) at `now`. */
  expired(item: { readonly loggedAt: string }, now: Date): boolean {
    return expiredAt(retentionExpiry(this.#retention['assistant-question'], new Date(item.loggedAt)), now);
  }

  async recordQuestion(question: LoggedQuestion): Promise<void> {
    if (this.questions.has(question.questionId))
      throw new Error(`Question ${question.questionId} logged twice`);
    const { feedback: _none, subjectKeys, ...fields } = question;
    this.questions.set(question.questionId, fields);
    if (subjectKeys?.length) this.subjects.set(question.questionId, [...new Set(subjectKeys)]);
    const page = this.pages.get(question.pageId);
    this.#count(question.logDay, {
      asked: 1,
      unanswered: question.answers.length === 0 ? 1 : 0,
      formPages: !page && question.source !== 'help' ? 1 : 0,
    });
    const topics = new Set([...(page?.topics ?? []), ...(question.topic ? [question.topic] : [])]);
    const source = page?.source ?? question.source;
    this.pages.set(question.pageId, {
      pageId: question.pageId,
      ...(source ? { source } : {}),
      loggedAt: page?.loggedAt ?? question.loggedAt,
      logDay: page?.logDay ?? question.logDay,
      questions: (page?.questions ?? 0) + 1,
      topics: [...topics].sort(),
      ...(page?.requestSubmittedAt ? { requestSubmittedAt: page.requestSubmittedAt } : {}),
    });
  }

  async recordFeedback(questionId: string, feedback: QuestionFeedback): Promise<FeedbackOutcome> {
    const question = this.questions.get(questionId);
    if (!question) return 'unknownQuestion';
    if (feedback.articleId && !question.answers.some((answer) => answer.articleId === feedback.articleId))
      return 'articleNotShown';
    const { articleId, ...rest } = feedback;
    this.questions.set(questionId, {
      ...question,
      feedback: { ...rest, ...(articleId ? { articleId } : {}) },
    });
    return 'recorded';
  }

  async markRequestSubmitted(pageId: string, at: string): Promise<boolean> {
    const page = this.pages.get(pageId);
    if (!page) return false;
    if (page.requestSubmittedAt) return true;
    this.pages.set(pageId, { ...page, requestSubmittedAt: at });
    if (page.source !== 'help') this.#count(page.logDay, { formPagesWithRequest: 1 });
    return true;
  }

  async dayCounts(fromDay: string, toDay: string): Promise<QuestionDayCounts> {
    const sums = { asked: 0, unanswered: 0, formPages: 0, formPagesWithRequest: 0 };
    for (const [day, counts] of this.days)
      if (day >= fromDay && day <= toDay)
        for (const name of Object.keys(sums) as (keyof QuestionDayCounts)[]) sums[name] += counts[name];
    return sums;
  }

  #count(day: string, add: Partial<QuestionDayCounts>): void {
    const counts = this.days.get(day) ?? { asked: 0, unanswered: 0, formPages: 0, formPagesWithRequest: 0 };
    this.days.set(day, {
      asked: counts.asked + (add.asked ?? 0),
      unanswered: counts.unanswered + (add.unanswered ?? 0),
      formPages: counts.formPages + (add.formPages ?? 0),
      formPagesWithRequest: counts.formPagesWithRequest + (add.formPagesWithRequest ?? 0),
    });
  }

  async period(fromDay: string, toDay: string, limit: number, now: Date): Promise<QuestionLogPeriod> {
    const within = (item: { logDay: string; loggedAt: string }) =>
      item.logDay >= fromDay && item.logDay <= toDay && !this.expired(item, now);
    const byTime = (a: { logDay: string; loggedAt: string }, b: { logDay: string; loggedAt: string }) =>
      a.logDay.localeCompare(b.logDay) || a.loggedAt.localeCompare(b.loggedAt);
    const items = [
      ...[...this.questions.values()].filter(within).map((question) => ({ question, ...question })),
      ...[...this.pages.values()].filter(within).map((page) => ({ page, ...page })),
    ].sort(byTime);
    const kept = items.slice(0, limit);
    return {
      questions: kept.flatMap((item) => ('question' in item ? [item.question] : [])),
      pages: kept.flatMap((item) => ('page' in item ? [item.page] : [])),
      truncated: items.length > limit,
    };
  }
}
