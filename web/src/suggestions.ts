/**
 * Suggested articles under the message (§20.2): as the client types the subject and the message,
 * up to three help articles that may already answer it. Asked only after a pause in typing and
 * only once there are two words; a newer question cancels the one still on its way, so a slow
 * answer never replaces a newer one.
 */
import type { Language } from '../../shared/domain/language.ts';
import type { Announce } from './announcer.ts';
import { renderArticleLinks } from './article-links.ts';
import { type AssistantAnswer, fetchAnswers, isAnswers, questionText } from './assistant-api.ts';
import { text } from './texts.ts';

/** How long typing must pause before the knowledge base is asked. */
export const suggestionDelayMs = 400;

const minimumWords = 2;
const maximumSuggestions = 3;

export interface SuggestionsOptions {
  /** The fields whose words make the question, in order (subject, message). */
  readonly sources: readonly (HTMLInputElement | HTMLTextAreaElement)[];
  /** Shown only while there are suggestions. */
  readonly section: HTMLElement;
  readonly list: HTMLElement;
  /** The page load's id (see page-id.ts). */
  readonly page: string;
  readonly language: () => Language;
  readonly announce: Announce;
}

export interface Suggestions {
  /** Asks again at once, if the question or the language changed (after a language switch). */
  refresh(): void;
  /** Forgets the suggestions (a new, empty form). */
  clear(): void;
}

function wordCount(question: string): number {
  return question.split(' ').filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

export function watchSuggestions(options: SuggestionsOptions): Suggestions {
  const { section, list } = options;
  let timer: number | undefined;
  let inFlight: AbortController | undefined;
  /** The question and language last asked, so that an unchanged question is not asked again. */
  let asked = '';
  let shownIds = '';

  function show(answers: readonly AssistantAnswer[]): void {
    const shown = answers.slice(0, maximumSuggestions);
    renderArticleLinks(list, shown, { snippets: true });
    section.hidden = shown.length === 0;
    const ids = shown.map((answer) => answer.articleId).join(' ');
    // Announced when the list changes, not on every pause in typing.
    if (ids !== shownIds && shown.length > 0) {
      options.announce(text(options.language(), 'suggestions.found', { count: String(shown.length) }));
    }
    shownIds = ids;
  }

  async function ask(): Promise<void> {
    window.clearTimeout(timer);
    const language = options.language();
    const question = questionText(options.sources.map((source) => source.value).join(' '));
    const key = `${language} ${question}`;
    if (key === asked) return;
    inFlight?.abort();
    inFlight = undefined;
    asked = key;
    if (wordCount(question) < minimumWords) {
      show([]);
      return;
    }
    const request = new AbortController();
    inFlight = request;
    // The form's text is the client's request, not a question: asked as a suggestion, never logged.
    const result = await fetchAnswers(
      { text: question, language, page: options.page, purpose: 'suggest' },
      request.signal,
    );
    if (inFlight !== request) return;
    inFlight = undefined;
    // A failure leaves the last suggestions as they are: they still fit most of what was typed.
    if (isAnswers(result)) show(result.answers);
    else asked = '';
  }

  for (const source of options.sources) {
    source.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void ask(), suggestionDelayMs);
    });
  }

  return {
    refresh: () => void ask(),
    clear() {
      window.clearTimeout(timer);
      inFlight?.abort();
      inFlight = undefined;
      asked = '';
      shownIds = '';
      list.replaceChildren();
      section.hidden = true;
    },
  };
}
