/**
 * The question box above the form (§20.2): the client asks in their own words and gets the best
 * help article's own paragraph and its link — quoted, never generated — then "Did this answer your
 * question? Yes / No". *No*, or no answer at all, takes them to the form with the question written
 * in and the article's topic chosen, so nothing has to be typed twice. Results are announced in
 * the page's live region; everything works from the keyboard.
 */
import type { Language } from '../../shared/domain/language.ts';
import type { Announce } from './announcer.ts';
import { fetchAnswers, isAnswers, questionLength, questionText, sendFeedback } from './assistant-api.ts';
import { element, setTextKey } from './dom.ts';
import { type TextKey, text } from './texts.ts';

export interface QuestionBoxOptions {
  /** The page load's id (see page-id.ts). */
  readonly page: string;
  readonly language: () => Language;
  readonly announce: Announce;
  /** Writes the question into the request form, chooses `topic` if given, and moves focus there. */
  readonly toForm: (question: string, topic: string | undefined) => void;
}

export interface QuestionBox {
  /** Empties the box (a new, empty form). */
  clear(): void;
}

/** The question answered on display, for the feedback buttons. */
interface Answered {
  readonly question: string;
  readonly questionId: string;
  readonly articleId: string;
  readonly topic: string;
}

export function startQuestionBox(options: QuestionBoxOptions): QuestionBox {
  const section = element('assistant', HTMLElement);
  const form = element('assistant-form', HTMLFormElement);
  const input = element('assistant-question', HTMLInputElement);
  const errorLine = element('assistant-question-error', HTMLParagraphElement);
  const errorText = element('assistant-question-error-text', HTMLSpanElement);
  const answer = element('assistant-answer', HTMLDivElement);
  const answerTitle = element('assistant-answer-title', HTMLParagraphElement);
  const answerSnippet = element('assistant-answer-snippet', HTMLQuoteElement);
  const feedback = element('assistant-feedback', HTMLFieldSetElement);
  const thanks = element('assistant-thanks', HTMLParagraphElement);
  const note = element('assistant-note', HTMLParagraphElement);
  let inFlight: AbortController | undefined;
  let answered: Answered | undefined;

  /** The line under the box: a catalogue text (follows a language switch) or the server's words. */
  function showError(error: { readonly key: TextKey } | { readonly message: string } | undefined): void {
    errorLine.hidden = error === undefined;
    if (error === undefined) {
      errorText.textContent = '';
      delete errorText.dataset.text;
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', 'assistant-question-hint');
      return;
    }
    if ('key' in error) setTextKey(errorText, error.key, text(options.language(), error.key));
    else {
      delete errorText.dataset.text;
      errorText.textContent = error.message;
    }
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', 'assistant-question-hint assistant-question-error');
  }

  function showNote(key: TextKey | undefined): void {
    note.hidden = key === undefined;
    if (key) setTextKey(note, key, text(options.language(), key));
  }

  function reset(): void {
    inFlight?.abort();
    inFlight = undefined;
    answered = undefined;
    answer.hidden = true;
    showNote(undefined);
    showError(undefined);
    section.removeAttribute('aria-busy');
  }

  async function ask(): Promise<void> {
    const question = questionText(input.value);
    reset();
    if (question.length < questionLength.min) {
      showError({ key: 'assistant.tooShort' });
      options.announce(text(options.language(), 'assistant.tooShort'));
      input.focus();
      return;
    }
    const language = options.language();
    const request = new AbortController();
    inFlight = request;
    section.setAttribute('aria-busy', 'true');
    options.announce(text(language, 'assistant.searching'));
    const result = await fetchAnswers({ text: question, language, page: options.page }, request.signal);
    if (inFlight !== request) return;
    inFlight = undefined;
    section.removeAttribute('aria-busy');

    if (!isAnswers(result)) {
      if (result.kind === 'invalid') {
        showError({ message: result.message });
        options.announce(result.message);
        input.focus();
      } else {
        showNote('assistant.error');
        options.announce(text(language, 'assistant.error'));
      }
      return;
    }
    const best = result.answers[0];
    if (!best) {
      showNote('assistant.noAnswer');
      options.toForm(question, undefined);
      options.announce(text(language, 'assistant.noAnswer'));
      return;
    }
    answered = { question, questionId: result.questionId, articleId: best.articleId, topic: best.topic };
    const link = document.createElement('a');
    link.href = best.url;
    link.textContent = best.title;
    answerTitle.replaceChildren(link);
    answerSnippet.textContent = best.snippet;
    // The article's language, which stays after a switch of the page's language.
    answerTitle.lang = best.language;
    answerSnippet.lang = best.language;
    feedback.hidden = false;
    thanks.hidden = true;
    answer.hidden = false;
    options.announce(text(language, 'assistant.found', { title: best.title }));
  }

  function answerHelped(helpful: boolean): void {
    if (!answered) return;
    const { question, questionId, articleId, topic } = answered;
    void sendFeedback({ questionId, articleId, helpful });
    feedback.hidden = true;
    if (helpful) {
      thanks.hidden = false;
      // The buttons are gone: focus the thanks, not the page's top.
      thanks.focus();
      return;
    }
    showNote('assistant.toForm');
    options.toForm(question, topic);
    options.announce(text(options.language(), 'assistant.toForm'));
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void ask();
  });
  element('assistant-yes', HTMLButtonElement).addEventListener('click', () => answerHelped(true));
  element('assistant-no', HTMLButtonElement).addEventListener('click', () => answerHelped(false));
  // Without the script the box could not answer, so the page shows it only now.
  section.hidden = false;

  return {
    clear() {
      reset();
      input.value = '';
    },
  };
}
