/**
 * The deadline sweeper (§5.3): once a working day, flags every ticket still to answer whose answer
 * deadline has passed (`overdue`) or falls within the next N working days (`due-soon`), and sends
 * each unit's supervisors one digest of what was flagged since their last digest.
 *
 * Guarantees, for each unit and Riga date:
 * - A flag is written only when it changes (a conditional write on the flag and the deadline it
 *   was set for), so a rerun writes nothing; an extended deadline is flagged afresh.
 * - Every flag is reported in a digest: a flag stays "not reported" on the ticket until the digest
 *   that lists it is recorded, and each run lists every unreported flag it finds. A run that dies
 *   between flagging and mailing leaves the flags unreported, so the next run mails them.
 * - At most one digest per unit and day: a run claims the day's digest (a conditional put on
 *   `DIGEST#<unit>#<date>`, held for `digestClaimSeconds`, longer than the function may run) before
 *   sending and records it, with its entries, after SES accepts it. A second run finds the record
 *   and sends nothing; a failed send releases the claim so the next run sends at once. Flags set
 *   after the day's digest wait for the next working day's.
 * - Sent at least once rather than lost: only a run that dies after SES accepted the digest and
 *   before the record is written lets the next run (after the claim expires) send it again — the
 *   window send-email has too.
 * - Audit records (CloudTrail-shaped, references only) are appended idempotently: a flag's record
 *   carries the flag's own time and id, a digest's its send time and SES id, so a rerun that appends
 *   them again keeps one of each.
 *
 * Non-working days (weekends, public holidays, transferred days off) are skipped: the schedule may
 * fire every day, the Latvian calendar decides.
 */
import { randomUUID } from 'node:crypto';
import {
  type AuditRecord,
  type AuditResource,
  auditEventSource,
  auditRecord,
  ticketResource,
} from '../domain/audit-event.ts';
import { type Competence, competences as catalogue, replyDomain } from '../domain/competences.ts';
import {
  type CalendarDate,
  defaultCalendar,
  InvalidCalendarDate,
  isCalendarDate,
  localDate,
  type WorkingDayCalendar,
} from '../domain/deadlines.ts';
import { humanDate } from '../domain/human-date.ts';
import { stableId } from '../domain/ids.ts';
import type { Language } from '../domain/language.ts';
import { type DigestMessageKey, digestMessage } from '../i18n/digest-messages.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import {
  type DeadlineFlag,
  type DeadlineSweepStore,
  type DigestEntry,
  type DigestRecord,
  deadlineFlagStateOf,
} from '../ports/deadline-sweep.ts';
import type { Ids } from '../ports/ids.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { ListedTicket, Worklists, WorklistView } from '../ports/worklists.ts';

export interface SweepDeadlinesDeps {
  readonly worklists: Pick<Worklists, 'list'>;
  readonly sweep: DeadlineSweepStore;
  readonly mailer: Mailer;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** The address digests are sent from (`SENDER_ADDRESS`). */
  readonly senderAddress: string;
  /** @default defaultCalendar */
  readonly calendar?: WorkingDayCalendar;
  /** The units swept. @default the whole competence catalogue */
  readonly competences?: readonly Competence[];
  /** Where a unit's digest goes. @default {@link supervisorsAddressOf} */
  readonly supervisorsAddress?: (competence: Competence) => string;
  /** @default 'lv': supervisors read Latvian */
  readonly digestLanguage?: Language;
  /** How long a claim on a digest holds; longer than the function's timeout. @default 120 */
  readonly digestClaimSeconds?: number;
  /** Identifies this run's claims. @default a new id */
  readonly runId?: string;
  /** Where a run without a `runId` gets one (random when absent). */
  readonly ids?: Ids;
}

export interface SweepDeadlinesOptions {
  /** The Riga date to sweep for, `YYYY-MM-DD`. @default today in Riga */
  readonly today?: CalendarDate;
  /** A deadline from today through this many working days ahead is `due-soon` (0–10). @default 2 */
  readonly dueWithinWorkingDays?: number;
}

