/**
 * Labelled form fields with their hint and error message, and validation with the contract's own
 * schemas, so the page and the staff API refuse the same input. Messages come from the catalogue;
 * the server's 400 messages (already in the page's language) are shown in the same place.
 */
import type * as z from 'zod/mini';
import type { FieldError } from './api.ts';
import { type Child, h } from './dom.ts';
import type { Translate } from './notifications.ts';
import type { TextKey } from './texts.ts';

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface FieldOptions {
  /** Prefix of the ids, unique on the page: `${id}` is the control, `${id}-error` its message. */
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly required?: boolean;
  readonly control: Control;
  readonly t: Translate;
}

/** A field: label (with "required"), hint, error line and the control, wired by ids. */
export function field(options: FieldOptions): HTMLDivElement {
  const { id, name, label, hint, required, control, t } = options;
  control.id = id;
  control.name = name;
  if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
  return h(
    'div',
    { class: 'field', id: `${id}-field` },
    h(
      'label',
      { class: 'field__label', attributes: { for: id } },
      label,
      required ? h('span', { class: 'field__marker' }, ` ${t('field.required')}`) : undefined,
    ),
    hint ? h('p', { class: 'field__hint', id: `${id}-hint` }, hint) : undefined,
    h('p', { class: 'field__error', id: `${id}-error`, attributes: { hidden: true } }),
    control,
  );
}

/** A one-line input as staff forms use them: no autocomplete, no spellcheck of names and codes. */
export function textInput(
  value: string,
  type: 'text' | 'email' | 'tel' | 'date' | 'datetime-local' = 'text',
): HTMLInputElement {
  const node = h('input', {
    class: 'input',
    attributes: {
      type,
      autocomplete: 'off',
      spellcheck: type === 'text' || type === 'tel' ? 'false' : undefined,
    },
  });
  node.value = value;
  return node;
}

export function textarea(rows: number, value = ''): HTMLTextAreaElement {
  const node = h('textarea', { class: 'textarea', attributes: { rows: String(rows) } });
  node.value = value;
  return node;
}

export function select(options: readonly { value: string; label: string }[], value = ''): HTMLSelectElement {
  const node = h(
    'select',
    { class: 'select' },
    ...options.map((option) => h('option', { attributes: { value: option.value } }, option.label)),
  );
  node.value = value;
  return node;
}

/** Shows `errors` next to the controls of `container` named by `field`; others are returned. */
export function showFieldErrors(
  container: ParentNode,
  errors: readonly FieldError[],
  t: Translate,
): FieldError[] {
  const unplaced: FieldError[] = [];
  for (const control of container.querySelectorAll<Control>('input[name], select[name], textarea[name]')) {
    setFieldError(control, undefined, t);
  }
  for (const error of errors) {
    const control = container.querySelector<Control>(`[name="${CSS.escape(error.field)}"]`);
    if (!control || control.type === 'radio') unplaced.push(error);
    else if (!control.hasAttribute('aria-invalid')) setFieldError(control, error.message, t);
  }
  const first = container.querySelector<Control>('[aria-invalid="true"]');
  first?.focus();
  return unplaced;
}

function setFieldError(control: Control, message: string | undefined, t: Translate): void {
  const line = document.getElementById(`${control.id}-error`);
  if (!line) return;
  const hint = document.getElementById(`${control.id}-hint`) ? `${control.id}-hint` : '';
  const children: Child[] = message
    ? [h('span', { class: 'visually-hidden' }, `${t('field.errorPrefix')} `), message]
    : [];
  line.replaceChildren();
  for (const child of children) if (child) line.append(child);
  line.hidden = message === undefined;
  line.closest('.field')?.classList.toggle('field--error', message !== undefined);
  if (message) {
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', `${hint} ${control.id}-error`.trim());
  } else {
    control.removeAttribute('aria-invalid');
    if (hint) control.setAttribute('aria-describedby', hint);
    else control.removeAttribute('aria-describedby');
  }
}

/**
 * Checks `body` against a contract schema and words each problem from the catalogue: a missing
 * text, a text too long, an option not chosen, a malformed date.
 */
