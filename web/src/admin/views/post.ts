/**
 * Post for the mailroom: the registration form (`post-form.ts`), what became of the letter just
 * registered, and below it the registrations so far, newest first, with their state.
 */
import { scanContentTypes } from '../../../../shared/domain/scan-type.ts';
import {
  type PostRegistrationListResponse,
  type PostRegistrationView,
  schemas,
} from '../../../../shared/http/staff-contract.ts';
import { IdempotencyKeys } from '../../idempotency-key.ts';
import { type FieldError, type Result, uploadFile } from '../api.ts';
import { h } from '../dom.ts';
import { formatShortDate } from '../format.ts';
import { showFieldErrors, validateNested } from '../forms.ts';
import type { Translate } from '../notifications.ts';
import { nextPage, pagedTable, type TableOptions } from '../paged-table.ts';
import { timeElement, viewHeading } from '../parts.ts';
import type { AdminShell, Showing, ViewContext } from '../shell.ts';
import { formTarget, regionAlert, submitAction } from '../submit.ts';
import type { TextKey } from '../texts.ts';
import {
  checkScan,
  emptyPostForm,
  type PostFormValues,
  postFieldWords,
  postForm,
  registrationBody,
} from './post-form.ts';

/**
 * Waits between looks at a new registration: soon at first (a scan is usually checked within a
 * second or two), then less often — each look is an audited read — for about a minute in all.
 */
const registrationPollDelaysMs = [700, 1000, 1500, 2000, 3000, 5000, 8000, 8000, 8000, 8000, 8000];

export class PostView {
  readonly #shell: AdminShell;
  /** The registration form as typed. */
  #values: PostFormValues = emptyPostForm();
  /** One key per letter as typed: a retry of the same one makes no second ticket. */
  readonly #keys = new IdempotencyKeys();

  constructor(shell: AdminShell) {
    this.#shell = shell;
  }

  async show(showing: Showing): Promise<void> {
    const shell = this.#shell;
    const { t } = shell;
    const result = await shell.api.postRegistrations();
    if (!shell.isCurrent(showing.generation)) return;
    shell.loaded();
    // The form works without the list: a failed list is said in its place and in the alert.
    if (!result.ok) shell.failure(result);
    shell.render(
      t('view.post'),
      h(
        'section',
        { class: 'post', attributes: { 'aria-labelledby': 'view-heading' } },
        viewHeading(t('view.post')),
        h('p', { class: 'list__intro' }, t('view.post.intro')),
        postForm({
          context: shell.context,
          values: this.#values,
          onChange: (values) => {
            this.#values = values;
          },
          onFileChosen: (values, fileField) => void this.#checkChosenScan(values, fileField),
          onSubmit: (values, form) => void this.#register(values, form),
        }),
        h('div', { id: 'post-result', class: 'post__result' }),
        this.#registrations(result.ok ? result.value : undefined),
      ),
      showing.focus ? 'view-heading' : undefined,
    );
  }

