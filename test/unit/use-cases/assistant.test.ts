/**
 * The assistant's use cases on memory adapters and a fake of the published set: answers from the
 * published index (cached, reloaded when the generation moves), the question log without personal
 * data, feedback, the page a request came from, the figures and their CSV, and the staff search.
 */
import { describe, expect, it, vi } from 'vitest';
import { FixedClock, MemoryAuditLog } from '../../../shared/adapters/memory/index.ts';
import { MemoryQuestionLog } from '../../../shared/adapters/memory/question-log.ts';
import { ArticleNotShown, QuestionNotFound } from '../../../shared/domain/errors.ts';
import { subjectKey } from '../../../shared/domain/pseudonyms.ts';
import { Refused } from '../../../shared/domain/refused.ts';
import type { StaffRole } from '../../../shared/domain/staff.ts';
import { logger } from '../../../shared/logger.ts';
import { type AnswerQuestionDeps, answerQuestion } from '../../../shared/use-cases/answer-question.ts';
import {
  markRequestFromPage,
  recordAssistantFeedback,
} from '../../../shared/use-cases/assistant-feedback.ts';
import { PublishedIndexCache } from '../../../shared/use-cases/published-index.ts';
import { exportQuestionFigures, questionFigures } from '../../../shared/use-cases/question-figures.ts';
import { searchKnowledge } from '../../../shared/use-cases/search-knowledge.ts';
import type { StaffCaller } from '../../../shared/use-cases/staff-audit.ts';
import { FakePublishedKnowledge, publishedSeedArticles } from '../../support/published-knowledge.ts';

const now = '2026-12-10T22:30:00.000Z';
const page = 'page-0123456789';

function setup() {
  const reader = new FakePublishedKnowledge();
  const clock = new FixedClock(now);
  const questionLog = new MemoryQuestionLog();
  const audit = new MemoryAuditLog();
  let id = 0;
  const deps: AnswerQuestionDeps & { audit: MemoryAuditLog } = {
    knowledge: new PublishedIndexCache(reader, clock),
    questionLog,
    clock,
    ids: { newId: () => `question-${++id}` },
    audit,
  };
  return { reader, clock, questionLog, audit, deps };
}

function staff(roles: readonly string[]): StaffCaller {
  return {
    username: `user-${roles.join('-') || 'none'}`,
    roles: roles as StaffRole[],
    competences: [],
    supervises: [],
    expiresAt: 0,
    issuedAt: 0,
    sessionId: 'session',
    sourceIPAddress: '192.0.2.1',
    userAgent: 'test',
    requestId: 'request',
  };
}

