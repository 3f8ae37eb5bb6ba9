/**
 * How the data protection officer's search, erasure and export find a data subject: the query's
 * pseudonyms (subject keys and the client key), the references it names, and by what (for the
 * audit). One function for the three, so that they find the same tickets and refuse alike.
 */
import { clientGroupId } from '../domain/ids.ts';
import { normaliseEmail, normaliseNameAddress, normalisePhone, subjectKey } from '../domain/pseudonyms.ts';
import type { DataSubjectRecords } from '../ports/data-subjects.ts';
import { fieldsRefused } from './staff-desk.ts';
import type { DataSubjectSearchRequest } from './views/data-subjects.ts';

/** A search, erasure or export request: who the subject is (`reference` only from the search). */
export type SubjectQuery = Omit<DataSubjectSearchRequest, 'reference'> & {
  readonly reference?: string | undefined;
};

/**
 * The pseudonyms a query names, how, and the references given. A name finds a subject only with a
 * postal address (a name alone finds too many), and an address only with a name: either alone is
 * refused (400) naming the missing field, as is a query naming nothing (field `email`).
 */
export function subjectLookup(query: SubjectQuery): {
  keys: string[];
  matchedBy: string[];
  references: string[];
} {
  if (query.name && !query.postalAddress)
    throw fieldsRefused([{ field: 'postalAddress', key: 'staff.field.required' }]);
  if (query.postalAddress && !query.name)
    throw fieldsRefused([{ field: 'name', key: 'staff.field.required' }]);
  const keys: string[] = [];
  const matchedBy: string[] = [];
  if (query.email) {
    // The client index predates the data-subject index: both are asked.
    keys.push(subjectKey('email', normaliseEmail(query.email)), clientGroupId(query.email));
    matchedBy.push('email');
  }
  if (query.phone) {
    keys.push(subjectKey('phone', normalisePhone(query.phone)));
    matchedBy.push('phone');
  }
  if (query.name && query.postalAddress) {
    keys.push(subjectKey('name-address', normaliseNameAddress(query.name, query.postalAddress)));
    matchedBy.push('name-address');
  }
  const references = [
    ...new Set([...(query.references ?? []), ...(query.reference ? [query.reference] : [])]),
  ];
  if (references.length) matchedBy.push('reference');
  if (matchedBy.length === 0) throw fieldsRefused([{ field: 'email', key: 'staff.field.required' }]);
  return { keys, matchedBy, references };
}

/** The references a query finds: by pseudonym, then those named, oldest first, each once. */
export async function referencesOf(records: DataSubjectRecords, query: SubjectQuery) {
  const { keys, matchedBy, references } = subjectLookup(query);
  const found = keys.length ? await records.ticketsOf(keys) : [];
  return { keys, matchedBy, references: [...new Set([...found, ...references])] };
}
