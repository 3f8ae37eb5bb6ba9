/**
 * The public request form (`/`): language switch, validation with the shared schema, submission
 * and the confirmation, with the assistant's question box, suggestions and related articles
 * wired in (each in its own module). Every text is set with `textContent`, never as HTML, whether it comes from
 * the catalogue, the server or the person filling in the form.
 */
import {
  type FieldError,
  type FormField,
  formFields,
  honeypotField,
  latvianMobileCandidate,
  requestLanguage,
} from '../../shared/domain/client-request.ts';
import type { Language } from '../../shared/domain/language.ts';
import { topics as bundledTopics } from '../../shared/domain/topics.ts';
import { validateClientRequest } from '../../shared/i18n/messages.ts';
import { createAnnouncer } from './announcer.ts';
import {
  type AcceptedRequest,
  type FailureReason,
  fetchTopics,
  submitRequest,
  type TopicOption,
} from './api.ts';
import { confirmationArticles } from './confirmation-articles.ts';
import { element } from './dom.ts';
import { formatCalendarDate } from './format-date.ts';
import { IdempotencyKeys } from './idempotency-key.ts';
import { browserStorage, initialLanguage, rememberLanguage } from './language.ts';
import { newPageId } from './page-id.ts';
import { startQuestionBox } from './question-box.ts';
import { watchSuggestions } from './suggestions.ts';
import { isTextKey, type TextKey, text } from './texts.ts';

/** Fields that have a control on the page; `language` is set by the switch, not typed in. */
type ControlField = Exclude<FormField, 'language'>;
const controlFields = formFields.filter((field): field is ControlField => field !== 'language');

/** How the error summary names each field, so that "This field is required." says which one. */
const summaryName: Record<ControlField, TextKey> = {
  name: 'field.name.label',
  email: 'field.email.label',
  callback: 'field.callback.label',
  phone: 'field.phone.label',
  topic: 'field.topic.label',
  subject: 'field.subject.label',
  message: 'field.message.label',
  consent: 'field.consent.short',
};

const failureText: Record<FailureReason, TextKey> = {
  network: 'submit.error.network',
  tooLarge: 'submit.error.tooLarge',
  rateLimited: 'submit.error.rateLimited',
  server: 'submit.error.server',
};

/** `+37120000000` as it is written in Latvia, `+371 20 000 000`; any other number as it is. */
function displayPhone(e164: string): string {
  return e164.replace(/^\+371(\d{2})(\d{3})(\d{3})$/, '+371 $1 $2 $3');
}

interface State {
  language: Language;
  topics: readonly TopicOption[];
  /** Errors on display and whether the browser or the server found them. */
  errors: { readonly list: FieldError[]; readonly source: 'client' | 'server' } | undefined;
  failure: { readonly reason: FailureReason; readonly requestId?: string } | undefined;
  accepted: AcceptedRequest | undefined;
  /** The number (E.164) we will call back on, when the accepted request asked for a callback. */
  callbackPhone: string | undefined;
  submitting: boolean;
  /** After the first attempt, fields are checked again as the person leaves them. */
  attempted: boolean;
}

