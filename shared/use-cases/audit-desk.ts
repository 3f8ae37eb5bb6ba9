/**
 * The auditor's desk (issue 6, item 5; §20.3, §24): the audit trail listed with filters, exported
 * as CSV, and the data-subject access report — who read or changed a client's data, when and why.
 * Auditors only; every read of the trail is itself audited, a client only by its key (and the
 * address's fingerprint when an address was given), never the address. A client is named by its
 * address or by its key (`client-…`, see `clientKeyPattern`): the admin page sends only the key.
 * Lookups are queries on keys (see the `AuditTrail` port), never scans.
 */
import type { AuditEventName } from '../domain/audit-catalogue.ts';
import type { AuditRecord } from '../domain/audit-event.ts';
import {
  type AuditOutcome,
  auditCsvColumns,
  auditCsvRow,
  auditSortKey,
  clientFingerprint,
  clientKeyPattern,
  csvLine,
  csvStart,
  matchesFilter,
  type SubjectEntry,
  subjectCsvColumns,
  subjectCsvRow,
  subjectEntry,
} from '../domain/audit-query.ts';
import { clientGroupId } from '../domain/ids.ts';
import { decodeCursor, encodeCursor } from '../domain/page-cursor.ts';
import type { AuditRange, AuditTrail } from '../ports/audit-trail.ts';
import type { AuditLog, Clock, TicketDesk } from '../ports/index.ts';
import { type StaffCaller, StaffFieldsRefused, StaffRefused, staffAudit } from './staff-desk.ts';
import { unitName } from './ticket-views.ts';

