/**
 * A list of tickets: a worklist (queue, mine, due, overdue, review, callbacks), search results, or a client's
 * other tickets. A table on wide screens; below tablet width its rows are laid out as cards (CSS),
 * each cell keeping its column name, so nothing needs horizontal scrolling.
 */

import type { Language } from '../../../shared/domain/topics.ts';
import type { MeResponse, TicketSummary } from '../../../shared/http/staff-contract.ts';
import { h } from './dom.ts';
import { formatShortDate, machineDate } from './format.ts';
import type { Translate } from './notifications.ts';
import type { Route } from './routes.ts';

export interface ViewContext {
  readonly language: Language;
  readonly t: Translate;
  readonly me: MeResponse;
  unitName(id: string): string;
  href(route: Route): string;
}

/** Badges that say in words what colour also shows: overdue, due soon, for review, call back, to type in. */
export function badges(ticket: TicketSummary, t: Translate): HTMLElement[] {
  const list: HTMLElement[] = [];
  if (ticket.deadlineBadge) {
    list.push(
      h('span', { class: `badge badge--${ticket.deadlineBadge}` }, t(`badge.${ticket.deadlineBadge}`)),
    );
  }
  if (ticket.review) list.push(h('span', { class: 'badge badge--review' }, t('badge.review')));
  if (ticket.callbackPending) list.push(h('span', { class: 'badge badge--callback' }, t('badge.callback')));
  if (ticket.needsTranscription)
    list.push(h('span', { class: 'badge badge--transcription' }, t('badge.transcription')));
  return list;
}

export function timeElement(value: string, text: string): HTMLTimeElement {
  const datetime = machineDate(value);
  return h('time', datetime ? { attributes: { datetime } } : {}, text);
}

/** A row per ticket; the reference links to the ticket. */
export function ticketTable(
  items: readonly TicketSummary[],
  context: ViewContext,
  labelledBy: string,
): HTMLTableElement {
  const { t, language } = context;
  const columns = [
    'column.reference',
    'column.subject',
    'column.client',
    'column.unit',
    'column.received',
    'column.deadline',
    'column.status',
    'column.assignee',
  ] as const;
  return h(
    'table',
    { class: 'tickets', attributes: { 'aria-labelledby': labelledBy } },
    h('thead', {}, h('tr', {}, ...columns.map((key) => h('th', { attributes: { scope: 'col' } }, t(key))))),
    h('tbody', {}, ...items.map(ticketRow)),
  );

  function ticketRow(item: TicketSummary): HTMLTableRowElement {
    const cell = (key: (typeof columns)[number], ...children: (Node | string)[]) =>
      h('td', { dataset: { label: t(key) } }, ...children);
    return h(
      'tr',
      { class: item.deadlineBadge ? `tickets__row tickets__row--${item.deadlineBadge}` : 'tickets__row' },
      h(
        'th',
        { attributes: { scope: 'row' }, dataset: { label: t('column.reference') } },
        h(
          'a',
          {
            class: 'tickets__reference',
            attributes: { href: context.href({ kind: 'ticket', reference: item.reference }) },
          },
          item.reference,
        ),
      ),
      cell('column.subject', h('span', { class: 'tickets__subject' }, item.subject)),
      cell(
        'column.client',
        item.clientName,
        // A callback to make: the number, dialable from the list (§19.1).
        ...(item.callbackPhone
          ? [
              h('br'),
              h(
                'a',
                { attributes: { href: `tel:${item.callbackPhone}` }, class: 'tickets__phone' },
                item.callbackPhone,
              ),
            ]
          : []),
      ),
      cell('column.unit', context.unitName(item.competence)),
      cell('column.received', timeElement(item.receivedAt, formatShortDate(item.receivedAt, language))),
      cell(
        'column.deadline',
        timeElement(item.answerDeadline, formatShortDate(item.answerDeadline, language)),
        ...badges(item, t).flatMap((badge) => [' ', badge]),
      ),
      cell('column.status', t(`status.${item.status}`)),
      cell('column.assignee', item.assignee ?? h('span', { class: 'muted' }, t('list.unassigned'))),
    );
  }
}

export interface ListViewOptions {
  readonly heading: string;
  readonly intro?: string;
  readonly items: readonly TicketSummary[];
  readonly cursor: string | undefined;
  readonly emptyText: string;
  readonly context: ViewContext;
  /** Loads the next page; the view appends it. */
  readonly onMore: (
    cursor: string,
  ) => Promise<{ items: readonly TicketSummary[]; cursor?: string } | undefined>;
}

export function listView(options: ListViewOptions): HTMLElement {
  const { context, items } = options;
  const { t } = context;
  const count = h('p', { class: 'list__count' }, t('list.shown', { count: String(items.length) }));
  const section = h(
    'section',
    { class: 'list', attributes: { 'aria-labelledby': 'view-heading' } },
    h('h1', { id: 'view-heading', attributes: { tabindex: '-1' } }, options.heading),
    options.intro ? h('p', { class: 'list__intro' }, options.intro) : undefined,
  );
  if (items.length === 0 && options.cursor === undefined) {
    section.append(h('p', { class: 'list__empty' }, options.emptyText));
    return section;
  }
  const table = ticketTable(items, context, 'view-heading');
  const wrapper = h('div', { class: 'tickets-wrapper' }, table);
  // A first page can be empty while more follow (the server filters after reading a page).
  wrapper.hidden = items.length === 0;
  section.append(count, wrapper);
  section.append(
    moreButton({
      table,
      count,
      t,
      shown: items.length,
      cursor: options.cursor,
      onMore: options.onMore,
      rowsOf: (page) => Array.from(ticketTable(page, context, 'view-heading').tBodies[0]?.rows ?? []),
      onShown: (shown) => {
        wrapper.hidden = shown === 0;
      },
    }),
  );
  return section;
}

/**
 * The "load more" button under a paged table: appends the next page's rows, keeps the count, and
 * when the last page came, keeps the keyboard where the new rows begin (the button vanishes).
 */
export function moreButton<T>(options: {
  readonly table: HTMLTableElement;
  readonly count: HTMLElement;
  readonly t: Translate;
  readonly shown: number;
  readonly cursor: string | undefined;
  readonly onMore: (cursor: string) => Promise<{ items: readonly T[]; cursor?: string } | undefined>;
  readonly rowsOf: (items: readonly T[]) => HTMLTableRowElement[];
  readonly onShown?: (shown: number) => void;
}): HTMLButtonElement {
  const { table, count, t } = options;
  let shown = options.shown;
  let cursor = options.cursor;
  const more = h(
    'button',
    { id: 'list-more', class: 'button button--secondary', attributes: { type: 'button' } },
    t('list.more'),
  );
  more.hidden = cursor === undefined;
  more.addEventListener('click', () => {
    if (!cursor || more.getAttribute('aria-disabled') === 'true') return;
    more.setAttribute('aria-disabled', 'true');
    void options.onMore(cursor).then((page) => {
      more.removeAttribute('aria-disabled');
      if (!page) return;
      const added = options.rowsOf(page.items);
      table.tBodies[0]?.append(...added);
      shown += added.length;
      options.onShown?.(shown);
      count.textContent = t('list.shown', { count: String(shown) });
      cursor = page.cursor;
      more.hidden = cursor === undefined;
      if (more.hidden) (added[0]?.querySelector('a') ?? document.getElementById('view-heading'))?.focus();
    });
  });
  return more;
}
