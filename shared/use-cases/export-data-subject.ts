/**
 * The data protection officer's export of a data subject's data (GDPR Art. 15 and 20; role `dpo`):
 * a ZIP with `subject.json` (every ticket, message, delivery, survey and assistant question found;
 * see `export-data-subject-document.ts`), the subject's files from the mail bucket under `files/`,
 * and a readable PDF summary in Latvian (`kopsavilkums.pdf`) or English (`summary.pdf`).
 *
 * The subject is found by keyed pseudonyms (never by scanning): the email's subject key and client
 * key, the phone's, the name-with-address's, and any ticket references given. The ZIP is stored
 * under `exports/<id>.zip`, handed out as a 5-minute link, and deleted after 7 days (the bucket's
 * lifecycle rule and the retention schedule), or before when one of its tickets is erased (each
 * ticket records the exports that hold it: `SubjectExports`). The audit record holds counts and references only.
 */
import { randomUUID } from 'node:crypto';
import { type Zippable, zipSync } from 'fflate';
import { findCompetence } from '../domain/competences.ts';
import { accessDenied } from '../domain/refused.ts';
import { protectsData } from '../domain/staff.ts';
import { hasEmailAddress } from '../domain/ticket.ts';
import { summaryFileName } from '../i18n/data-subject-export-messages.ts';
import { renderSubjectSummary, type SummaryTicket } from '../letters/subject-summary-pdf.ts';
import { exportsPrefix } from '../mail/keys.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { DataSubjectRecords, SubjectExports, SubjectTicketRecords } from '../ports/data-subjects.ts';
import type { DownloadLinks } from '../ports/uploads.ts';
import { subjectLookup } from './data-subject-lookup.ts';
import {
  type ExportedFile,
  exportPath,
  subjectDocument,
  withoutUndefined,
} from './export-data-subject-document.ts';
import { recordRead, type StaffCaller } from './staff-audit.ts';
import { fieldsRefused } from './staff-desk.ts';
import type { DataSubjectExportRequest, DataSubjectExportResponse } from './views/data-subjects.ts';

/** How long the download link works. */
export const exportLinkSeconds = 300;
/**
 * How long the record of an export's tickets is kept: past the ZIP's 7 days (S3 expires objects
 * at the next midnight after their age is reached), so that it never goes before the ZIP.
 */
const exportRecordSeconds = 9 * 86_400;
/** At most this many tickets in one export: more asks for a narrower query (by references). */
export const maxExportTickets = 200;

export interface ExportDataSubjectDeps {
  readonly records: DataSubjectRecords;
  /** Which tickets each export holds: erasing one of them deletes the export. */
  readonly exports: SubjectExports;
  /** The mail bucket: the subject's files are read from it, the ZIP written to it. */
  readonly files: BlobStore;
  /** Presigned GETs valid {@link exportLinkSeconds}. */
  readonly downloads: DownloadLinks;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** The export's id (a random UUID unless a test fixes it). */
  readonly newId?: () => string;
}

