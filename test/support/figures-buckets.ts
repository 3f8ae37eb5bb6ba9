/** Hand-made buckets of the `figures` table, as the writer keeps them (`domain/figures/layout.ts`). */
import type { MemoryFiguresTable } from '../../shared/adapters/memory/figures-table.ts';
import { bucketPk, granularities } from '../../shared/domain/figures/layout.ts';
import { periodStart } from '../../shared/ports/figures-reader.ts';

/** One day's figures of one bucket sort key (`<competence>#<channel>`). */
export interface DayFigures {
  readonly day: string;
  readonly sk: string;
  readonly values: Readonly<Record<string, number>>;
}

export type BucketItem = Record<string, unknown> & { pk: string; sk: string };

/** Each day's figures added into the buckets of the four granularities, as the writer does. */
export function bucketsOf(days: readonly DayFigures[]): BucketItem[] {
  const items = new Map<string, BucketItem>();
  for (const { day, sk, values } of days) {
    for (const granularity of granularities) {
      const pk = bucketPk(granularity, periodStart(granularity, day));
      const item = items.get(`${pk} ${sk}`) ?? { pk, sk };
      for (const [name, value] of Object.entries(values))
        item[name] = ((item[name] as number | undefined) ?? 0) + value;
      items.set(`${pk} ${sk}`, item);
    }
  }
  return [...items.values()];
}

/** Adds the days' figures to the buckets of a memory table. */
export function addDays(table: MemoryFiguresTable, days: readonly DayFigures[]): void {
  for (const item of bucketsOf(days)) {
    const existing = table.get(item.pk, item.sk) ?? { pk: item.pk, sk: item.sk };
    const merged: BucketItem = { ...existing, pk: item.pk, sk: item.sk };
    for (const [name, value] of Object.entries(item))
      if (typeof value === 'number') merged[name] = ((merged[name] as number | undefined) ?? 0) + value;
    table.put(merged);
  }
}
