/**
 * The data-subject access report: for one client, who read or changed their data,
 * when and why — ticket by ticket, the client named only by its keyed key.
 */
import { type SubjectEntry, subjectCsvColumns, subjectCsvRow, subjectEntry } from '../domain/audit-query.ts';
import { type CsvFile, csvWithin, fileTime } from './audit-csv.ts';
import {
  type AuditDeskDeps,
  assertAuditor,
  auditListing,
  type ClientAndRange,
  checkClient,
  checkRange,
  clientParameters,
  clientTicketsOf,
} from './audit-desk.ts';
import { recordRead, type StaffCaller } from './staff-audit.ts';
import { fieldsRefused, type StaffFieldError } from './staff-desk.ts';
import { unitName } from './ticket-views.ts';

/** A report covers the client's whole history unless `from` or `to` narrow it. */
export type SubjectReportInput = ClientAndRange;

export interface SubjectReportTicket {
  readonly reference: string;
  readonly competence: string;
  readonly unit: { readonly lv: string; readonly en: string };
  readonly receivedAt: string;
  readonly entries: SubjectEntry[];
  /** Entries past the report's limits were left out. */
  readonly truncated?: boolean;
}

export interface SubjectReport {
  /**
   * The client's keyed key (`client-…`, as the tickets table has it): the report never repeats the
   * address, nor an unkeyed hash of it (a legacy key given is answered by its keyed form).
   */
  readonly clientKey: string;
  readonly from?: string;
  readonly to?: string;
  readonly generatedAt: string;
  readonly tickets: SubjectReportTicket[];
  /**
   * The report is incomplete: a ticket's entries were cut (see its own `truncated`), tickets were
   * left out past the report's limits (`ticketsLeftOut`), or the client may have older tickets
   * than those looked at (`moreTickets`).
   */
  readonly truncated?: boolean;
  /** How many of the client's tickets looked at are not in the report (its entries or size spent). */
  readonly ticketsLeftOut?: number;
  /** The client has at least as many tickets as are looked at (the newest 100): older ones may exist. */
  readonly moreTickets?: boolean;
}

/**
 * `GET /api/staff/audit/subject`: for each of the client's tickets (oldest first), every recorded
 * event — staff reads and changes, intake and delivery — with who, when and why. The whole history
 * unless `from`/`to` narrow it. At most 10,000 entries and some 4 MB of JSON (a Lambda answer is at
 * most 6 MB): past either, the report ends early and says so (`truncated`).
 */