export async function exportDataSubject(
  deps: ExportDataSubjectDeps,
  caller: StaffCaller,
  request: DataSubjectExportRequest,
): Promise<DataSubjectExportResponse> {
  if (!protectsData(caller)) throw accessDenied();
  const lookup = subjectLookup(request);

  const language = request.language ?? 'lv';
  const generatedAt = deps.clock.now().toISOString();
  const indexed = lookup.keys.length > 0 ? await deps.records.ticketsOf(lookup.keys) : [];
  const references = [...new Set([...indexed, ...lookup.references])];
  if (references.length > maxExportTickets)
    throw fieldsRefused([
      { field: 'references', key: 'staff.field.invalid', values: { max: String(maxExportTickets) } },
    ]);
  const tickets: SubjectTicketRecords[] = [];
  for (const reference of references) {
    const records = await deps.records.ticketRecords(reference);
    if (records) tickets.push(records);
  }
  const questions =
    lookup.keys.length > 0 ? await deps.records.questionsOf(lookup.keys, new Date(generatedAt)) : [];

  const zip: Zippable = {};
  const found: { records: SubjectTicketRecords; files: ExportedFile[] }[] = [];
  let fileCount = 0;
  for (const records of tickets) {
    const files: ExportedFile[] = [];
    for (const [index, file] of records.files.entries()) {
      const bytes = await deps.files.get(file.key);
      const listed = { kind: file.kind, name: file.name, contentType: file.contentType, size: file.size };
      if (!bytes) {
        files.push(withoutUndefined(listed));
        continue;
      }
      const path = exportPath(records.ticket.reference, index, file.name);
      // Stored, not deflated: scans, images and PDFs are compressed already.
      zip[path] = [new Uint8Array(bytes), { level: 0 }];
      files.push(withoutUndefined({ ...listed, size: bytes.length, path }));
      fileCount += 1;
    }
    found.push({ records, files });
  }

  const document = subjectDocument(found, questions, generatedAt);
  zip['subject.json'] = new TextEncoder().encode(`${JSON.stringify(document, null, 2)}\n`);
  zip[summaryFileName[language]] = [
    await renderSubjectSummary({
      language,
      generatedAt,
      tickets: found.map(({ records, files }) => summaryTicket(records, files, language)),
      questions,
    }),
    { level: 0 },
  ];
  const archive = zipSync(zip, { level: 6, mtime: new Date(generatedAt) });

  const id = (deps.newId ?? randomUUID)();
  const key = `${exportsPrefix}${id}.zip`;
  // Recorded before the ZIP is stored: an erasure that comes later always finds it.
  await deps.exports.recordExport(
    id,
    key,
    found.map(({ records }) => records.ticket.reference),
    Math.floor(Date.parse(generatedAt) / 1000) + exportRecordSeconds,
  );
  await deps.files.put(key, Buffer.from(archive), 'application/zip');
  const url = await deps.downloads.link(key, `courtdesk-${generatedAt.slice(0, 10)}.zip`);
  const counts = {
    tickets: found.length,
    messages: found.reduce((sum, { records }) => sum + records.messages.length, 0),
    deliveries: found.reduce((sum, { records }) => sum + records.deliveries.length, 0),
    files: fileCount,
    questions: questions.length,
    bytes: archive.length,
  };
  await recordRead(deps, caller, {
    eventName: 'ExportDataSubject',
    references: found.map(({ records }) => records.ticket.reference),
    // By what, never the values: the audit trail holds no personal data.
    requestParameters: { matchedBy: lookup.matchedBy, language },
    responseElements: { exportId: id, ...counts },
  });
  return {
    url,
    expiresAt: new Date(Date.parse(generatedAt) + exportLinkSeconds * 1000).toISOString(),
    tickets: found.length,
  };
}

function summaryTicket(
  records: SubjectTicketRecords,
  files: readonly ExportedFile[],
  language: 'lv' | 'en',
): SummaryTicket {
  const { ticket } = records;
  const client = ticket.client;
  const address = client.postalAddress;
  const contact = [
    client.name,
    client.email && hasEmailAddress(client) ? client.email : '',
    client.phone ?? '',
    address ? [address.addressLine, address.place, address.postalCode, address.country ?? ''].join(', ') : '',
  ].filter((line) => line.replace(/[\s,]/g, '') !== '');
  return withoutUndefined({
    reference: ticket.reference,
    receivedAt: ticket.receivedAt,
    channel: ticket.channel,
    status: ticket.status,
    unit: findCompetence(ticket.competence)?.name[language] ?? ticket.competence,
    subject: ticket.subject || undefined,
    contact,
    messages: records.messages.length,
    deliveries: records.deliveries.length,
    files: files.map((file) => file.name),
    satisfaction: records.survey?.satisfaction,
    erasedAt: ticket.erasedAt,
  });
}
