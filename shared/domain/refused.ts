/**
 * A request refused for a reason the caller can act on. The HTTP status travels with the refusal,
 * so that one middleware answers every refusal alike (and audits it), whichever verb refused.
 */

/** The statuses a refusal may carry: anything else is a fault, answered as a 500. */
export type RefusalStatus = 400 | 403 | 404 | 409 | 413 | 422;

/** One field at fault in a request (a 400 `ValidationError`). */
export interface FieldRefusal {
  readonly field: string;
  /** A message key of the staff catalogue. */
  readonly key: string;
  readonly values?: Readonly<Record<string, string>>;
}

export interface RefusalDetails {
  /** The message to show, when not `staff.<code>`: a key of the staff or quarantine catalogue. */
  readonly messageKey?: string;
  readonly values?: Readonly<Record<string, string>>;
  /** The fields at fault, for a `ValidationError`. */
  readonly fields?: readonly FieldRefusal[];
}

export class Refused extends Error {
  /** Machine-readable reason (`AccessDenied`, `NotFound`, `AlreadyTaken`, …), also the audit's `errorCode`. */
  readonly code: string;
  readonly status: RefusalStatus;
  readonly messageKey: string;
  readonly values?: Readonly<Record<string, string>>;
  readonly fields?: readonly FieldRefusal[];

  constructor(code: string, status: RefusalStatus, details: RefusalDetails = {}) {
    super(code);
    this.name = 'Refused';
    this.code = code;
    this.status = status;
    this.messageKey = details.messageKey ?? `staff.${code}`;
    if (details.values) this.values = details.values;
    if (details.fields) this.fields = details.fields;
  }
}

/** The caller may not do this, or may not see what it names. */
export const accessDenied = (): Refused => new Refused('AccessDenied', 403);

/** Nothing of that name, or nothing the caller may see (answered alike, so that nothing leaks). */
export const notFound = (code = 'NotFound'): Refused => new Refused(code, 404);

/** The request's fields are at fault. */
export const invalidFields = (fields: readonly FieldRefusal[]): Refused =>
  new Refused('ValidationError', 400, { fields });
