/**
 * Logging a phone call as a ticket: the phone menu's key the caller pressed — the
 * topic catalogue's digits, in the menu's order with 0 ("other question") last — the caller's
 * number, name and question. The ticket is routed by the digit's topic like a web request.
 */

import type { Language } from '../../../../shared/domain/language.ts';
import { topics } from '../../../../shared/domain/topics.ts';
import { type LogCallResponse, schemas } from '../../../../shared/http/staff-contract.ts';
import { IdempotencyKeys } from '../../idempotency-key.ts';
import { type Child, h } from '../dom.ts';
import { formatLongDate } from '../format.ts';
import {
  actionForm,
  type Control,
  type FieldWords,
  field,
  select,
  textarea,
  textInput,
  validateNested,
} from '../forms.ts';
import { facts, timeElement, viewHeading } from '../parts.ts';
import type { AdminShell, Showing, ViewContext } from '../shell.ts';
import { formTarget, regionAlert, submitAction } from '../submit.ts';

export class CallView {
  readonly #shell: AdminShell;
  /** The form as typed, and the call logged last (shown until the person leaves the view). */
  #values: CallFormValues = emptyCallForm;
  #logged: LogCallResponse | undefined;
  /** One key per call as typed: a retry of the same one makes no second ticket. */
  readonly #keys = new IdempotencyKeys();

  constructor(shell: AdminShell) {
    this.#shell = shell;
  }

