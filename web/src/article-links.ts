/**
 * The assistant's answers as a list of links to the help pages, with the snippet under each title
 * where there is room for it. Text only (`textContent`), each item marked with its article's
 * language, which need not be the page's (a fallback, a language switch since).
 */
import type { AssistantAnswer } from './assistant-api.ts';

export function renderArticleLinks(
  list: HTMLElement,
  answers: readonly AssistantAnswer[],
  options: { readonly snippets: boolean },
): void {
  list.replaceChildren(
    ...answers.map((answer) => {
      const item = document.createElement('li');
      item.lang = answer.language;
      const link = document.createElement('a');
      link.href = answer.url;
      link.textContent = answer.title;
      item.append(link);
      if (options.snippets && answer.snippet !== '') {
        const snippet = document.createElement('p');
        snippet.className = 'article-links__snippet';
        snippet.textContent = answer.snippet;
        item.append(snippet);
      }
      return item;
    }),
  );
}
