/**
 * What the _Datu subjekti_ view works out without the page: the query a filled-in form makes (empty
 * fields left out, a name only with its postal address, request numbers read off a line), the
 * problems to show before sending, the counts of what was found, what an erasure would do (erase,
 * skip as already erased, refuse as held), and the found records after a legal hold changed.
 */

import {
  type DataSubjectSearchResponse,
  dataSubjectSearchSchema,
  type LegalHoldView,
  type SubjectTicketView,
} from '../../../../shared/use-cases/views/data-subjects.ts';
import type { FieldError } from '../api.ts';
import { validateNested } from '../forms.ts';
import type { Translate } from '../notifications.ts';

/** The search form as typed. */
export interface SubjectFormValues {
  readonly email: string;
  readonly phone: string;
  readonly name: string;
  readonly addressLine: string;
  readonly place: string;
  readonly postalCode: string;
  readonly country: string;
  /** Request numbers separated by spaces, commas or semicolons. */
  readonly references: string;
}

export const emptySubjectForm: SubjectFormValues = {
  email: '',
  phone: '',
  name: '',
  addressLine: '',
  place: '',
  postalCode: '',
  country: '',
  references: '',
};

/**
 * Who the data subject is, as the search, the export and the erasure take it (the contract's
 * `dataSubjectQueryShape`): the same query for all three, so that what is erased or exported is
 * what the preview showed.
 */
export interface SubjectQuery {
  readonly email?: string;
  readonly phone?: string;
  readonly name?: string;
  readonly postalAddress?: {
    readonly addressLine: string;
    readonly place: string;
    readonly postalCode: string;
    readonly country?: string;
  };
  readonly references?: readonly string[];
}

/** The request numbers on a line, in capitals, each once, in the order typed. */
export function referencesOf(line: string): string[] {
  const words = line
    .split(/[\s,;]+/)
    .map((word) => word.trim().toUpperCase())
    .filter(Boolean);
  return [...new Set(words)];
}

/** The query the form makes: trimmed, empty fields left out. */
export function subjectQuery(values: SubjectFormValues): SubjectQuery {
  const trimmed = (value: string) => value.trim();
  const email = trimmed(values.email);
  const phone = trimmed(values.phone);
  const name = trimmed(values.name);
  const address = [values.addressLine, values.place, values.postalCode, values.country].map(trimmed);
  const [addressLine = '', place = '', postalCode = '', country = ''] = address;
  const references = referencesOf(values.references);
  return {
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(name ? { name } : {}),
    ...(address.some(Boolean)
      ? { postalAddress: { addressLine, place, postalCode, ...(country ? { country } : {}) } }
      : {}),
    ...(references.length ? { references } : {}),
  };
}

/**
 * What keeps the form from being sent, each at its field (named as the staff API names its 400s):
 * nothing filled in; a name without its address or an address without its name; a malformed request
 * number; and whatever the contract's schema refuses.
 */
export function queryProblems(values: SubjectFormValues, t: Translate): FieldError[] {
  const query = subjectQuery(values);
  if (Object.keys(query).length === 0) return [{ field: 'email', message: t('dataSubjects.error.nothing') }];
  const problems: FieldError[] = [];
  if (query.name && !query.postalAddress)
    problems.push({
      field: 'postalAddress.addressLine',
      message: t('dataSubjects.error.nameWithoutAddress'),
    });
  if (query.postalAddress && !query.name)
    problems.push({ field: 'name', message: t('dataSubjects.error.addressWithoutName') });
  const wrong = query.references?.find(
    (reference) => !dataSubjectSearchSchema.shape.reference.safeParse(reference).success,
  );
  if (wrong)
    problems.push({ field: 'references', message: t('dataSubjects.error.reference', { reference: wrong }) });
  for (const error of validateNested(dataSubjectSearchSchema, query, t)) {
    const field = error.field.startsWith('references') ? 'references' : error.field;
    if (!problems.some((problem) => problem.field === field)) problems.push({ ...error, field });
  }
  return problems;
}

/** How much was found, for the sentence above the preview. */
export interface FoundCounts {
  readonly tickets: number;
  readonly held: number;
  readonly erased: number;
  readonly messages: number;
  readonly files: number;
  readonly surveys: number;
  readonly questions: number;
}

export function foundCounts(found: DataSubjectSearchResponse): FoundCounts {
  const sum = (count: (ticket: SubjectTicketView) => number) =>
    found.tickets.reduce((total, ticket) => total + count(ticket), 0);
  return {
    tickets: found.tickets.length,
    held: sum((ticket) => (ticket.legalHold ? 1 : 0)),
    erased: sum((ticket) => (ticket.erasedAt ? 1 : 0)),
    messages: sum((ticket) => ticket.messages.length),
    files: sum((ticket) => ticket.files.length),
    surveys: sum((ticket) => (ticket.survey ? 1 : 0)),
    questions: found.questions.length,
  };
}

/** What an erasure of what was found would do: the confirmation names it before anything happens. */
export interface ErasurePlan {
  /** Tickets whose personal data would be erased now. */
  readonly erase: readonly string[];
  /** Tickets erased before (erasing again changes nothing). */
  readonly already: readonly string[];
  /** Tickets under legal hold: refused, with the hold's reason. */
  readonly held: readonly { readonly reference: string; readonly reason: string }[];
  /** Assistant questions that would be deleted. */
  readonly questions: number;
}

export function erasurePlan(found: DataSubjectSearchResponse): ErasurePlan {
  const held = found.tickets.flatMap((ticket) =>
    ticket.legalHold ? [{ reference: ticket.reference, reason: ticket.legalHold.reason }] : [],
  );
  return {
    erase: found.tickets
      .filter((ticket) => !ticket.legalHold && !ticket.erasedAt)
      .map((ticket) => ticket.reference),
    already: found.tickets
      .filter((ticket) => !ticket.legalHold && ticket.erasedAt)
      .map((ticket) => ticket.reference),
    held,
    questions: found.questions.length,
  };
}

/** Whether an erasure would change anything at all. */
export function erasesAnything(plan: ErasurePlan): boolean {
  return plan.erase.length > 0 || plan.questions > 0;
}

/** The found records with `reference`'s legal hold as the server now answers it. */
export function withLegalHold(
  found: DataSubjectSearchResponse,
  reference: string,
  legalHold: LegalHoldView | null,
): DataSubjectSearchResponse {
  return {
    ...found,
    tickets: found.tickets.map((ticket) =>
      ticket.reference === reference ? { ...ticket, legalHold } : ticket,
    ),
  };
}
