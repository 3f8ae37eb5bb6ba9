/** The acknowledgement budget in memory, for unit tests; `failing` makes every claim throw. */
import type { AcknowledgementBudget } from '../../ports/acknowledgement-budget.ts';

export class MemoryAcknowledgementBudget implements AcknowledgementBudget {
  readonly counts = new Map<string, number>();
  /** The claim ids counted (the `ACKCLAIM#` items). */
  readonly claimed = new Set<string>();
  failing: Error | undefined;

  async claim(hour: string, budget: number, claimId: string): Promise<boolean> {
    if (this.failing) throw this.failing;
    if (budget < 1) return false;
    if (this.claimed.has(claimId)) return true;
    const count = this.counts.get(hour) ?? 0;
    if (count >= budget) return false;
    this.counts.set(hour, count + 1);
    this.claimed.add(claimId);
    return true;
  }
}
