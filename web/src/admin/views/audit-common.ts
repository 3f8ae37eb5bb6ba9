/**
 * What the auditor's two views share: the form values and what the API is asked, Riga time both
 * ways, the words for an event and its outcome, the form of filters with its CSV download, and
 * the download itself. Times are shown in Riga time, and the period is entered in Riga time too.
 * A client's address stays in the page: the API is asked by the client's key (`clientKeyOf`).
 */
import { auditCatalogue } from '../../../../shared/domain/audit-catalogue.ts';
import type { AuditRecordView } from '../../../../shared/http/staff-contract.ts';
import type { AuditFilters, CsvDownload, Result, SubjectFilters } from '../api.ts';
import { type Child, h } from '../dom.ts';
import { viewHeading } from '../parts.ts';
import type { AdminShell, ViewContext } from '../shell.ts';
import { busyAttribute, formTarget, submitAction } from '../submit.ts';
import { dateLocale, isTextKey } from '../texts.ts';

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
export function formatInstant(value: string, context: ViewContext): string {
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
export function eventText(name: string, context: ViewContext): string {
  return Object.hasOwn(auditCatalogue, name)
    ? auditCatalogue[name as keyof typeof auditCatalogue].description[context.language]
    : name;
}

export function categoryText(category: string, context: ViewContext): string {
  const key = `audit.category.${category}`;
  return isTextKey(key) ? context.t(key) : category;
}

export function referencesOf(record: AuditRecordView): string[] {
  return record.resources
    .filter((resource) => resource.type === 'Courtdesk::Ticket')
    .map((resource) => resource.ARN.slice(resource.ARN.lastIndexOf('/') + 1));
}

export function outcomeText(errorCode: string | undefined, context: ViewContext): Child {
  return errorCode
    ? h('span', { class: 'audit__failure' }, context.t('audit.failure', { code: errorCode }))
    : context.t('audit.success');
}

/**
 * A view of the auditor's: heading, intro, a form of filters with its submit and CSV download
 * buttons (`<id>-form`, `<id>-submit`/`audit-search`, `<id>-download`).
 */
export function filterSection<V>(options: {
  readonly id: 'audit' | 'subject' | 'questions';
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
    viewHeading(options.heading),
    h('p', { class: 'list__intro' }, options.intro),
    form,
  );
  return { section, form };
}

/** A CSV export: fetched with the token, then saved from a Blob; the button waits meanwhile. */
export async function download(
  shell: AdminShell,
  form: HTMLFormElement,
  button: HTMLButtonElement,
  fetchFile: () => Promise<Result<CsvDownload>>,
): Promise<void> {
  const { t } = shell;
  await submitAction(shell, {
    target: formTarget(form, t, (lines) => shell.alert(lines), busyAttribute(button, 'aria-disabled')),
    send: () => {
      shell.toast(t('audit.downloading'));
      return fetchFile();
    },
    done: ({ blob, filename }) => saveFile(blob, filename),
    toast: ({ rows, cursor }) =>
      t(cursor ? 'audit.downloadedPart' : 'audit.downloaded', { rows: String(rows) }),
  });
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