/**
 * What became of a unit's digest: sent by this run; sent earlier the same day; nothing to report;
 * another run is sending it; held back because a flag or audit write failed; or the send failed.
 */
export type DigestOutcome = 'sent' | 'already-sent' | 'nothing-new' | 'busy' | 'deferred' | 'failed';

export interface UnitSweep {
  readonly competence: string;
  /** Tickets still to answer past their deadline, and due within the window, as found now. */
  readonly overdue: number;
  readonly dueSoon: number;
  /** Flags this run set. */
  readonly flagged: number;
  readonly digest: DigestOutcome;
  /** Tickets listed in the digest this run sent. */
  readonly reported: number;
  /** The first error of the unit; the others' sweeps went on. */
  readonly error?: Error;
}

export interface SweepResult {
  readonly date: CalendarDate;
  /** False on weekends and holidays: nothing was read or written. */
  readonly workingDay: boolean;
  /** Deadlines from `dueFrom` through `dueThrough` were due soon; earlier ones overdue. */
  readonly dueFrom: CalendarDate;
  readonly dueThrough: CalendarDate;
  readonly units: readonly UnitSweep[];
}

/**
 * Some units' sweeps failed; the others' flags and digests stand. The handler throws it so that
 * Lambda retries the invocation (which redoes only what is missing) and the error alarm fires.
 * Lambda logs the thrown error with its enumerable attributes, so it carries the units' ids and
 * digest outcomes only (an SDK error's message or attributes may quote an address); the handler
 * logs each unit's error by name and category before.
 */
export class DeadlineSweepIncomplete extends Error {
  /** The competences whose sweep failed. */
  readonly units: readonly string[];

  constructor(units: readonly UnitSweep[]) {
    super(
      `Deadline sweep incomplete: ${units.map((unit) => `${unit.competence} (digest ${unit.digest})`).join(', ')}`,
    );
    this.name = 'DeadlineSweepIncomplete';
    this.units = units.map((unit) => unit.competence);
  }
}

/**
 * Where a unit's supervisors receive the digest: their staff group's mailbox in the reply domain,
 * e.g. `competence-court-fees-supervisors@courtdesk.example.lv`.
 */
export function supervisorsAddressOf(competence: Competence): string {
  return `${competence.supervisorsGroup}@${replyDomain}`;
}

/** Entries listed in one digest; the rest stay unreported and follow in the next. */
export const maximumDigestEntries = 500;

const pageSize = 100;
const writeConcurrency = 10;

/**
 * Flags the tickets of every unit that are overdue or due soon and mails each unit's supervisors
 * one digest of the flags since their last digest; see the module comment for the guarantees.
 * Units are independent: one unit's failure is reported in its `UnitSweep` and never stops another.
 *
 * @throws {InvalidCalendarDate} when `options.today` is not a date
 * @throws {RangeError} when `dueWithinWorkingDays` is not a whole number from 0 to 10
 */
export async function sweepDeadlines(
  deps: SweepDeadlinesDeps,
  options: SweepDeadlinesOptions = {},
): Promise<SweepResult> {
  const calendar = deps.calendar ?? defaultCalendar;
  const today = options.today ?? localDate(deps.clock.now());
  if (!isCalendarDate(today)) throw new InvalidCalendarDate(today);
  const dueWithin = options.dueWithinWorkingDays ?? 2;
  if (!Number.isInteger(dueWithin) || dueWithin < 0 || dueWithin > 10) {
    throw new RangeError(`dueWithinWorkingDays must be a whole number from 0 to 10, got ${dueWithin}`);
  }
  const dueThrough = calendar.addWorkingDays(today, dueWithin);
  const runId = deps.runId ?? (deps.ids ? deps.ids.newId() : randomUUID());
  if (!calendar.isWorkingDay(today)) {
    const result = { date: today, workingDay: false, dueFrom: today, dueThrough, units: [] };
    await deps.audit.append([sweepAudit(result, deps.clock.now(), runId)]);
    return result;
  }
  const run: Run = { deps, today, dueThrough, dueWithin, runId };
  const units = await Promise.all(
    (deps.competences ?? catalogue).map((competence) => sweepUnit(run, competence)),
  );
  const result = { date: today, workingDay: true, dueFrom: today, dueThrough, units };
  await deps.audit.append([sweepAudit(result, deps.clock.now(), runId)]);
  return result;
}