  /** Says at once, at the file's field, when the chosen file is no scan (or too large). */
  async #checkChosenScan(values: PostFormValues, fileField: HTMLElement): Promise<void> {
    const { t } = this.#shell;
    const checked = values.file ? await checkScan(values.file, t) : undefined;
    showFieldErrors(fileField, checked && 'error' in checked ? [checked.error] : [], t);
  }

  /**
   * Registers a letter: checks the form and the scan's first bytes here (nothing is sent while
   * anything is wrong), registers it, PUTs the scan to the signed URL, then waits for the scan's
   * check: accepted (the reference), refused (the reason, at the file field), or still pending.
   */
  async #register(values: PostFormValues, form: HTMLFormElement): Promise<void> {
    const shell = this.#shell;
    const { t } = shell;
    const progress = document.getElementById('post-progress');
    const say = (key?: TextKey) => {
      if (progress) progress.textContent = key ? t(key) : '';
    };
    const generation = shell.generation;
    let body: ReturnType<typeof registrationBody> | undefined;
    await submitAction(shell, {
      target: {
        ...formTarget(form, t, regionAlert('post-alert', t)),
        fieldErrors: (errors) => showFieldErrors(form, atControls(errors), t),
      },
      problems: async () => {
        document.getElementById('post-result')?.replaceChildren();
        say();
        const checked = await checkScan(values.file, t);
        body = registrationBody(values, 'kind' in checked ? scanContentTypes[checked.kind] : undefined);
        return [
          ...validateNested(schemas.registerPost, body, t, postFieldWords).filter(
            (error) => error.field !== 'file' && !error.field.startsWith('file.'),
          ),
          ...('error' in checked ? [checked.error] : []),
        ];
      },
      send: async () => {
        const outcome = await this.#registerAndUpload(body, values.file, say);
        if (!outcome.ok) say();
        return outcome;
      },
      done: (settled) => this.#settled(settled, values, form, generation, say),
    });
  }

  /** The registration, its scan PUT, and the scan's check: the settled registration, if it settled. */
  async #registerAndUpload(
    body: ReturnType<typeof registrationBody> | undefined,
    file: File | undefined,
    say: (key?: TextKey) => void,
  ): Promise<Result<PostRegistrationView | undefined>> {
    const shell = this.#shell;
    const parsed = schemas.registerPost.safeParse(body);
    // Not reached with problems: they stop the action before it is sent.
    if (!parsed.success || !file) return { ok: false, kind: 'unexpected', status: 0 };
    say('post.progress.registering');
    const registered = await shell.api.registerPost(parsed.data, this.#keys.keyFor(parsed.data));
    if (!registered.ok) return registered;
    const { registration, upload } = registered.value;
    // A retry of a registration whose scan was checked already: its outcome, as it stands.
    if (!upload) return settledResult(registration.state === 'awaiting-scan' ? undefined : registration);
    say('post.progress.uploading');
    if (await uploadFile(upload, file)) {
      say('post.progress.checking');
      return settledResult(await this.#settledRegistration(registration.id));
    }
    // Refused by S3 — also when an earlier attempt's upload got through (the URL cannot replace a
    // scan): then the registration says how it went.
    const current = await shell.api.postRegistration(registration.id);
    if (!current.ok || current.value.registration.state === 'awaiting-scan')
      return {
        ok: false,
        kind: 'invalid',
        status: 0,
        errors: [{ field: 'file', message: shell.t('post.uploadFailed') }],
      };
    return settledResult(current.value.registration);
  }

  /** Looks at the registration now and then, for about a minute, until its scan was checked. */
  async #settledRegistration(id: string): Promise<PostRegistrationView | undefined> {
    const shell = this.#shell;
    for (const delay of registrationPollDelaysMs) {
      await new Promise((resolve) => window.setTimeout(resolve, delay));
      if (shell.signingOut) return undefined;
      const result = await shell.api.postRegistration(id);
      if (!result.ok) {
        if (result.kind === 'unauthorized') return undefined;
        continue;
      }
      if (result.value.registration.state !== 'awaiting-scan') return result.value.registration;
    }
    // Still unchecked after a minute: the list below shows its state when it is.
    return undefined;
  }

  /** What became of the registration, said where the person is. */
  async #settled(
    settled: PostRegistrationView | undefined,
    values: PostFormValues,
    form: HTMLFormElement,
    generation: number,
    say: (key?: TextKey) => void,
  ): Promise<void> {
    const shell = this.#shell;
    const { t } = shell;
    // Settled: the same form sent again is a new registration (a retry of an unsettled one is not).
    if (settled) this.#keys.renew();
    if (!shell.isCurrent(generation)) {
      // The person went elsewhere meanwhile: the outcome still reaches them.
      if (settled?.state === 'accepted')
        shell.toast(t('post.accepted.reference', { reference: settled.reference ?? '' }));
      else if (settled?.state === 'refused') shell.alert([settled.refusal?.message ?? '']);
      return;
    }
    const result = document.getElementById('post-result');
    if (settled?.state === 'refused') {
      say('post.refused');
      showFieldErrors(form, [{ field: 'file', message: settled.refusal?.message ?? t('post.refused') }], t);
    } else if (settled?.state === 'accepted') {
      say();
      result?.replaceChildren(acceptedResult(settled, t));
      // Emptied for the next letter; the day it arrived and its language usually stay the same.
      form.reset();
      this.#values = { ...emptyPostForm(), receivedOn: values.receivedOn, language: values.language };
      const receivedOn = form.querySelector<HTMLInputElement>('[name="receivedOn"]');
      if (receivedOn) receivedOn.value = values.receivedOn;
      const language = form.querySelector<HTMLSelectElement>('[name="language"]');
      if (language) language.value = values.language;
      document.getElementById('post-result-heading')?.focus();
    } else {
      say();
      result?.replaceChildren(pendingResult(t));
      document.getElementById('post-result-heading')?.focus();
    }
    const registrations = await shell.api.postRegistrations();
    if (!shell.isCurrent(generation) || !registrations.ok) return;
    document.getElementById('post-registrations')?.replaceWith(this.#registrations(registrations.value));
  }

  /** The registrations so far (undefined: they could not be loaded). */
  #registrations(registrations: PostRegistrationListResponse | undefined): HTMLElement {
    const shell = this.#shell;
    const { t } = shell;
    return h(
      'section',
      {
        id: 'post-registrations',
        class: 'post__registrations',
        attributes: { 'aria-labelledby': 'registrations-heading' },
      },
      h('h2', { id: 'registrations-heading' }, t('post.registrations')),
      ...(registrations
        ? pagedTable(registrationTable(shell.context), registrations, {
            empty: t('post.registrations.empty'),
            onMore: (cursor) => nextPage(shell, shell.api.postRegistrations(cursor)),
          })
        : [h('p', { class: 'muted' }, t('post.registrations.failed'))]),
    );
  }
}

