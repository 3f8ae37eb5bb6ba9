/**
 * The mailroom's registration form for paper post: the sender, their postal address, the day the
 * letter arrived and its registered-mail number, and the scan, checked here by its first bytes
 * before anything is sent (the server checks it again: the browser's word is not proof).
 */

import type { Language } from '../../../../shared/domain/language.ts';
import {
  type ScanKind,
  scanContentTypes,
  scanSniffBytes,
  sniffScan,
} from '../../../../shared/domain/scan-type.ts';
import { topics } from '../../../../shared/domain/topics.ts';
import type { RegisterPostRequest } from '../../../../shared/http/staff-contract.ts';
import type { FieldError } from '../api.ts';
import { h } from '../dom.ts';
import { todayInRiga } from '../format.ts';
import { type Control, type FieldWords, field, select, textInput } from '../forms.ts';
import type { Translate } from '../notifications.ts';
import type { ViewContext } from '../shell.ts';

/** The largest scan the staff API takes by default (`POSTAL_SCAN_LIMIT_BYTES`); it says so if less. */
export const maxScanBytes = 25 * 1024 * 1024;

const scanExtensions = ['.pdf', '.jpg', '.jpeg', '.png', '.tif', '.tiff'];

/** For the file input's `accept`: the scan types and their extensions. */
export const acceptedScans = [...Object.values(scanContentTypes), ...scanExtensions].join(',');

/** The registration form as typed; the chosen file is kept too, so a re-render does not lose it. */
export interface PostFormValues {
  readonly name: string;
  readonly addressLine: string;
  readonly place: string;
  readonly postalCode: string;
  readonly country: string;
  readonly email: string;
  readonly phone: string;
  readonly receivedOn: string;
  readonly registeredMailNumber: string;
  readonly subject: string;
  readonly topic: string;
  readonly language: Language;
  readonly file?: File;
}

export function emptyPostForm(): PostFormValues {
  return {
    name: '',
    addressLine: '',
    place: '',
    postalCode: '',
    country: '',
    email: '',
    phone: '',
    receivedOn: todayInRiga(),
    registeredMailNumber: '',
    subject: '',
    topic: '',
    language: 'lv',
  };
}

/** How the form's problems are worded where the general words would not do. */
export const postFieldWords: Readonly<Record<string, FieldWords>> = {
  'address.postalCode': { invalid: 'post.error.postalCode' },
  email: { invalid: 'error.email' },
  phone: { invalid: 'error.phone' },
  receivedOn: { empty: 'error.date', invalid: 'error.date' },
  registeredMailNumber: { invalid: 'post.error.registeredMailNumber' },
  file: { empty: 'post.file.required' },
};

/**
 * The body of `POST /api/staff/post`: values trimmed, empty optional ones left out. `file` is
 * absent while none is chosen (the schema then names it); its type is the one its bytes showed.
 */
export function registrationBody(
  values: PostFormValues,
  contentType: string | undefined,
): Omit<RegisterPostRequest, 'file'> & { file?: RegisterPostRequest['file'] } {
  const optional = (value: string) => value.trim() || undefined;
  const country = optional(values.country);
  const email = optional(values.email);
  const phone = optional(values.phone);
  const registeredMailNumber = optional(values.registeredMailNumber);
  const subject = optional(values.subject);
  const topic = topics.find((candidate) => candidate.id === values.topic)?.id;
  return {
    name: values.name.trim(),
    address: {
      addressLine: values.addressLine.trim(),
      place: values.place.trim(),
      postalCode: values.postalCode.trim(),
      ...(country ? { country } : {}),
    },
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    receivedOn: values.receivedOn,
    ...(registeredMailNumber ? { registeredMailNumber } : {}),
    ...(subject ? { subject } : {}),
    ...(topic ? { topic } : {}),
    language: values.language,
    ...(values.file
      ? {
          file: {
            filename: values.file.name,
            contentType: contentType ?? (values.file.type || 'application/octet-stream'),
            size: values.file.size,
          },
        }
      : {}),
  };
}

/**
 * What the chosen file is, by its first bytes: a scan kind, or the problem to show at the file
 * field (none chosen, empty, too large, an executable or archive named by what it is, unknown).
 */
export async function checkScan(
  file: File | undefined,
  t: Translate,
): Promise<{ readonly kind: ScanKind } | { readonly error: FieldError }> {
  const problem = (message: string) => ({ error: { field: 'file', message } });
  if (!file) return problem(t('post.file.required'));
  const name = file.name;
  if (file.size === 0) return problem(t('post.file.empty', { name }));
  if (file.size > maxScanBytes) return problem(t('post.file.tooLarge', { name }));
  let head: Uint8Array;
  try {
    head = new Uint8Array(await file.slice(0, scanSniffBytes).arrayBuffer());
  } catch {
    return problem(t('post.file.unreadable', { name }));
  }
  const sniffed = sniffScan(head);
  if ('kind' in sniffed) return { kind: sniffed.kind };
  if (sniffed.other === 'unknown') return problem(t('post.file.unknown', { name }));
  const detected = sniffed.detected ?? '';
  return problem(
    t(sniffed.other === 'executable' ? 'post.file.executable' : 'post.file.archive', { name, detected }),
  );
}

export interface PostFormOptions {
  readonly context: ViewContext;
  readonly values: PostFormValues;
  readonly onChange: (values: PostFormValues) => void;
  readonly onFileChosen: (values: PostFormValues, fileField: HTMLElement) => void;
  readonly onSubmit: (values: PostFormValues, form: HTMLFormElement) => void;
}

