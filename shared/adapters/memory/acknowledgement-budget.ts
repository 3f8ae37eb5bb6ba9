/** The acknowledgement budget in memory, for unit tests; `failing` makes every claim throw. */
import type { AcknowledgementBudget } from '../../ports/acknowledgement-budget.ts';

export class MemoryAcknowledgementBudget implements AcknowledgementBudget {
  readonly counts = new Map<string, number>();
  failing: Error | undefined;

  async claim(hour: string, budget: number): Promise<boolean> {
    if (this.failing) throw this.failing;
    const count = this.counts.get(hour) ?? 0;
    if (count >= budget) return false;
    this.counts.set(hour, count + 1);
    return true;
  }
}
