/**
 * Letters for the mailroom (issue 7): what the system printed for clients without an email
 * address, to post (oldest first) or already posted; one letter with short-lived links to its PDF
 * and the files to enclose, and the form that records it as posted (with the registered-mail
 * number, when it went registered).
 */
import type { LetterResponse, LetterView } from '../../../shared/http/staff-contract.ts';
import type { LetterState } from './api.ts';
import { type Child, h, safeDownloadUrl } from './dom.ts';
import { formatLongDate, formatShortDate, formatSize, todayInRiga } from './format.ts';
import { field } from './forms.ts';
import type { Translate } from './notifications.ts';
import { isTextKey } from './texts.ts';
import { moreButton, timeElement, type ViewContext } from './worklist-view.ts';

/** What a letter is, in words: an acknowledgement, a reply, a notice… (the code for an unknown one). */
export function letterKindText(kind: string, t: Translate): string {
  if (kind === 'reply') return t('thread.reply');
  const key = `notice.${kind}`;
  return isTextKey(key) ? t(key) : kind;
}

export interface LettersViewOptions {
  readonly context: ViewContext;
  readonly state: LetterState;
  readonly items: readonly LetterView[];
  readonly cursor: string | undefined;
  readonly onMore: (cursor: string) => Promise<{ items: readonly LetterView[]; cursor?: string } | undefined>;
}

export function lettersView(options: LettersViewOptions): HTMLElement {
  const { context, items, state } = options;
  const { t } = context;
  const tab = (which: LetterState) =>
    h(
      'li',
      {},
      h(
        'a',
        {
          id: `letters-${which}`,
          attributes: {
            href: context.href({ kind: 'letters', state: which }),
            'aria-current': which === state ? 'page' : undefined,
          },
        },
        t(`letters.${which}`),
      ),
    );
  const section = h(
    'section',
    { class: 'list letters', attributes: { 'aria-labelledby': 'view-heading' } },
    h(
      'h1',
      { id: 'view-heading', attributes: { tabindex: '-1' } },
      `${t('view.letters')}: ${t(`letters.${state}`)}`,
    ),
    h(
      'nav',
      { class: 'subviews', attributes: { 'aria-label': t('letters.tabs') } },
      h('ul', {}, tab('pending'), tab('dispatched')),
    ),
    h('p', { class: 'list__intro' }, t(`view.letters.intro.${state}`)),
  );
  if (items.length === 0 && options.cursor === undefined) {
    section.append(h('p', { class: 'list__empty' }, t(`letters.empty.${state}`)));
    return section;
  }
  const count = h('p', { class: 'list__count' }, t('list.shown', { count: String(items.length) }));
  const table = letterTable(items, context, state);
  section.append(
    count,
    h('div', { class: 'tickets-wrapper' }, table),
    moreButton({
      table,
      count,
      t,
      shown: items.length,
      cursor: options.cursor,
      onMore: options.onMore,
      rowsOf: (page) => Array.from(letterTable(page, context, state).tBodies[0]?.rows ?? []),
    }),
  );
  return section;
}

/** A row per letter; the reference opens the letter (its PDF, enclosures and the dispatch form). */
function letterTable(
  items: readonly LetterView[],
  context: ViewContext,
  state: LetterState,
): HTMLTableElement {
  const { t, language } = context;
  const columns = [
    'letters.column.reference',
    'letters.column.created',
    'letters.column.recipient',
    'letters.column.kind',
    'letters.column.enclosures',
    ...(state === 'dispatched' ? (['letters.column.dispatched'] as const) : []),
  ] as const;
  const cell = (key: (typeof columns)[number], ...children: Child[]) =>
    h('td', { dataset: { label: t(key) } }, ...children);
  return h(
    'table',
    { class: 'tickets letters__table', attributes: { 'aria-labelledby': 'view-heading' } },
    h('thead', {}, h('tr', {}, ...columns.map((key) => h('th', { attributes: { scope: 'col' } }, t(key))))),
    h(
      'tbody',
      {},
      ...items.map((item) =>
        h(
          'tr',
          { class: 'tickets__row', dataset: { letter: item.letterId } },
          h(
            'th',
            { attributes: { scope: 'row' }, dataset: { label: t('letters.column.reference') } },
            h(
              'a',
              {
                class: 'tickets__reference',
                attributes: {
                  href: context.href({ kind: 'letter', reference: item.reference, letterId: item.letterId }),
                },
              },
              item.reference,
            ),
          ),
          cell(
            'letters.column.created',
            timeElement(item.createdAt, formatShortDate(item.createdAt, language)),
          ),
          cell('letters.column.recipient', item.recipientName),
          cell('letters.column.kind', letterKindText(item.kind, t)),
          cell('letters.column.enclosures', String(item.enclosures)),
          ...(state === 'dispatched'
            ? [cell('letters.column.dispatched', item.dispatch ? dispatchText(item.dispatch, context) : '')]
            : []),
        ),
      ),
    ),
  );
}

