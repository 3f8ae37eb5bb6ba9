/**
 * The data-subject access report for auditors: what the system recorded about a client's
 * requests, by client address and period, with a CSV download. The form and the report stay while
 * the person looks elsewhere.
 */
import type { SubjectEntryView, SubjectReportResponse } from '../../../../shared/http/staff-contract.ts';
import { h } from '../dom.ts';
import { formatLongDate } from '../format.ts';
import { field, textInput } from '../forms.ts';
import type { Translate } from '../notifications.ts';
import { dataTable, type TableOptions } from '../paged-table.ts';
import { timeElement } from '../parts.ts';
import type { AdminShell, Showing, ViewContext } from '../shell.ts';
import { formTarget, submitAction } from '../submit.ts';
import {
  categoryText,
  download,
  emptySubjectForm,
  filterSection,
  formatInstant,
  outcomeText,
  type SubjectFormValues,
  subjectFilters,
} from './audit-common.ts';

export class SubjectView {
  readonly #shell: AdminShell;
  #values: SubjectFormValues = emptySubjectForm;
  #report: SubjectReportResponse | undefined;

  constructor(shell: AdminShell) {
    this.#shell = shell;
  }

  show(showing: Showing): void {
    this.#render(showing.focus ? 'view-heading' : undefined);
  }

  #render(focus?: string): void {
    const shell = this.#shell;
    shell.render(
      shell.t('view.subject'),
      subjectView({
        context: shell.context,
        values: this.#values,
        ...(this.#report ? { report: this.#report } : {}),
        onSubmit: (values, form) => void this.#submit(values, form),
        onDownload: (values, form, button) =>
          void download(shell, form, button, () => shell.api.auditCsv('subject', subjectFilters(values))),
      }),
      focus,
    );
  }

  async #submit(values: SubjectFormValues, form: HTMLFormElement): Promise<void> {
    const shell = this.#shell;
    await submitAction(shell, {
      target: formTarget(form, shell.t, (lines) => shell.alert(lines)),
      send: () => shell.api.subjectReport(subjectFilters(values)),
      done: (report) => {
        this.#values = values;
        this.#report = report;
        this.#render('subject-results-heading');
      },
    });
  }
}

interface SubjectViewOptions {
  readonly context: ViewContext;
  readonly values: SubjectFormValues;
  readonly report?: SubjectReportResponse;
  readonly onSubmit: (values: SubjectFormValues, form: HTMLFormElement) => void;
  readonly onDownload: (values: SubjectFormValues, form: HTMLFormElement, button: HTMLButtonElement) => void;
}

function subjectView(options: SubjectViewOptions): HTMLElement {
  const { context, values } = options;
  const { t } = context;
  const controls = {
    client: textInput(values.client, 'email'),
    from: textInput(values.from, 'datetime-local'),
    to: textInput(values.to, 'datetime-local'),
  };
  const current = (): SubjectFormValues => ({
    client: controls.client.value,
    from: controls.from.value,
    to: controls.to.value,
  });
  const { section } = filterSection({
    id: 'subject',
    heading: t('view.subject'),
    intro: t('view.subject.intro'),
    fields: h(
      'div',
      { class: 'audit-form__fields' },
      field({
        id: 'subject-client',
        name: 'client',
        label: t('audit.client'),
        hint: t('subject.client.hint'),
        required: true,
        control: controls.client,
        t,
      }),
      field({
        id: 'subject-from',
        name: 'from',
        label: t('audit.from'),
        hint: t('subject.period.hint'),
        control: controls.from,
        t,
      }),
      field({ id: 'subject-to', name: 'to', label: t('audit.to'), control: controls.to, t }),
    ),
    submitText: t('subject.submit'),
    downloadText: t('audit.download'),
    values: current,
    onSubmit: options.onSubmit,
    onDownload: options.onDownload,
  });
  if (options.report) section.append(subjectReport(options.report, context));
  return section;
}