  show(showing: Showing): void {
    const shell = this.#shell;
    // A language switch keeps the call logged last.
    if (!showing.keepContent) this.#logged = undefined;
    shell.render(
      shell.t('view.call'),
      callView({
        context: shell.context,
        values: this.#values,
        ...(this.#logged ? { logged: this.#logged } : {}),
        onChange: (values) => {
          this.#values = values;
        },
        onSubmit: (values, form) => void this.#log(values, form),
      }),
      showing.focus ? 'view-heading' : undefined,
    );
  }

  async #log(values: CallFormValues, form: HTMLFormElement): Promise<void> {
    const shell = this.#shell;
    const { t } = shell;
    const body = callBody(values);
    const parsed = schemas.logCall.safeParse(body);
    await submitAction(shell, {
      target: formTarget(form, t, regionAlert('call-alert', t)),
      problems: parsed.success ? [] : validateNested(schemas.logCall, body, t, callFieldWords),
      // Sent only when the problems above are none, that is when the body parsed.
      send: () =>
        parsed.success
          ? shell.api.logCall(parsed.data, this.#keys.keyFor(parsed.data))
          : Promise.resolve({ ok: false, kind: 'unexpected', status: 0 }),
      done: (logged) => {
        this.#keys.renew();
        this.#values = { ...emptyCallForm, language: values.language };
        this.#logged = logged;
        document.getElementById('call-result')?.replaceChildren(loggedCall(logged, shell.context));
        form.reset();
        const language = form.querySelector<HTMLSelectElement>('[name="language"]');
        if (language) language.value = values.language;
        document.getElementById('call-result-heading')?.focus();
      },
      toast: (logged) => t('call.logged', { reference: logged.reference }),
    });
  }
}

export interface CallFormValues {
  /** The digit as the select gives it; empty while none is chosen. */
  readonly digit: string;
  readonly phone: string;
  readonly name: string;
  readonly summary: string;
  readonly subject: string;
  readonly email: string;
  readonly language: Language;
}

export const emptyCallForm: CallFormValues = {
  digit: '',
  phone: '',
  name: '',
  summary: '',
  subject: '',
  email: '',
  language: 'lv',
};

export const callFieldWords: Readonly<Record<string, FieldWords>> = {
  digit: { empty: 'error.choose' },
  phone: { invalid: 'error.phone' },
  email: { invalid: 'error.email' },
};

/** The body of `POST /api/staff/calls`: trimmed, empty optional values left out. */
export function callBody(values: CallFormValues): Record<string, unknown> {
  const subject = values.subject.trim();
  const email = values.email.trim();
  return {
    ...(/^\d$/.test(values.digit) ? { digit: Number(values.digit) } : {}),
    phone: values.phone.trim(),
    name: values.name.trim(),
    summary: values.summary.trim(),
    ...(subject ? { subject } : {}),
    ...(email ? { email } : {}),
    language: values.language,
  };
}

/** The menu's topics as the caller hears them: 1, 2, … and 0 last. */
function menuOrder(): (typeof topics)[number][] {
  const rank = (digit: number) => (digit === 0 ? 10 : digit);
  return [...topics].sort((a, b) => rank(a.phoneDigit) - rank(b.phoneDigit));
}

interface CallViewOptions {
  readonly context: ViewContext;
  readonly values: CallFormValues;
  /** The call logged last, shown above the emptied form. */
  readonly logged?: LogCallResponse;
  readonly onChange: (values: CallFormValues) => void;
  readonly onSubmit: (values: CallFormValues, form: HTMLFormElement) => void;
}

function callView(options: CallViewOptions): HTMLElement {
  const { context, values } = options;
  const { t } = context;
  const controls = {
    digit: select(
      [
        { value: '', label: t('call.digit.choose') },
        ...menuOrder().map((topic) => ({
          value: String(topic.phoneDigit),
          label: t('call.digit.option', {
            digit: String(topic.phoneDigit),
            topic: topic.label[context.language],
          }),
        })),
      ],
      values.digit,
    ),
    phone: textInput(values.phone, 'tel'),
    name: textInput(values.name),
    summary: textarea(8, values.summary),
    subject: textInput(values.subject),
    email: textInput(values.email, 'email'),
    language: select(
      [
        { value: 'lv', label: t('ticketLanguage.lv') },
        { value: 'en', label: t('ticketLanguage.en') },
      ],
      values.language,
    ),
  };
  const current = (): CallFormValues => ({
    digit: controls.digit.value,
    phone: controls.phone.value,
    name: controls.name.value,
    summary: controls.summary.value,
    subject: controls.subject.value,
    email: controls.email.value,
    language: controls.language.value === 'en' ? 'en' : 'lv',
  });
  const callField = (
    id: string,
    name: string,
    label: string,
    control: Control,
    extra: { hint?: string; required?: boolean } = {},
  ) => field({ id, name, label, control, t, ...extra });
  const form = actionForm(
    {
      name: 'call',
      class: 'stack call-form',
      labelledBy: 'call-form-heading',
      submit: t('call.submit'),
      onSubmit: (form) => options.onSubmit(current(), form),
    },
    h('h2', { id: 'call-form-heading' }, t('call.form.heading')),
    callField('call-digit', 'digit', t('call.digit'), controls.digit, {
      hint: t('call.digit.hint'),
      required: true,
    }),
    callField('call-phone', 'phone', t('call.phone'), controls.phone, {
      hint: t('call.phone.hint'),
      required: true,
    }),
    callField('call-name', 'name', t('call.name'), controls.name, { required: true }),
    callField('call-summary', 'summary', t('call.summary'), controls.summary, {
      hint: t('call.summary.hint'),
      required: true,
    }),
    callField('call-subject', 'subject', t('call.subject'), controls.subject, {
      hint: t('call.subject.hint'),
    }),
    callField('call-email', 'email', t('call.email'), controls.email, { hint: t('call.email.hint') }),
    callField('call-language', 'language', t('call.language'), controls.language),
  );
  form.addEventListener('input', () => options.onChange(current()));
  form.addEventListener('change', () => options.onChange(current()));
  return h(
    'section',
    { class: 'call', attributes: { 'aria-labelledby': 'view-heading' } },
    viewHeading(t('view.call')),
    h('p', { class: 'list__intro' }, t('view.call.intro')),
    h('div', { id: 'call-result' }, options.logged ? loggedCall(options.logged, context) : undefined),
    form,
  );
}

/** The ticket the call became: its reference (a link), the unit, and when the answer is due. */
function loggedCall(logged: LogCallResponse, context: ViewContext): HTMLElement {
  const { t, language } = context;
  const items: [string, Child][] = [
    [
      t('call.logged.reference'),
      h(
        'a',
        {
          id: 'call-reference',
          attributes: { href: context.href({ kind: 'ticket', reference: logged.reference }) },
        },
        logged.reference,
      ),
    ],
    [t('ticket.unit'), logged.unit[language]],
    [
      t('ticket.expectedAnswerBy'),
      timeElement(logged.expectedAnswerBy, formatLongDate(logged.expectedAnswerBy, language)),
    ],
    [
      t('ticket.answerDeadline'),
      timeElement(logged.answerDeadline, formatLongDate(logged.answerDeadline, language)),
    ],
  ];
  return h(
    'div',
    { class: 'notice notice--success' },
    h(
      'h2',
      { id: 'call-result-heading', class: 'notice__title', attributes: { tabindex: '-1' } },
      t('call.logged.heading'),
    ),
    facts(items),
  );
}
