/**
 * The auditor's desk (§20.3, §24): the audit trail listed with filters and exported as CSV
 * (`audit-records.ts`), and the data-subject access report — who read or changed a client's data,
 * when and why (`data-subject-report.ts`). Auditors only; every read of the trail is itself
 * audited, a client only by its keyed key (`clientGroupId`), never the address nor an unkeyed
 * hash of it (a dictionary reverses those). A client is named by its address or by its key (`client-…`, see
 * `clientKeyPattern`): the admin page sends only the key. Lookups are queries on keys (see the
 * `AuditTrail` port), never scans. This file holds what both share: the limits, the role check,
 * the checks of a client and a time range; `audit-csv.ts` makes their CSV files.
 */
import { clientKeyPattern } from '../domain/audit-query.ts';
import { clientGroupId, keyedClientKey, legacyClientKey } from '../domain/ids.ts';
import { accessDenied } from '../domain/refused.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { AuditRange, AuditTrail } from '../ports/audit-trail.ts';
import type { Clock } from '../ports/clock.ts';
import type { TicketDesk } from '../ports/ticket-desk.ts';
import type { StaffCaller } from './staff-audit.ts';
import type { StaffFieldError } from './staff-desk.ts';

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

/** Whose data an auditor asks about, and when: as the address gives them, checked here. */
export interface ClientAndRange {
  readonly client?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** Refuses (`AccessDenied`, 403) anyone without the `auditor` role. */
export function assertAuditor(caller: StaffCaller): void {
  if (!caller.roles.includes('auditor')) throw accessDenied();
}

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A client asked about. `key` is how the records name it: always a keyed key (`clientGroupId`), never
 * a legacy (unkeyed) one, which a dictionary reverses.
 */
export interface ClientRef {
  readonly key: string;
  /**
   * Other keys the client's tickets may be stored under: the legacy (unkeyed) key of an address not
   * yet migrated, or the keyed key of a given key that was a legacy one (the admin page hashes the
   * address in the browser, and old audit records name clients by their legacy key). Read with,
   * never recorded.
   */
  readonly otherKeys?: readonly string[];
  /**
   * The key as given, when a key (not an address) was given: legacy or keyed, which only its
   * tickets tell (`clientTicketsOf`). Read with, never recorded.
   */
  readonly given?: string;
}

/** An email address, or a client key (`client-` and 40 hex digits, any case; keyed or legacy). */
export function checkClient(
  value: string | undefined,
  errors: StaffFieldError[],
  required: boolean,
): ClientRef | undefined {
  const client = value?.trim() || undefined;
  if (client === undefined) {
    if (required) errors.push({ field: 'client', key: 'staff.field.required' });
    return undefined;
  }
  if (clientKeyPattern.test(client.toLowerCase())) {
    const given = client.toLowerCase();
    // Named by the keyed form of the key given until its tickets show the key given is keyed itself.
    return { key: keyedClientKey(given), otherKeys: [given], given };
  }
  if (client.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(client)) {
    errors.push({ field: 'client', key: 'staff.audit.client' });
    return undefined;
  }
  return { key: clientGroupId(client), otherKeys: [legacyClientKey(client)] };
}

/**
 * The client's tickets (newest first, at most `limit`) under its key and its other keys, and the
 * client as the records name it: always by a keyed key. A key given is named as given only when a
 * ticket found under it shows that it is the ticket's keyed key (`clientGroupId` of its address);
 * otherwise (a legacy key, with or without tickets) by its keyed form. A keyed key given whose
 * client has no tickets left is then named by its keyed form too: a key nobody can reverse.
 */
export async function clientTicketsOf(
  deps: Pick<AuditDeskDeps, 'desk'>,
  client: ClientRef,
  limit: number,
): Promise<{ client: ClientRef; tickets: Ticket[] }> {
  const keys = [client.key, ...(client.otherKeys ?? [])];
  const found = await Promise.all(keys.map((key) => deps.desk.clientTickets(key, limit)));
  const byReference = new Map<string, Ticket>();
  for (const tickets of found) for (const ticket of tickets) byReference.set(ticket.reference, ticket);
  const tickets = [...byReference.values()]
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.reference.localeCompare(a.reference))
    .slice(0, limit);
  const given = client.given;
  const givenIsKeyed =
    given !== undefined &&
    (found[1] ?? []).some(
      (ticket) => ticket.client.email !== '' && clientGroupId(ticket.client.email) === given,
    );
  return { client: { ...client, key: givenIsKeyed ? (given as string) : client.key }, tickets };
}

/** How a lookup's record names the client: by its keyed key alone. */
export function clientParameters(client: ClientRef): Record<string, string> {
  return { clientKey: client.key };
}

/**
 * The time range: ISO instants with a time zone, `from` before `to`. A listing defaults to the last
 * 24 hours up to now and spans at most 31 days (it reads every hour's partitions); a data-subject
 * report defaults to the whole history (it reads only the client's tickets).
 */
export function checkRange(
  fromText: string | undefined,
  toText: string | undefined,
  now: Date,
  errors: StaffFieldError[],
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
