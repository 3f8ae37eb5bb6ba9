/**
 * An error as a log line may carry it. Powertools logs every enumerable attribute of an Error,
 * and SDK and library errors carry request data in them (a condition check's `Item`, a
 * transaction's `CancellationReasons`, a refused recipient), and their messages may quote a
 * value (an address SES refused, a key DynamoDB could not read). Masking the message misses
 * what no pattern foresaw, so none of its text is logged: only the error's name and code, the
 * HTTP status an AWS SDK call ended with, and a message chosen from a fixed list by those.
 */

/** What went wrong, as far as the name, code and status tell; each with the one message logged. */
export const errorCategories = {
  throttled: 'The service throttled the call',
  'access-denied': 'The call was not authorised',
  'conditional-check': 'A conditional write or transaction was refused',
  'not-found': 'The resource was not found',
  'invalid-request': 'The service refused the request',
  'service-error': 'The service failed to answer',
  timeout: 'The call timed out or was aborted',
  network: 'The connection failed',
  program: 'A programming error',
  other: 'An error of no known category',
  'not-an-error': 'A value that is not an Error was thrown',
} as const;

export type ErrorCategory = keyof typeof errorCategories;

/** The fields of a log line that describe an error; no free text of the error is among them. */
export interface LoggedError {
  /** The error's class or exception name, e.g. `ConditionalCheckFailedException`. */
  readonly errorName: string;
  /** A Node system error's code (`ECONNRESET`) or an SDK error's `Code`, when it has one. */
  readonly errorCode?: string;
  /** The HTTP status of the AWS call that failed (`$metadata.httpStatusCode` of SDK v3 errors). */
  readonly httpStatusCode?: number;
  readonly errorCategory: ErrorCategory;
  /** The category's fixed message. */
  readonly errorMessage: string;
}

/** An identifier as names and codes are written; anything else (free text put in `name`) is not one. */
const identifier = /^[A-Za-z_][\w.:-]{0,79}$/;

const identifierOf = (value: unknown): string | undefined =>
  typeof value === 'string' && identifier.test(value) ? value : undefined;

/** The error's name, code, HTTP status and category, and the category's fixed message. */
export function loggedError(error: unknown): LoggedError {
  if (!(error instanceof Error)) return described(typeof error, undefined, undefined, 'not-an-error');
  const fields = error as Error & {
    code?: unknown;
    Code?: unknown;
    $metadata?: { httpStatusCode?: unknown };
  };
  const name = identifierOf(error.name) ?? 'Error';
  const code = identifierOf(fields.code) ?? identifierOf(fields.Code);
  const status = fields.$metadata?.httpStatusCode;
  const httpStatusCode =
    typeof status === 'number' && Number.isInteger(status) && status >= 100 && status < 600
      ? status
      : undefined;
  return described(name, code, httpStatusCode, categoryOf(name, code, httpStatusCode));
}

function described(
  errorName: string,
  errorCode: string | undefined,
  httpStatusCode: number | undefined,
  errorCategory: ErrorCategory,
): LoggedError {
  return {
    errorName,
    ...(errorCode ? { errorCode } : {}),
    ...(httpStatusCode !== undefined ? { httpStatusCode } : {}),
    errorCategory,
    errorMessage: errorCategories[errorCategory],
  };
}

const networkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'ECONNABORTED',
]);
const programErrors = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError']);

/** The category of an error by its name (SDK exception names say most), code and HTTP status. */
export function categoryOf(name: string, code?: string, httpStatusCode?: number): ErrorCategory {
  const label = `${name} ${code ?? ''}`;
  if (/Throttl|TooManyRequests|ProvisionedThroughputExceeded|RequestLimitExceeded|SlowDown/i.test(label))
    return 'throttled';
  if (/AccessDenied|Unauthori[sz]ed|Forbidden|NotAuthorized|KMSAccessDenied/i.test(label))
    return 'access-denied';
  if (/ConditionalCheckFailed|TransactionCanceled|TransactionConflict|PreconditionFailed/i.test(label))
    return 'conditional-check';
  if (/NotFound|NoSuchKey|NoSuchBucket/i.test(label)) return 'not-found';
  if (/Timeout|TimedOut|Abort|ETIMEDOUT/i.test(label)) return 'timeout';
  // Node's socket errors and undici's: a moment of the network, worth a retry.
  if (code && (networkCodes.has(code) || code.startsWith('UND_ERR_'))) return 'network';
  if (programErrors.has(name)) return 'program';
  if (httpStatusCode === 429) return 'throttled';
  if (httpStatusCode === 401 || httpStatusCode === 403) return 'access-denied';
  if (httpStatusCode === 404) return 'not-found';
  if (httpStatusCode !== undefined && httpStatusCode >= 500) return 'service-error';
  if (httpStatusCode !== undefined && httpStatusCode >= 400) return 'invalid-request';
  return 'other';
}
