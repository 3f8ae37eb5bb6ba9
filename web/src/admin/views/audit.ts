/**
 * The audit trail for auditors: its filters, a page of records at a time, a CSV download. Records
 * are shown as text; ticket references are plain text (an auditor does not open tickets). The form
 * and the results stay while the person looks elsewhere.
 */
import { auditEventNames } from '../../../../shared/domain/audit-catalogue.ts';
import type { AuditRecordView } from '../../../../shared/http/staff-contract.ts';
import { h } from '../dom.ts';
import { type Control, field, select, textInput } from '../forms.ts';
import { nextPage, type Page, pagedTable, type TableOptions } from '../paged-table.ts';
import { timeElement } from '../parts.ts';
import type { AdminShell, Showing, ViewContext } from '../shell.ts';
import { formTarget, submitAction } from '../submit.ts';
import { dateLocale } from '../texts.ts';
import {
  type AuditFormValues,
  auditFilters,
  download,
  emptyAuditForm,
  eventText,
  filterSection,
  formatInstant,
  outcomeText,
  referencesOf,
} from './audit-common.ts';

interface AuditResult {
  readonly records: AuditRecordView[];
  cursor?: string | undefined;
  readonly moreTickets?: boolean;
}

export class AuditView {
  readonly #shell: AdminShell;
  #values: AuditFormValues = emptyAuditForm;
  #result: AuditResult | undefined;

  constructor(shell: AdminShell) {
    this.#shell = shell;
  }

