/**
 * The `figures` table in memory, for unit tests: items by `pk` and `sk`, as the DynamoDB table
 * keeps them. The memory writer and reader of the figures share one.
 */
export class MemoryFiguresTable {
  readonly items = new Map<string, Record<string, unknown>>();

  static key(pk: string, sk: string): string {
    return `${pk}\u0000${sk}`;
  }

  get(pk: string, sk: string): Record<string, unknown> | undefined {
    return this.items.get(MemoryFiguresTable.key(pk, sk));
  }

  put(item: Record<string, unknown> & { pk: string; sk: string }): void {
    this.items.set(MemoryFiguresTable.key(item.pk, item.sk), item);
  }

  /** The items of a partition, by sort key. */
  partition(pk: string): Record<string, unknown>[] {
    return [...this.items.values()]
      .filter((item) => item.pk === pk)
      .sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
  }
}
