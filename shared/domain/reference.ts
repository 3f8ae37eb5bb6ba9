/**
 * Ticket reference numbers such as `TA-2026-000123`: short enough to read over the phone,
 * numbered per year. Numbers are handed out from blocks that each process reserves with one
 * atomic counter update, so the counter item is written once per block, not once per ticket.
 */

export const referencePrefix = 'TA';
export const referencePattern = /^TA-(\d{4})-(\d{6,})$/;

export function formatReference(year: number, sequence: number): string {
  return `${referencePrefix}-${year}-${String(sequence).padStart(6, '0')}`;
}

export function isReference(value: string): boolean {
  return referencePattern.test(value);
}

/** Reserves `size` numbers of `year`'s sequence and returns the last one reserved. */
export type ReserveBlock = (year: number, size: number) => Promise<number>;

/**
 * Hands out reference numbers from reserved blocks. Unique across processes because every block
 * comes from an atomic increment; numbers left in a block when a process ends are skipped.
 */
export class ReferenceAllocator {
  readonly #reserve: ReserveBlock;
  readonly #blockSize: number;
  readonly #blocks = new Map<number, { next: number; last: number }>();
  readonly #pending = new Map<number, Promise<void>>();

  constructor(reserve: ReserveBlock, blockSize = 20) {
    this.#reserve = reserve;
    this.#blockSize = blockSize;
  }

  async next(year: number): Promise<string> {
    for (;;) {
      const block = this.#blocks.get(year);
      if (block && block.next <= block.last) {
        const sequence = block.next;
        block.next += 1;
        return formatReference(year, sequence);
      }
      // One reservation at a time per year; concurrent callers wait for it and then draw from it.
      let pending = this.#pending.get(year);
      if (!pending) {
        pending = this.#reserve(year, this.#blockSize)
          .then((last) => {
            this.#blocks.set(year, { next: last - this.#blockSize + 1, last });
          })
          .finally(() => this.#pending.delete(year));
        this.#pending.set(year, pending);
      }
      await pending;
    }
  }
}
