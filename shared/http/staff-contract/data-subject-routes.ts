/**
 * The data protection officer's routes (role `dpo`; 403 for every other role, every call audited)
 * and the rectification of a client's data by staff of the ticket's unit. Personal data travels in
 * bodies, never in URLs: CloudFront and API access logs record paths and query strings.
 */
import {
  dataSubjectEraseResponseSchema,
  dataSubjectEraseSchema,
  dataSubjectExportResponseSchema,
  dataSubjectExportSchema,
  dataSubjectSearchResponseSchema,
  dataSubjectSearchSchema,
  legalHoldLiftSchema,
  legalHoldRequestSchema,
  legalHoldResponseSchema,
  rectifyClientResponseSchema,
  rectifyClientSchema,
} from '../../use-cases/views/data-subjects.ts';

export const dataSubjectRoutes = [
  {
    method: 'POST',
    response: dataSubjectSearchResponseSchema,
    path: '/api/staff/data-subjects/search',
    body: dataSubjectSearchSchema,
    summary:
      "Data protection officer: a data subject's tickets, messages, files, survey and assistant questions, found by email, phone, name with postal address, or references",
  },
  {
    method: 'POST',
    response: dataSubjectEraseResponseSchema,
    path: '/api/staff/data-subjects/erase',
    body: dataSubjectEraseSchema,
    summary:
      "Data protection officer: erases a data subject's data with the legal basis as the reason — tickets pseudonymised (statistics kept), texts, files (all versions) and keys deleted; tickets under legal hold refused and listed",
  },
  {
    method: 'POST',
    response: dataSubjectExportResponseSchema,
    path: '/api/staff/data-subjects/export',
    body: dataSubjectExportSchema,
    summary:
      "Data protection officer: a ZIP of the data subject's tickets, messages, deliveries and files (JSON) with a PDF summary, behind a 5-minute link; the ZIP is deleted after 7 days",
  },
  {
    method: 'POST',
    response: legalHoldResponseSchema,
    path: '/api/staff/tickets/{reference}/legal-hold',
    body: legalHoldRequestSchema,
    summary: 'Data protection officer: puts the ticket under legal hold (retention and erasure stop for it)',
  },
  {
    method: 'DELETE',
    response: legalHoldResponseSchema,
    path: '/api/staff/tickets/{reference}/legal-hold',
    body: legalHoldLiftSchema,
    summary: "Data protection officer: lifts the ticket's legal hold",
  },
  {
    method: 'POST',
    response: rectifyClientResponseSchema,
    path: '/api/staff/tickets/{reference}/client',
    body: rectifyClientSchema,
    summary:
      "Staff of the ticket's unit: correct the client's name, email, phone or postal address with a reason (the old value is not kept in clear; an email change re-keys the client's index and threading)",
  },
] as const;