  /** The audit view; the first time, with the last 24 hours already listed. */
  async show(showing: Showing): Promise<void> {
    const shell = this.#shell;
    if (!this.#result) {
      const result = await shell.api.audit(auditFilters(this.#values));
      if (!shell.isCurrent(showing.generation)) return;
      if (result.ok) this.#result = { ...result.value, records: [...result.value.records] };
      else shell.failure(result);
    }
    this.#render(showing.focus ? 'view-heading' : undefined);
  }

  #render(focus?: string): void {
    const shell = this.#shell;
    const { api, t } = shell;
    shell.render(
      t('view.audit'),
      auditView({
        context: shell.context,
        values: this.#values,
        ...(this.#result ? { result: this.#result } : {}),
        onSearch: (values, form) => void this.#search(values, form),
        onDownload: (values, form, button) =>
          void download(shell, form, button, () => api.auditCsv('audit', auditFilters(values))),
        onMore: async (cursor) => {
          const page = await nextPage<AuditRecordView>(
            shell,
            api
              .audit(auditFilters(this.#values), cursor)
              .then((result) =>
                result.ok
                  ? { ok: true, value: { items: result.value.records, cursor: result.value.cursor } }
                  : result,
              ),
          );
          if (page && this.#result) {
            this.#result.records.push(...page.items);
            this.#result.cursor = page.cursor;
          }
          return page;
        },
      }),
      focus,
    );
  }

  async #search(values: AuditFormValues, form: HTMLFormElement): Promise<void> {
    const shell = this.#shell;
    this.#values = values;
    await submitAction(shell, {
      target: formTarget(form, shell.t, (lines) => shell.alert(lines)),
      send: () => shell.api.audit(auditFilters(values)),
      done: (result) => {
        this.#result = { ...result, records: [...result.records] };
        this.#render('audit-results-heading');
      },
    });
  }
}

interface AuditViewOptions {
  readonly context: ViewContext;
  readonly values: AuditFormValues;
  /** The records shown so far, when a search was made. */
  readonly result?: AuditResult;
  readonly onSearch: (values: AuditFormValues, form: HTMLFormElement) => void;
  readonly onDownload: (values: AuditFormValues, form: HTMLFormElement, button: HTMLButtonElement) => void;
  readonly onMore: (cursor: string) => Promise<Page<AuditRecordView> | undefined>;
}

function auditView(options: AuditViewOptions): HTMLElement {
  const { context, values } = options;
  const { t } = context;
  const controls = {
    user: textInput(values.user, 'text'),
    ticket: textInput(values.ticket, 'text'),
    client: textInput(values.client, 'email'),
    eventName: select(
      [
        { value: '', label: t('audit.eventName.all') },
        ...auditEventNames
          .map((name) => ({ value: name, label: `${eventText(name, context)} (${name})` }))
          .sort((a, b) => a.label.localeCompare(b.label, dateLocale[context.language])),
      ],
      values.eventName,
    ),
    outcome: select(
      [
        { value: '', label: t('audit.outcome.all') },
        { value: 'success', label: t('audit.outcome.success') },
        { value: 'failure', label: t('audit.outcome.failure') },
      ],
      values.outcome,
    ),
    from: textInput(values.from, 'datetime-local'),
    to: textInput(values.to, 'datetime-local'),
  };
  controls.from.step = '1';
  controls.to.step = '1';
  const current = (): AuditFormValues => ({
    user: controls.user.value,
    ticket: controls.ticket.value,
    client: controls.client.value,
    eventName: controls.eventName.value,
    outcome: controls.outcome.value,
    from: controls.from.value,
    to: controls.to.value,
  });
  const { section } = filterSection({
    id: 'audit',
    heading: t('view.audit'),
    intro: t('view.audit.intro'),
    // The filters are a form of their own, named for screen readers.
    formLabel: h('h2', { id: 'audit-filters', class: 'visually-hidden' }, t('audit.filters')),
    fields: h(
      'div',
      { class: 'audit-form__fields' },
      auditField('audit-user', 'user', t('audit.user'), controls.user, context, t('audit.user.hint')),
      auditField(
        'audit-ticket',
        'ticket',
        t('audit.ticket'),
        controls.ticket,
        context,
        t('audit.ticket.hint'),
      ),
      auditField(
        'audit-client',
        'client',
        t('audit.client'),
        controls.client,
        context,
        t('audit.client.hint'),
      ),
      auditField('audit-event', 'eventName', t('audit.eventName'), controls.eventName, context),
      auditField('audit-outcome', 'outcome', t('audit.outcome'), controls.outcome, context),
      auditField('audit-from', 'from', t('audit.from'), controls.from, context, t('audit.period.hint')),
      auditField('audit-to', 'to', t('audit.to'), controls.to, context),
    ),
    submitText: t('audit.search'),
    downloadText: t('audit.download'),
    values: current,
    onSubmit: options.onSearch,
    onDownload: options.onDownload,
  });
  if (options.result) section.append(auditResults(options.result, options.onMore, context));
  return section;
}

function auditField(
  id: string,
  name: string,
  label: string,
  control: Control,
  context: ViewContext,
  hint?: string,
): HTMLDivElement {
  return field({ id, name, label, control, t: context.t, ...(hint ? { hint } : {}) });
}

function auditResults(
  result: AuditResult,
  onMore: AuditViewOptions['onMore'],
  context: ViewContext,
): HTMLElement {
  const { t } = context;
  return h(
    'section',
    { class: 'audit__results', attributes: { 'aria-labelledby': 'audit-results-heading' } },
    h('h2', { id: 'audit-results-heading', attributes: { tabindex: '-1' } }, t('audit.results')),
    result.moreTickets
      ? h(
          'p',
          { id: 'audit-more-tickets', class: 'warning' },
          h('strong', {}, t('audit.listing.moreTickets')),
        )
      : undefined,
    ...pagedTable(
      auditTable(context),
      { items: result.records, cursor: result.cursor },
      {
        empty: t('audit.none'),
        onMore,
      },
    ),
  );
}

function auditTable(context: ViewContext): TableOptions<AuditRecordView> {
  const { t } = context;
  return {
    class: 'audit__table',
    labelledBy: 'audit-results-heading',
    columns: [
      {
        label: 'audit.column.time',
        cell: (record) => timeElement(record.eventTime, formatInstant(record.eventTime, context)),
      },
      {
        label: 'audit.column.user',
        cell: (record) =>
          record.userIdentity.userName ?? record.userIdentity.invokedBy ?? record.userIdentity.type,
      },
      {
        label: 'audit.column.event',
        cell: (record) => [
          h('span', { class: 'audit__event' }, eventText(record.eventName, context)),
          ' ',
          h('code', { class: 'audit__code' }, record.eventName),
        ],
      },
      { label: 'audit.column.outcome', cell: (record) => outcomeText(record.errorCode, context) },
      {
        label: 'audit.column.tickets',
        cell: (record) => {
          const references = referencesOf(record);
          return [
            references.slice(0, 3).join(', '),
            references.length > 3
              ? ` ${t('audit.moreTickets', { count: String(references.length - 3) })}`
              : '',
          ];
        },
      },
      { label: 'audit.column.source', cell: (record) => record.sourceIPAddress },
    ],
    row: (record) => ({ class: record.errorCode ? 'tickets__row audit__row--failure' : 'tickets__row' }),
    t,
  };
}
