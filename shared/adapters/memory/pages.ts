/**
 * Pages of an in-memory list, as the DynamoDB adapters page theirs: at most 100 items, a cursor
 * to the next page (the position, as digits), and any other cursor refused as `InvalidCursor`.
 */
import { InvalidCursor } from '../../domain/page-cursor.ts';

export function pageOf<T>(
  items: readonly T[],
  page: { readonly limit: number; readonly cursor?: string | undefined },
): { items: T[]; cursor?: string } {
  if (page.cursor !== undefined && !/^\d+$/.test(page.cursor)) throw new InvalidCursor();
  const limit = Math.max(1, Math.min(100, page.limit));
  const start = page.cursor ? Number(page.cursor) : 0;
  const selected = items.slice(start, start + limit);
  const next = start + selected.length;
  return next < items.length ? { items: selected, cursor: String(next) } : { items: selected };
}
