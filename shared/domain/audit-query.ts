/**
 * Reading the audit trail: the order records are listed in, the filters an
 * auditor combines, the CSV export (safe to open in a spreadsheet) and the entries of a
 * data-subject access report. Pure: the records come from the `AuditTrail` port.
 */
import { type AuditCategory, type AuditEventName, auditCatalogue } from './audit-catalogue.ts';
import type { AuditRecord } from './audit-event.ts';

/**
 * A record's place in the trail: `eventTime#eventID`, the sort key it is stored under. Listing is
 * by this key in byte order (oldest first), and a page cursor is the key of the last record shown.
 */
export function auditSortKey(record: Pick<AuditRecord, 'eventTime' | 'eventID'>): string {
  return `${record.eventTime}#${record.eventID}`;
}

/** How many tickets of one record are findable by ticket (the ticket index items written with it). */
export const maxIndexedTickets = 100;

const ticketArnPrefix = 'arn:courtdesk:tickets::ticket/';

/** The references of the tickets a record names (its `Courtdesk::Ticket` resources), at most 100. */
export function ticketReferencesOf(record: Pick<AuditRecord, 'resources'>): string[] {
  const references = record.resources
    .filter((resource) => resource.type === 'Courtdesk::Ticket' && resource.ARN.startsWith(ticketArnPrefix))
    .map((resource) => resource.ARN.slice(ticketArnPrefix.length));
  return [...new Set(references)].slice(0, maxIndexedTickets);
}

export type AuditOutcome = 'success' | 'failure';

/** A refused or failed call carries an error code; anything else succeeded. */
export function outcomeOf(record: Pick<AuditRecord, 'errorCode'>): AuditOutcome {
  return record.errorCode ? 'failure' : 'success';
}

/** Who acted: the staff member's user name, the function's name, or the kind of caller (a client). */
export function actorOf(record: Pick<AuditRecord, 'userIdentity'>): string {
  const identity = record.userIdentity;
  return identity.userName ?? identity.invokedBy ?? identity.principalId ?? identity.type;
}

/** The staff user name a record is listed under in the `user` index; service records have none. */
export function staffUserOf(record: Pick<AuditRecord, 'userIdentity'>): string | undefined {
  const identity = record.userIdentity;
  return identity.type === 'Staff' && identity.userName ? identity.userName : undefined;
}

export function isAuditEventName(name: string): name is AuditEventName {
  return Object.hasOwn(auditCatalogue, name);
}

export function categoryOf(eventName: string): AuditCategory | undefined {
  return isAuditEventName(eventName) ? auditCatalogue[eventName].category : undefined;
}

export function descriptionOf(eventName: string): { lv: string; en: string } {
  return isAuditEventName(eventName)
    ? { ...auditCatalogue[eventName].description }
    : { lv: eventName, en: eventName };
}

/**
 * The key a client's tickets are stored under in the tickets table (`clientGroupId` in ids.ts):
 * `client-` and the first 40 hex digits of that SHA-256. An auditor may name a client by it
 * instead of the address, so that no address travels in a URL (CDN and API logs keep query strings).
 */
export const clientKeyPattern = /^client-[0-9a-f]{40}$/;

/** The filters of an auditor's listing, besides the time range (applied to the records read). */
export interface AuditRecordFilter {
  readonly user?: string | undefined;
  readonly eventName?: AuditEventName | undefined;
  readonly outcome?: AuditOutcome | undefined;
}

export function matchesFilter(record: AuditRecord, filter: AuditRecordFilter): boolean {
  if (filter.user !== undefined && staffUserOf(record) !== filter.user) return false;
  if (filter.eventName !== undefined && record.eventName !== filter.eventName) return false;
  return filter.outcome === undefined || outcomeOf(record) === filter.outcome;
}

// ---- CSV --------------------------------------------------------------------------------------

/**
 * One CSV cell (RFC 4180), always quoted. A value a spreadsheet would take for a formula (starting
 * with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`, as OWASP advises
 * against CSV injection: a user agent or an error message is the caller's to choose.
 */
