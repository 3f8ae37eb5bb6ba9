/** Legal holds on tickets (role `dpo`): while one is on, retention and erasure stop for the ticket. */
import type { LegalHold } from './data-subjects.ts';

/** What setting a hold came to. */
export type SetHoldOutcome =
  | 'set'
  | 'missing'
  /** An erasure has claimed the ticket (it may have deleted files already): it is being erased. */
  | 'erasing'
  /** Erased before: nothing of the client is left to hold. */
  | 'erased'
  /** Under a hold already: the one in force. */
  | { readonly held: LegalHold };

/**
 * A hold also protects each of the ticket's objects in the mail bucket by its key (raw mail,
 * quarantine copies, letters, files): the retention sweeper, which lists objects by age only, asks
 * per key (`RetentionGuards.heldObject`), whatever else still maps the object to its ticket.
 */
export interface LegalHolds {
  /** Puts the ticket under hold, unless an erasure has claimed it or it was erased. */
  setHold(reference: string, hold: LegalHold): Promise<SetHoldOutcome>;
  /** Lifts the hold; the hold lifted, `none` when there was none, `missing` when there is no such ticket. */
  liftHold(reference: string): Promise<LegalHold | 'none' | 'missing'>;
}
