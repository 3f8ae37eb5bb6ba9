/**
 * The mail quarantine for supervisors (issue 5): the held mail of their units with the reason in
 * words, and one mail at a time with a text-only preview, a download of the original and the
 * release. Everything that comes from the mail is untrusted and becomes text nodes (`dom.ts`);
 * its HTML version is never rendered here.
 */
import type { QuarantineDetail, QuarantineSummary } from '../../../shared/http/staff-contract.ts';
import { append, type Child, h } from './dom.ts';
import { formatLongDate, formatShortDate, formatSize } from './format.ts';
import type { Translate } from './notifications.ts';
import { moreButton, timeElement, type ViewContext } from './worklist-view.ts';

export function reasonText(reason: QuarantineSummary['reason'], t: Translate): string {
  return t(`quarantine.reason.${reason}`);
}

/** A row per mail: the receipt time links to the mail. */
function quarantineTable(items: readonly QuarantineSummary[], context: ViewContext): HTMLTableElement {
  const { t, language } = context;
  const columns = [
    'quarantine.column.received',
    'quarantine.column.reason',
    'quarantine.column.recipients',
    'column.unit',
  ] as const;
  return h(
    'table',
    { class: 'tickets quarantine', attributes: { 'aria-labelledby': 'view-heading' } },
    h('thead', {}, h('tr', {}, ...columns.map((key) => h('th', { attributes: { scope: 'col' } }, t(key))))),
    h(
      'tbody',
      {},
      ...items.map((item) =>
        h(
          'tr',
          { class: 'tickets__row' },
          h(
            'th',
            { attributes: { scope: 'row' }, dataset: { label: t('quarantine.column.received') } },
            h(
              'a',
              {
                class: 'tickets__reference',
                attributes: { href: context.href({ kind: 'quarantined', id: item.id }) },
              },
              timeElement(item.receivedAt, formatShortDate(item.receivedAt, language)),
            ),
          ),
          h('td', { dataset: { label: t('quarantine.column.reason') } }, reasonText(item.reason, t)),
          h('td', { dataset: { label: t('quarantine.column.recipients') } }, item.recipients.join(', ')),
          h('td', { dataset: { label: t('column.unit') } }, context.unitName(item.competence)),
        ),
      ),
    ),
  );
}

export interface QuarantineListOptions {
  readonly heading: string;
  readonly items: readonly QuarantineSummary[];
  readonly cursor: string | undefined;
  readonly context: ViewContext;
  /** Loads the next page; the view appends it. */
  readonly onMore: (
    cursor: string,
  ) => Promise<{ items: readonly QuarantineSummary[]; cursor?: string } | undefined>;
}

export function quarantineListView(options: QuarantineListOptions): HTMLElement {
  const { context, items } = options;
  const { t } = context;
  const section = h(
    'section',
    { class: 'list', attributes: { 'aria-labelledby': 'view-heading' } },
    h('h1', { id: 'view-heading', attributes: { tabindex: '-1' } }, options.heading),
    h('p', { class: 'list__intro' }, t('view.quarantine.intro')),
  );
  if (items.length === 0 && options.cursor === undefined) {
    section.append(h('p', { class: 'list__empty' }, t('quarantine.empty')));
    return section;
  }
  const count = h('p', { class: 'list__count' }, t('list.shown', { count: String(items.length) }));
  const table = quarantineTable(items, context);
  section.append(count, h('div', { class: 'tickets-wrapper' }, table));
  section.append(
    moreButton({
      table,
      count,
      t,
      shown: items.length,
      cursor: options.cursor,
      onMore: options.onMore,
      rowsOf: (page) => Array.from(quarantineTable(page, context).tBodies[0]?.rows ?? []),
    }),
  );
  return section;
}

export interface QuarantineMailOptions {
  readonly mail: QuarantineDetail;
  readonly context: ViewContext;
  readonly backHref: string;
  readonly onRelease: () => void;
}