export function postForm(options: PostFormOptions): HTMLFormElement {
  const { context, values } = options;
  const { t } = context;
  const controls = {
    name: textInput(values.name),
    addressLine: textInput(values.addressLine),
    place: textInput(values.place),
    postalCode: textInput(values.postalCode),
    country: textInput(values.country),
    email: textInput(values.email, 'email'),
    phone: textInput(values.phone, 'tel'),
    receivedOn: h('input', {
      class: 'input input--medium',
      // The attribute too, so that resetting the form for the next letter keeps today.
      attributes: { type: 'date', max: todayInRiga(), value: todayInRiga() },
    }),
    registeredMailNumber: textInput(values.registeredMailNumber),
    subject: textInput(values.subject),
    topic: select(
      [
        { value: '', label: t('post.topic.unknown') },
        ...topics.map((topic) => ({ value: topic.id, label: topic.label[context.language] })),
      ],
      values.topic,
    ),
    language: select(
      [
        { value: 'lv', label: t('ticketLanguage.lv') },
        { value: 'en', label: t('ticketLanguage.en') },
      ],
      values.language,
    ),
    file: h('input', { class: 'file-input', attributes: { type: 'file', accept: acceptedScans } }),
  };
  controls.receivedOn.value = values.receivedOn;
  restoreFile(controls.file, values.file);
  let chosen = values.file;

  const current = (): PostFormValues => ({
    name: controls.name.value,
    addressLine: controls.addressLine.value,
    place: controls.place.value,
    postalCode: controls.postalCode.value,
    country: controls.country.value,
    email: controls.email.value,
    phone: controls.phone.value,
    receivedOn: controls.receivedOn.value,
    registeredMailNumber: controls.registeredMailNumber.value,
    subject: controls.subject.value,
    topic: controls.topic.value,
    language: controls.language.value === 'en' ? 'en' : 'lv',
    ...(chosen ? { file: chosen } : {}),
  });

  const postField = (
    id: string,
    name: string,
    label: string,
    control: Control,
    extra: { hint?: string; required?: boolean } = {},
  ) => field({ id, name, label, control, t, ...extra });

  const fileField = postField('post-file', 'file', t('post.file'), controls.file, {
    hint: t('post.file.hint'),
    required: true,
  });

  const form = h(
    'form',
    {
      id: 'post-form',
      class: 'post-form',
      attributes: { novalidate: true, 'aria-labelledby': 'post-form-heading' },
    },
    h('h2', { id: 'post-form-heading' }, t('post.form.heading')),
    h('p', { class: 'muted' }, t('post.form.required')),
    h(
      'fieldset',
      { class: 'post-form__group' },
      h('legend', { class: 'post-form__legend' }, t('post.sender')),
      postField('post-name', 'name', t('post.name'), controls.name, { required: true }),
      postField('post-email', 'email', t('post.email'), controls.email, { hint: t('post.email.hint') }),
      postField('post-phone', 'phone', t('post.phone'), controls.phone, { hint: t('post.phone.hint') }),
    ),
    h(
      'fieldset',
      { class: 'post-form__group' },
      h('legend', { class: 'post-form__legend' }, t('post.address')),
      postField('post-address-line', 'address.addressLine', t('post.addressLine'), controls.addressLine, {
        hint: t('post.addressLine.hint'),
        required: true,
      }),
      postField('post-place', 'address.place', t('post.place'), controls.place, {
        hint: t('post.place.hint'),
        required: true,
      }),
      postField('post-postal-code', 'address.postalCode', t('post.postalCode'), controls.postalCode, {
        hint: t('post.postalCode.hint'),
        required: true,
      }),
      postField('post-country', 'address.country', t('post.country'), controls.country, {
        hint: t('post.country.hint'),
      }),
    ),
    h(
      'fieldset',
      { class: 'post-form__group' },
      h('legend', { class: 'post-form__legend' }, t('post.letter')),
      postField('post-received-on', 'receivedOn', t('post.receivedOn'), controls.receivedOn, {
        hint: t('post.receivedOn.hint'),
        required: true,
      }),
      postField(
        'post-registered-mail-number',
        'registeredMailNumber',
        t('post.registeredMailNumber'),
        controls.registeredMailNumber,
        { hint: t('post.registeredMailNumber.hint') },
      ),
      postField('post-subject', 'subject', t('post.subject'), controls.subject),
      postField('post-topic', 'topic', t('post.topic'), controls.topic, { hint: t('post.topic.hint') }),
      postField('post-language', 'language', t('post.language'), controls.language, {
        hint: t('post.language.hint'),
      }),
      fileField,
    ),
    h('div', { id: 'post-alert', class: 'form-alert', attributes: { role: 'alert' } }),
    h('button', { id: 'post-submit', class: 'button', attributes: { type: 'submit' } }, t('post.submit')),
    h('p', { id: 'post-progress', class: 'post-form__progress', attributes: { role: 'status' } }),
  );
  form.addEventListener('input', () => options.onChange(current()));
  controls.file.addEventListener('change', () => {
    chosen = controls.file.files?.[0];
    const now = current();
    options.onChange(now);
    options.onFileChosen(now, fileField);
  });
  // The form is emptied for the next letter after one was accepted.
  form.addEventListener('reset', () => {
    chosen = undefined;
    window.setTimeout(() => options.onChange(current()));
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    options.onSubmit(current(), form);
  });

  return form;
}

/** Puts a file chosen before a re-render back into the new input (where the browser allows it). */
function restoreFile(input: HTMLInputElement, file: File | undefined): void {
  if (!file) return;
  try {
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
  } catch {
    // Without DataTransfer the file must be chosen again; the form says so when it is sent.
  }
}
