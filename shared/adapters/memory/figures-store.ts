/**
 * The `figures` table's writer in memory, on the MemoryFiguresTable the memory reader shares:
 * the same items as `../dynamodb/figures-store.ts` (bookkeeping by the same mapping), the same
 * conditions. The rebuild's source items come from `sources`, the tickets table's items as a test
 * holds them.
 */
import type {
  Bucket,
  FiguresRebuildStore,
  FiguresStore,
  SourceBook,
  SourceItem,
  SourceKey,
} from '../../ports/figures.ts';
import { bookItem, bookKey, toBook, toBucket } from '../dynamodb/figures-items.ts';
import { MemoryFiguresTable } from './figures-table.ts';

export class MemoryFiguresStore implements FiguresStore, FiguresRebuildStore {
  readonly #table: MemoryFiguresTable;
  readonly #sources: () => Iterable<SourceItem>;
  /** Writes made; a test may make the next ones fail (`failNextWrites`). */
  writes = 0;
  failNextWrites = 0;

  constructor(table: MemoryFiguresTable, sources: () => Iterable<SourceItem> = () => []) {
    this.#table = table;
    this.#sources = sources;
  }

  async book(source: SourceKey): Promise<SourceBook | undefined> {
    const { pk, sk } = bookKey(source);
    const item = this.#table.get(pk, sk);
    return item ? toBook(structuredClone(item)) : undefined;
  }

  async write(change: Parameters<FiguresStore['write']>[0]): Promise<'written' | 'conflict'> {
    if (this.failNextWrites > 0) {
      this.failNextWrites -= 1;
      throw new Error('Simulated failure of a figures write');
    }
    const { pk, sk } = bookKey(change.book.source);
    const current = this.#table.get(pk, sk);
    if (change.expectedRevision === undefined ? current : current?.revision !== change.expectedRevision)
      return 'conflict';
    this.#table.put(structuredClone(bookItem(change.book)) as { pk: string; sk: string });
    for (const add of change.adds) {
      const bucket = { ...(this.#table.get(add.pk, add.sk) ?? { pk: add.pk, sk: add.sk }) };
      for (const [attribute, n] of Object.entries(add.add))
        bucket[attribute] = (typeof bucket[attribute] === 'number' ? (bucket[attribute] as number) : 0) + n;
      this.#table.put(bucket as { pk: string; sk: string });
    }
    this.writes += 1;
    return 'written';
  }

  async *sources(): AsyncIterable<SourceItem> {
    yield* this.#sources();
  }

  async buckets(): Promise<Bucket[]> {
    return [...this.#table.items.values()].filter((item) => String(item.pk).startsWith('FIG#')).map(toBucket);
  }

  async books(): Promise<SourceBook[]> {
    return [...this.#table.items.values()]
      .filter((item) => String(item.pk).startsWith('SRC#'))
      .map((item) => toBook(structuredClone(item)));
  }

  async replaceBuckets(put: readonly Bucket[], remove: readonly Pick<Bucket, 'pk' | 'sk'>[]): Promise<void> {
    for (const bucket of put) this.#table.put({ pk: bucket.pk, sk: bucket.sk, ...bucket.values });
    for (const key of remove) this.#table.items.delete(MemoryFiguresTable.key(key.pk, key.sk));
  }

  async replaceBooks(put: readonly SourceBook[], remove: readonly SourceKey[]): Promise<void> {
    for (const book of put) this.#table.put(structuredClone(bookItem(book)) as { pk: string; sk: string });
    for (const source of remove) {
      const { pk, sk } = bookKey(source);
      this.#table.items.delete(MemoryFiguresTable.key(pk, sk));
    }
  }
}
