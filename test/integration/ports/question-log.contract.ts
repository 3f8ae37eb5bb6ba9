/** The question log: questions with their page, feedback, requests from a page, a period's items. */
import { randomInt } from 'node:crypto';
import { expect, it } from 'vitest';
import { parseRetentionSchedule } from '../../../shared/domain/retention.ts';
import type { LoggedQuestion } from '../../../shared/ports/question-log.ts';
import { type MakePorts, unique } from './ports-under-test.ts';

/** A day no other test uses: the byDay index is shared by every test of the run. */
/** Before every day the tests log (2100 on): nothing has expired. */
const now = new Date('2100-01-01T00:00:00.000Z');

function uniqueDay(): string {
  return `${randomInt(2100, 9999)}-${String(randomInt(1, 13)).padStart(2, '0')}-15`;
}

function aQuestion(day: string, fields: Partial<LoggedQuestion> = {}): LoggedQuestion {
  return {
    questionId: unique('q'),
    pageId: unique('page'),
    language: 'lv',
    text: 'Kā samaksāt valsts nodevu? Mans tālrunis [tālrunis]',
    normalised: 'maks nodev valst',
    topic: 'court-fees',
    answers: [{ articleId: 'state-fee-payment', topic: 'court-fees', score: 12.5 }],
    loggedAt: `${day}T08:00:00.000Z`,
    logDay: day,
    ...fields,
  };
}

