/**
 * _Datu subjekti_: the data protection officer's view (role `dpo`, §24). A form finds a person's
 * records by email, phone, name with postal address, or request numbers; the preview shows every
 * ticket found (unit, channel, dates, status, legal hold, the client's data, messages, files,
 * survey) and the assistant questions that named them; from there the person is exported (a ZIP
 * behind a short-lived link), or erased with the legal basis after a confirmation that names how
 * many tickets and lists those held, with the holds' reasons; a ticket's legal hold is set or
 * lifted from its card. The export and the erasure send the very query the preview was found by.
 * The form's values stay in the view, never in the address (personal data stays out of URLs).
 */
import { h } from '../dom.ts';
import { formatShortDate } from '../format.ts';
import { field, select, textInput } from '../forms.ts';
import { panel, viewHeading } from '../parts.ts';
import type { AdminShell, Showing } from '../shell.ts';
import { formTarget, regionAlert, submitAction } from '../submit.ts';
import {
  type DataSubjectEraseResponse,
  type DataSubjectExportResponse,
  type DataSubjectSearchResponse,
  DataSubjectsApi,
  type SubjectTicketView,
} from './api.ts';
import { confirmErase, confirmHold } from './confirm.ts';
import {
  emptySubjectForm,
  erasurePlan,
  queryProblems,
  type SubjectFormValues,
  type SubjectQuery,
  subjectQuery,
  withLegalHold,
} from './model.ts';
import { outcomePanel, resultsSection } from './results.ts';

/** What was found, by which query, and what was done with it since. */
interface Found {
  readonly query: SubjectQuery;
  readonly records: DataSubjectSearchResponse;
  readonly exported?: DataSubjectExportResponse;
  readonly outcome?: DataSubjectEraseResponse;
}

export class DataSubjectsView {
  readonly #shell: AdminShell;
  readonly #api: DataSubjectsApi;
  #values: SubjectFormValues = emptySubjectForm;
  #found: Found | undefined;
  #exportLanguage: 'lv' | 'en' | undefined;
  /** Where the results go, so that re-showing them keeps what is typed in the form. */
  #results: HTMLElement = document.createElement('div');

  constructor(shell: AdminShell) {
    this.#shell = shell;
    this.#api = new DataSubjectsApi(shell);
  }

  show(showing: Showing): void {
    const shell = this.#shell;
    const { t } = shell;
    this.#results = h('div', { id: 'data-subjects-found' });
    this.#showFound();
    shell.render(
      t('view.dataSubjects'),
      h(
        'section',
        { class: 'list data-subjects', attributes: { 'aria-labelledby': 'view-heading' } },
        viewHeading(t('view.dataSubjects')),
        h('p', { class: 'list__intro' }, t('view.dataSubjects.intro')),
        this.#form(),
        this.#results,
      ),
      showing.focus ? 'view-heading' : undefined,
    );
  }

