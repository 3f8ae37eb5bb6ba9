/**
 * The one or two help articles the confirmation names for the request's text (§10): the client
 * may find the answer there before ours arrives. Asked with `purpose=confirmation`, so the request
 * is not counted as a question to the assistant.
 */
import type { Language } from '../../shared/domain/language.ts';
import { renderArticleLinks } from './article-links.ts';
import { fetchAnswers, isAnswers, questionLength, questionText } from './assistant-api.ts';

const maximumArticles = 2;

export interface ConfirmationArticles {
  show(requestText: string, language: Language): Promise<void>;
  clear(): void;
}

export function confirmationArticles(
  section: HTMLElement,
  list: HTMLElement,
  page: string,
): ConfirmationArticles {
  let inFlight: AbortController | undefined;

  function clear(): void {
    inFlight?.abort();
    inFlight = undefined;
    list.replaceChildren();
    section.hidden = true;
  }

  return {
    clear,
    async show(requestText, language) {
      clear();
      const question = questionText(requestText);
      if (question.length < questionLength.min) return;
      const request = new AbortController();
      inFlight = request;
      const result = await fetchAnswers(
        { text: question, language, page, purpose: 'confirmation' },
        request.signal,
      );
      if (inFlight !== request || !isAnswers(result)) return;
      inFlight = undefined;
      const articles = result.answers.slice(0, maximumArticles);
      renderArticleLinks(list, articles, { snippets: false });
      section.hidden = articles.length === 0;
    },
  };
}
