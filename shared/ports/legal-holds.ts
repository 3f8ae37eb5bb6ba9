/** Legal holds on tickets (role `dpo`): while one is on, retention and erasure stop for the ticket. */
import type { LegalHold } from './data-subjects.ts';

export interface LegalHolds {
  /** Puts the ticket under hold; `missing` when there is no such ticket, `held` with the hold in force when it was under one already. */
  setHold(reference: string, hold: LegalHold): Promise<'set' | 'missing' | { readonly held: LegalHold }>;
  /** Lifts the hold; the hold lifted, `none` when there was none, `missing` when there is no such ticket. */
  liftHold(reference: string): Promise<LegalHold | 'none' | 'missing'>;
}
