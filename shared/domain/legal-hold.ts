/**
 * A legal hold on a ticket (`legalHold`: reason, who, when), set and lifted by the data protection
 * officer: while it stands, neither retention nor erasure touches the ticket or its files.
 */

/** The `at` of the legal hold the ticket is under (it names the hold), or `undefined` when none. */
export function legalHoldAt(ticket: object): string | undefined {
  const hold = (ticket as { legalHold?: { at?: unknown } }).legalHold;
  return typeof hold?.at === 'string' ? hold.at : undefined;
}