/**
 * The run's own record, written by every run (also on a day off, and when nothing was due), so
 * the trail shows that the sweep ran and what it did: counts per unit, no tickets.
 */
function sweepAudit(result: SweepResult, now: Date, runId: string): AuditRecord {
  return auditRecord({
    ...service,
    eventTime: now.toISOString(),
    eventName: 'SweepDeadlines',
    requestParameters: { date: result.date, dueThrough: result.dueThrough },
    responseElements: {
      workingDay: result.workingDay,
      units: result.units.map(({ competence, overdue, dueSoon, flagged, digest, reported, error }) => ({
        competence,
        overdue,
        dueSoon,
        flagged,
        digest,
        reported,
        ...(error ? { failed: true } : {}),
      })),
    },
    requestID: runId,
    eventID: stableId('SweepDeadlines', runId, now.toISOString()),
    resources: [],
  });
}

interface Run {
  readonly deps: SweepDeadlinesDeps;
  readonly today: CalendarDate;
  readonly dueThrough: CalendarDate;
  readonly dueWithin: number;
  readonly runId: string;
}

async function sweepUnit(run: Run, competence: Competence): Promise<UnitSweep> {
  const { deps, today } = run;
  const counts = { competence: competence.id, overdue: 0, dueSoon: 0, flagged: 0, reported: 0 };
  try {
    const [overdue, dueSoon] = await Promise.all([
      listAll(deps.worklists, { kind: 'overdue', competence: competence.id, before: today }),
      listAll(deps.worklists, {
        kind: 'due',
        competence: competence.id,
        from: today,
        through: run.dueThrough,
      }),
    ]);
    counts.overdue = overdue.length;
    counts.dueSoon = dueSoon.length;
    const found = [
      ...overdue.map((ticket) => ({ ticket, flag: 'overdue' as const })),
      ...dueSoon.map((ticket) => ({ ticket, flag: 'due-soon' as const })),
    ];

    // Flag what changed; collect every flag not yet reported, this run's and earlier runs'.
    const flaggedAt = deps.clock.now().toISOString();
    const unreported: DigestEntry[] = [];
    let firstError: Error | undefined;
    await forEachLimited(found, writeConcurrency, async ({ ticket, flag }) => {
      const state = deadlineFlagStateOf(ticket);
      if (state && state.deadlineFlag === flag && state.deadlineFlaggedFor === ticket.answerDeadline) {
        if (!state.deadlineReportedOn) unreported.push(entryOf(ticket, flag, state.deadlineFlaggedAt));
        return;
      }
      try {
        const changed = await deps.sweep.flag(
          {
            reference: ticket.reference,
            competence: competence.id,
            answerDeadline: ticket.answerDeadline,
            flag,
            flaggedAt,
          },
          flagAudit(competence, entryOf(ticket, flag, flaggedAt)),
        );
        // Not changed: answered, moved or re-dated since the worklist was read; the next run sees it.
        if (changed) {
          counts.flagged += 1;
          unreported.push(entryOf(ticket, flag, flaggedAt));
        }
      } catch (error) {
        firstError ??= asError(error);
      }
    });
    unreported.sort(byFlagThenDeadline);
    // The digest waits until every flag of the unit is written, so it is complete when it goes out.
    if (firstError) return { ...counts, digest: 'deferred', error: firstError };
    if (unreported.length === 0) return { ...counts, digest: 'nothing-new' };

    return { ...counts, ...(await sendDigest(run, competence, unreported, counts)) };
  } catch (error) {
    return { ...counts, digest: 'failed', error: asError(error) };
  }
}

