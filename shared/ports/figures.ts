/**
 * The writer of the `figures` table (aggregate-figures and the rebuild): the buckets of
 * `domain/figures/layout.ts`, and per source item of the tickets table a bookkeeping item that
 * says what that item has added to them so far. Only the writer's use cases touch it.
 */
import type { ContributionMap, ItemImage } from '../domain/figures/contributions.ts';

/** The key of an item of the tickets table. */
export interface SourceKey {
  readonly pk: string;
  readonly sk: string;
}

/**
 * What the consumer has applied of one source item: its contributions, and the stream sequence
 * number of the record they came from (a decimal string; older or repeated records are skipped).
 * `revision` goes up by one with every write, which is conditional on the one read.
 */
export interface SourceBook {
  readonly source: SourceKey;
  readonly sequence: string;
  readonly applied: ContributionMap;
  readonly revision: number;
  /**
   * A change too large for one transaction, under way: its record's sequence number, the
   * contributions it leads to, and how many of its steps (bucket writes, in a fixed order) are done.
   */
  readonly pending?: { readonly sequence: string; readonly target: ContributionMap; readonly step: number };
}

/** Amounts to add to the attributes of one bucket. */
export interface BucketAdd {
  readonly pk: string;
  readonly sk: string;
  readonly add: Readonly<Record<string, number>>;
}

/** A bucket as kept: its key and its numeric attributes (counters and histogram bins). */
export interface Bucket {
  readonly pk: string;
  readonly sk: string;
  readonly values: Readonly<Record<string, number>>;
}

/** At most this many buckets are added to in one write, beside the bookkeeping item. */
export const maxBucketsPerWrite = 99;

export interface FiguresStore {
  /** The bookkeeping of a source item (strongly consistent), or undefined before its first record. */
  book(source: SourceKey): Promise<SourceBook | undefined>;
  /**
   * Writes `book` and adds `adds` to their buckets in one transaction, conditional on the
   * bookkeeping item still being at `expectedRevision` (absent for `undefined`); `conflict` when
   * it is not (someone else wrote it), and then nothing is written.
   */
  write(write: {
    readonly book: SourceBook;
    readonly expectedRevision: number | undefined;
    readonly adds: readonly BucketAdd[];
  }): Promise<'written' | 'conflict'>;
}

/** A source item as the tickets table holds it now. */
export interface SourceItem {
  readonly source: SourceKey;
  readonly image: ItemImage;
}

/** What the rebuild reads and replaces. */
export interface FiguresRebuildStore {
  /** Every figure source item of the tickets table (tickets, take records, surveys, invitations). */
  sources(): AsyncIterable<SourceItem>;
  /** Every bucket of the figures table. */
  buckets(): Promise<Bucket[]>;
  /** Every bookkeeping item of the figures table. */
  books(): Promise<SourceBook[]>;
  /** Puts these buckets (replacing each whole) and deletes the buckets named in `remove`. */
  replaceBuckets(put: readonly Bucket[], remove: readonly Pick<Bucket, 'pk' | 'sk'>[]): Promise<void>;
  /** Puts these bookkeeping items (unconditionally) and deletes those of `remove`. */
  replaceBooks(put: readonly SourceBook[], remove: readonly SourceKey[]): Promise<void>;
}
