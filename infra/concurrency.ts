/**
 * Reserved concurrency: how many instances of a function may run at once, and are kept for it.
 * The public functions get one, so a flood of public requests, or public functions slowed down
 * by it, cannot take the whole account's concurrency from staff-api, the queue consumers and the
 * scheduled functions: those draw from the unreserved rest, which the reservations leave.
 *
 * Lambda keeps at least 100 of the account's concurrency unreserved and refuses a deployment that
 * would reserve more; the sum is checked here against `courtdesk:accountConcurrency` (the
 * account's quota, 1,000 by default in a region) so that a synthesis, not a deployment, fails.
 */

/** What Lambda keeps unreserved in every account and region, whatever is reserved. */
export const unreservedMinimum = 100;

/** Lambda's default concurrency quota of an account in a region (new accounts may have less). */
export const defaultAccountConcurrency = 1000;

/**
 * The public functions' reservations. Each is above what its throttles let through at normal
 * durations (the stage's 50 requests a second, burst 100, and the assistant's and survey's route
 * throttles, at 100–300 ms an invocation), so it binds only when a function slows down under a
 * flood: 70 in all, 930 left unreserved of the default 1,000.
 */
export const defaultReservedConcurrency: Readonly<Record<string, number>> = {
  'ingest-web': 30,
  'assistant-api': 20,
  'survey-api': 10,
  'list-topics': 10,
};

/**
 * The reservations by function name: the defaults with the context's overrides (an object by
 * function name, or its JSON on the command line; a value of 0 removes a default), checked: whole
 * numbers, inventory functions only, and the sum at most `accountConcurrency` − 100.
 */
export function parseReservedConcurrency(
  raw: unknown,
  functionNames: readonly string[],
  accountConcurrency: number = defaultAccountConcurrency,
): Record<string, number> {
  const overrides: unknown = raw === undefined || raw === null || raw === '' ? {} : raw;
  const value: unknown = typeof overrides === 'string' ? JSON.parse(overrides) : overrides;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('must be an object of function names and whole numbers');
  const merged: Record<string, number> = { ...defaultReservedConcurrency };
  for (const [name, count] of Object.entries(value as Record<string, unknown>)) {
    if (!functionNames.includes(name)) throw new Error(`${name} is not a function of the inventory`);
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 10_000)
      throw new Error(`${name} must be a whole number from 0 (none), not ${String(count)}`);
    merged[name] = count;
  }
  const reserved = Object.fromEntries(Object.entries(merged).filter(([, count]) => count > 0));
  const total = Object.values(reserved).reduce((sum, count) => sum + count, 0);
  if (total > accountConcurrency - unreservedMinimum)
    throw new Error(
      `reserves ${total} in all, but Lambda keeps ${unreservedMinimum} of the account's ${accountConcurrency} unreserved: at most ${accountConcurrency - unreservedMinimum}`,
    );
  return reserved;
}
