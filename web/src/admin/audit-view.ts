/**
 * The auditor's views (issue 6, item 5): the audit trail with its filters, a page at a time, with a
 * CSV download; and the data-subject access report of a client's address. Records are shown as
 * text; ticket references are plain text (an auditor does not open tickets). Times are shown in
 * Riga time, and the period is entered in Riga time too. A client's address stays in the page: the
 * API is asked by the client's key (`clientKeyOf` in api.ts).
 */
import { auditCatalogue, auditEventNames } from '../../../shared/domain/audit-catalogue.ts';
import type { Language } from '../../../shared/domain/topics.ts';
import type {
  AuditRecordView,
  SubjectEntryView,
  SubjectReportResponse,
} from '../../../shared/http/staff-contract.ts';
import type { AuditFilters, SubjectFilters } from './api.ts';
import { type Child, h } from './dom.ts';
import { formatLongDate } from './format.ts';
import { type Control, field, select, textInput } from './forms.ts';
import { dateLocale, isTextKey } from './texts.ts';
import { moreButton, timeElement, type ViewContext } from './worklist-view.ts';

const officeTimeZone = 'Europe/Riga';

/** The audit form's values as typed: the period as `datetime-local` values (Riga time). */
export interface AuditFormValues {
  readonly user: string;
  readonly ticket: string;
  readonly client: string;
  readonly eventName: string;
  readonly outcome: string;
  readonly from: string;
  readonly to: string;
}

export const emptyAuditForm: AuditFormValues = {
  user: '',
  ticket: '',
  client: '',
  eventName: '',
  outcome: '',
  from: '',
  to: '',
};

export interface SubjectFormValues {
  readonly client: string;
  readonly from: string;
  readonly to: string;
}

export const emptySubjectForm: SubjectFormValues = { client: '', from: '', to: '' };

/** What the API is asked: empty values left out, the period as instants. */
export function auditFilters(values: AuditFormValues): AuditFilters {
  return {
    ...(values.user.trim() ? { user: values.user.trim() } : {}),
    ...(values.ticket.trim() ? { ticket: values.ticket.trim() } : {}),
    ...(values.client.trim() ? { client: values.client.trim() } : {}),
    ...(values.eventName ? { eventName: values.eventName } : {}),
    ...(values.outcome ? { outcome: values.outcome } : {}),
    ...(values.from ? { from: rigaInstant(values.from) } : {}),
    ...(values.to ? { to: rigaInstant(values.to) } : {}),
  };
}

export function subjectFilters(values: SubjectFormValues): SubjectFilters {
  return {
    client: values.client.trim(),
    ...(values.from ? { from: rigaInstant(values.from) } : {}),
    ...(values.to ? { to: rigaInstant(values.to) } : {}),
  };
}

/**
 * A `datetime-local` value read as Riga time, as an ISO instant; anything else is passed on as it
 * is, for the server to refuse with its message.
 */
export function rigaInstant(local: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) return local;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as number[];
  const wall = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0);
  // Riga's offset from UTC at a moment: that moment's wall-clock time in Riga, read as UTC, minus it.
  const offset = (time: number) => {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: officeTimeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(time));
    const part = (type: string) => Number(parts.find((each) => each.type === type)?.value ?? 0);
    return (
      Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) -
      time
    );
  };
  // Twice: near a change of summer time the first guess may use the other offset.
  const guess = wall - offset(wall);
  return new Date(wall - offset(guess)).toISOString();
}

/** An instant in Riga time with seconds: lv "10.12.2026. 10:00:05", en "10/12/2026, 10:00:05". */
function formatInstant(value: string, context: ViewContext): string {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  return new Intl.DateTimeFormat(dateLocale[context.language], {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: officeTimeZone,
  }).format(instant);
}

/** The event's description in the page's language; the name itself for one not catalogued. */
function eventText(name: string, context: ViewContext): string {
  return Object.hasOwn(auditCatalogue, name)
    ? auditCatalogue[name as keyof typeof auditCatalogue].description[context.language]
    : name;
}

