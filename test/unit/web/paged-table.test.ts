/**
 * The paging behind the admin page's lists: one page loaded at a time, the count and the cursor
 * kept, a failed page appending nothing and said in the alert, a page that came announced with
 * how many rows it brought.
 */
import { describe, expect, it } from 'vitest';
import type { Failure, Result } from '../../../web/src/admin/api.ts';
import { nextPage, type Page, pager } from '../../../web/src/admin/paged-table.ts';
import { type TextKey, text } from '../../../web/src/admin/texts.ts';

const t = (key: TextKey, values?: Readonly<Record<string, string>>) => text('en', key, values);

describe('pager', () => {
  it('counts the first page and knows whether more follow', () => {
    expect(pager({ items: [1, 2], cursor: 'c1' }, async () => undefined)).toMatchObject({
      shown: 2,
      hasMore: true,
      loading: false,
    });
    expect(pager({ items: [1, 2] }, async () => undefined).hasMore).toBe(false);
  });

  it('loads the pages in turn with their cursors until the last', async () => {
    // Prepare
    const asked: string[] = [];
    const pages: Record<string, Page<number>> = {
      c1: { items: [3, 4], cursor: 'c2' },
      c2: { items: [5] },
    };
    const paging = pager({ items: [1, 2], cursor: 'c1' }, async (cursor) => {
      asked.push(cursor);
      return pages[cursor];
    });

    // Act
    const second = await paging.more();
    const third = await paging.more();
    const after = await paging.more();

    // Assess
    expect(second).toEqual([3, 4]);
    expect(third).toEqual([5]);
    expect(after).toBeUndefined();
    expect(asked).toEqual(['c1', 'c2']);
    expect(paging.shown).toBe(5);
    expect(paging.hasMore).toBe(false);
  });

  it('loads one page at a time: a second click while loading asks for nothing', async () => {
    let release: (page: Page<number>) => void = () => undefined;
    let asked = 0;
    const paging = pager({ items: [1], cursor: 'c1' }, (cursor) => {
      asked += 1;
      expect(cursor).toBe('c1');
      return new Promise((resolve) => {
        release = resolve;
      });
    });

    const first = paging.more();
    expect(paging.loading).toBe(true);
    expect(await paging.more()).toBeUndefined();
    release({ items: [2] });

    expect(await first).toEqual([2]);
    expect(asked).toBe(1);
    expect(paging.loading).toBe(false);
  });

  it('keeps its place when a page fails: the same cursor is asked again', async () => {
    const asked: string[] = [];
    let fail = true;
    const paging = pager({ items: [1], cursor: 'c1' }, async (cursor) => {
      asked.push(cursor);
      if (fail) return undefined;
      return { items: [2] };
    });

    expect(await paging.more()).toBeUndefined();
    fail = false;
    expect(await paging.more()).toEqual([2]);
    expect(asked).toEqual(['c1', 'c1']);
    expect(paging.shown).toBe(2);
  });
});

describe('nextPage', () => {
  function notifier() {
    const said = { toasts: [] as string[], failures: [] as Failure[] };
    return {
      said,
      notify: {
        t,
        toast: (message: string) => said.toasts.push(message),
        failure: (failure: Failure) => said.failures.push(failure),
      },
    };
  }

  it('announces how many rows a page brought', async () => {
    const { said, notify } = notifier();
    const fetched: Result<Page<string>> = { ok: true, value: { items: ['a', 'b', 'c'], cursor: 'next' } };

    const page = await nextPage(notify, Promise.resolve(fetched));

    expect(page).toEqual({ items: ['a', 'b', 'c'], cursor: 'next' });
    expect(said.toasts).toEqual([t('list.loaded', { count: '3' })]);
  });

  it('says a failed page in the alert and appends nothing', async () => {
    const { said, notify } = notifier();
    const fetched: Result<Page<string>> = { ok: false, kind: 'network' };

    const page = await nextPage(notify, Promise.resolve(fetched));

    expect(page).toBeUndefined();
    expect(said.failures).toEqual([{ ok: false, kind: 'network' }]);
    expect(said.toasts).toEqual([]);
  });
});