export function quarantineMailView(options: QuarantineMailOptions): HTMLElement {
  const { mail, context } = options;
  const { t, language } = context;
  const facts: [string, Child][] = [
    [t('quarantine.reason'), reasonText(mail.reason, t)],
    [t('quarantine.detail'), mail.detail],
    [t('quarantine.received'), timeElement(mail.receivedAt, formatLongDate(mail.receivedAt, language))],
    [t('quarantine.recipients'), mail.recipients.join(', ')],
    [t('column.unit'), context.unitName(mail.competence)],
    [t('quarantine.state'), t(`quarantine.state.${mail.state}`)],
  ];
  if (mail.size !== undefined) facts.push([t('quarantine.size'), formatSize(mail.size, language)]);
  return h(
    'article',
    { class: 'quarantine-mail', attributes: { 'aria-labelledby': 'view-heading' } },
    h('p', {}, h('a', { class: 'back-link', attributes: { href: options.backHref } }, t('quarantine.back'))),
    h('h1', { id: 'view-heading', attributes: { tabindex: '-1' } }, t('quarantine.heading')),
    h(
      'div',
      { class: 'ticket__facts' },
      h('h2', { class: 'visually-hidden' }, t('quarantine.facts')),
      h('dl', { class: 'facts' }, ...facts.map(([term, value]) => fact(term, value))),
    ),
    mail.release
      ? h(
          'div',
          { class: 'notice' },
          h(
            'p',
            {},
            t('quarantine.releasedBy', {
              by: mail.release.by,
              at: formatLongDate(mail.release.at, language),
              reference: mail.release.reference,
            }),
          ),
          h('p', {}, `${t('quarantine.releaseReason')}: `, mail.release.reason),
        )
      : undefined,
    mail.actions.includes('release')
      ? h(
          'p',
          {},
          h(
            'button',
            {
              id: 'quarantine-release',
              class: 'button',
              attributes: { type: 'button' },
              on: { click: () => options.onRelease() },
            },
            t('quarantine.release'),
          ),
        )
      : undefined,
    previewSection(mail, context),
  );
}

function previewSection(mail: QuarantineDetail, context: ViewContext): HTMLElement {
  const { t, language } = context;
  const section = h(
    'section',
    { class: 'panel', attributes: { 'aria-labelledby': 'preview-heading' } },
    h('h2', { id: 'preview-heading' }, t('quarantine.preview')),
  );
  const { preview } = mail;
  if (!preview) {
    section.append(
      h('p', {}, t(`quarantine.preview.unavailable.${mail.previewUnavailable ?? 'unreadable'}`)),
    );
  } else {
    const facts: [string, Child][] = [
      [
        t('quarantine.preview.from'),
        preview.from
          ? preview.from.name
            ? `${preview.from.name} <${preview.from.address}>`
            : preview.from.address
          : h('span', { class: 'muted' }, t('quarantine.preview.noSender')),
      ],
      [t('quarantine.preview.to'), preview.to.join(', ')],
      [
        t('quarantine.preview.subject'),
        preview.subject || h('span', { class: 'muted' }, t('quarantine.preview.noSubject')),
      ],
    ];
    if (preview.date)
      facts.push([
        t('quarantine.preview.date'),
        timeElement(preview.date, formatLongDate(preview.date, language)),
      ]);
    append(
      section,
      h('p', { class: 'muted' }, t('quarantine.preview.note')),
      h('dl', { class: 'facts' }, ...facts.map(([term, value]) => fact(term, value))),
      h('h3', { class: 'panel__subheading' }, t('quarantine.preview.text')),
      h('div', { id: 'quarantine-text', class: 'entry__text' }, preview.text),
      preview.truncated ? h('p', { class: 'muted' }, t('quarantine.preview.truncated')) : undefined,
      preview.hasHtml ? h('p', { class: 'muted' }, t('quarantine.preview.hasHtml')) : undefined,
    );
    if (preview.attachments.length) {
      section.append(
        h('h3', { class: 'panel__subheading' }, t('quarantine.preview.attachments')),
        h(
          'ul',
          { class: 'plain-list' },
          ...preview.attachments.map((attachment) =>
            h(
              'li',
              {},
              attachment.name,
              ` (${attachment.contentType}, ${formatSize(attachment.size, language)})`,
            ),
          ),
        ),
      );
    }
  }
  if (mail.downloadUrl) {
    section.append(
      h(
        'p',
        {},
        h(
          'a',
          {
            id: 'quarantine-download',
            attributes: {
              href: mail.downloadUrl,
              download: `${mail.id}.eml`,
              rel: 'noopener noreferrer',
              'aria-describedby': 'quarantine-download-hint',
            },
          },
          t('quarantine.download'),
        ),
      ),
      h('p', { id: 'quarantine-download-hint', class: 'muted' }, t('quarantine.download.hint')),
    );
  }
  return section;
}

function fact(term: string, value: Child): HTMLDivElement {
  return h('div', { class: 'facts__item' }, h('dt', {}, term), h('dd', {}, value));
}
