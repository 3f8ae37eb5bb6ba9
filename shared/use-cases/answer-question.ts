/**
 * The assistant answers a client's question with the knowledge base's own text (§20.2): up to three
 * published articles, best first, each with its most relevant passage and its page; none when
 * nothing answers well enough, so that the client is sent to the form rather than to a wrong
 * article. The question is logged for the figures (§26), stripped of personal data first.
 */
import type { AssistantQuestion } from '../domain/assistant-request.ts';
import { normaliseEmail, normalisePhone, subjectKey } from '../domain/pseudonyms.ts';
import { localDate } from '../domain/working-days.ts';
import {
  normalisedQuestion,
  stripPersonalData,
  strippedContacts,
  withoutPersonalData,
} from '../knowledge/personal-data.ts';
import { search } from '../knowledge/search/index.ts';
import { articlePath } from '../knowledge/urls.ts';
import { logger } from '../logger.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import type { QuestionLog } from '../ports/question-log.ts';
import type { PublishedIndexCache } from './published-index.ts';

export interface AnswerQuestionDeps {
  readonly knowledge: PublishedIndexCache;
  readonly questionLog: QuestionLog;
  readonly clock: Clock;
  readonly ids: Ids;
}

export interface AssistantAnswer {
  readonly articleId: string;
  readonly topic: string;
  readonly title: string;
  readonly snippet: string;
  /** The article's help page, in the language of the article found. */
  readonly url: string;
  readonly score: number;
}

export interface AssistantAnswers {
  readonly questionId: string;
  readonly answers: readonly AssistantAnswer[];
}

/** At most this many answers to a question, and to the form's confirmation. */
export const answerLimits = { question: 3, confirmation: 2 } as const;

export async function answerQuestion(
  deps: AnswerQuestionDeps,
  question: AssistantQuestion,
): Promise<AssistantAnswers> {
  const { index, articles } = await deps.knowledge.current();
  const confirmation = question.purpose === 'confirmation';
  const found = search(index, withoutPersonalData(question.q), {
    language: question.language,
    limit: confirmation ? answerLimits.confirmation : answerLimits.question,
    // A confirmation reads a finished text; a question may be asked while its last word is typed.
    prefix: !confirmation,
  });
  const answers = found.flatMap((result): AssistantAnswer[] => {
    const article = articles.get(result.id);
    if (!article) return [];
    return [
      {
        articleId: result.id,
        topic: result.topic,
        title: result.title,
        snippet: result.snippet,
        url: articlePath(article.slug, result.language),
        score: Math.round(result.score * 1000) / 1000,
      },
    ];
  });
  const questionId = deps.ids.newId();
  // Only a question the client asked is logged: suggestions and the confirmation read the form.
  if (question.purpose === undefined && question.pageId) {
    const now = deps.clock.now();
    const text = stripPersonalData(question.q);
    const normalised = normalisedQuestion(text, question.language);
    // Nothing to count: stopwords, punctuation or personal data only.
    if (normalised === '') return { questionId, answers };
    // Best effort: the client's answer matters more than a figure (as ingest-web's page mark).
    try {
      const subjectKeys = subjectKeysIn(question.q);
      await deps.questionLog.recordQuestion({
        questionId,
        pageId: question.pageId,
        source: question.source ?? 'form',
        language: question.language,
        text,
        normalised,
        topic: answers[0]?.topic,
        answers: answers.map(({ articleId, topic, score }) => ({ articleId, topic, score })),
        loggedAt: now.toISOString(),
        logDay: localDate(now),
        ...(subjectKeys.length ? { subjectKeys } : {}),
      });
    } catch (error) {
      logger.warn('Question not logged', {
        errorName: error instanceof Error ? error.name : typeof error,
      });
    }
  }
  return { questionId, answers };
}

/**
 * The data-subject keys of the email addresses and phone numbers the logged question had taken out
 * (keyed pseudonyms, as the data-subject index's): what erasure of those subjects finds it by.
 */
function subjectKeysIn(question: string): string[] {
  const { emails, phones } = strippedContacts(question);
  return [
    ...new Set([
      ...emails.map((email) => subjectKey('email', normaliseEmail(email))),
      ...phones.map((phone) => subjectKey('phone', normalisePhone(phone))),
    ]),
  ];
}
