/**
 * The audit trail as auditors read it: records of a time range (24 hours unless said, 31 days at
 * most), narrowed by staff member, ticket, client, event and outcome, oldest first — a page at a
 * time, or a CSV file of up to 10,000 rows.
 */
import type { AuditEventName } from '../domain/audit-catalogue.ts';
import type { AuditRecord } from '../domain/audit-event.ts';
import {
  type AuditOutcome,
  auditCsvColumns,
  auditCsvRow,
  auditSortKey,
  matchesFilter,
} from '../domain/audit-query.ts';
import { decodeCursor, encodeCursor } from '../domain/page-cursor.ts';
import type { AuditRange } from '../ports/audit-trail.ts';
import { type CsvFile, csvWithin, fileTime } from './audit-csv.ts';
import {
  type AuditDeskDeps,
  assertAuditor,
  auditListing,
  type ClientAndRange,
  type ClientRef,
  checkClient,
  checkRange,
  clientParameters,
  clientTicketsOf,
} from './audit-desk.ts';
import { recordRead, type StaffCaller } from './staff-audit.ts';
import { fieldsRefused, type StaffFieldError } from './staff-desk.ts';

/** An auditor's query as it comes (strings from the address), checked here. */
export interface AuditQueryInput extends ClientAndRange {
  readonly user?: string | undefined;
  readonly ticket?: string | undefined;
  readonly eventName?: AuditEventName | undefined;
  readonly outcome?: AuditOutcome | undefined;
  readonly limit?: string | undefined;
  readonly cursor?: string | undefined;
}

export interface AuditListing {
  readonly records: AuditRecord[];
  readonly cursor?: string;
  /** The client has more tickets than were looked at (the newest `maxClientTickets`). */
  readonly moreTickets?: boolean;
}

/** `GET /api/staff/audit`: records oldest first, a page at a time. */
export async function listAuditRecords(
  deps: AuditDeskDeps,
  caller: StaffCaller,
  input: AuditQueryInput,
): Promise<AuditListing> {
  const found = await findRecords(deps, caller, input, {
    maxLimit: auditListing.maxLimit,
    defaultLimit: auditListing.defaultLimit,
    budget: auditListing.examineBudget,
  });
  const { moreTickets } = found;
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
  await recordLookup(deps, caller, 'ListAuditRecords', found, {
    count: records.length,
    more: cursor !== undefined,
    ...(moreTickets ? { moreTickets } : {}),
  });
  return { records, ...(cursor ? { cursor } : {}), ...(moreTickets ? { moreTickets } : {}) };
}

/** `GET /api/staff/audit?format=csv`: the same records as a CSV file, up to 10,000 rows. */
export async function exportAuditRecords(
  deps: AuditDeskDeps,
  caller: StaffCaller,
  input: AuditQueryInput,
): Promise<CsvFile> {
  const found = await findRecords(deps, caller, input, {
    maxLimit: auditListing.maxCsvRows,
    defaultLimit: auditListing.maxCsvRows,
    budget: auditListing.exportExamineBudget,
  });
  const { query, moreTickets } = found;
  const csv = csvWithin(auditCsvColumns, found.records, auditCsvRow);
  // A file cut short for its size goes on after its last row.
  const lastRow = found.records[csv.rows - 1];
  const cursor = csv.cut && lastRow ? encodeAfter(auditSortKey(lastRow)) : found.cursor;
  await recordLookup(deps, caller, 'ExportAuditRecords', found, {
    count: csv.rows,
    more: cursor !== undefined,
    format: 'csv',
    ...(moreTickets ? { moreTickets } : {}),
  });
  return {
    filename: `courtdesk-audit-${fileTime(query.range.from)}-${fileTime(query.range.to)}${moreTickets ? '-partial' : ''}.csv`,
    text: csv.text,
    rows: csv.rows,
    ...(cursor ? { cursor } : {}),
  };
}

/** What a lookup found: the query as checked, the tickets it is about, and the records. */
interface Found {
  readonly query: CheckedQuery;
  readonly tickets: string[] | undefined;
  readonly moreTickets: boolean;
  readonly records: AuditRecord[];
  readonly cursor?: string;
}

/** The auditor's query checked and run, reading at most `budget` records. */
async function findRecords(
  deps: AuditDeskDeps,
  caller: StaffCaller,
  input: AuditQueryInput,
  limits: { maxLimit: number; defaultLimit: number; budget: number },
): Promise<Found> {
  assertAuditor(caller);
  const checked = checkQuery(input, deps.clock.now(), limits.maxLimit, limits.defaultLimit);
  const { references: tickets, moreTickets, client } = await ticketsOf(deps, checked);
  const query = client ? { ...checked, client } : checked;
  return { query, tickets, moreTickets, ...(await search(deps, query, tickets, limits.budget)) };
}

// ---- Checking the query ---------------------------------------------------------------------------

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

function checkQuery(input: AuditQueryInput, now: Date, maxLimit: number, defaultLimit: number): CheckedQuery {
  const errors: StaffFieldError[] = [];
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
  if (errors.length || !range) throw fieldsRefused(errors);
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
// ---- Searching ------------------------------------------------------------------------------------

/** The tickets a query is about: the one named, the client's (both: those of the client's that match). */
async function ticketsOf(
  deps: AuditDeskDeps,
  query: CheckedQuery,
): Promise<{ references: string[] | undefined; moreTickets: boolean; client?: ClientRef }> {
  if (!query.client) return { references: query.ticket ? [query.ticket] : undefined, moreTickets: false };
  const { client, tickets } = await clientTicketsOf(deps, query.client, auditListing.maxClientTickets);
  const references = tickets.map((ticket) => ticket.reference);
  return {
    references: query.ticket ? references.filter((reference) => reference === query.ticket) : references,
    // As many as asked for: there may be older ones, not looked at (said, never silently left out).
    moreTickets: !query.ticket && tickets.length >= auditListing.maxClientTickets,
    client,
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

/** Records an auditor's lookup: the filters, a client only by its keyed key. */
async function recordLookup(
  deps: AuditDeskDeps,
  caller: StaffCaller,
  eventName: 'ListAuditRecords' | 'ExportAuditRecords',
  { query, tickets }: Pick<Found, 'query' | 'tickets'>,
  responseElements: Record<string, unknown>,
): Promise<void> {
  await recordRead(deps, caller, {
    eventName,
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
