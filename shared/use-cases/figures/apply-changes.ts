/**
 * The figures kept up to date from the tickets table's stream (§26, §27): each change of a source
 * item (ticket, take record, survey response, survey invitation) adds to the buckets the
 * difference between what the item contributes now and what it had contributed, as its
 * bookkeeping item records; both are written in one transaction, conditional on the bookkeeping
 * read. A record whose sequence number is not newer than the last applied one changes nothing, so
 * that a redelivered batch, a duplicate or an older record arriving late are harmless.
 *
 * A change touching more buckets than one transaction holds is written in steps: first the target
 * is recorded as pending, then each step adds one slice of the difference and advances the
 * pending step in the same transaction, and the last write makes the target the applied state.
 * The slices come from the applied and target contributions, both kept, so a step retried after a
 * failure adds the same slice and a started change is finished before any other is applied.
 *
 * A removed item (a REMOVE record: a TTL expiry, an erasure) keeps the figures it contributed —
 * what happened stays counted — and only its bookkeeping's sequence number moves on; the rebuild
 * keeps the bookkeeping of a source that is gone, and its contributions, the same way.
 */
import {
  type ContributionMap,
  contributionDifference,
  contributions,
  type ItemImage,
  parseContributionKey,
  toContributionMap,
} from '../../domain/figures/contributions.ts';
import type { WorkingDayCalendar } from '../../domain/working-days.ts';
import {
  type BucketAdd,
  type FiguresStore,
  maxBucketsPerWrite,
  type SourceBook,
  type SourceKey,
} from '../../ports/figures.ts';

/** One record of the stream, reduced to what counts. */
export interface SourceChange {
  readonly source: SourceKey;
  /** The item after the change; undefined when it was removed (its figures stay). */
  readonly image: ItemImage | undefined;
  /** The record's sequence number (a decimal string, increasing per item). */
  readonly sequence: string;
}

export interface ApplyChangesDeps {
  readonly figures: FiguresStore;
  readonly calendar?: WorkingDayCalendar;
  /** Buckets per transaction (tests make it small to exercise the steps). */
  readonly bucketsPerWrite?: number;
}

/** The bookkeeping item moved on meanwhile: the record is to be retried. */
export class FiguresWriteConflict extends Error {
  constructor() {
    super('The figures bookkeeping of a source item changed meanwhile');
    this.name = 'FiguresWriteConflict';
  }
}

export interface ApplyChangesResult {
  readonly applied: number;
  readonly skipped: number;
  /** The first change that failed (the ones after it were not tried), and why. */
  readonly failed?: { readonly index: number; readonly error: unknown };
}

/** Applies `changes` in order, stopping at the first that fails. */
export async function applyChanges(
  deps: ApplyChangesDeps,
  changes: readonly SourceChange[],
): Promise<ApplyChangesResult> {
  let applied = 0;
  let skipped = 0;
  for (const [index, change] of changes.entries()) {
    try {
      if ((await applyChange(deps, change)) === 'applied') applied += 1;
      else skipped += 1;
    } catch (error) {
      return { applied, skipped, failed: { index, error } };
    }
  }
  return { applied, skipped };
}

/** Applies one change; `skipped` when its record is not newer than the last applied. */
export async function applyChange(
  deps: ApplyChangesDeps,
  change: SourceChange,
): Promise<'applied' | 'skipped'> {
  let book = await deps.figures.book(change.source);
  const resumed = book?.pending?.sequence === change.sequence;
  if (book?.pending) book = await finishPending(deps, book);
  if (book && !isNewer(change.sequence, book.sequence)) return resumed ? 'applied' : 'skipped';
  // Removed: what it contributed stays; the record is only marked as applied.
  const target =
    change.image === undefined
      ? (book?.applied ?? {})
      : toContributionMap(contributions(change.image, deps.calendar));
  const adds = bucketAdds(book?.applied ?? {}, target);
  const revision = (book?.revision ?? 0) + 1;
  if (adds.length <= bucketsPerWrite(deps)) {
    await write(deps, {
      book: { source: change.source, sequence: change.sequence, applied: target, revision },
      expectedRevision: book?.revision,
      adds,
    });
    return 'applied';
  }
  const started: SourceBook = {
    source: change.source,
    sequence: book?.sequence ?? '0',
    applied: book?.applied ?? {},
    revision,
    pending: { sequence: change.sequence, target, step: 0 },
  };
  await write(deps, { book: started, expectedRevision: book?.revision, adds: [] });
  await finishPending(deps, started);
  return 'applied';
}

/** Writes the remaining steps of a pending change, then makes its target the applied state. */
async function finishPending(deps: ApplyChangesDeps, book: SourceBook): Promise<SourceBook> {
  const pending = book.pending;
  if (!pending) return book;
  const slices = chunks(bucketAdds(book.applied, pending.target), bucketsPerWrite(deps));
  let current = book;
  for (let step = pending.step; step < slices.length; step += 1) {
    const next: SourceBook = {
      ...current,
      revision: current.revision + 1,
      pending: { ...pending, step: step + 1 },
    };
    await write(deps, { book: next, expectedRevision: current.revision, adds: slices[step] ?? [] });
    current = next;
  }
  const done: SourceBook = {
    source: book.source,
    sequence: pending.sequence,
    applied: pending.target,
    revision: current.revision + 1,
  };
  await write(deps, { book: done, expectedRevision: current.revision, adds: [] });
  return done;
}

async function write(deps: ApplyChangesDeps, change: Parameters<FiguresStore['write']>[0]): Promise<void> {
  if ((await deps.figures.write(change)) === 'conflict') throw new FiguresWriteConflict();
}

const bucketsPerWrite = (deps: ApplyChangesDeps) =>
  Math.max(1, Math.min(maxBucketsPerWrite, deps.bucketsPerWrite ?? maxBucketsPerWrite));

/** Whether stream sequence number `a` comes after `b` (decimal strings of up to 40 digits). */
export function isNewer(a: string, b: string): boolean {
  return BigInt(a) > BigInt(b);
}

/** The difference `after − before` as additions per bucket, in bucket order. */
export function bucketAdds(before: ContributionMap, after: ContributionMap): BucketAdd[] {
  const byBucket = new Map<string, { pk: string; sk: string; add: Record<string, number> }>();
  for (const [key, n] of Object.entries(contributionDifference(before, after))) {
    const { pk, sk, attribute } = parseContributionKey(key);
    const bucketKey = `${pk}|${sk}`;
    const bucket = byBucket.get(bucketKey) ?? { pk, sk, add: {} };
    bucket.add[attribute] = n;
    byBucket.set(bucketKey, bucket);
  }
  return [...byBucket.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, bucket]) => bucket);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