/** The report-level notice of an incomplete report, or nothing. */
function reportNotice(report: SubjectReportResponse, t: Translate): HTMLElement | undefined {
  if (!report.truncated) return undefined;
  const looked = String(report.tickets.length + (report.ticketsLeftOut ?? 0));
  const parts = [
    ...(report.moreTickets ? [t('subject.notice.moreTickets', { count: looked })] : []),
    ...(report.ticketsLeftOut
      ? [t('subject.notice.leftOut', { count: String(report.ticketsLeftOut) }), t('subject.notice.narrow')]
      : []),
  ];
  if (!report.moreTickets && !report.ticketsLeftOut)
    parts.push(t('subject.notice.truncated'), t('subject.notice.narrow'));
  return h('p', { id: 'subject-truncated', class: 'warning' }, h('strong', {}, parts.join(' ')));
}

function subjectReport(report: SubjectReportResponse, context: ViewContext): HTMLElement {
  const { t, language } = context;
  const entries = report.tickets.reduce((total, ticket) => total + ticket.entries.length, 0);
  const section = h(
    'section',
    { class: 'audit__results', attributes: { 'aria-labelledby': 'subject-results-heading' } },
    h('h2', { id: 'subject-results-heading', attributes: { tabindex: '-1' } }, t('audit.results')),
  );
  const notice = reportNotice(report, t);
  if (notice) section.append(notice);
  if (report.tickets.length === 0) {
    section.append(h('p', { class: 'list__empty' }, t('subject.none')));
    return section;
  }
  section.append(
    h(
      'p',
      { class: 'list__count' },
      t('subject.summary', { tickets: String(report.tickets.length), entries: String(entries) }),
    ),
  );
  for (const ticket of report.tickets) {
    const headingId = `subject-${ticket.reference}`;
    section.append(
      h(
        'section',
        { class: 'audit__ticket', attributes: { 'aria-labelledby': headingId } },
        h(
          'h3',
          { id: headingId },
          t('subject.ticket', { reference: ticket.reference, unit: ticket.unit[language] }),
        ),
        h(
          'p',
          { class: 'muted' },
          t('subject.received', { date: formatLongDate(ticket.receivedAt, language) }),
        ),
        ticket.entries.length
          ? h(
              'div',
              { class: 'tickets-wrapper' },
              dataTable(subjectTable(headingId, context), ticket.entries),
            )
          : h('p', { class: 'list__empty' }, t('subject.entries.none')),
        ticket.truncated ? h('p', { class: 'warning' }, t('subject.truncated')) : undefined,
      ),
    );
  }
  return section;
}

function subjectTable(labelledBy: string, context: ViewContext): TableOptions<SubjectEntryView> {
  const { t, language } = context;
  return {
    class: 'audit__table',
    labelledBy,
    columns: [
      {
        label: 'audit.column.time',
        cell: (entry) => timeElement(entry.eventTime, formatInstant(entry.eventTime, context)),
      },
      { label: 'audit.column.user', cell: (entry) => entry.user },
      {
        label: 'audit.column.event',
        cell: (entry) => [
          h('span', { class: 'audit__event' }, entry.description[language]),
          ' ',
          h('code', { class: 'audit__code' }, entry.eventName),
        ],
      },
      { label: 'audit.column.outcome', cell: (entry) => outcomeText(entry.errorCode, context) },
      { label: 'subject.column.why', cell: (entry) => whyText(entry.why, context) },
    ],
    row: (entry) => ({ class: entry.errorCode ? 'tickets__row audit__row--failure' : 'tickets__row' }),
    t,
  };
}

/** The reason in words: the kind of event, the unit, a stated reason's length and fingerprint, details. */
function whyText(why: SubjectEntryView['why'], context: ViewContext): string {
  const { t } = context;
  const parts = [categoryText(why.category, context)];
  if (why.competence) parts.push(t('subject.why.unit', { unit: context.unitName(why.competence) }));
  if (why.reasonSha256)
    parts.push(
      t('subject.why.reason', {
        length: String(why.reasonLength ?? '?'),
        hash: why.reasonSha256.slice(0, 12),
      }),
    );
  for (const [name, value] of Object.entries(why.details ?? {})) parts.push(`${name}: ${String(value)}`);
  return parts.join('; ');
}