describe('answerQuestion', () => {
  it('finds the article for a Latvian question typed without diacritics, with its page and passage', async () => {
    // Prepare
    const { deps } = setup();
    // Act
    const { questionId, answers } = await answerQuestion(deps, {
      q: 'ka samaksat valsts nodevu',
      language: 'lv',
      pageId: page,
    });
    // Assess
    expect(questionId).toBe('question-1');
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.length).toBeLessThanOrEqual(3);
    expect(answers[0]).toMatchObject({
      articleId: 'state-fee-payment-details',
      topic: 'court-fees',
      url: '/palidziba/state-fee-payment-details/',
    });
    expect(answers[0]?.snippet.length).toBeGreaterThan(20);
    expect(answers.map((answer) => answer.score)).toEqual(
      [...answers.map((answer) => answer.score)].sort((a, b) => b - a),
    );
  });

  it('links the English page for an English question', async () => {
    const { deps } = setup();
    const { answers } = await answerQuestion(deps, {
      q: 'how do I pay the state fee',
      language: 'en',
      pageId: page,
    });
    expect(answers[0]?.url).toBe('/en/help/state-fee-payment-details/');
  });

  it('answers nothing to a question outside the knowledge base, and logs it unanswered', async () => {
    const { deps, questionLog } = setup();
    const { answers, questionId } = await answerQuestion(deps, {
      q: 'kur nopirkt lētas slēpes Siguldā',
      language: 'lv',
      pageId: page,
    });
    expect(answers).toEqual([]);
    expect(questionLog.questions.get(questionId)).toMatchObject({ answers: [], topic: undefined });
  });

  it('logs the question without personal data, on its page and its Riga day', async () => {
    const { deps, questionLog } = setup();
    const { questionId, answers } = await answerQuestion(deps, {
      q: 'Valsts nodevas atmaksa, mans kods 010180-12345, tālr. 29123456, anna@example.lv',
      language: 'lv',
      pageId: page,
    });
    const logged = questionLog.questions.get(questionId);
    expect(logged).toMatchObject({
      pageId: page,
      source: 'form',
      language: 'lv',
      text: 'Valsts nodevas atmaksa, mans kods [personas kods], tālr. [tālrunis], [e-pasts]',
      loggedAt: now,
      // 22:30 UTC is past midnight in Riga.
      logDay: '2026-12-11',
      topic: answers[0]?.topic,
    });
    expect(answers[0]?.articleId).toBe('state-fee-refund');
    expect(JSON.stringify(logged)).not.toMatch(/010180|29123456|anna@/);
    expect(logged?.normalised).not.toMatch(/\d/);
    expect(questionLog.pages.get(page)).toMatchObject({ questions: 1 });
  });

  it('links a logged question to the subject keys of the email and phone it took out, and no other', async () => {
    const { deps, questionLog } = setup();
    const { questionId } = await answerQuestion(deps, {
      q: 'Valsts nodevas atmaksa, tālr. 29 12 34 56, Anna@Example.lv, lieta 2026-12-10',
      language: 'lv',
      pageId: page,
    });
    expect(questionLog.subjects.get(questionId)).toEqual([
      subjectKey('email', 'anna@example.lv'),
      subjectKey('phone', '+37129123456'),
    ]);
    expect(JSON.stringify(questionLog.questions.get(questionId))).not.toMatch(/subject-|anna@/i);
    const { questionId: plain } = await answerQuestion(deps, {
      q: 'Valsts nodevas atmaksa',
      language: 'lv',
      pageId: page,
    });
    expect(questionLog.subjects.has(plain)).toBe(false);
  });

  it.each([
    ['stopwords only', 'kā un ar?'],
    ['punctuation only', '?? !!'],
    ['personal data only', '29123456 anna@example.lv'],
  ])('does not log a question of %s: it has no search terms to count', async (_name, q) => {
    const { deps, questionLog } = setup();
    const { answers } = await answerQuestion(deps, { q, language: 'lv', pageId: page });
    expect(answers).toEqual([]);
    expect(questionLog.questions.size).toBe(0);
    expect(questionLog.pages.size).toBe(0);
  });

  it('still answers when the question log fails, and warns with the error name only', async () => {
    const { deps, questionLog } = setup();
    const failure = new Error('ProvisionedThroughputExceeded for anna@example.lv');
    failure.name = 'ProvisionedThroughputExceededException';
    questionLog.recordQuestion = () => Promise.reject(failure);
    const warned = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    try {
      const { answers } = await answerQuestion(deps, {
        q: 'Kā atgūt pārmaksāto valsts nodevu? anna@example.lv',
        language: 'lv',
        pageId: page,
      });
      expect(answers[0]?.articleId).toBe('state-fee-refund');
      expect(warned).toHaveBeenCalledWith('Question not logged', {
        errorName: 'ProvisionedThroughputExceededException',
      });
      expect(JSON.stringify(warned.mock.calls)).not.toMatch(/anna|nodev/);
    } finally {
      warned.mockRestore();
    }
  });

  it('a confirmation names at most two articles and is not logged', async () => {
    const { deps, questionLog } = setup();
    const { answers } = await answerQuestion(deps, {
      q: 'Lūdzu atmaksāt pārmaksāto valsts nodevu par prasības pieteikumu',
      language: 'lv',
      purpose: 'confirmation',
    });
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.length).toBeLessThanOrEqual(2);
    expect(questionLog.questions.size).toBe(0);
  });

  it('a suggestion (the form typed) is answered as a question, last word as a prefix, and not logged', async () => {
    const { deps, questionLog } = setup();
    const asked = { q: 'Kā atgūt pārmaksāto valsts nod', language: 'lv', pageId: page } as const;
    const question = await answerQuestion(deps, asked);
    questionLog.questions.clear();
    questionLog.pages.clear();

    const { answers } = await answerQuestion(deps, { ...asked, purpose: 'suggest' });

    expect(answers.map((answer) => answer.articleId)).toEqual(
      question.answers.map((answer) => answer.articleId),
    );
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.length).toBeLessThanOrEqual(3);
    expect(questionLog.questions.size).toBe(0);
    expect(questionLog.pages.size).toBe(0);
  });
});

