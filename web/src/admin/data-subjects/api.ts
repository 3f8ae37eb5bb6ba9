/**
 * The data protection officer's routes as the admin page calls them (`/api/staff/data-subjects/…`
 * and a ticket's `legal-hold`), their answers checked against the contract's schemas
 * (`views/data-subjects.ts`). Who the person is travels in the body, never in the address.
 */
import {
  type DataSubjectEraseResponse,
  type DataSubjectExportResponse,
  type DataSubjectSearchResponse,
  dataSubjectEraseResponseSchema,
  dataSubjectExportResponseSchema,
  dataSubjectSearchResponseSchema,
  type LegalHoldResponse,
  legalHoldResponseSchema,
  type SubjectTicketView,
} from '../../../../shared/use-cases/views/data-subjects.ts';
import type { Result, StaffApi } from '../api.ts';
import type { SubjectQuery } from './model.ts';

export type {
  DataSubjectEraseResponse,
  DataSubjectExportResponse,
  DataSubjectSearchResponse,
  LegalHoldResponse,
  SubjectTicketView,
};

export class DataSubjectsApi {
  readonly #shell: { readonly api: StaffApi };

  /** Takes the shell, not its API: the views are made before the shell's API exists. */
  constructor(shell: { readonly api: StaffApi }) {
    this.#shell = shell;
  }

  search(query: SubjectQuery): Promise<Result<DataSubjectSearchResponse>> {
    return this.#shell.api.request(
      'POST',
      '/api/staff/data-subjects/search',
      dataSubjectSearchResponseSchema,
      query,
    );
  }

  erase(query: SubjectQuery, reason: string): Promise<Result<DataSubjectEraseResponse>> {
    return this.#shell.api.request('POST', '/api/staff/data-subjects/erase', dataSubjectEraseResponseSchema, {
      ...query,
      reason,
    });
  }

  export(query: SubjectQuery, language: 'lv' | 'en'): Promise<Result<DataSubjectExportResponse>> {
    return this.#shell.api.request(
      'POST',
      '/api/staff/data-subjects/export',
      dataSubjectExportResponseSchema,
      { ...query, language },
    );
  }

  setHold(reference: string, reason: string): Promise<Result<LegalHoldResponse>> {
    return this.#shell.api.request('POST', holdPath(reference), legalHoldResponseSchema, { reason });
  }

  liftHold(reference: string, reason: string): Promise<Result<LegalHoldResponse>> {
    return this.#shell.api.request(
      'DELETE',
      holdPath(reference),
      legalHoldResponseSchema,
      reason ? { reason } : {},
    );
  }
}

function holdPath(reference: string): string {
  return `/api/staff/tickets/${encodeURIComponent(reference)}/legal-hold`;
}