export async function dataSubjectReport(
  deps: AuditDeskDeps,
  caller: StaffCaller,
  input: SubjectReportInput,
  format: 'json' | 'csv' = 'json',
): Promise<SubjectReport> {
  assertAuditor(caller);
  const now = deps.clock.now();
  const errors: StaffFieldError[] = [];
  const asked = checkClient(input.client, errors, true);
  const range = checkRange(input.from, input.to, now, errors, { wholeHistory: true });
  if (errors.length || !asked || !range) throw fieldsRefused(errors);
  const { client, tickets: found } = await clientTicketsOf(deps, asked, auditListing.maxClientTickets);
  // The index answers at most the limit, newest first: a full answer may leave older tickets out.
  const moreTickets = found.length >= auditListing.maxClientTickets;
  const tickets = [...found].sort(
    (a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.reference.localeCompare(b.reference),
  );
  const shell = {
    clientKey: client.key,
    ...(input.from ? { from: range.from } : {}),
    ...(input.to ? { to: range.to } : {}),
    generatedAt: now.toISOString(),
  };
  const sections: SubjectReportTicket[] = [];
  // The answer's size as it grows: the shell with the largest report-level marks, then each part.
  let bytes = Buffer.byteLength(
    JSON.stringify({ ...shell, tickets: [], truncated: true, ticketsLeftOut: 100, moreTickets: true }),
  );
  let room: number = auditListing.maxReportEntries;
  let full = false;
  let cut = false;
  let next = 0;
  while (next < tickets.length && room > 0 && !full) {
    // Tickets read together ask for no more than the room left between them.
    const limit = Math.min(auditListing.maxEntriesPerTicket, room);
    const wave = tickets.slice(
      next,
      next + Math.max(1, Math.min(auditListing.reportReadsAtOnce, Math.floor(room / limit))),
    );
    const pages = await Promise.all(
      wave.map((ticket) => deps.trail.byTickets([ticket.reference], range, limit)),
    );
    for (const [index, page] of pages.entries()) {
      const ticket = wave[index] as (typeof wave)[number];
      const head = {
        reference: ticket.reference,
        competence: ticket.competence,
        unit: unitName(ticket.competence),
        receivedAt: ticket.receivedAt,
      };
      const headBytes = Buffer.byteLength(JSON.stringify({ ...head, entries: [], truncated: true })) + 1;
      if (bytes + headBytes > auditListing.maxJsonBytes) {
        full = true;
        break;
      }
      bytes += headBytes;
      const entries: SubjectEntry[] = [];
      for (const record of page.records) {
        if (room === 0) break;
        const entry = subjectEntry(record);
        const size = Buffer.byteLength(JSON.stringify(entry)) + 1;
        if (bytes + size > auditListing.maxJsonBytes) {
          full = true;
          break;
        }
        bytes += size;
        room -= 1;
        entries.push(entry);
      }
      const truncated = page.more || entries.length < page.records.length;
      cut ||= truncated;
      sections.push({ ...head, entries, ...(truncated ? { truncated: true } : {}) });
      next += 1;
      if (full) break;
    }
  }
  const ticketsLeftOut = tickets.length - sections.length;
  const truncated = cut || ticketsLeftOut > 0 || moreTickets;
  const total = sections.reduce((sum, section) => sum + section.entries.length, 0);
  const report: SubjectReport = {
    ...shell,
    tickets: sections,
    ...(truncated ? { truncated: true } : {}),
    ...(ticketsLeftOut > 0 ? { ticketsLeftOut } : {}),
    ...(moreTickets ? { moreTickets: true } : {}),
  };
  await recordRead(deps, caller, {
    eventName: format === 'csv' ? 'ExportDataSubjectReport' : 'GetDataSubjectReport',
    references: tickets.map((ticket) => ticket.reference),
    requestParameters: {
      ...clientParameters(client),
      ...(input.from ? { from: range.from } : {}),
      ...(input.to ? { to: range.to } : {}),
      ...(format === 'csv' ? { format } : {}),
    },
    responseElements: {
      tickets: sections.length,
      entries: total,
      ...(truncated ? { truncated: true } : {}),
      ...(ticketsLeftOut > 0 ? { ticketsLeftOut } : {}),
      ...(moreTickets ? { moreTickets: true } : {}),
    },
  });
  return report;
}

/** The report as a CSV file: one row per entry, with the ticket and its unit. */
export async function exportDataSubjectReport(
  deps: AuditDeskDeps,
  caller: StaffCaller,
  input: SubjectReportInput,
): Promise<CsvFile> {
  const report = await dataSubjectReport(deps, caller, input, 'csv');
  const csv = csvWithin(
    subjectCsvColumns,
    report.tickets.flatMap((ticket) => ticket.entries.map((entry) => ({ ticket, entry }))),
    ({ ticket, entry }) => subjectCsvRow(ticket.reference, ticket.competence, entry),
  );
  const partial = report.truncated === true || csv.cut;
  // The keyed key's first hex digits: the same name whether asked by address, keyed or legacy key.
  const hash = report.clientKey.slice('client-'.length, 'client-'.length + 12);
  return {
    // An incomplete report says so in its name: a CSV file has no place for a notice.
    filename: `courtdesk-data-subject-${hash}-${fileTime(report.generatedAt)}${partial ? '-partial' : ''}.csv`,
    text: csv.text,
    rows: csv.rows,
  };
}
