/**
 * Whether an error is worth retrying as it is: the service was busy or failed (throttling, a 5xx,
 * a timeout, the network), or the deployment is at fault (a grant or resource missing), which no
 * input causes and every input would meet. Anything else — a 4xx the service gave for what it was
 * sent, a programming error on a value (Node's `ERR_INVALID_CHAR` for a header is a TypeError) —
 * happens again on every retry: the caller should set the input aside with the reason instead.
 */
import { type ErrorCategory, loggedError } from './logged-error.ts';

const retryableCategories: ReadonlySet<ErrorCategory> = new Set([
  'throttled',
  'service-error',
  'timeout',
  'network',
  // A TransactionConflict or a refused condition of someone else's concurrent write.
  'conditional-check',
  'access-denied',
  'not-found',
]);

export function isRetryable(error: unknown): boolean {
  // The SDK's own verdict (it marks throttling and transient faults), when it gives one.
  if ((error as { $retryable?: unknown } | undefined)?.$retryable) return true;
  return retryableCategories.has(loggedError(error).errorCategory);
}
