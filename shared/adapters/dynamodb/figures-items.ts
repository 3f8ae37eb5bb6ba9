/**
 * How the figures writer keeps its items, as pure functions both its adapters use: a bucket is
 * `FIG#…` (layout.ts) with numeric attributes; a source item's bookkeeping is `SRC#<its pk>` /
 * `<its sk>` with the contributions applied, the last sequence number, a revision and, during a
 * change written in steps, the pending change.
 */
import type { Bucket, SourceBook, SourceKey } from '../../ports/figures.ts';
import type { Item } from './items.ts';

export const bookPrefix = 'SRC#';
export const bucketPrefix = 'FIG#';

/** The key of a source item's bookkeeping item. */
export const bookKey = (source: SourceKey) => ({ pk: `${bookPrefix}${source.pk}`, sk: source.sk });

/** A bookkeeping item as kept. */
export function bookItem(book: SourceBook): Item {
  return {
    ...bookKey(book.source),
    sequence: book.sequence,
    applied: book.applied,
    revision: book.revision,
    ...(book.pending ? { pending: book.pending } : {}),
  };
}

export function toBook(item: Item): SourceBook {
  const pending = item.pending as SourceBook['pending'] | undefined;
  return {
    source: { pk: String(item.pk).slice(bookPrefix.length), sk: String(item.sk) },
    sequence: String(item.sequence),
    applied: (item.applied ?? {}) as SourceBook['applied'],
    revision: Number(item.revision),
    ...(pending ? { pending: { ...pending, step: Number(pending.step) } } : {}),
  };
}

/** A bucket item's numeric attributes (its counters and histogram bins). */
export function toBucket(item: Item): Bucket {
  const values: Record<string, number> = {};
  for (const [name, value] of Object.entries(item))
    if (name !== 'pk' && name !== 'sk' && typeof value === 'number') values[name] = value;
  return { pk: String(item.pk), sk: String(item.sk), values };
}