function categoryText(category: string, context: ViewContext): string {
  const key = `audit.category.${category}`;
  return isTextKey(key) ? context.t(key) : category;
}

function referencesOf(record: AuditRecordView): string[] {
  return record.resources
    .filter((resource) => resource.type === 'Courtdesk::Ticket')
    .map((resource) => resource.ARN.slice(resource.ARN.lastIndexOf('/') + 1));
}

function outcomeText(errorCode: string | undefined, context: ViewContext): Child {
  return errorCode
    ? h('span', { class: 'audit__failure' }, context.t('audit.failure', { code: errorCode }))
    : context.t('audit.success');
}

// ---- The audit trail ------------------------------------------------------------------------

export interface AuditViewOptions {
  readonly context: ViewContext;
  readonly values: AuditFormValues;
  /** The records shown so far, when a search was made. */
  readonly result?: {
    readonly records: readonly AuditRecordView[];
    readonly cursor?: string;
    readonly moreTickets?: boolean;
  };
  readonly onSearch: (values: AuditFormValues, form: HTMLFormElement) => void;
  readonly onDownload: (values: AuditFormValues, form: HTMLFormElement, button: HTMLButtonElement) => void;
  readonly onMore: (
    cursor: string,
  ) => Promise<{ items: readonly AuditRecordView[]; cursor?: string } | undefined>;
}

export function auditView(options: AuditViewOptions): HTMLElement {
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
  if (options.result) section.append(auditResults(options.result, options, context));
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
  result: NonNullable<AuditViewOptions['result']>,
  options: AuditViewOptions,
  context: ViewContext,
): HTMLElement {
  const { t } = context;
  const section = h(
    'section',
    { class: 'audit__results', attributes: { 'aria-labelledby': 'audit-results-heading' } },
    h('h2', { id: 'audit-results-heading', attributes: { tabindex: '-1' } }, t('audit.results')),
  );
  if (result.moreTickets)
    section.append(
      h(
        'p',
        { id: 'audit-more-tickets', class: 'warning' },
        h('strong', {}, listingNotices[context.language]),
      ),
    );
  if (result.records.length === 0 && result.cursor === undefined) {
    section.append(h('p', { class: 'list__empty' }, t('audit.none')));
    return section;
  }
  const count = h('p', { class: 'list__count' }, t('list.shown', { count: String(result.records.length) }));
  const table = auditTable(result.records, context);
  const wrapper = h('div', { class: 'tickets-wrapper' }, table);
  wrapper.hidden = result.records.length === 0;
  section.append(
    count,
    wrapper,
    moreButton({
      table,
      count,
      t,
      shown: result.records.length,
      cursor: result.cursor,
      onMore: options.onMore,
      rowsOf: (page) => Array.from(auditTable(page, context).tBodies[0]?.rows ?? []),
      onShown: (shown) => {
        wrapper.hidden = shown === 0;
      },
    }),
  );
  return section;
}

