/**
 * The lists of the admin page (tickets, quarantined mail, registrations of post, letters, audit
 * records) as one kind of table: a column per field, the first cell of a row its header, each
 * cell carrying its column's name so that below tablet width the rows read as cards (CSS). A
 * paged list adds the count shown and a "load more" button that appends the next page.
 */
import type { Failure, Result } from './api.ts';
import { type Child, h } from './dom.ts';
import type { Translate } from './notifications.ts';
import type { TextKey } from './texts.ts';

export interface Column<T> {
  readonly label: TextKey;
  readonly cell: (item: T) => Child | readonly Child[];
}

export interface TableOptions<T> {
  /** The table's classes besides `tickets`. */
  readonly class?: string;
  /** The id of the heading that names the table. */
  readonly labelledBy: string;
  /** The first column's cell is the row's header. */
  readonly columns: readonly Column<T>[];
  /** A row's class and data attributes (default: `tickets__row`). */
  readonly row?: (item: T) => {
    readonly class?: string;
    readonly dataset?: Readonly<Record<string, string>>;
  };
  readonly t: Translate;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor?: string | undefined;
}

export function dataTable<T>(options: TableOptions<T>, items: readonly T[]): HTMLTableElement {
  const { t } = options;
  return h(
    'table',
    {
      class: options.class ? `tickets ${options.class}` : 'tickets',
      attributes: { 'aria-labelledby': options.labelledBy },
    },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...options.columns.map((column) => h('th', { attributes: { scope: 'col' } }, t(column.label))),
      ),
    ),
    h('tbody', {}, ...tableRows(options, items)),
  );
}

export function tableRows<T>(options: TableOptions<T>, items: readonly T[]): HTMLTableRowElement[] {
  const { t } = options;
  return items.map((item) => {
    const row = options.row?.(item) ?? {};
    return h(
      'tr',
      { class: row.class ?? 'tickets__row', ...(row.dataset ? { dataset: row.dataset } : {}) },
      ...options.columns.map((column, index) => {
        const value = column.cell(item);
        const children: readonly Child[] = Array.isArray(value) ? value : [value as Child];
        const dataset = { label: t(column.label) };
        return index === 0
          ? h('th', { attributes: { scope: 'row' }, dataset }, ...children)
          : h('td', { dataset }, ...children);
      }),
    );
  });
}

/**
 * A paged list: the count shown, the table, and the "load more" button — or, when there is
 * nothing at all, `empty` in words. A first page can be empty while more follow (the server
 * filters after reading a page): the table then waits, hidden, for rows.
 */
export function pagedTable<T>(
  table: TableOptions<T>,
  first: Page<T>,
  options: {
    readonly empty: string;
    readonly onMore: (cursor: string) => Promise<Page<T> | undefined>;
  },
): HTMLElement[] {
  const { t } = table;
  if (first.items.length === 0 && first.cursor === undefined)
    return [h('p', { class: 'list__empty' }, options.empty)];
  const paging = pager(first, options.onMore);
  const count = h('p', { class: 'list__count' }, t('list.shown', { count: String(paging.shown) }));
  const element = dataTable(table, first.items);
  const wrapper = h('div', { class: 'tickets-wrapper' }, element);
  wrapper.hidden = paging.shown === 0;
  const more = h(
    'button',
    { id: 'list-more', class: 'button button--secondary', attributes: { type: 'button' } },
    t('list.more'),
  );
  more.hidden = !paging.hasMore;
  more.addEventListener('click', () => {
    if (!paging.hasMore || paging.loading) return;
    more.setAttribute('aria-disabled', 'true');
    void paging.more().then((items) => {
      more.removeAttribute('aria-disabled');
      if (!items) return;
      const added = tableRows(table, items);
      element.tBodies[0]?.append(...added);
      wrapper.hidden = paging.shown === 0;
      count.textContent = t('list.shown', { count: String(paging.shown) });
      more.hidden = !paging.hasMore;
      // The button vanished with the last page: the keyboard goes where the new rows begin.
      if (more.hidden) (added[0]?.querySelector('a') ?? document.getElementById('view-heading'))?.focus();
    });
  });
  return [count, wrapper, more];
}

export interface Pager<T> {
  /** How many items are shown so far. */
  readonly shown: number;
  readonly hasMore: boolean;
  /** Whether a page is being loaded: one at a time. */
  readonly loading: boolean;
  /** Loads the next page: its items, or undefined when there is none or it failed. */
  more(): Promise<readonly T[] | undefined>;
}

/** The paging of a list that showed `first`: one load at a time, the cursor kept. */
export function pager<T>(first: Page<T>, onMore: (cursor: string) => Promise<Page<T> | undefined>): Pager<T> {
  let shown = first.items.length;
  let cursor = first.cursor;
  let loading = false;
  return {
    get shown() {
      return shown;
    },
    get hasMore() {
      return cursor !== undefined;
    },
    get loading() {
      return loading;
    },
    async more() {
      if (cursor === undefined || loading) return undefined;
      loading = true;
      const page = await onMore(cursor).finally(() => {
        loading = false;
      });
      if (!page) return undefined;
      shown += page.items.length;
      cursor = page.cursor;
      return page.items;
    },
  };
}

/**
 * The next page of a list as `pagedTable` appends it: a failure is said in the page's alert (and
 * nothing is appended), a page that came is announced with how many rows it brought.
 */
export async function nextPage<T>(
  notify: { readonly t: Translate; toast(message: string): void; failure(failure: Failure): void },
  fetched: Promise<Result<Page<T>>>,
): Promise<Page<T> | undefined> {
  const page = await fetched;
  if (!page.ok) {
    notify.failure(page);
    return undefined;
  }
  notify.toast(notify.t('list.loaded', { count: String(page.value.items.length) }));
  return page.value;
}