describe('the published index', () => {
  it('asks for the generation at most every 30 s and rebuilds only when it moved', async () => {
    const { deps, reader, clock } = setup();
    await answerQuestion(deps, { q: 'valsts nodeva', language: 'lv', pageId: page });
    await answerQuestion(deps, { q: 'valsts nodeva', language: 'lv', pageId: page });
    expect([reader.generationReads, reader.setReads]).toEqual([0, 1]);

    clock.advance(30_000);
    await answerQuestion(deps, { q: 'valsts nodeva', language: 'lv', pageId: page });
    expect([reader.generationReads, reader.setReads]).toEqual([1, 1]);

    reader.publish(publishedSeedArticles.filter((article) => article.id !== 'state-fee-payment-details'));
    clock.advance(10_000);
    const stale = await answerQuestion(deps, {
      q: 'ka samaksat valsts nodevu',
      language: 'lv',
      pageId: page,
    });
    expect(stale.answers[0]?.articleId).toBe('state-fee-payment-details');
    clock.advance(20_000);
    const fresh = await answerQuestion(deps, {
      q: 'ka samaksat valsts nodevu',
      language: 'lv',
      pageId: page,
    });
    expect(fresh.answers.map((answer) => answer.articleId)).not.toContain('state-fee-payment-details');
    expect(reader.setReads).toBe(2);
  });

  it('keeps answering from the last set when a check fails, and fails with none', async () => {
    const { reader, clock } = setup();
    const cache = new PublishedIndexCache(reader, clock);
    reader.published = async () => {
      throw new Error('throttled');
    };
    await expect(cache.current()).rejects.toThrow('throttled');
    const working = new FakePublishedKnowledge();
    const kept = new PublishedIndexCache(working, clock);
    const first = await kept.current();
    working.publishedGeneration = async () => {
      throw new Error('throttled');
    };
    clock.advance(60_000);
    expect(await kept.current()).toBe(first);
  });
});

describe('feedback and the page a request came from', () => {
  it('records the feedback on a logged question; refuses an unknown one', async () => {
    const { deps, questionLog } = setup();
    const { questionId } = await answerQuestion(deps, { q: 'valsts nodeva', language: 'lv', pageId: page });
    await recordAssistantFeedback(deps, {
      questionId,
      articleId: 'state-fee-payment-details',
      helpful: false,
    });
    expect(questionLog.questions.get(questionId)?.feedback).toEqual({
      helpful: false,
      articleId: 'state-fee-payment-details',
      at: now,
    });
    await expect(
      recordAssistantFeedback(deps, { questionId: 'question-none', helpful: true }),
    ).rejects.toThrow(QuestionNotFound);
  });

  it('refuses feedback on an article the question was not answered with, and keeps the earlier feedback', async () => {
    const { deps, questionLog } = setup();
    const { questionId, answers } = await answerQuestion(deps, {
      q: 'valsts nodeva',
      language: 'lv',
      pageId: page,
    });
    expect(answers.map((answer) => answer.articleId)).not.toContain('insolvency-application');
    await recordAssistantFeedback(deps, { questionId, helpful: true });
    await expect(
      recordAssistantFeedback(deps, { questionId, articleId: 'insolvency-application', helpful: false }),
    ).rejects.toThrow(ArticleNotShown);
    expect(questionLog.questions.get(questionId)?.feedback).toEqual({ helpful: true, at: now });
  });

  it('marks a page that asked; a page that did not stays out of the log', async () => {
    const { deps, questionLog } = setup();
    await answerQuestion(deps, { q: 'valsts nodeva', language: 'lv', pageId: page });
    expect(await markRequestFromPage(deps, page)).toBe(true);
    expect(await markRequestFromPage(deps, 'page-never-asked')).toBe(false);
    expect(questionLog.pages.get(page)?.requestSubmittedAt).toBe(now);
    expect(questionLog.pages.has('page-never-asked')).toBe(false);
  });
});