async function sendDigest(
  run: Run,
  competence: Competence,
  unreported: readonly DigestEntry[],
  totals: { readonly overdue: number; readonly dueSoon: number },
): Promise<Pick<UnitSweep, 'digest' | 'reported' | 'error'>> {
  const { deps, today, runId } = run;
  const now = deps.clock.now();
  const claimSeconds = deps.digestClaimSeconds ?? 120;
  const claim = await deps.sweep.claimDigest(
    competence.id,
    today,
    runId,
    new Date(now.getTime() + claimSeconds * 1000),
    now,
  );
  if (claim.state === 'busy') return { digest: 'busy', reported: 0 };
  if (claim.state === 'sent') {
    // Sent earlier today. Finish what that run may not have: mark its entries, append its audit.
    // Flags set after it stay unreported until the next working day's digest.
    await deps.sweep.markReported(claim.record.entries, today);
    await deps.audit.append([digestAudit(competence, claim.record)]);
    return { digest: 'already-sent', reported: 0 };
  }

  const entries = unreported.slice(0, maximumDigestEntries);
  const language = deps.digestLanguage ?? 'lv';
  const to = (deps.supervisorsAddress ?? supervisorsAddressOf)(competence);
  const email = renderDeadlineDigest({
    competence,
    date: today,
    entries,
    left: unreported.length - entries.length,
    totals,
    dueWithinWorkingDays: run.dueWithin,
    language,
  });
  let sesMessageId: string;
  try {
    sesMessageId = await deps.mailer.send({
      from: deps.senderAddress,
      to,
      subject: email.subject,
      text: email.text,
      // RFC 3834: generated by a process, so that vacation responders do not answer it.
      headers: [{ name: 'Auto-Submitted', value: 'auto-generated' }],
    });
  } catch (error) {
    await deps.sweep.releaseDigest(competence.id, today, runId).catch(() => undefined);
    return { digest: 'failed', reported: 0, error: asError(error) };
  }
  const record: DigestRecord = {
    competence: competence.id,
    date: today,
    to,
    entries,
    sesMessageId,
    sentAt: deps.clock.now().toISOString(),
  };
  // `false`: this run outlived its claim and another run took the digest over; both were sent, and
  // the other run records its own. The entries are reported either way.
  await deps.sweep.recordDigest(record, runId);
  await deps.audit.append([digestAudit(competence, record)]);
  await deps.sweep.markReported(entries, today);
  return { digest: 'sent', reported: entries.length };
}

