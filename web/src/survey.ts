/**
 * The client survey page (`/aptauja/#t=<token>`; the token in the fragment, which browsers never
 * send, an older `?t=` link rewritten to it at once): loads the survey (a read, which records nothing),
 * shows the ticket's reference, unit and answer date, takes the response and sends it, and shows
 * (and lets the client change) an existing one while it may be changed. An expired, forged or
 * unreadable link and a lost connection each get their own message, never a blank page. Every
 * text is set with `textContent`.
 */
import type { Language } from '../../shared/domain/language.ts';
import {
  checkSurveyAnswer,
  type SurveyMessageKey,
  surveyCommentMaxLength,
} from '../../shared/domain/survey.ts';
import { surveyFieldMessage } from '../../shared/i18n/survey-messages.ts';
import { createAnnouncer } from './announcer.ts';
import { element } from './dom.ts';
import { browserStorage, initialLanguage, rememberLanguage } from './language.ts';
import {
  fetchSurvey,
  type SurveyFailure,
  type SurveyOutcome,
  type SurveyPageView,
  sendSurvey,
  surveyTokenOf,
} from './survey-api.ts';
import { dateLocale, isTextKey, type SurveyTextKey, text } from './survey-texts.ts';

type Field = 'satisfaction' | 'answered' | 'comment';
const fields: readonly Field[] = ['satisfaction', 'answered', 'comment'];
/** The control a field's error links to. */
const firstControl: Record<Field, string> = {
  satisfaction: 'satisfaction-5',
  answered: 'answered-yes',
  comment: 'comment',
};
const summaryName: Record<Field, SurveyTextKey> = {
  satisfaction: 'satisfaction.short',
  answered: 'answered.short',
  comment: 'comment.label',
};
const failureText: Record<SurveyFailure, SurveyTextKey> = {
  network: 'submit.error.network',
  rateLimited: 'submit.error.rateLimited',
  server: 'submit.error.server',
};

type Problem =
  | { readonly kind: 'refused'; readonly message: { lv: string; en: string } }
  | { readonly kind: 'failed'; readonly key: SurveyTextKey };

interface State {
  language: Language;
  view: SurveyPageView | undefined;
  problem: Problem | undefined;
  errors: readonly { field: string; message: { lv: string; en: string } }[];
  failure: SurveyFailure | undefined;
  /** The API's words for the failure, when it gave them. */
  failureMessage: { lv: string; en: string } | undefined;
  saved: boolean;
  sending: boolean;
}

