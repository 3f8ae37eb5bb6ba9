/**
 * What a construct made from inventory entries, found by the entry's id (or name), in inventory
 * order. Looking up an id that was never made throws, naming the construct and what was asked
 * for: a typo in the stack's wiring fails at synthesis, not at deploy time.
 */
export class ById<Id extends string, Entry> {
  private readonly entries = new Map<Id, Entry>();

  /**
   * @param owner the construct, for the error, e.g. `Data`
   * @param kind what it makes, for the error, e.g. `table`
   */
  constructor(
    private readonly owner: string,
    private readonly kind: string,
  ) {}

  public set(id: Id, entry: Entry): void {
    this.entries.set(id, entry);
  }

  /** The entry made for `id`; throws if there is none. */
  public get(id: Id): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`${this.owner}: no ${this.kind} '${id}' was created`);
    return entry;
  }

  /** Every entry, in the order they were made. */
  public get all(): readonly Entry[] {
    return [...this.entries.values()];
  }
}