export function questionLogContract(make: MakePorts): void {
  it("leaves out questions and pages past the schedule's assistant-question period, though still stored", async () => {
    // Prepare
    const { questionLog } = make({
      retention: parseRetentionSchedule({ 'assistant-question': { days: 30 } }),
    });
    const day = uniqueDay();
    const question = aQuestion(day);
    await questionLog.recordQuestion(question);
    const expiry = Date.parse(question.loggedAt) + 30 * 86_400_000;
    // Act
    const before = await questionLog.period(day, day, 100, new Date(expiry - 1000));
    const after = await questionLog.period(day, day, 100, new Date(expiry));
    // Assess
    expect(before.questions.map((logged) => logged.questionId)).toEqual([question.questionId]);
    expect(before.pages).toHaveLength(1);
    expect(after).toEqual({ questions: [], pages: [], truncated: false });
  });

  it('reads a period of many days in day order, and says when it stopped at the limit', async () => {
    const { questionLog } = make();
    // Days 16–27 of a month no other test uses (they take the 15th).
    const month = uniqueDay().slice(0, 8);
    const days = Array.from({ length: 12 }, (_, index) => `${month}${index + 16}`);
    for (const day of days) await questionLog.recordQuestion(aQuestion(day));
    const whole = await questionLog.period(days[0] as string, days[11] as string, 100, now);
    expect(whole.truncated).toBe(false);
    expect(whole.questions.map((question) => question.logDay)).toEqual(days);
    expect(whole.pages).toHaveLength(12);
    // A question and its page a day: ten items are the first five days.
    const cut = await questionLog.period(days[0] as string, days[11] as string, 10, now);
    expect(cut.truncated).toBe(true);
    expect(cut.questions.length + cut.pages.length).toBe(10);
    expect(cut.questions.map((question) => question.logDay)).toEqual(days.slice(0, 5));
    const exact = await questionLog.period(days[0] as string, days[11] as string, 24, now);
    expect(exact.truncated).toBe(false);
  });

  it('keeps a question and counts it on its page, with the topics of its answers', async () => {
    const { questionLog } = make();
    const day = uniqueDay();
    const first = aQuestion(day);
    await questionLog.recordQuestion(first);
    await questionLog.recordQuestion(
      aQuestion(day, { pageId: first.pageId, topic: 'insolvency', loggedAt: `${day}T08:05:00.000Z` }),
    );
    await questionLog.recordQuestion(
      aQuestion(day, {
        pageId: first.pageId,
        topic: undefined,
        answers: [],
        loggedAt: `${day}T08:06:00.000Z`,
      }),
    );

    const period = await questionLog.period(day, day, 100, now);
    expect(period.truncated).toBe(false);
    expect(period.questions).toHaveLength(3);
    expect(period.questions).toContainEqual(first);
    expect(period.pages).toEqual([
      {
        pageId: first.pageId,
        loggedAt: first.loggedAt,
        logDay: day,
        questions: 3,
        topics: ['court-fees', 'insolvency'],
      },
    ]);
  });

  it('keeps where a question was asked on the question and its page', async () => {
    const { questionLog } = make();
    const day = uniqueDay();
    const help = aQuestion(day, { source: 'help' });
    await questionLog.recordQuestion(help);

    const period = await questionLog.period(day, day, 100, now);
    expect(period.questions).toEqual([help]);
    expect(period.pages).toMatchObject([{ pageId: help.pageId, source: 'help' }]);
  });

  it('records and replaces feedback; none on a question never logged, nor on an article not shown', async () => {
    const { questionLog } = make();
    const day = uniqueDay();
    const question = aQuestion(day);
    await questionLog.recordQuestion(question);
    const at = `${day}T08:01:00.000Z`;
    expect(
      await questionLog.recordFeedback(question.questionId, {
        helpful: true,
        articleId: 'state-fee-payment',
        at,
      }),
    ).toBe('recorded');
    expect(await questionLog.recordFeedback(question.questionId, { helpful: false, at })).toBe('recorded');
    expect(await questionLog.recordFeedback(unique('q'), { helpful: true, at })).toBe('unknownQuestion');
    expect(
      await questionLog.recordFeedback(unique('q'), { helpful: true, articleId: 'state-fee-payment', at }),
    ).toBe('unknownQuestion');
    // An article the question was not answered with is refused, and changes nothing.
    expect(
      await questionLog.recordFeedback(question.questionId, { helpful: true, articleId: 'not-shown', at }),
    ).toBe('articleNotShown');

    const [logged] = (await questionLog.period(day, day, 100, now)).questions;
    expect(logged?.feedback).toEqual({ helpful: false, at });
  });

  it('marks the first request submitted from a page that asked; a page that did not is not created', async () => {
    const { questionLog } = make();
    const day = uniqueDay();
    const question = aQuestion(day);
    await questionLog.recordQuestion(question);
    expect(await questionLog.markRequestSubmitted(question.pageId, `${day}T09:00:00.000Z`)).toBe(true);
    expect(await questionLog.markRequestSubmitted(question.pageId, `${day}T10:00:00.000Z`)).toBe(true);
    expect(await questionLog.markRequestSubmitted(unique('page'), `${day}T09:00:00.000Z`)).toBe(false);

    const { pages } = await questionLog.period(day, day, 100, now);
    expect(pages).toEqual([
      expect.objectContaining({ pageId: question.pageId, requestSubmittedAt: `${day}T09:00:00.000Z` }),
    ]);
  });

  it('reads the days of the period only, and says when it holds more than the limit', async () => {
    const { questionLog } = make();
    const day = uniqueDay();
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const later = new Date(Date.parse(`${day}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
    await questionLog.recordQuestion(aQuestion(day));
    await questionLog.recordQuestion(aQuestion(next, { loggedAt: `${next}T08:00:00.000Z` }));
    await questionLog.recordQuestion(aQuestion(later, { loggedAt: `${later}T08:00:00.000Z` }));

    const two = await questionLog.period(day, next, 100, now);
    expect(two.questions.map((question) => question.logDay).sort()).toEqual([day, next]);
    expect(two.pages).toHaveLength(2);
    const cut = await questionLog.period(day, later, 3, now);
    expect(cut.truncated).toBe(true);
    expect(cut.questions.length + cut.pages.length).toBe(3);
  });

  it("counts a day's questions, form pages and their requests once each, and keeps the counts past the log's period", async () => {
    // Prepare
    const { questionLog } = make({
      retention: parseRetentionSchedule({ 'assistant-question': { days: 30 } }),
    });
    const day = uniqueDay();
    const first = aQuestion(day);
    await questionLog.recordQuestion(first);
    // A second question on the same page, one nothing answered; a help page's question.
    await questionLog.recordQuestion(
      aQuestion(day, {
        pageId: first.pageId,
        answers: [],
        topic: undefined,
        loggedAt: `${day}T08:02:00.000Z`,
      }),
    );
    const help = aQuestion(day, { source: 'help' });
    await questionLog.recordQuestion(help);
    const other = aQuestion(day, { loggedAt: `${day}T09:00:00.000Z` });
    await questionLog.recordQuestion(other);
    // Act: a request from the first page, twice; one from the help page (no deflection page).
    await questionLog.markRequestSubmitted(first.pageId, `${day}T10:00:00.000Z`);
    await questionLog.markRequestSubmitted(first.pageId, `${day}T10:05:00.000Z`);
    await questionLog.markRequestSubmitted(help.pageId, `${day}T10:00:00.000Z`);
    // Assess
    const expected = { asked: 4, unanswered: 1, formPages: 2, formPagesWithRequest: 1 };
    expect(await questionLog.dayCounts(day, day)).toEqual(expected);
    const expired = new Date(Date.parse(other.loggedAt) + 31 * 86_400_000);
    expect((await questionLog.period(day, day, 100, expired)).questions).toEqual([]);
    expect(await questionLog.dayCounts(day, day)).toEqual(expected);
    const dayBefore = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(await questionLog.dayCounts(dayBefore, dayBefore)).toEqual({
      asked: 0,
      unanswered: 0,
      formPages: 0,
      formPagesWithRequest: 0,
    });
  });

  it('counts questions asked at the same time on one new page exactly', async () => {
    const { questionLog } = make();
    const day = uniqueDay();
    const pageId = unique('page');
    await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        questionLog.recordQuestion(aQuestion(day, { pageId, loggedAt: `${day}T08:00:0${index}.000Z` })),
      ),
    );
    expect(await questionLog.dayCounts(day, day)).toEqual({
      asked: 8,
      unanswered: 0,
      formPages: 1,
      formPagesWithRequest: 0,
    });
    const { pages } = await questionLog.period(day, day, 100, now);
    expect(pages).toMatchObject([{ pageId, questions: 8 }]);
  });
}