  #form(): HTMLElement {
    const shell = this.#shell;
    const { t } = shell;
    const values = this.#values;
    const controls = {
      email: textInput(values.email, 'email'),
      phone: textInput(values.phone, 'tel'),
      name: textInput(values.name),
      addressLine: textInput(values.addressLine),
      place: textInput(values.place),
      postalCode: textInput(values.postalCode),
      country: textInput(values.country),
      references: textInput(values.references),
    };
    const input = (id: string, name: string, label: string, control: HTMLInputElement, hint?: string) =>
      field({ id: `data-subjects-${id}`, name, label, control, t, ...(hint ? { hint } : {}) });
    const form = h(
      'form',
      {
        id: 'data-subjects-form',
        class: 'audit-form',
        attributes: { novalidate: true, 'aria-labelledby': 'data-subjects-form-heading' },
      },
      h('h2', { id: 'data-subjects-form-heading' }, t('dataSubjects.form.heading')),
      h('p', { class: 'field__hint' }, t('dataSubjects.form.hint')),
      h(
        'div',
        { class: 'audit-form__fields' },
        input('email', 'email', t('dataSubjects.email'), controls.email),
        input('phone', 'phone', t('dataSubjects.phone'), controls.phone),
        input(
          'references',
          'references',
          t('dataSubjects.references'),
          controls.references,
          t('dataSubjects.references.hint'),
        ),
        input('name', 'name', t('dataSubjects.name'), controls.name, t('dataSubjects.name.hint')),
      ),
      h(
        'fieldset',
        { class: 'audit-form__fields' },
        h('legend', { class: 'field__label' }, t('dataSubjects.address.legend')),
        input('address-line', 'postalAddress.addressLine', t('post.addressLine'), controls.addressLine),
        input('place', 'postalAddress.place', t('post.place'), controls.place),
        input(
          'postal-code',
          'postalAddress.postalCode',
          t('post.postalCode'),
          controls.postalCode,
          t('post.postalCode.hint'),
        ),
        input(
          'country',
          'postalAddress.country',
          t('post.country'),
          controls.country,
          t('post.country.hint'),
        ),
      ),
      h('div', { id: 'data-subjects-form-alert', class: 'form-alert', attributes: { role: 'alert' } }),
      h(
        'div',
        { class: 'audit-form__buttons' },
        h(
          'button',
          { id: 'data-subjects-search', class: 'button', attributes: { type: 'submit' } },
          t('dataSubjects.search'),
        ),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const typed: SubjectFormValues = {
        email: controls.email.value,
        phone: controls.phone.value,
        name: controls.name.value,
        addressLine: controls.addressLine.value,
        place: controls.place.value,
        postalCode: controls.postalCode.value,
        country: controls.country.value,
        references: controls.references.value,
      };
      void this.#search(typed, form);
    });
    return form;
  }

  async #search(values: SubjectFormValues, form: HTMLFormElement): Promise<void> {
    const shell = this.#shell;
    const query = subjectQuery(values);
    await submitAction(shell, {
      target: formTarget(form, shell.t, regionAlert('data-subjects-form-alert', shell.t)),
      problems: queryProblems(values, shell.t),
      send: () => this.#api.search(query),
      done: (records) => {
        this.#values = values;
        this.#found = { query, records };
        this.#showFound('data-subjects-results-heading');
      },
    });
  }

  /** Shows what was found (or nothing yet), focusing `focus` when given. */
  #showFound(focus?: string): void {
    const found = this.#found;
    if (!found) {
      this.#results.replaceChildren();
      return;
    }
    const context = this.#shell.context;
    this.#results.replaceChildren(
      ...(found.outcome ? [outcomePanel(found.outcome, context)] : []),
      resultsSection({
        context,
        found: found.records,
        actions: this.#actions(found),
        onHold: (ticket) => this.#confirmHold(ticket),
      }),
    );
    if (focus) document.getElementById(focus)?.focus();
  }

  /** The export (with the summary's language and, once made, its link) and the erasure. */
  #actions(found: Found): HTMLElement {
    const shell = this.#shell;
    const { t, language } = shell;
    const summaryLanguage = select(
      [
        { value: 'lv', label: t('language.lv') },
        { value: 'en', label: t('language.en') },
      ],
      this.#exportLanguage ?? language,
    );
    const exportForm = h(
      'form',
      {
        id: 'data-subjects-export-form',
        class: 'audit-form',
        attributes: { novalidate: true, 'aria-label': t('dataSubjects.export') },
      },
      h(
        'div',
        { class: 'audit-form__fields' },
        field({
          id: 'data-subjects-export-language',
          name: 'language',
          label: t('dataSubjects.export.language'),
          control: summaryLanguage,
          t,
        }),
      ),
      h('div', { id: 'data-subjects-export-alert', class: 'form-alert', attributes: { role: 'alert' } }),
      h(
        'div',
        { class: 'audit-form__buttons' },
        h(
          'button',
          { id: 'data-subjects-export', class: 'button button--secondary', attributes: { type: 'submit' } },
          t('dataSubjects.export'),
        ),
      ),
    );
    exportForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = summaryLanguage.value === 'en' ? 'en' : 'lv';
      this.#exportLanguage = chosen;
      void submitAction(shell, {
        target: formTarget(exportForm, t, regionAlert('data-subjects-export-alert', t)),
        send: () => this.#api.export(found.query, chosen),
        done: (exported) => {
          if (this.#found !== found) return;
          this.#found = { ...found, exported };
          this.#showFound('data-subjects-export-link');
        },
      });
    });
    const exported = found.exported;
    return panel(
      {
        id: 'data-subjects-actions',
        sectionId: 'data-subjects-actions',
        heading: t('dataSubjects.actions.heading'),
      },
      exportForm,
      exported
        ? h(
            'div',
            { id: 'data-subjects-exported', class: 'data-subjects__export' },
            h('p', {}, t('dataSubjects.export.ready', { tickets: String(exported.tickets) })),
            h(
              'p',
              {},
              h(
                'a',
                {
                  id: 'data-subjects-export-link',
                  attributes: { href: exported.url, rel: 'noopener noreferrer' },
                },
                t('dataSubjects.export.link'),
              ),
            ),
            h(
              'p',
              { class: 'muted' },
              t('dataSubjects.export.expires', { at: formatShortDate(exported.expiresAt, language) }),
            ),
          )
        : undefined,
      h(
        'p',
        {},
        h(
          'button',
          {
            id: 'data-subjects-erase',
            class: 'button button--danger',
            attributes: { type: 'button' },
            on: { click: () => this.#confirmErase(found) },
          },
          t('dataSubjects.erase'),
        ),
      ),
    );
  }

  #confirmErase(found: Found): void {
    confirmErase(this.#shell, erasurePlan(found.records), {
      send: (reason) => this.#api.erase(found.query, reason),
      done: (outcome) => this.#afterErase(found, outcome),
    });
  }

  /** Searches again with the same query, so that the preview shows what is left, under the outcome. */
  async #afterErase(found: Found, outcome: DataSubjectEraseResponse): Promise<void> {
    const again = await this.#api.search(found.query);
    this.#found = { query: found.query, records: again.ok ? again.value : found.records, outcome };
    this.#showFound();
  }

  #confirmHold(ticket: SubjectTicketView): void {
    const { reference } = ticket;
    confirmHold(this.#shell, ticket, {
      send: (lifting, reason) =>
        lifting ? this.#api.liftHold(reference, reason) : this.#api.setHold(reference, reason),
      done: (answer) => {
        const found = this.#found;
        if (!found) return;
        this.#found = { ...found, records: withLegalHold(found.records, reference, answer.legalHold) };
        this.#showFound();
      },
    });
  }
}