/** "Posted on 12 May 2026, registered mail RR123456789LV; recorded by mailroom." */
function dispatchText(dispatch: NonNullable<LetterView['dispatch']>, context: ViewContext): string {
  const date = formatLongDate(dispatch.dispatchedOn, context.language);
  return dispatch.registeredMailNumber
    ? context.t('letter.dispatch.doneNumber', {
        date,
        number: dispatch.registeredMailNumber,
        by: dispatch.by,
      })
    : context.t('letter.dispatch.done', { date, by: dispatch.by });
}

export interface LetterViewOptions {
  readonly letter: LetterResponse['letter'];
  readonly context: ViewContext;
  readonly backHref: string;
  readonly onDispatch: (form: HTMLFormElement) => void;
}

export function letterView(options: LetterViewOptions): HTMLElement {
  const { letter, context } = options;
  const { t, language } = context;
  const facts: [string, Child][] = [
    [t('letter.kind'), letterKindText(letter.kind, t)],
    [t('letter.recipient'), letter.recipientName],
    [t('letter.created'), timeElement(letter.createdAt, formatLongDate(letter.createdAt, language))],
    [t('column.unit'), context.unitName(letter.competence)],
    [t('letter.size'), formatSize(letter.size, language)],
    [t('letter.enclosures'), String(letter.enclosures)],
  ];
  if (letter.dispatch) facts.push([t('letter.state'), dispatchText(letter.dispatch, context)]);
  const pdf = safeDownloadUrl(letter.downloadUrl);
  const enclosures = letter.enclosureLinks.flatMap((link) => {
    const href = safeDownloadUrl(link.url);
    return href ? [{ href, filename: link.filename }] : [];
  });
  return h(
    'article',
    { class: 'letter', attributes: { 'aria-labelledby': 'view-heading' } },
    h(
      'p',
      { class: 'back-link' },
      h('a', { attributes: { href: options.backHref } }, `← ${t('letter.back')}`),
    ),
    h(
      'h1',
      { id: 'view-heading', attributes: { tabindex: '-1' } },
      t('letter.heading', { reference: letter.reference }),
    ),
    h(
      'div',
      { class: 'ticket__facts' },
      h('h2', { class: 'visually-hidden' }, t('letter.facts')),
      h('dl', { class: 'facts' }, ...facts.map(([term, value]) => fact(term, value))),
    ),
    h(
      'section',
      { class: 'panel', attributes: { 'aria-labelledby': 'letter-print-heading' } },
      h('h2', { id: 'letter-print-heading' }, t('letter.print')),
      h(
        'ul',
        { class: 'plain-list' },
        pdf
          ? h(
              'li',
              {},
              h(
                'a',
                {
                  id: 'letter-download',
                  attributes: {
                    href: pdf,
                    download: `${letter.reference}-${letter.letterId}.pdf`,
                    rel: 'noopener noreferrer',
                  },
                },
                t('letter.download'),
              ),
            )
          : undefined,
        ...enclosures.map((link) =>
          h(
            'li',
            {},
            h(
              'a',
              {
                class: 'letter__enclosure',
                attributes: { href: link.href, download: link.filename, rel: 'noopener noreferrer' },
              },
              t('letter.enclosure', { name: link.filename }),
            ),
          ),
        ),
      ),
      h('p', { class: 'muted' }, t('letter.download.hint')),
    ),
    letter.dispatch ? undefined : dispatchSection(options),
  );
}

function dispatchSection(options: LetterViewOptions): HTMLElement {
  const { t } = options.context;
  const number = h('input', {
    class: 'input input--medium',
    attributes: { type: 'text', autocomplete: 'off', spellcheck: 'false' },
  });
  const date = h('input', {
    class: 'input input--medium',
    attributes: { type: 'date', max: todayInRiga() },
  });
  date.value = todayInRiga();
  const form = h(
    'form',
    { id: 'dispatch-form', class: 'stack', attributes: { novalidate: true } },
    field({
      id: 'dispatch-number',
      name: 'registeredMailNumber',
      label: t('letter.dispatch.number'),
      hint: t('letter.dispatch.number.hint'),
      control: number,
      t,
    }),
    field({
      id: 'dispatch-date',
      name: 'dispatchedOn',
      label: t('letter.dispatch.date'),
      required: true,
      control: date,
      t,
    }),
    h('div', { id: 'dispatch-alert', class: 'form-alert', attributes: { role: 'alert' } }),
    h(
      'button',
      { id: 'dispatch-submit', class: 'button', attributes: { type: 'submit' } },
      t('letter.dispatch.submit'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    options.onDispatch(form);
  });
  return h(
    'section',
    { class: 'panel', attributes: { 'aria-labelledby': 'dispatch-heading' } },
    h('h2', { id: 'dispatch-heading' }, t('letter.dispatch.heading')),
    h('p', {}, t('letter.dispatch.text')),
    form,
  );
}

function fact(term: string, value: Child): HTMLDivElement {
  return h('div', { class: 'facts__item' }, h('dt', {}, term), h('dd', {}, value));
}