function start(): void {
  const storage = browserStorage();
  const link = surveyTokenOf(window.location);
  const token = link.token;
  if (link.replaceWith) window.history.replaceState(null, '', link.replaceWith);
  const form = element('survey-form', HTMLFormElement);
  const comment = element('comment', HTMLTextAreaElement);
  const summary = element('error-summary', HTMLElement);
  const summaryList = element('error-summary-list', HTMLUListElement);
  const submitButton = element('submit-button', HTMLButtonElement);
  const announce = createAnnouncer(element('announcer', HTMLDivElement));
  comment.maxLength = surveyCommentMaxLength * 2;

  const state: State = {
    language: initialLanguage(window.location, storage),
    view: undefined,
    problem: undefined,
    errors: [],
    failure: undefined,
    failureMessage: undefined,
    saved: false,
    sending: false,
  };

  const say = (key: SurveyTextKey, values?: Record<string, string>) => text(state.language, key, values);

  function formatDate(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(dateLocale[state.language], {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Riga',
    }).format(date);
  }

  function changeable(view: SurveyPageView): boolean {
    return view.response === null || Date.now() < Date.parse(view.response.changeableUntil);
  }

  function chosen(name: 'satisfaction' | 'answered'): string | undefined {
    const checked = form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`);
    return checked?.value;
  }

  function readAnswer(): Record<string, unknown> {
    const satisfaction = chosen('satisfaction');
    const answered = chosen('answered');
    return {
      t: token,
      ...(satisfaction ? { satisfaction: Number(satisfaction) } : {}),
      ...(answered ? { answered } : {}),
      ...(comment.value.trim() !== '' ? { comment: comment.value } : {}),
    };
  }

  function applyTexts(): void {
    document.documentElement.lang = state.language;
    for (const node of document.querySelectorAll<HTMLElement>('[data-text]')) {
      const key = node.dataset.text ?? '';
      if (isTextKey(key)) node.textContent = say(key);
    }
    for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-language]')) {
      const language = link.dataset.language ?? 'lv';
      // The link keeps the token, in the fragment (never sent), so that switching by the address works too.
      const query = new URLSearchParams({ lang: language });
      link.href = `?${query.toString()}${token ? `#${new URLSearchParams({ t: token })}` : ''}`;
      if (language === state.language) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
    element('problem-home', HTMLAnchorElement).href = state.language === 'en' ? '/?lang=en' : '/';
  }

  function renderCounter(): void {
    const left = surveyCommentMaxLength - comment.value.length;
    const max = String(surveyCommentMaxLength);
    element('comment-counter', HTMLParagraphElement).textContent =
      left >= 0
        ? say('comment.counter', { count: String(left), max })
        : say('comment.over', { count: String(-left), max });
  }

  function renderProblem(): void {
    const { problem } = state;
    element('loading', HTMLParagraphElement).hidden = state.view !== undefined || problem !== undefined;
    element('problem', HTMLElement).hidden = problem === undefined;
    element('problem-text', HTMLParagraphElement).textContent = problem
      ? problem.kind === 'refused'
        ? problem.message[state.language]
        : say(problem.key)
      : '';
    element('problem-retry', HTMLButtonElement).hidden = problem?.kind !== 'failed' || !token;
  }

  function showFieldError(field: Field, message: string | undefined): void {
    const errorNode = element(`${field}-error`, HTMLParagraphElement);
    const controls =
      field === 'comment'
        ? [comment]
        : [...form.querySelectorAll<HTMLInputElement>(`input[name="${field}"]`)];
    if (message) {
      const prefix = document.createElement('span');
      prefix.className = 'visually-hidden';
      prefix.textContent = `${say('field.errorPrefix')} `;
      errorNode.replaceChildren(prefix, document.createTextNode(message));
    } else {
      errorNode.replaceChildren();
    }
    errorNode.hidden = !message;
    for (const control of controls) {
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
    const described = field === 'comment' ? ['comment-hint', 'comment-counter'] : [];
    if (field === 'satisfaction') described.push('satisfaction-hint');
    if (message) described.push(`${field}-error`);
    const target = field === 'comment' ? comment : element(`${field}-field`, HTMLFieldSetElement);
    target.setAttribute('aria-describedby', described.join(' '));
    if (described.length === 0) target.removeAttribute('aria-describedby');
    element(`${field}-field`, HTMLElement).classList.toggle('field--error', Boolean(message));
  }

  function renderErrors(): void {
    const items: HTMLLIElement[] = [];
    for (const field of fields) {
      const error = state.errors.find((candidate) => candidate.field === field);
      showFieldError(field, error?.message[state.language]);
    }
    for (const error of state.errors) {
      const item = document.createElement('li');
      const field = fields.find((candidate) => candidate === error.field);
      if (field) {
        const link = document.createElement('a');
        link.href = `#${firstControl[field]}`;
        link.dataset.field = field;
        link.textContent = `${say(summaryName[field])}: ${error.message[state.language]}`;
        item.append(link);
      } else {
        item.textContent = error.message[state.language];
      }
      items.push(item);
    }
    summaryList.replaceChildren(...items);
    summary.hidden = items.length === 0;
  }

  function renderView(): void {
    const { view } = state;
    element('survey-view', HTMLDivElement).hidden = view === undefined;
    if (!view) return;
    element('fact-reference', HTMLElement).textContent = view.reference;
    element('fact-unit', HTMLElement).textContent = view.unit.name[state.language];
    element('fact-answered-row', HTMLDivElement).hidden = view.answeredAt === null;
    const answered = element('fact-answered', HTMLElement);
    answered.textContent = view.answeredAt ? formatDate(view.answeredAt) : '';
    answered.setAttribute('datetime', view.answeredAt ?? '');
    const open = changeable(view);
    form.hidden = !open;
    const existing = element('existing', HTMLParagraphElement);
    const { response } = view;
    existing.hidden = response === null || state.saved;
    if (response) {
      const values = {
        respondedAt: formatDate(response.respondedAt),
        changeableUntil: formatDate(response.changeableUntil),
      };
      existing.textContent = say(open ? 'existing.note' : 'existing.closed', values);
    }
    element('thanks', HTMLElement).hidden = !state.saved;
    element('thanks-change', HTMLParagraphElement).textContent = response
      ? say('thanks.change', { changeableUntil: formatDate(response.changeableUntil) })
      : '';
    element('general-error', HTMLDivElement).hidden = state.failure === undefined;
    element('general-error-text', HTMLParagraphElement).textContent = state.failure
      ? (state.failureMessage?.[state.language] ?? say(failureText[state.failure]))
      : '';
    const label: SurveyTextKey = state.sending
      ? 'submit.sending'
      : response
        ? 'submit.change'
        : 'submit.button';
    submitButton.dataset.text = label;
    submitButton.textContent = say(label);
    // Not `disabled`: that would throw keyboard focus off the button; repeated submits are ignored.
    submitButton.setAttribute('aria-disabled', String(state.sending));
    form.setAttribute('aria-busy', String(state.sending));
  }

  /** The form shows the response on record. */
  function fillForm(view: SurveyPageView): void {
    const { response } = view;
    if (!response) return;
    for (const input of form.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
      input.checked =
        (input.name === 'satisfaction' && input.value === String(response.satisfaction)) ||
        (input.name === 'answered' && input.value === response.answered);
    }
    comment.value = response.comment ?? '';
    renderCounter();
  }

  function render(): void {
    applyTexts();
    renderCounter();
    renderProblem();
    renderErrors();
    renderView();
  }

  function problemOf(outcome: Exclude<SurveyOutcome, { kind: 'ok' }>): Problem {
    if (outcome.kind === 'refused') return { kind: 'refused', message: outcome.message };
    if (outcome.kind === 'failed' && outcome.reason === 'network')
      return { kind: 'failed', key: 'problem.network' };
    return { kind: 'failed', key: 'problem.server' };
  }

  async function load(): Promise<void> {
    state.problem = undefined;
    render();
    if (!token) {
      state.problem = { kind: 'failed', key: 'problem.noToken' };
      render();
      return;
    }
    const outcome = await fetchSurvey(token);
    if (outcome.kind === 'ok') {
      state.view = outcome.view;
      fillForm(outcome.view);
    } else {
      state.problem = problemOf(outcome);
    }
    render();
    if (state.problem) element('problem-heading', HTMLHeadingElement).focus();
  }

  async function submit(): Promise<void> {
    if (state.sending || !state.view) return;
    state.failure = undefined;
    state.failureMessage = undefined;
    state.saved = false;
    const check = checkSurveyAnswer(readAnswer());
    if (!check.ok) {
      state.errors = check.errors.map(({ field, key }) => ({
        field,
        message: surveyFieldMessage(key as SurveyMessageKey),
      }));
      render();
      summary.focus();
      announce(say('submit.errorsAnnouncement'));
      return;
    }
    state.errors = [];
    state.sending = true;
    render();
    announce(say('submit.sending'));
    const outcome = await sendSurvey(token, check.answer);
    state.sending = false;
    switch (outcome.kind) {
      case 'ok':
        state.view = outcome.view;
        state.saved = true;
        fillForm(outcome.view);
        announce('');
        render();
        element('thanks-heading', HTMLHeadingElement).focus();
        return;
      case 'invalid':
        state.errors = outcome.fields;
        render();
        summary.focus();
        announce(say('submit.errorsAnnouncement'));
        return;
      case 'refused':
        // The link expired or the window closed while the page was open: the page says why.
        state.view = undefined;
        state.problem = problemOf(outcome);
        render();
        element('problem-heading', HTMLHeadingElement).focus();
        return;
      case 'failed':
        state.failure = outcome.reason;
        state.failureMessage = outcome.message;
        announce('');
        render();
        return;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });
  comment.addEventListener('input', renderCounter);
  summaryList.addEventListener('click', (event) => {
    const link =
      event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[data-field]') : null;
    const field = fields.find((candidate) => candidate === link?.dataset.field);
    if (!field) return;
    event.preventDefault();
    // A radio group is entered at its chosen button, if any.
    const target =
      field === 'comment'
        ? comment
        : (form.querySelector<HTMLInputElement>(`input[name="${field}"]:checked`) ??
          element(firstControl[field], HTMLInputElement));
    element(`${field}-field`, HTMLElement).scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  });
  element('problem-retry', HTMLButtonElement).addEventListener('click', () => void load());
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-language]')) {
    link.addEventListener('click', (event) => {
      const language = link.dataset.language;
      if (language !== 'lv' && language !== 'en') return;
      // Switch in place: nothing chosen or typed is lost.
      event.preventDefault();
      state.language = language;
      rememberLanguage(language, storage);
      render();
    });
  }

  void load();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
