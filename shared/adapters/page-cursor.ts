/**
 * The refusal of a page cursor that a store did not hand out (a forged one, or one of another
 * list): a `Refused('InvalidCursor', 400)`, which the staff API answers like any refusal.
 */
import { InvalidCursor as CodecInvalidCursor } from '../domain/page-cursor.ts';
import { Refused } from '../domain/refused.ts';

export const invalidCursor = (): Refused => new Refused('InvalidCursor', 400);

/**
 * The same refusal under the name callers test with `instanceof`: true of every `InvalidCursor`
 * refusal and of the cursor codec's own error (which the audit desk lets through).
 */
export class InvalidCursor extends Refused {
  constructor() {
    super('InvalidCursor', 400);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      (value instanceof Refused && value.code === 'InvalidCursor') || value instanceof CodecInvalidCursor
    );
  }
}