export function csvCell(value: string | number | boolean | undefined | null): string {
  const text = value === undefined || value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function csvLine(cells: readonly (string | number | boolean | undefined | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A byte-order mark first: spreadsheet programs then read the file as UTF-8 (Latvian letters). */
export const csvStart = '\uFEFF';

export const auditCsvColumns = [
  'eventTime',
  'eventName',
  'category',
  'user',
  'outcome',
  'errorCode',
  'readOnly',
  'resources',
  'sourceIPAddress',
  'userAgent',
  'requestID',
  'eventID',
] as const;

export function auditCsvRow(record: AuditRecord): string {
  return csvLine([
    record.eventTime,
    record.eventName,
    categoryOf(record.eventName),
    actorOf(record),
    outcomeOf(record),
    record.errorCode,
    record.readOnly,
    record.resources.map((resource) => resource.ARN).join(' '),
    record.sourceIPAddress,
    record.userAgent,
    record.requestID,
    record.eventID,
  ]);
}

// ---- Data-subject access report ---------------------------------------------------------------

/**
 * Why a record was written, as far as the trail says: its kind (read, change, intake, delivery…),
 * the unit acted for, a stated reason's fingerprint and length (the words stay on the ticket), and
 * the other plain parameters it holds (status, view, channel, the units of a re-routing…).
 */
export interface SubjectReason {
  readonly category: AuditCategory | 'unknown';
  readonly competence?: string;
  readonly reasonSha256?: string;
  readonly reasonLength?: number;
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

export interface SubjectEntry {
  readonly eventTime: string;
  readonly user: string;
  readonly actor: AuditRecord['userIdentity']['type'];
  readonly eventName: string;
  readonly description: { readonly lv: string; readonly en: string };
  readonly readOnly: boolean;
  readonly outcome: AuditOutcome;
  readonly errorCode?: string;
  readonly why: SubjectReason;
}

/** Parameters of a record that say why, by name; identifiers and anything else stay out. */
const reasonDetails = [
  'view',
  'status',
  'from',
  'to',
  'channel',
  'topic',
  'kind',
  'flag',
  'answerDeadline',
  'queryKind',
  'matchedBy',
  'passedOver',
  'type',
] as const;

export function subjectEntry(record: AuditRecord): SubjectEntry {
  const parameters = record.requestParameters ?? {};
  const scalar = (name: string): string | number | boolean | undefined => {
    const value = parameters[name];
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? value
      : undefined;
  };
  const details = Object.fromEntries(
    reasonDetails.flatMap((name) => {
      const value = scalar(name);
      return value === undefined ? [] : [[name, value]];
    }),
  );
  const competence = scalar('competence');
  const reasonSha256 = scalar('reasonSha256');
  const reasonLength = scalar('reasonLength');
  const why: SubjectReason = {
    category: categoryOf(record.eventName) ?? 'unknown',
    ...(typeof competence === 'string' ? { competence } : {}),
    ...(typeof reasonSha256 === 'string' ? { reasonSha256 } : {}),
    ...(typeof reasonLength === 'number' ? { reasonLength } : {}),
    ...(Object.keys(details).length ? { details } : {}),
  };
  return {
    eventTime: record.eventTime,
    user: actorOf(record),
    actor: record.userIdentity.type,
    eventName: record.eventName,
    description: descriptionOf(record.eventName),
    readOnly: record.readOnly,
    outcome: outcomeOf(record),
    ...(record.errorCode ? { errorCode: record.errorCode } : {}),
    why,
  };
}

export const subjectCsvColumns = [
  'reference',
  'unit',
  'eventTime',
  'user',
  'eventName',
  'description',
  'readOnly',
  'outcome',
  'errorCode',
  'why',
] as const;

export function subjectCsvRow(reference: string, unit: string, entry: SubjectEntry): string {
  const { category, details, ...stated } = entry.why;
  const why = [
    `category=${category}`,
    ...Object.entries({ ...stated, ...details }).map(([name, value]) => `${name}=${value}`),
  ].join('; ');
  return csvLine([
    reference,
    unit,
    entry.eventTime,
    entry.user,
    entry.eventName,
    entry.description.lv,
    entry.readOnly,
    entry.outcome,
    entry.errorCode,
    why,
  ]);
}
