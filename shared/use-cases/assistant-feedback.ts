/**
 * What the client says of an answer ("Vai tas atbildēja uz jūsu jautājumu? Jā / Nē"), and a request
 * submitted from a page that asked (the assistant did not deflect it): both kept in the question
 * log for the figures (§26).
 */
import type { AssistantFeedback } from '../domain/assistant-request.ts';
import { ArticleNotShown, QuestionNotFound } from '../domain/errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { QuestionLog } from '../ports/question-log.ts';

export interface AssistantLogDeps {
  readonly questionLog: QuestionLog;
  readonly clock: Clock;
}

/**
 * Records the client's feedback on a question; a question never logged is refused (404), and so is
 * (400) an article the question was not answered with: the figures count only what was shown.
 */
export async function recordAssistantFeedback(
  deps: AssistantLogDeps,
  feedback: AssistantFeedback,
): Promise<void> {
  const recorded = await deps.questionLog.recordFeedback(feedback.questionId, {
    helpful: feedback.helpful,
    articleId: feedback.articleId,
    at: deps.clock.now().toISOString(),
  });
  if (recorded === 'unknownQuestion') throw new QuestionNotFound();
  if (recorded === 'articleNotShown') throw new ArticleNotShown();
}

/**
 * Marks the page a submitted request came from. A page that asked nothing is no page of the log,
 * and that is no error: the request was submitted either way.
 */
export async function markRequestFromPage(
  deps: { readonly questionLog: Pick<QuestionLog, 'markRequestSubmitted'>; readonly clock: Clock },
  pageId: string,
): Promise<boolean> {
  return deps.questionLog.markRequestSubmitted(pageId, deps.clock.now().toISOString());
}