/** Every ticket of a worklist view, page by page. */
async function listAll(worklists: Pick<Worklists, 'list'>, view: WorklistView): Promise<ListedTicket[]> {
  const tickets: ListedTicket[] = [];
  let cursor: string | undefined;
  do {
    const page = await worklists.list(view, { limit: pageSize, ...(cursor ? { cursor } : {}) });
    tickets.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return tickets;
}

function entryOf(ticket: ListedTicket, flag: DeadlineFlag, flaggedAt: string): DigestEntry {
  return { reference: ticket.reference, answerDeadline: ticket.answerDeadline, flag, flaggedAt };
}

/** Overdue first, then due soon; each by deadline, then reference. */
function byFlagThenDeadline(a: DigestEntry, b: DigestEntry): number {
  return (
    (a.flag === b.flag ? 0 : a.flag === 'overdue' ? -1 : 1) ||
    a.answerDeadline.localeCompare(b.answerDeadline) ||
    a.reference.localeCompare(b.reference)
  );
}

export interface DeadlineDigestInput {
  readonly competence: Competence;
  readonly date: CalendarDate;
  /** Sorted: overdue first, then due soon. */
  readonly entries: readonly DigestEntry[];
  /** Unreported flags left for the next digest. */
  readonly left: number;
  /** Everything overdue or due soon in the unit now, reported or not. */
  readonly totals: { readonly overdue: number; readonly dueSoon: number };
  readonly dueWithinWorkingDays: number;
  readonly language: Language;
}

/** The digest e-mail: references, deadlines and flags, grouped by flag; no client data. */
export function renderDeadlineDigest(input: DeadlineDigestInput): { subject: string; text: string } {
  const { language } = input;
  const unit = input.competence.name[language];
  const line = (entry: DigestEntry) =>
    `- ${digestMessage(language, 'digest.line', {
      reference: entry.reference,
      deadline: humanDate(entry.answerDeadline, language),
    })}`;
  const section = (flag: DeadlineFlag, key: DigestMessageKey) => {
    const listed = input.entries.filter((entry) => entry.flag === flag);
    if (listed.length === 0) return [];
    const heading = digestMessage(language, key, {
      count: String(listed.length),
      days: String(input.dueWithinWorkingDays),
    });
    return [`${heading}\n${listed.map(line).join('\n')}`];
  };
  const days = input.dueWithinWorkingDays;
  const dueSoonKey: DigestMessageKey =
    days === 0
      ? 'digest.dueSoon.heading.today'
      : days === 1
        ? 'digest.dueSoon.heading.next'
        : 'digest.dueSoon.heading.within';
  const paragraphs = [
    digestMessage(language, 'digest.greeting'),
    digestMessage(language, 'digest.intro', { unit }),
    ...section('overdue', 'digest.overdue.heading'),
    ...section('due-soon', dueSoonKey),
    ...(input.left > 0 ? [digestMessage(language, 'digest.more', { count: String(input.left) })] : []),
    digestMessage(language, 'digest.totals', {
      overdue: String(input.totals.overdue),
      dueSoon: String(input.totals.dueSoon),
    }),
    digestMessage(language, 'digest.open'),
    digestMessage(language, 'digest.signature'),
    `-- \n${digestMessage(language, 'digest.automatic')}`,
  ];
  return {
    subject: digestMessage(language, 'digest.subject', { unit, date: humanDate(input.date, language) }),
    text: `${paragraphs.join('\n\n')}\n`,
  };
}

function competenceResource(competence: Competence): AuditResource {
  return { type: 'Courtdesk::Competence', ARN: `arn:courtdesk:competences::competence/${competence.id}` };
}

const service = {
  eventSource: auditEventSource,
  eventType: 'AwsServiceEvent',
  userIdentity: { type: 'Service', invokedBy: 'deadline-sweeper' },
  sourceIPAddress: 'courtdesk.internal',
  userAgent: 'courtdesk/deadline-sweeper',
  readOnly: false,
} as const;

/** The record of a flag; its time and id come from the flag, so appending it again keeps one. */
function flagAudit(competence: Competence, entry: DigestEntry): AuditRecord {
  return auditRecord({
    ...service,
    eventTime: entry.flaggedAt,
    eventName: 'FlagTicketDeadline',
    requestParameters: { competence: competence.id, flag: entry.flag, answerDeadline: entry.answerDeadline },
    responseElements: null,
    requestID: `deadline-sweep:${competence.id}:${localDate(new Date(entry.flaggedAt))}`,
    eventID: stableId(
      entry.reference,
      'FlagTicketDeadline',
      entry.flag,
      entry.answerDeadline,
      entry.flaggedAt,
    ),
    resources: [ticketResource(entry.reference)],
  });
}

/** The record of a sent digest; its time and id come from the digest record. */
function digestAudit(competence: Competence, record: DigestRecord): AuditRecord {
  const count = (flag: DeadlineFlag) => record.entries.filter((entry) => entry.flag === flag).length;
  return auditRecord({
    ...service,
    eventTime: record.sentAt,
    eventName: 'SendDeadlineDigest',
    requestParameters: {
      competence: competence.id,
      date: record.date,
      supervisorsGroup: competence.supervisorsGroup,
      overdue: count('overdue'),
      dueSoon: count('due-soon'),
    },
    responseElements: { sesMessageId: record.sesMessageId },
    requestID: `deadline-sweep:${competence.id}:${record.date}`,
    eventID: stableId(competence.id, 'SendDeadlineDigest', record.date, record.sesMessageId),
    resources: [
      competenceResource(competence),
      ...record.entries.map((entry) => ticketResource(entry.reference)),
    ],
  });
}

/** Runs `task` on every item, at most `limit` at a time. */
async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
