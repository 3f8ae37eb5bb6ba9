/** The figures' reader over the in-memory `figures` table (`MemoryFiguresTable`), for unit tests. */
import { bucketPk, type CounterName } from '../../domain/figures/layout.ts';
import {
  type DaySpan,
  type FiguresFilter,
  type FiguresReader,
  type SpanFigures,
  sumSpans,
  wantedSk,
} from '../../ports/figures-reader.ts';
import type { MemoryFiguresTable } from './figures-table.ts';

export class MemoryFiguresReader implements FiguresReader {
  readonly #table: MemoryFiguresTable;
  /** Bucket partitions read, for tests of how few a span takes. */
  partitionsRead = 0;

  constructor(table: MemoryFiguresTable) {
    this.#table = table;
  }

  async sums(
    spans: readonly DaySpan[],
    filter: FiguresFilter,
    only?: readonly CounterName[],
  ): Promise<SpanFigures[]> {
    const projected = (item: Record<string, unknown>) =>
      only ? Object.fromEntries(['pk', 'sk', ...only].map((name) => [name, item[name]])) : item;
    return sumSpans(spans, (period) => {
      this.partitionsRead += 1;
      return this.#table
        .partition(bucketPk(period.granularity, period.start))
        .filter((item) => wantedSk(String(item.sk), filter))
        .map(projected);
    });
  }
}