describe('question figures', () => {
  async function askAround() {
    const context = setup();
    const ask = (q: string, pageId: string) => answerQuestion(context.deps, { q, language: 'lv', pageId });
    const first = await ask('Kā samaksāt valsts nodevu?', 'page-aaaaaaaa');
    await ask('valsts nodevu kā samaksāt', 'page-bbbbbbbb');
    await ask('ka samaksat valsts nodevu', 'page-cccccccc');
    await ask('=HYPERLINK("http://evil") slēpes', 'page-dddddddd');
    await recordAssistantFeedback(context.deps, { questionId: first.questionId, helpful: false });
    await markRequestFromPage(context.deps, 'page-aaaaaaaa');
    await markRequestFromPage(context.deps, 'page-dddddddd');
    return context;
  }

  it('groups questions by normalised form, lists the unanswered and the Nē, and the deflection rate per topic', async () => {
    const { deps, audit } = await askAround();
    const figures = await questionFigures(deps, staff(['supervisor']), {});
    expect(figures).toMatchObject({ from: '2026-11-12', to: '2026-12-11', truncated: false });
    expect(figures.topQuestions[0]).toMatchObject({ asked: 3, notHelpful: 1, topic: 'court-fees' });
    expect(figures.unanswered.map((group) => [group.unanswered, group.notHelpful])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(figures.totals).toMatchObject({
      questions: 4,
      unanswered: 1,
      notHelpful: 1,
      pages: 4,
      pagesWithRequest: 2,
      deflectionRate: 0.5,
    });
    expect(figures.topics).toEqual([
      {
        topic: 'court-fees',
        questions: 3,
        unanswered: 0,
        notHelpful: 1,
        pages: 3,
        pagesWithRequest: 1,
        deflectionRate: 0.667,
      },
      { questions: 1, unanswered: 1, notHelpful: 0, pages: 1, pagesWithRequest: 1, deflectionRate: 0 },
    ]);
    const byTopic = await questionFigures(deps, staff(['editor']), { topic: 'court-fees' });
    expect(byTopic.totals).toMatchObject({ questions: 3, pages: 3, pagesWithRequest: 1 });
    expect(audit.records.map((record) => record.eventName)).toEqual([
      'ListAssistantQuestions',
      'ListAssistantQuestions',
    ]);
    expect(audit.records[0]?.requestParameters).toEqual({ from: '2026-11-12', to: '2026-12-11' });
  });

  it('still counts a question erased with a data subject, in no group of questions', async () => {
    const { deps, questionLog } = await askAround();
    const before = await questionFigures(deps, staff(['supervisor']), {});
    const [id, question] = [...questionLog.questions].find(([, q]) => q.topic === 'court-fees') ?? [];
    if (!id || !question) throw new Error('no court-fees question asked');
    questionLog.questions.set(id, { ...question, text: '', normalised: '', erased: true });

    const figures = await questionFigures(deps, staff(['supervisor']), {});

    expect(figures.totals).toEqual(before.totals);
    expect(figures.topics).toEqual(before.topics);
    const asked = (groups: readonly { asked: number }[]) => groups.reduce((sum, g) => sum + g.asked, 0);
    expect(asked(figures.topQuestions)).toBe(asked(before.topQuestions) - 1);
    expect(figures.topQuestions.map((group) => group.normalised)).not.toContain('');
  });

  it('counts a help page’s questions as questions, but not its page in the deflection rate', async () => {
    const { deps, questionLog } = await askAround();
    const before = await questionFigures(deps, staff(['supervisor']), {});
    const help = await answerQuestion(deps, {
      q: 'Kā samaksāt valsts nodevu?',
      language: 'lv',
      pageId: 'page-help0001',
      source: 'help',
    });
    expect(questionLog.questions.get(help.questionId)?.source).toBe('help');
    expect(questionLog.pages.get('page-help0001')?.source).toBe('help');

    const figures = await questionFigures(deps, staff(['supervisor']), {});

    expect(figures.totals).toMatchObject({
      questions: before.totals.questions + 1,
      pages: 4,
      pagesWithRequest: 2,
      deflectionRate: 0.5,
    });
    expect(figures.topQuestions[0]).toMatchObject({ asked: 4, topic: 'court-fees' });
    expect(figures.topics[0]).toMatchObject({ topic: 'court-fees', questions: 4, pages: 3 });
  });

  it('exports a CSV whose clients’ words cannot run as formulas', async () => {
    const { deps, audit } = await askAround();
    const file = await exportQuestionFigures(deps, staff(['admin']), {
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(file.filename).toBe('assistant-questions-2026-12-01-2026-12-31.csv');
    expect(file.text).toContain('"\'=HYPERLINK(""http://evil"") slēpes"');
    expect(file.text.split('\r\n')[0]).toBe(
      '\uFEFF"kind","topic","normalised","example","asked","unanswered","notHelpful","helpful","pages","pagesWithRequest","deflectionRate"',
    );
    expect(file.rows).toBe(4);
    expect(audit.records.at(-1)?.eventName).toBe('ExportAssistantQuestions');
  });

  it('is for supervisors, editors and admins only; periods run forwards and span 92 days at most', async () => {
    const { deps } = await askAround();
    for (const roles of [['agent'], ['mailroom'], ['auditor'], []])
      await expect(questionFigures(deps, staff(roles), {})).rejects.toMatchObject({ status: 403 });
    await expect(
      questionFigures(deps, staff(['supervisor']), { from: '2026-12-10', to: '2026-12-01' }),
    ).rejects.toMatchObject({
      status: 400,
      fields: [{ field: 'from', key: 'staff.audit.order' }],
    });
    await expect(
      questionFigures(deps, staff(['supervisor']), { from: '2026-01-01', to: '2026-12-01' }),
    ).rejects.toBeInstanceOf(Refused);
    await expect(questionFigures(deps, staff(['supervisor']), { from: '2026-02-30' })).rejects.toMatchObject({
      status: 400,
    });
  });
});

describe('staff search of the knowledge base', () => {
  it('finds articles and glossary terms with the text to insert; records the search without its words', async () => {
    const { deps, audit } = setup();
    const hits = await searchKnowledge(deps, staff(['agent']), { q: 'valsts nodeva', language: 'lv' });
    const article = hits.find((hit) => hit.kind === 'article');
    expect(article).toMatchObject({
      id: 'state-fee-payment-details',
      url: '/palidziba/state-fee-payment-details/',
    });
    expect(article?.text).toContain('/palidziba/state-fee-payment-details/');
    const term = hits.find((hit) => hit.kind === 'term');
    expect(term).toMatchObject({ id: 'valsts-nodeva', url: '/palidziba/vardnica/#valsts-nodeva' });
    expect(term?.text).toMatch(/^valsts nodeva — /);
    expect(audit.records).toHaveLength(1);
    expect(audit.records[0]).toMatchObject({
      eventName: 'SearchKnowledge',
      requestParameters: { language: 'lv', queryLength: 13 },
    });
    expect(JSON.stringify(audit.records[0])).not.toContain('nodeva');
  });

  it('is for agents, supervisors, admins and editors', async () => {
    const { deps } = setup();
    for (const roles of [['supervisor'], ['admin'], ['editor']])
      await expect(
        searchKnowledge(deps, staff(roles), { q: 'nodeva', language: 'lv' }),
      ).resolves.toBeDefined();
    for (const roles of [['mailroom'], ['auditor']])
      await expect(
        searchKnowledge(deps, staff(roles), { q: 'nodeva', language: 'lv' }),
      ).rejects.toMatchObject({ status: 403 });
  });
});