function settledResult(
  registration: PostRegistrationView | undefined,
): Result<PostRegistrationView | undefined> {
  return { ok: true, value: registration };
}

/**
 * The staff API's field errors where the form's controls are: the file's (`file.size`,
 * `file.contentType`…) at the file field, several for one control joined.
 */
function atControls(errors: readonly FieldError[]): FieldError[] {
  const joined = new Map<string, string[]>();
  for (const error of errors) {
    const name = error.field === 'file' || error.field.startsWith('file.') ? 'file' : error.field;
    joined.set(name, [...(joined.get(name) ?? []), error.message]);
  }
  return [...joined].map(([name, messages]) => ({ field: name, message: messages.join(' ') }));
}

/** What an accepted registration became: the reference, that a ticket was made, and transcription. */
function acceptedResult(registration: PostRegistrationView, t: Translate): HTMLElement {
  return h(
    'div',
    { class: 'notice notice--success' },
    h(
      'h2',
      { id: 'post-result-heading', class: 'notice__title', attributes: { tabindex: '-1' } },
      t('post.accepted.heading'),
    ),
    h('p', {}, t('post.accepted.reference', { reference: registration.reference ?? '' })),
    h('p', {}, t('post.accepted.ticket')),
    registration.scan?.needsTranscription ? h('p', {}, t('post.accepted.transcription')) : undefined,
  );
}

/** The registration was not settled within the time the page waits: the list will show it. */
function pendingResult(t: Translate): HTMLElement {
  return h(
    'div',
    { class: 'notice' },
    h(
      'h2',
      { id: 'post-result-heading', class: 'notice__title', attributes: { tabindex: '-1' } },
      t('post.pending.heading'),
    ),
    h('p', {}, t('post.pending')),
  );
}

function registrationTable(context: ViewContext): TableOptions<PostRegistrationView> {
  const { t, language } = context;
  return {
    class: 'registrations',
    labelledBy: 'registrations-heading',
    columns: [
      {
        label: 'post.column.receivedOn',
        cell: (item) => timeElement(item.receivedOn, formatShortDate(item.receivedOn, language)),
      },
      { label: 'post.column.sender', cell: (item) => item.sender.name },
      {
        label: 'post.column.registeredMailNumber',
        cell: (item) => item.registeredMailNumber ?? h('span', { class: 'muted' }, t('post.noNumber')),
      },
      {
        label: 'post.column.state',
        cell: (item) =>
          h(
            'span',
            { class: `registration-state registration-state--${item.state}` },
            t(`post.state.${item.state}`),
          ),
      },
      {
        label: 'post.column.outcome',
        cell: (item) => [
          item.state === 'accepted'
            ? (item.reference ?? '')
            : item.state === 'refused'
              ? (item.refusal?.message ?? '')
              : h('span', { class: 'muted' }, t('post.outcome.waiting')),
          item.scan?.needsTranscription ? ' ' : undefined,
          item.scan?.needsTranscription
            ? h('span', { class: 'badge badge--transcription' }, t('badge.transcription'))
            : undefined,
        ],
      },
    ],
    row: (item) => ({ dataset: { registration: item.id } }),
    t,
  };
}