export interface AuditDeskDeps {
  readonly trail: AuditTrail;
  /** The client's tickets (the tickets table's `client` index). */
  readonly desk: Pick<TicketDesk, 'clientTickets'>;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

export const auditListing = {
  defaultLimit: 100,
  maxLimit: 1000,
  /** Rows of one CSV export; a longer range is exported in several files (the cursor). */
  maxCsvRows: 10_000,
  /**
   * Bytes of one CSV export: a Lambda answer is at most 6 MB, and the body travels JSON-escaped
   * (every quote doubled in size). Past it the file ends early, with the cursor of the rest.
   */
  maxCsvBytes: 3_500_000,
  /** Bytes of one JSON page, for the same reason (a record naming 100 tickets is some 8 kB). */
  maxJsonBytes: 4_000_000,
  defaultSpanHours: 24,
  maxSpanDays: 31,
  /**
   * A client's tickets looked at, newest first (the `client` index, which answers at most 100 at
   * once): a client with this many may have older ones, which a report then says it left out.
   */
  maxClientTickets: 100,
  /** Records one request reads at most while filtering; past it, a page may come short, with a cursor. */
  examineBudget: 5_000,
  exportExamineBudget: 20_000,
  /**
   * Data-subject report: entries per ticket, and in all. Records read never exceed the total: each
   * ticket's read asks for no more than the room left, and reading stops once it is spent.
   */
  maxEntriesPerTicket: 1_000,
  maxReportEntries: 10_000,
  /** Data-subject report: tickets whose records are read at once (while the room allows). */
  reportReadsAtOnce: 10,
} as const;

/** An auditor's query as it comes (strings from the address), checked here. */
export interface AuditQueryInput {
  readonly user?: string | undefined;
  readonly ticket?: string | undefined;
  readonly client?: string | undefined;
  readonly eventName?: AuditEventName | undefined;
  readonly outcome?: AuditOutcome | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit?: string | undefined;
  readonly cursor?: string | undefined;
}

export interface AuditListing {
  readonly records: AuditRecord[];
  readonly cursor?: string;
  /** The client has more tickets than were looked at (the newest `maxClientTickets`). */
  readonly moreTickets?: boolean;
}

export interface CsvFile {
  readonly filename: string;
  readonly text: string;
  readonly rows: number;
  /** More records follow: pass it as `cursor` for the next file. */
  readonly cursor?: string;
}

export function assertAuditor(caller: StaffCaller): void {
  if (!caller.roles.includes('auditor')) throw new StaffRefused('AccessDenied');
}

/** `GET /api/staff/audit`: records oldest first, a page at a time. */
export async function listAuditRecords(
  deps: AuditDeskDeps,
  caller: StaffCaller,
  input: AuditQueryInput,
): Promise<AuditListing> {
  assertAuditor(caller);
  const query = checkQuery(input, deps.clock.now(), auditListing.maxLimit, auditListing.defaultLimit);
  const { references: tickets, moreTickets } = await ticketsOf(deps, query);
  const found = await search(deps, query, tickets, auditListing.examineBudget);
  // A page of large records ends early, with the cursor of the rest.
  let bytes = 0;
  let shown = found.records.length;
  for (const [index, record] of found.records.entries()) {
    bytes += Buffer.byteLength(JSON.stringify(record));
    if (bytes > auditListing.maxJsonBytes && index > 0) {
      shown = index;
      break;
    }
  }
  const records = found.records.slice(0, shown);
  const last = records.at(-1);
  const cursor = shown < found.records.length && last ? encodeAfter(auditSortKey(last)) : found.cursor;
  await deps.audit.append([
    lookupRecord(caller, deps, 'ListAuditRecords', query, tickets, {
      count: records.length,
      more: cursor !== undefined,
      ...(moreTickets ? { moreTickets } : {}),
    }),
  ]);
  return { records, ...(cursor ? { cursor } : {}), ...(moreTickets ? { moreTickets } : {}) };
}

/** `GET /api/staff/audit?format=csv`: the same records as a CSV file, up to 10,000 rows. */
export async function exportAuditRecords(
  deps: AuditDeskDeps,
  caller: StaffCaller,
  input: AuditQueryInput,
): Promise<CsvFile> {
  assertAuditor(caller);
  const query = checkQuery(input, deps.clock.now(), auditListing.maxCsvRows, auditListing.maxCsvRows);
  const { references: tickets, moreTickets } = await ticketsOf(deps, query);
  const found = await search(deps, query, tickets, auditListing.exportExamineBudget);
  let text = csvStart + csvLine(auditCsvColumns);
  let bytes = Buffer.byteLength(text);
  let rows = 0;
  let cursor = found.cursor;
  for (const record of found.records) {
    const row = auditCsvRow(record);
    bytes += Buffer.byteLength(row);
    if (bytes > auditListing.maxCsvBytes) {
      cursor = rows > 0 ? encodeAfter(auditSortKey(found.records[rows - 1] as AuditRecord)) : cursor;
      break;
    }
    text += row;
    rows += 1;
  }
  await deps.audit.append([
    lookupRecord(caller, deps, 'ExportAuditRecords', query, tickets, {
      count: rows,
      more: cursor !== undefined,
      format: 'csv',
      ...(moreTickets ? { moreTickets } : {}),
    }),
  ]);
  return {
    filename: `courtdesk-audit-${fileTime(query.range.from)}-${fileTime(query.range.to)}${moreTickets ? '-partial' : ''}.csv`,
    text,
    rows,
    ...(cursor ? { cursor } : {}),
  };
}

// ---- Data-subject access report -----------------------------------------------------------------

export interface SubjectReportInput {
  readonly client?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

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
  /** The client's key (`client-…`, as the tickets table has it): the report never repeats the address. */
  readonly clientKey: string;
  /** The SHA-256 of the address asked about (trimmed, lower case), when an address was given. */
  readonly clientSha256?: string;
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
  const errors: FieldErrors = [];
  const client = checkClient(input.client, errors, true);
  const range = checkRange(input.from, input.to, now, errors, { wholeHistory: true });
  if (errors.length || !client || !range) throw new StaffFieldsRefused(errors);
  const found = await deps.desk.clientTickets(client.key, auditListing.maxClientTickets);
  // The index answers at most the limit, newest first: a full answer may leave older tickets out.
  const moreTickets = found.length >= auditListing.maxClientTickets;
  const tickets = [...found].sort(
    (a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.reference.localeCompare(b.reference),
  );
  const shell = {
    clientKey: client.key,
    ...(client.sha256 ? { clientSha256: client.sha256 } : {}),
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
  await deps.audit.append([
    staffAudit(caller, {
      eventName: format === 'csv' ? 'ExportDataSubjectReport' : 'GetDataSubjectReport',
      eventTime: deps.clock.now().toISOString(),
      readOnly: true,
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
    }),
  ]);
  return report;
}

/** The report as a CSV file: one row per entry, with the ticket and its unit. */
export async function exportDataSubjectReport(
  deps: AuditDeskDeps,
  caller: StaffCaller,
  input: SubjectReportInput,
): Promise<CsvFile> {
  const report = await dataSubjectReport(deps, caller, input, 'csv');
  let text = csvStart + csvLine(subjectCsvColumns);
  let bytes = Buffer.byteLength(text);
  let rows = 0;
  let partial = report.truncated === true;
  filling: for (const ticket of report.tickets)
    for (const entry of ticket.entries) {
      const row = subjectCsvRow(ticket.reference, ticket.competence, entry);
      bytes += Buffer.byteLength(row);
      if (bytes > auditListing.maxCsvBytes) {
        partial = true;
        break filling;
      }
      text += row;
      rows += 1;
    }
  // The key's hex digits are the address's SHA-256's first ones: the same name either way.
  const hash = report.clientKey.slice('client-'.length, 'client-'.length + 12);
  return {
    // An incomplete report says so in its name: a CSV file has no place for a notice.
    filename: `courtdesk-data-subject-${hash}-${fileTime(report.generatedAt)}${partial ? '-partial' : ''}.csv`,
    text,
    rows,
  };
}

// ---- Checking the query ---------------------------------------------------------------------------

type FieldErrors = StaffFieldsRefused['errors'][number][];

interface CheckedQuery {
  readonly user?: string;
  readonly ticket?: string;
  readonly client?: ClientRef;
  readonly eventName?: AuditEventName;
  readonly outcome?: AuditOutcome;
  readonly range: AuditRange;
  readonly limit: number;
  readonly cursor: boolean;
}

const referencePattern = /^TA-\d{4}-\d{6,}$/;
const userPattern = /^[\w.@+-]{1,128}$/;
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function checkQuery(input: AuditQueryInput, now: Date, maxLimit: number, defaultLimit: number): CheckedQuery {
  const errors: FieldErrors = [];
  const user = input.user?.trim() || undefined;
  if (user !== undefined && !userPattern.test(user))
    errors.push({ field: 'user', key: 'staff.field.invalid' });
  const ticket = input.ticket?.trim().toUpperCase() || undefined;
  if (ticket !== undefined && !referencePattern.test(ticket))
    errors.push({ field: 'ticket', key: 'staff.audit.ticket' });
  const client = checkClient(input.client, errors, false);
  const range = checkRange(input.from, input.to, now, errors, { wholeHistory: false });
  const limitText = input.limit?.trim();
  const limit = limitText ? Number(limitText) : defaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit)
    errors.push({ field: 'limit', key: 'staff.audit.limit', values: { max: String(maxLimit) } });
  if (errors.length || !range) throw new StaffFieldsRefused(errors);
  const after = input.cursor ? decodeAfter(input.cursor) : undefined;
  return {
    ...(user ? { user } : {}),
    ...(ticket ? { ticket } : {}),
    ...(client ? { client } : {}),
    ...(input.eventName ? { eventName: input.eventName } : {}),
    ...(input.outcome ? { outcome: input.outcome } : {}),
    range: after ? { ...range, after } : range,
    limit,
    cursor: after !== undefined,
  };
}

/** A client asked about: the tickets table's key, and the address's SHA-256 when an address was given. */
interface ClientRef {
  readonly key: string;
  readonly sha256?: string;
}

/** An email address, or a client key (`client-` and 40 hex digits, any case). */
function checkClient(
  value: string | undefined,
  errors: FieldErrors,
  required: boolean,
): ClientRef | undefined {
  const client = value?.trim() || undefined;
  if (client === undefined) {
    if (required) errors.push({ field: 'client', key: 'staff.field.required' });
    return undefined;
  }
  if (clientKeyPattern.test(client.toLowerCase())) return { key: client.toLowerCase() };
  if (client.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(client)) {
    errors.push({ field: 'client', key: 'staff.audit.client' });
    return undefined;
  }
  return { key: clientGroupId(client), sha256: clientFingerprint(client) };
}

/** How a lookup's record names the client: its key always, the address's fingerprint when given. */
function clientParameters(client: ClientRef): Record<string, string> {
  return { clientKey: client.key, ...(client.sha256 ? { clientSha256: client.sha256 } : {}) };
}

/**
 * The time range: ISO instants with a time zone, `from` before `to`. A listing defaults to the last
 * 24 hours up to now and spans at most 31 days (it reads every hour's partitions); a data-subject
 * report defaults to the whole history (it reads only the client's tickets).
 */
function checkRange(
  fromText: string | undefined,
  toText: string | undefined,
  now: Date,
  errors: FieldErrors,
  options: { wholeHistory: boolean },
): AuditRange | undefined {
  const instant = (field: 'from' | 'to', text: string | undefined): number | undefined | null => {
    const value = text?.trim();
    if (!value) return undefined;
    const time = instantPattern.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(time)) {
      errors.push({ field, key: 'staff.audit.instant' });
      return null;
    }
    return time;
  };
  const fromGiven = instant('from', fromText);
  const toGiven = instant('to', toText);
  if (fromGiven === null || toGiven === null) return undefined;
  const to = toGiven ?? (options.wholeHistory ? Date.parse('9999-12-31T23:59:59.999Z') : now.getTime());
  const from =
    fromGiven ??
    (options.wholeHistory ? 0 : Math.min(to, now.getTime()) - auditListing.defaultSpanHours * 3_600_000);
  if (from >= to) {
    errors.push({ field: fromGiven === undefined ? 'to' : 'from', key: 'staff.audit.order' });
    return undefined;
  }
  if (!options.wholeHistory && to - from > auditListing.maxSpanDays * 86_400_000) {
    errors.push({
      field: 'from',
      key: 'staff.audit.span',
      values: { days: String(auditListing.maxSpanDays) },
    });
    return undefined;
  }
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

// ---- Searching ------------------------------------------------------------------------------------

/** The tickets a query is about: the one named, the client's (both: those of the client's that match). */
async function ticketsOf(
  deps: AuditDeskDeps,
  query: CheckedQuery,
): Promise<{ references: string[] | undefined; moreTickets: boolean }> {
  if (!query.client) return { references: query.ticket ? [query.ticket] : undefined, moreTickets: false };
  const tickets = await deps.desk.clientTickets(query.client.key, auditListing.maxClientTickets);
  const references = tickets.map((ticket) => ticket.reference);
  return {
    references: query.ticket ? references.filter((reference) => reference === query.ticket) : references,
    // As many as asked for: there may be older ones, not looked at (said, never silently left out).
    moreTickets: !query.ticket && tickets.length >= auditListing.maxClientTickets,
  };
}

/**
 * Reads candidates in trail order from the narrowest lookup (tickets, else the staff member, else
 * the hours of the range) and keeps those matching the other filters, up to the limit. Reading
 * stops after `budget` candidates: the page may then come short, with a cursor to go on.
 */
async function search(
  deps: AuditDeskDeps,
  query: CheckedQuery,
  tickets: readonly string[] | undefined,
  budget: number,
): Promise<{ records: AuditRecord[]; cursor?: string }> {
  if (tickets?.length === 0) return { records: [] };
  const filter = {
    user: tickets ? query.user : undefined,
    eventName: query.eventName,
    outcome: query.outcome,
  };
  const filtering = Object.values(filter).some((value) => value !== undefined);
  const read = (range: AuditRange, limit: number) =>
    tickets
      ? deps.trail.byTickets(tickets, range, limit)
      : query.user
        ? deps.trail.byUser(query.user, range, limit)
        : deps.trail.byTime(range, limit);
  const records: AuditRecord[] = [];
  let range = query.range;
  let examined = 0;
  for (;;) {
    const wanted = filtering
      ? Math.min(1000, budget - examined)
      : Math.min(1000, query.limit - records.length);
    const page = await read(range, wanted);
    let last: string | undefined;
    for (const [index, record] of page.records.entries()) {
      examined += 1;
      last = auditSortKey(record);
      if (!matchesFilter(record, filter)) continue;
      records.push(record);
      if (records.length === query.limit) {
        const more = page.more || index < page.records.length - 1;
        return more ? { records, cursor: encodeAfter(last) } : { records };
      }
    }
    if (!page.more || last === undefined) return { records };
    if (examined >= budget) return { records, cursor: encodeAfter(last) };
    range = { ...range, after: last };
  }
}

// ---- Cursors, names, records ------------------------------------------------------------------------

/** A page cursor: the sort key of the last record read, opaque to the caller. */
function encodeAfter(sortKey: string): string {
  return encodeCursor({ after: sortKey });
}

/** The sort key a cursor carries; `InvalidCursor` (400) for anything else. */
function decodeAfter(cursor: string): string {
  const { after } = decodeCursor(
    cursor,
    (key) =>
      typeof key.after === 'string' &&
      key.after.length <= 300 &&
      /^\d{4}-\d{2}-\d{2}T[^#]+#.+$/.test(key.after),
  );
  return String(after);
}

/** `2026-12-10T08:00:00.000Z` → `20261210T0800Z`, for file names. */
function fileTime(instant: string): string {
  return `${instant.slice(0, 16).replaceAll('-', '').replace(':', '')}Z`;
}

/** The record of an auditor's lookup: the filters, a client only by its key and fingerprint. */
function lookupRecord(
  caller: StaffCaller,
  deps: AuditDeskDeps,
  eventName: 'ListAuditRecords' | 'ExportAuditRecords',
  query: CheckedQuery,
  tickets: readonly string[] | undefined,
  responseElements: Record<string, unknown>,
): AuditRecord {
  return staffAudit(caller, {
    eventName,
    eventTime: deps.clock.now().toISOString(),
    readOnly: true,
    // Looking up a ticket's or a client's trail is a read about their data: findable by ticket too.
    references: tickets ?? [],
    requestParameters: {
      ...(query.user ? { user: query.user } : {}),
      ...(query.ticket ? { ticket: query.ticket } : {}),
      ...(query.client ? clientParameters(query.client) : {}),
      ...(query.eventName ? { eventName: query.eventName } : {}),
      ...(query.outcome ? { outcome: query.outcome } : {}),
      from: query.range.from,
      to: query.range.to,
      limit: query.limit,
      ...(query.cursor ? { cursor: true } : {}),
    },
    responseElements,
  });
}
