/**
 * The assistant's answers as a list of links to the help pages, with the snippet under each title
 * where there is room for it. Text only (`textContent`), and marked with the language the answers
 * came in, which may no longer be the page's after a switch.
 */
import type { Language } from '../../shared/domain/language.ts';
import type { AssistantAnswer } from './assistant-api.ts';

export function renderArticleLinks(
  list: HTMLElement,
  answers: readonly AssistantAnswer[],
  options: { readonly language: Language; readonly snippets: boolean },
): void {
  list.lang = options.language;
  list.replaceChildren(
    ...answers.map((answer) => {
      const item = document.createElement('li');
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