function start(): void {
  const storage = browserStorage();
  const form = element('request-form', HTMLFormElement);
  const formView = element('form-view', HTMLDivElement);
  const summary = element('error-summary', HTMLElement);
  const summaryList = element('error-summary-list', HTMLUListElement);
  const topicSelect = element('topic', HTMLSelectElement);
  const consent = element('consent', HTMLInputElement);
  const callback = element('callback', HTMLInputElement);
  const phone = element('phone', HTMLInputElement);
  const phoneMarker = element('phone-marker', HTMLSpanElement);
  const submitButton = element('submit-button', HTMLButtonElement);
  const generalError = element('general-error', HTMLDivElement);
  const generalErrorText = element('general-error-text', HTMLParagraphElement);
  const confirmation = element('confirmation', HTMLElement);
  const confirmationHeading = element('confirmation-heading', HTMLHeadingElement);
  const announceText = createAnnouncer(element('announcer', HTMLDivElement));
  const keys = new IdempotencyKeys();
  const page = newPageId();

  const state: State = {
    language: initialLanguage(window.location, storage),
    topics: bundledTopics,
    errors: undefined,
    failure: undefined,
    accepted: undefined,
    callbackPhone: undefined,
    submitting: false,
    attempted: false,
  };

  function control(field: string): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | undefined {
    const found = form.elements.namedItem(field);
    return found instanceof HTMLInputElement ||
      found instanceof HTMLSelectElement ||
      found instanceof HTMLTextAreaElement
      ? found
      : undefined;
  }

  function value(field: string): string {
    return control(field)?.value ?? '';
  }

  /** The form as the shared schema expects it; empty optional fields are left out. */
  function readForm(): Record<string, unknown> {
    const data: Record<string, unknown> = {
      name: value('name'),
      email: value('email'),
      topic: value('topic'),
      subject: value('subject'),
      message: value('message'),
      consent: consent.checked,
      language: state.language,
    };
    if (callback.checked) data.callback = true;
    if (value('phone').trim() !== '') data.phone = value('phone');
    if (value(honeypotField) !== '') data[honeypotField] = value(honeypotField);
    return data;
  }

  function applyTexts(): void {
    const { language } = state;
    // <title> carries data-text too, so the tab and history show the page in the chosen language.
    document.documentElement.lang = language;
    for (const node of document.querySelectorAll<HTMLElement>('[data-text]')) {
      const key = node.dataset.text ?? '';
      if (isTextKey(key)) node.textContent = text(language, key);
    }
    for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-language]')) {
      if (link.dataset.language === language) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
    for (const option of topicSelect.options) {
      const topic = state.topics.find((candidate) => candidate.id === option.value);
      if (topic) option.textContent = topic.label[language];
    }
  }

  /** A callback makes the phone number required, and its label says so. */
  function renderCallback(): void {
    const asked = callback.checked;
    phone.required = asked;
    if (asked) phone.setAttribute('aria-required', 'true');
    else phone.removeAttribute('aria-required');
    const marker: TextKey = asked ? 'field.required' : 'field.optional';
    phoneMarker.dataset.text = marker;
    phoneMarker.textContent = text(state.language, marker);
  }

  function renderTopics(): void {
    const selected = topicSelect.value;
    for (const option of Array.from(topicSelect.options)) if (option.value !== '') option.remove();
    for (const topic of state.topics) {
      const option = document.createElement('option');
      option.value = topic.id;
      option.textContent = topic.label[state.language];
      topicSelect.append(option);
    }
    topicSelect.value = state.topics.some((topic) => topic.id === selected) ? selected : '';
  }

  function showFieldError(field: string, error: FieldError | undefined): void {
    const input = control(field);
    const message = document.getElementById(`${field}-error`);
    if (!input || !message) return;
    const hint = document.getElementById(`${field}-hint`) ? `${field}-hint` : '';
    if (error) {
      const prefix = document.createElement('span');
      prefix.className = 'visually-hidden';
      prefix.textContent = `${text(state.language, 'field.errorPrefix')} `;
      message.replaceChildren(prefix, document.createTextNode(error.message));
      message.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', `${hint} ${field}-error`.trim());
    } else {
      message.replaceChildren();
      message.hidden = true;
      input.removeAttribute('aria-invalid');
      if (hint) input.setAttribute('aria-describedby', hint);
      else input.removeAttribute('aria-describedby');
    }
    document.getElementById(`${field}-field`)?.classList.toggle('field--error', Boolean(error));
  }

  function renderErrors(): void {
    const list = state.errors?.list ?? [];
    for (const field of controlFields) {
      showFieldError(
        field,
        list.find((error) => error.field === field),
      );
    }
    const items = list.map((error) => {
      const item = document.createElement('li');
      const field = controlFields.find((candidate) => candidate === error.field);
      if (field) {
        const link = document.createElement('a');
        link.href = `#${field}`;
        link.dataset.field = field;
        link.textContent = `${text(state.language, summaryName[field])}: ${error.message}`;
        item.append(link);
      } else {
        item.textContent = error.message;
      }
      return item;
    });
    summaryList.replaceChildren(...items);
    summary.hidden = items.length === 0;
  }

  function renderFailure(): void {
    const { failure } = state;
    generalError.hidden = failure === undefined;
    generalErrorText.textContent = failure ? text(state.language, failureText[failure.reason]) : '';
    element('general-error-request', HTMLParagraphElement).hidden = failure?.requestId === undefined;
    element('general-error-request-id', HTMLElement).textContent = failure?.requestId ?? '';
  }

  function renderConfirmation(): void {
    const { accepted, language } = state;
    formView.hidden = accepted !== undefined;
    confirmation.hidden = accepted === undefined;
    if (!accepted) return;
    element('confirmation-reference', HTMLElement).textContent = accepted.reference;
    element('confirmation-unit-row', HTMLDivElement).hidden = accepted.competence === undefined;
    element('confirmation-unit', HTMLElement).textContent = accepted.competence?.label[language] ?? '';
    const showDate = (id: string, date: string) => {
      const time = element(id, HTMLElement);
      time.textContent = formatCalendarDate(date, language);
      time.setAttribute('datetime', date);
    };
    showDate('confirmation-expected', accepted.expectedAnswerBy);
    const deadlineRow = element('confirmation-deadline-row', HTMLDivElement);
    // The same date twice would read as two different promises.
    const deadline =
      accepted.answerDeadline !== accepted.expectedAnswerBy ? accepted.answerDeadline : undefined;
    deadlineRow.hidden = deadline === undefined;
    if (deadline !== undefined) showDate('confirmation-deadline', deadline);
    element('confirmation-callback-row', HTMLDivElement).hidden = state.callbackPhone === undefined;
    element('confirmation-callback', HTMLElement).textContent = displayPhone(state.callbackPhone ?? '');
  }

  function renderSubmitting(): void {
    submitButton.dataset.text = state.submitting ? 'submit.sending' : 'submit.button';
    submitButton.textContent = text(state.language, state.submitting ? 'submit.sending' : 'submit.button');
    // Not `disabled`: that would throw keyboard focus off the button; repeated submits are ignored instead.
    submitButton.setAttribute('aria-disabled', String(state.submitting));
    form.setAttribute('aria-busy', String(state.submitting));
  }

  function announce(key: TextKey | undefined): void {
    announceText(key ? text(state.language, key) : '');
  }

  const language = () => state.language;
  const suggestions = watchSuggestions({
    sources: [element('subject', HTMLInputElement), element('message', HTMLTextAreaElement)],
    section: element('suggestions', HTMLElement),
    list: element('suggestions-list', HTMLUListElement),
    page,
    language,
    announce: announceText,
  });
  const relatedArticles = confirmationArticles(
    element('confirmation-articles', HTMLElement),
    element('confirmation-articles-list', HTMLUListElement),
    page,
  );

  /** The question box's way into the form: its question as the message, its best topic chosen. */
  function fillFromQuestion(question: string, topic: string | undefined): void {
    const message = element('message', HTMLTextAreaElement);
    // What the client has already written or chosen stays.
    if (message.value.trim() === '') message.value = question;
    if (topic && topicSelect.value === '' && state.topics.some((candidate) => candidate.id === topic)) {
      topicSelect.value = topic;
    }
    recheckField('message');
    recheckField('topic');
    const next = (['name', 'email', 'subject'] as const)
      .map((field) => control(field))
      .find((input) => input !== undefined && input.value.trim() === '');
    const target = next ?? message;
    document.getElementById(`${target.name}-field`)?.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }
  const questionBox = startQuestionBox({ page, language, announce: announceText, toForm: fillFromQuestion });

  function showLanguage(language: Language): void {
    state.language = language;
    applyTexts();
    if (state.errors) {
      // Messages follow the language: re-check in the new one. Errors only the server can find
      // (already in the language they were sent in) stay until the next attempt.
      const result = validateClientRequest(readForm(), language);
      if (!result.ok) state.errors = { list: result.errors, source: 'client' };
      else if (state.errors.source === 'client') state.errors = undefined;
    }
    renderErrors();
    renderFailure();
    renderSubmitting();
    renderConfirmation();
    suggestions.refresh();
  }

  function recheckField(field: string): void {
    if (!state.attempted || !controlFields.some((candidate) => candidate === field)) return;
    const result = validateClientRequest(readForm(), state.language);
    showFieldError(field, result.ok ? undefined : result.errors.find((error) => error.field === field));
  }

  async function submit(): Promise<void> {
    if (state.submitting) return;
    state.attempted = true;
    state.failure = undefined;
    renderFailure();
    const data = readForm();
    const result = validateClientRequest(data, requestLanguage(data));
    if (!result.ok) {
      state.errors = { list: result.errors, source: 'client' };
      renderErrors();
      summary.focus();
      announce('submit.errorsAnnouncement');
      return;
    }
    state.errors = undefined;
    renderErrors();
    const website = data[honeypotField];
    const payload = {
      ...result.request,
      consent: true as const,
      assistantPage: page,
      ...(typeof website === 'string' ? { [honeypotField]: website } : {}),
    };
    state.submitting = true;
    renderSubmitting();
    announce('submit.sending');
    const outcome = await submitRequest(payload, keys.keyFor(payload));
    state.submitting = false;
    renderSubmitting();
    switch (outcome.kind) {
      case 'accepted':
        keys.renew();
        state.accepted = outcome.accepted;
        // Accepted, so the server found it a Latvian mobile number: the browser's E.164 is the same.
        state.callbackPhone = result.request.callback
          ? latvianMobileCandidate(result.request.phone ?? '')
          : undefined;
        announce(undefined);
        renderConfirmation();
        confirmationHeading.focus();
        window.scrollTo(0, 0);
        void relatedArticles.show(`${result.request.subject} ${result.request.message}`, state.language);
        return;
      case 'invalid':
        state.errors = { list: outcome.errors, source: 'server' };
        renderErrors();
        summary.focus();
        announce('submit.errorsAnnouncement');
        return;
      case 'failed':
        announce(undefined);
        state.failure = outcome.requestId
          ? { reason: outcome.reason, requestId: outcome.requestId }
          : { reason: outcome.reason };
        renderFailure();
        return;
    }
  }

  function startAgain(): void {
    form.reset();
    keys.renew();
    Object.assign(state, {
      accepted: undefined,
      callbackPhone: undefined,
      errors: undefined,
      failure: undefined,
      attempted: false,
    });
    renderCallback();
    renderErrors();
    renderFailure();
    renderConfirmation();
    suggestions.clear();
    relatedArticles.clear();
    questionBox.clear();
    control('name')?.focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });
  form.addEventListener('focusout', (event) => {
    if (event.target instanceof HTMLElement) recheckField(event.target.getAttribute('name') ?? '');
  });
  form.addEventListener('change', (event) => {
    const { target } = event;
    if (
      target instanceof HTMLSelectElement ||
      (target instanceof HTMLInputElement && target.type === 'checkbox')
    ) {
      recheckField(target.name);
    }
    if (target === callback) {
      renderCallback();
      // Whether the phone number is right depends on the box.
      recheckField('phone');
    }
  });
  summaryList.addEventListener('click', (event) => {
    // Focus the control itself (an anchor jump only scrolls) and keep its label in view.
    const link =
      event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[data-field]') : null;
    const input = link?.dataset.field ? control(link.dataset.field) : undefined;
    if (!input) return;
    event.preventDefault();
    document.getElementById(`${input.name}-field`)?.scrollIntoView({ block: 'start' });
    input.focus({ preventScroll: true });
  });
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-language]')) {
    link.addEventListener('click', (event) => {
      const language = link.dataset.language;
      if (language !== 'lv' && language !== 'en') return;
      // Switch in place, so that nothing typed so far is lost.
      event.preventDefault();
      showLanguage(language);
      rememberLanguage(language, storage);
    });
  }
  element('another-request', HTMLButtonElement).addEventListener('click', startAgain);

  renderTopics();
  // A browser may restore the ticked box on going back to the page.
  renderCallback();
  showLanguage(state.language);
  void fetchTopics().then((topics) => {
    // The bundled catalogue (the one the schema checks against) stays if the API cannot be reached.
    if (!topics) return;
    state.topics = topics;
    renderTopics();
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
