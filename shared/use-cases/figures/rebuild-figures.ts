/**
 * The figures recounted from the tickets table: every source item's contributions summed into
 * buckets, compared with the buckets kept incrementally, and (when asked) written over them with
 * the bookkeeping, so that the stream consumer carries on from the recount. Meant to be run with
 * the stream consumer paused or idle: a record applied while the rebuild writes may be counted
 * twice or not at all until the next rebuild.
 *
 * An item removed from the tickets table (TTL, erasure) keeps its figures, as the stream consumer
 * keeps them: a bookkeeping item whose source is gone is kept, and its contributions are counted
 * in the recount as it recorded them.
 */
import {
  type ContributionMap,
  contributions,
  parseContributionKey,
  toContributionMap,
} from '../../domain/figures/contributions.ts';
import type { WorkingDayCalendar } from '../../domain/working-days.ts';
import type { Bucket, FiguresRebuildStore, SourceBook, SourceItem, SourceKey } from '../../ports/figures.ts';

/** One attribute of one bucket that differs: as kept, and as recounted (0 when absent). */
export interface FigureDifference {
  readonly pk: string;
  readonly sk: string;
  readonly attribute: string;
  readonly kept: number;
  readonly recounted: number;
}

export interface RebuildResult {
  readonly sources: number;
  readonly buckets: number;
  readonly differences: readonly FigureDifference[];
  /** Bookkeeping items that differ from the recount (or are missing). */
  readonly booksDiffering: number;
  /** Whether the recount was written. */
  readonly written: boolean;
}

export interface Recount {
  readonly sources: number;
  /** Buckets by `<pk>|<sk>`, zeros left out. */
  readonly buckets: ReadonlyMap<string, Bucket>;
  /** Each source item's contributions, by `<pk>|<sk>` of the source. */
  readonly contributions: ReadonlyMap<
    string,
    { readonly source: SourceKey; readonly applied: ContributionMap }
  >;
}

const keyOf = (key: { readonly pk: string; readonly sk: string }) => `${key.pk}|${key.sk}`;

/** Sums the contributions of every source item into buckets. */
export async function recountFigures(
  sources: AsyncIterable<SourceItem>,
  calendar?: WorkingDayCalendar,
  books: readonly SourceBook[] = [],
): Promise<Recount> {
  const sums = new Map<string, { pk: string; sk: string; values: Record<string, number> }>();
  const add = (delta: { pk: string; sk: string; attribute: string; n: number }) => {
    const bucket = sums.get(keyOf(delta)) ?? { pk: delta.pk, sk: delta.sk, values: {} };
    bucket.values[delta.attribute] = (bucket.values[delta.attribute] ?? 0) + delta.n;
    sums.set(keyOf(delta), bucket);
  };
  const applied = new Map<string, { source: SourceKey; applied: ContributionMap }>();
  let count = 0;
  for await (const { source, image } of sources) {
    count += 1;
    const deltas = contributions(image, calendar);
    applied.set(keyOf(source), { source, applied: toContributionMap(deltas) });
    for (const delta of deltas) add(delta);
  }
  // Sources gone from the table (removed): their figures as their bookkeeping last recorded them.
  for (const book of books) {
    if (applied.has(keyOf(book.source))) continue;
    const kept = book.pending?.target ?? book.applied;
    applied.set(keyOf(book.source), { source: book.source, applied: kept });
    for (const [key, n] of Object.entries(kept)) add({ ...parseContributionKey(key), n });
  }
  const buckets = new Map<string, Bucket>();
  for (const [key, bucket] of sums) {
    const values = withoutZeros(bucket.values);
    if (Object.keys(values).length) buckets.set(key, { ...bucket, values });
  }
  return { sources: count, buckets, contributions: applied };
}

/**
 * Recounts the figures and compares them with the kept buckets; with `write`, replaces the
 * buckets and the bookkeeping that differ, so that both equal the recount.
 */
export async function rebuildFigures(
  deps: { readonly store: FiguresRebuildStore; readonly calendar?: WorkingDayCalendar },
  options: { readonly write: boolean },
): Promise<RebuildResult> {
  const keptBooks = await deps.store.books();
  const recount = await recountFigures(deps.store.sources(), deps.calendar, keptBooks);
  const kept = new Map((await deps.store.buckets()).map((bucket) => [keyOf(bucket), bucket]));
  const differences: FigureDifference[] = [];
  const changedBuckets = new Set<string>();
  for (const key of new Set([...kept.keys(), ...recount.buckets.keys()])) {
    const before = kept.get(key)?.values ?? {};
    const after = recount.buckets.get(key)?.values ?? {};
    const { pk, sk } = kept.get(key) ?? (recount.buckets.get(key) as Bucket);
    for (const attribute of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if ((before[attribute] ?? 0) === (after[attribute] ?? 0)) continue;
      differences.push({ pk, sk, attribute, kept: before[attribute] ?? 0, recounted: after[attribute] ?? 0 });
      changedBuckets.add(key);
    }
    // A bucket of zeros only (every count taken back again) equals none; a rewrite tidies it.
    if (kept.has(key) && !recount.buckets.has(key)) changedBuckets.add(key);
  }
  differences.sort((a, b) => compare(a.pk, b.pk) || compare(a.sk, b.sk) || compare(a.attribute, b.attribute));

  const books = new Map(keptBooks.map((book) => [keyOf(book.source), book]));
  const putBooks: SourceBook[] = [];
  for (const [key, { source, applied }] of recount.contributions) {
    const book = books.get(key);
    if (book && !book.pending && sameContributions(book.applied, applied)) continue;
    putBooks.push({
      source,
      // The stream carries on from where it was: records up to this one are in the recount.
      sequence: book?.sequence ?? '0',
      applied,
      revision: (book?.revision ?? 0) + 1,
    });
  }
  const removeBooks = [...books.entries()]
    .filter(([key]) => !recount.contributions.has(key))
    .map(([, book]) => book.source);

  if (options.write) {
    const put = [...changedBuckets].flatMap((key) => recount.buckets.get(key) ?? []);
    const remove = [...changedBuckets]
      .filter((key) => !recount.buckets.has(key))
      .map((key) => {
        const { pk, sk } = kept.get(key) as Bucket;
        return { pk, sk };
      });
    await deps.store.replaceBuckets(put, remove);
    await deps.store.replaceBooks(putBooks, removeBooks);
  }
  return {
    sources: recount.sources,
    buckets: recount.buckets.size,
    differences,
    booksDiffering: putBooks.length + removeBooks.length,
    written: options.write,
  };
}

function withoutZeros(values: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).filter(([, n]) => n !== 0));
}

function sameContributions(a: ContributionMap, b: ContributionMap): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
