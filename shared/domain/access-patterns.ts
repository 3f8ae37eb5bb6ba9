/**
 * Unusual access, read from the audit trail itself: once an hour the records of
 * the hour just ended are compared with the same staff member's usual hours. Two signs are looked
 * for:
 * - **unusual reading** — an account that opened far more tickets in the hour than it usually does
 *   (more than `factor` times its busiest comparable hour, and more than `floor`: a new account has
 *   no usual, so only the floor applies);
 * - **tickets outside its competence** — attempts refused because the ticket belongs to a unit the
 *   account does not work for (AccessDenied on a ticket), `outsideAttempts` or more in the hour.
 * "Comparable hours" are the same hour of the week in the previous weeks and the hours just before
 * (office work follows the week), so a Monday-morning rush is compared with Monday mornings.
 *
 * Pure: the caller reads the hours and publishes the result (metrics, alarm, audit record).
 */
import type { AuditRecord } from './audit-event.ts';

export interface ReadingPolicy {
  /** Tickets an account may open in an hour without being compared at all. */
  readonly floor: number;
  /** How many times its usual (busiest comparable hour) counts as unusual. */
  readonly factor: number;
  /** Refused attempts at other units' tickets in an hour that flag the account. */
  readonly outsideAttempts: number;
}

export const defaultReadingPolicy: ReadingPolicy = { floor: 30, factor: 3, outsideAttempts: 3 };

/** Hours compared with the reviewed one: the same hour in the previous weeks, and the hours before. */
export const comparableWeeks = 4;
export const comparableHoursBefore = 8;

const hourMs = 3_600_000;

/** `YYYY-MM-DDTHH` (UTC) of an instant. */
export function hourKey(instant: Date): string {
  return instant.toISOString().slice(0, 13);
}

/** The hours whose records tell an account's usual for `hour` (`YYYY-MM-DDTHH`), newest first. */
export function comparableHours(hour: string): string[] {
  const start = Date.parse(`${hour}:00:00.000Z`);
  const hours: string[] = [];
  for (let back = 1; back <= comparableHoursBefore; back += 1)
    hours.push(hourKey(new Date(start - back * hourMs)));
  for (let week = 1; week <= comparableWeeks; week += 1)
    hours.push(hourKey(new Date(start - week * 7 * 24 * hourMs)));
  return hours;
}

const ticketArnPrefix = 'arn:courtdesk:tickets::ticket/';

function ticketsOf(record: AuditRecord): string[] {
  return record.resources
    .filter((resource) => resource.ARN.startsWith(ticketArnPrefix))
    .map((resource) => resource.ARN.slice(ticketArnPrefix.length));
}

function staffUser(record: AuditRecord): string | undefined {
  return record.userIdentity.type === 'Staff' ? record.userIdentity.userName : undefined;
}

/** Distinct tickets each staff account opened (read a ticket's content, allowed) in the records. */
export function ticketsOpened(records: readonly AuditRecord[]): Map<string, number> {
  const opened = new Map<string, Set<string>>();
  for (const record of records) {
    const user = staffUser(record);
    if (!user || record.eventName !== 'GetTicket' || record.errorCode) continue;
    const tickets = opened.get(user) ?? new Set<string>();
    for (const reference of ticketsOf(record)) tickets.add(reference);
    opened.set(user, tickets);
  }
  return new Map([...opened].map(([user, tickets]) => [user, tickets.size]));
}

/** Refused attempts at a ticket (AccessDenied naming a ticket) per staff account. */
export function outsideCompetenceAttempts(records: readonly AuditRecord[]): Map<string, number> {
  const attempts = new Map<string, number>();
  for (const record of records) {
    const user = staffUser(record);
    if (!user || record.errorCode !== 'AccessDenied' || ticketsOf(record).length === 0) continue;
    attempts.set(user, (attempts.get(user) ?? 0) + 1);
  }
  return attempts;
}

export interface ReaderFinding {
  readonly user: string;
  readonly opened: number;
  /** Its busiest comparable hour. */
  readonly usual: number;
}

export interface AccessReview {
  readonly hour: string;
  readonly records: number;
  /** Every refused call in the hour (any route). */
  readonly accessDenied: number;
  readonly ticketsOpened: number;
  /** Accounts that read far more than usual, busiest first. */
  readonly unusualReaders: readonly ReaderFinding[];
  /** Accounts with `outsideAttempts` or more refused attempts at other units' tickets. */
  readonly outsideCompetence: readonly { readonly user: string; readonly attempts: number }[];
  /** All refused attempts at tickets in the hour, flagged or not. */
  readonly outsideAttempts: number;
}

/** Reviews one hour's records against the comparable hours' (`history`, one list per hour). */
export function reviewAccess(input: {
  readonly hour: string;
  readonly records: readonly AuditRecord[];
  readonly history: readonly (readonly AuditRecord[])[];
  readonly policy?: ReadingPolicy;
}): AccessReview {
  const policy = input.policy ?? defaultReadingPolicy;
  const opened = ticketsOpened(input.records);
  const usual = new Map<string, number>();
  for (const hour of input.history)
    for (const [user, count] of ticketsOpened(hour)) usual.set(user, Math.max(usual.get(user) ?? 0, count));

  const unusualReaders = [...opened]
    .map(([user, count]) => ({ user, opened: count, usual: usual.get(user) ?? 0 }))
    .filter((reader) => reader.opened > policy.floor && reader.opened > policy.factor * reader.usual)
    .sort((a, b) => b.opened - a.opened || a.user.localeCompare(b.user));
  const attempts = outsideCompetenceAttempts(input.records);
  const outsideCompetence = [...attempts]
    .filter(([, count]) => count >= policy.outsideAttempts)
    .map(([user, count]) => ({ user, attempts: count }))
    .sort((a, b) => b.attempts - a.attempts || a.user.localeCompare(b.user));

  return {
    hour: input.hour,
    records: input.records.length,
    accessDenied: input.records.filter((record) => record.errorCode === 'AccessDenied').length,
    ticketsOpened: [...opened.values()].reduce((sum, count) => sum + count, 0),
    unusualReaders,
    outsideCompetence,
    outsideAttempts: [...attempts.values()].reduce((sum, count) => sum + count, 0),
  };
}