export function validate(schema: z.ZodMiniType, body: Record<string, unknown>, t: Translate): FieldError[] {
  const result = schema.safeParse(body);
  if (result.success) return [];
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? '');
    if (errors.some((error) => error.field === name)) continue;
    const value = body[name];
    const empty = value === undefined || value === '';
    let message: string;
    if (issue.code === 'too_big') message = t('error.tooLong');
    else if (issue.code === 'invalid_value') message = t('error.choose');
    else if (issue.code === 'invalid_format') message = empty ? t('error.required') : t('error.date');
    else message = t('error.required');
    errors.push({ field: name, message });
  }
  return errors;
}

/** How to word a field's problems where the general words would not do. */
export interface FieldWords {
  /** Left empty (default: "required", or "choose" for a value that must be one of a list). */
  readonly empty?: TextKey;
  /** Filled in but malformed (default: "check what you typed"). */
  readonly invalid?: TextKey;
}

/**
 * Like `validate`, for bodies with nested objects: each problem is named by its full path
 * (`address.postalCode`), as the staff API names its 400s, so that both land at the same control.
 * Empty optional values must be left out of `body` (an empty string is a value).
 */
export function validateNested(
  schema: z.ZodMiniType,
  body: object,
  t: Translate,
  words: Readonly<Record<string, FieldWords>> = {},
): FieldError[] {
  const result = schema.safeParse(body);
  if (result.success) return [];
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const name = issue.path.map(String).join('.');
    if (errors.some((error) => error.field === name)) continue;
    const value = issue.path.reduce<unknown>(
      (parent, key) =>
        parent !== null && typeof parent === 'object'
          ? (parent as Record<PropertyKey, unknown>)[key]
          : undefined,
      body,
    );
    const empty = value === undefined || (typeof value === 'string' && value.trim() === '');
    const wording = words[name] ?? {};
    let message: string;
    if (empty)
      message = t(wording.empty ?? (issue.code === 'invalid_value' ? 'error.choose' : 'error.required'));
    else if (issue.code === 'too_big') message = t('error.tooLong');
    else if (issue.code === 'invalid_value') message = t('error.choose');
    else message = t(wording.invalid ?? 'error.format');
    errors.push({ field: name, message });
  }
  return errors;
}

export interface ActionFormOptions {
  /** `<name>-form`, `<name>-alert` and `<name>-submit` are the ids of the form, its alert and button. */
  readonly name: string;
  readonly class?: string;
  /** Names the form for screen readers (the id of its heading). */
  readonly labelledBy?: string;
  readonly submit: string;
  readonly secondary?: boolean;
  readonly onSubmit: (form: HTMLFormElement) => void;
}

/** A form that sends an action: its fields, an alert region for what went wrong, the submit button. */
export function actionForm(options: ActionFormOptions, ...fields: readonly Child[]): HTMLFormElement {
  const { name } = options;
  const form = h(
    'form',
    {
      id: `${name}-form`,
      class: options.class ?? 'stack',
      attributes: { novalidate: true, 'aria-labelledby': options.labelledBy },
    },
    ...fields,
    h('div', { id: `${name}-alert`, class: 'form-alert', attributes: { role: 'alert' } }),
    h(
      'button',
      {
        id: `${name}-submit`,
        class: options.secondary ? 'button button--secondary' : 'button',
        attributes: { type: 'submit' },
      },
      options.submit,
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    options.onSubmit(form);
  });
  return form;
}

/** Radio buttons in a fieldset, the legend naming the choice (with "required" where it is). */
export function choices<V extends string>(options: {
  readonly id: string;
  readonly name: string;
  readonly legend: string;
  readonly required?: boolean;
  readonly values: readonly V[];
  readonly label: (value: V) => string;
  readonly checked: V | '';
  readonly onChange: (value: V) => void;
  readonly t: Translate;
}): HTMLFieldSetElement {
  const { t } = options;
  return h(
    'fieldset',
    { class: 'choices' },
    h(
      'legend',
      { class: 'field__label' },
      options.legend,
      options.required ? h('span', { class: 'field__marker' }, ` ${t('field.required')}`) : undefined,
    ),
    ...options.values.map((value) => {
      const radio = h('input', {
        id: `${options.id}-${value}`,
        class: 'choices__input',
        attributes: { type: 'radio', name: options.name, value },
      });
      radio.checked = options.checked === value;
      radio.addEventListener('change', () => {
        if (radio.checked) options.onChange(value);
      });
      return h(
        'div',
        { class: 'choices__item' },
        radio,
        h('label', { attributes: { for: radio.id } }, options.label(value)),
      );
    }),
  );
}