function auditTable(records: readonly AuditRecordView[], context: ViewContext): HTMLTableElement {
  const { t } = context;
  const columns = [
    'audit.column.time',
    'audit.column.user',
    'audit.column.event',
    'audit.column.outcome',
    'audit.column.tickets',
    'audit.column.source',
  ] as const;
  const cell = (key: (typeof columns)[number], ...children: Child[]) =>
    h('td', { dataset: { label: t(key) } }, ...children);
  return h(
    'table',
    { class: 'tickets audit__table', attributes: { 'aria-labelledby': 'audit-results-heading' } },
    h('thead', {}, h('tr', {}, ...columns.map((key) => h('th', { attributes: { scope: 'col' } }, t(key))))),
    h(
      'tbody',
      {},
      ...records.map((record) => {
        const references = referencesOf(record);
        return h(
          'tr',
          { class: record.errorCode ? 'tickets__row audit__row--failure' : 'tickets__row' },
          h(
            'th',
            { attributes: { scope: 'row' }, dataset: { label: t('audit.column.time') } },
            timeElement(record.eventTime, formatInstant(record.eventTime, context)),
          ),
          cell(
            'audit.column.user',
            record.userIdentity.userName ?? record.userIdentity.invokedBy ?? record.userIdentity.type,
          ),
          cell(
            'audit.column.event',
            h('span', { class: 'audit__event' }, eventText(record.eventName, context)),
            ' ',
            h('code', { class: 'audit__code' }, record.eventName),
          ),
          cell('audit.column.outcome', outcomeText(record.errorCode, context)),
          cell(
            'audit.column.tickets',
            references.slice(0, 3).join(', '),
            references.length > 3
              ? ` ${t('audit.moreTickets', { count: String(references.length - 3) })}`
              : '',
          ),
          cell('audit.column.source', record.sourceIPAddress),
        );
      }),
    ),
  );
}

// ---- The data-subject access report -------------------------------------------------------------

export interface SubjectViewOptions {
  readonly context: ViewContext;
  readonly values: SubjectFormValues;
  readonly report?: SubjectReportResponse;
  readonly onSubmit: (values: SubjectFormValues, form: HTMLFormElement) => void;
  readonly onDownload: (values: SubjectFormValues, form: HTMLFormElement, button: HTMLButtonElement) => void;
}

export function subjectView(options: SubjectViewOptions): HTMLElement {
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

/**
 * A view of the auditor's: heading, intro, a form of filters with its submit and CSV download
 * buttons (`<id>-form`, `<id>-submit`/`audit-search`, `<id>-download`).
 */
function filterSection<V>(options: {
  readonly id: 'audit' | 'subject';
  readonly heading: string;
  readonly intro: string;
  /** A heading naming the form; absent: the view's heading names it. */
  readonly formLabel?: HTMLElement;
  readonly fields: HTMLElement;
  readonly submitText: string;
  readonly downloadText: string;
  readonly values: () => V;
  readonly onSubmit: (values: V, form: HTMLFormElement) => void;
  readonly onDownload: (values: V, form: HTMLFormElement, button: HTMLButtonElement) => void;
}): { section: HTMLElement; form: HTMLFormElement } {
  const { id } = options;
  const download = h(
    'button',
    { id: `${id}-download`, class: 'button button--secondary', attributes: { type: 'button' } },
    options.downloadText,
  );
  const form = h(
    'form',
    {
      id: `${id}-form`,
      class: 'audit-form',
      attributes: { novalidate: true, 'aria-labelledby': options.formLabel?.id ?? 'view-heading' },
    },
    ...(options.formLabel ? [options.formLabel] : []),
    options.fields,
    h(
      'div',
      { class: 'audit-form__buttons' },
      h(
        'button',
        {
          id: id === 'audit' ? 'audit-search' : `${id}-submit`,
          class: 'button',
          attributes: { type: 'submit' },
        },
        options.submitText,
      ),
      download,
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    options.onSubmit(options.values(), form);
  });
  download.addEventListener('click', () => {
    if (download.getAttribute('aria-disabled') === 'true') return;
    options.onDownload(options.values(), form, download);
  });
  const section = h(
    'section',
    { class: 'audit', attributes: { 'aria-labelledby': 'view-heading' } },
    h('h1', { id: 'view-heading', attributes: { tabindex: '-1' } }, options.heading),
    h('p', { class: 'list__intro' }, options.intro),
    form,
  );
  return { section, form };
}

/** A listing by client that looked at the client's newest requests only. */
const listingNotices: Record<Language, string> = {
  lv: 'Klientam ir vairāk pieprasījumu, nekā skatīts: sarakstā ir tikai jaunāko 100 pieprasījumu ieraksti. Lai redzētu vecāku pieprasījumu, norādiet tā numuru.',
  en: 'The client has more requests than were looked at: the list holds the records of the newest 100 only. To see an older request, give its reference.',
};

/** What an incomplete report says it left out, in the page's language. */
const reportNotices: Record<
  Language,
  { moreTickets: string; leftOut: string; truncated: string; narrow: string }
> = {
  lv: {
    moreTickets:
      'Klientam var būt vairāk pieprasījumu, nekā skatīts: pārskatā ir tikai jaunākie {count}, vecāki nav iekļauti.',
    leftOut: 'Pārskats sasniedza apjoma ierobežojumu. Neiekļauto pieprasījumu skaits: {count}.',
    truncated: 'Pārskats nav pilnīgs: daļa ierakstu nav iekļauta.',
    narrow: 'Sašauriniet periodu, lai redzētu visu.',
  },
  en: {
    moreTickets:
      'The client may have more requests than were looked at: the report covers only the newest {count}, older ones are left out.',
    leftOut: 'The report reached its size limit. Requests left out: {count}.',
    truncated: 'The report is incomplete: some entries are left out.',
    narrow: 'Narrow the period to see everything.',
  },
};

/** The report-level notice of an incomplete report, or nothing. */
function reportNotice(report: SubjectReportResponse, language: Language): HTMLElement | undefined {
  if (!report.truncated) return undefined;
  const texts = reportNotices[language];
  const looked = String(report.tickets.length + (report.ticketsLeftOut ?? 0));
  const parts = [
    ...(report.moreTickets ? [texts.moreTickets.replace('{count}', looked)] : []),
    ...(report.ticketsLeftOut
      ? [texts.leftOut.replace('{count}', String(report.ticketsLeftOut)), texts.narrow]
      : []),
  ];
  if (!report.moreTickets && !report.ticketsLeftOut) parts.push(texts.truncated, texts.narrow);
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
  const notice = reportNotice(report, language);
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
          ? h('div', { class: 'tickets-wrapper' }, subjectTable(ticket.entries, headingId, context))
          : h('p', { class: 'list__empty' }, t('subject.entries.none')),
        ticket.truncated ? h('p', { class: 'warning' }, t('subject.truncated')) : undefined,
      ),
    );
  }
  return section;
}

function subjectTable(
  entries: readonly SubjectEntryView[],
  labelledBy: string,
  context: ViewContext,
): HTMLTableElement {
  const { t, language } = context;
  const columns = [
    'audit.column.time',
    'audit.column.user',
    'audit.column.event',
    'audit.column.outcome',
    'subject.column.why',
  ] as const;
  const cell = (key: (typeof columns)[number], ...children: Child[]) =>
    h('td', { dataset: { label: t(key) } }, ...children);
  return h(
    'table',
    { class: 'tickets audit__table', attributes: { 'aria-labelledby': labelledBy } },
    h('thead', {}, h('tr', {}, ...columns.map((key) => h('th', { attributes: { scope: 'col' } }, t(key))))),
    h(
      'tbody',
      {},
      ...entries.map((entry) =>
        h(
          'tr',
          { class: entry.errorCode ? 'tickets__row audit__row--failure' : 'tickets__row' },
          h(
            'th',
            { attributes: { scope: 'row' }, dataset: { label: t('audit.column.time') } },
            timeElement(entry.eventTime, formatInstant(entry.eventTime, context)),
          ),
          cell('audit.column.user', entry.user),
          cell(
            'audit.column.event',
            h('span', { class: 'audit__event' }, entry.description[language]),
            ' ',
            h('code', { class: 'audit__code' }, entry.eventName),
          ),
          cell('audit.column.outcome', outcomeText(entry.errorCode, context)),
          cell('subject.column.why', whyText(entry.why, context)),
        ),
      ),
    ),
  );
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

/** Saves a downloaded file: a temporary link to the blob, clicked, then released. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { attributes: { href: url, download: filename, hidden: true } });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
