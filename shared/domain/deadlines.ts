/**
 * Legal deadlines for answering a client, counted on the Latvian working-day calendar.
 *
 * The answer deadline is one calendar month from the day of receipt in Riga (Iesniegumu likums
 * §5), moved to the next working day when it ends on a day that is not one, as terms are counted
 * in Latvian administrative procedure. Staff may extend it, with a reason the client is told, to
 * at most four months from receipt. First-response targets count working days.
 *
 * Every function takes an optional calendar; without one it uses `defaultCalendar`.
 */
import { type AnswerDeadlineRules, answerDeadlineRules } from './calendar-config.ts';
import {
  addMonths,
  type CalendarDate,
  defaultCalendar,
  isCalendarDate,
  localDate,
  type WorkingDayCalendar,
} from './working-days.ts';

export {
  addDays,
  addMonths,
  type CalendarDate,
  daysBetween,
  defaultCalendar,
  InvalidCalendarDate,
  isCalendarDate,
  localDate,
  timeZone,
  WorkingDayCalendar,
} from './working-days.ts';

/** Whether `date` is a working day. */
export function isWorkingDay(date: CalendarDate, calendar: WorkingDayCalendar = defaultCalendar): boolean {
  return calendar.isWorkingDay(date);
}

/** `date` itself when it is a working day, otherwise the next working day. */
export function nextWorkingDay(
  date: CalendarDate,
  calendar: WorkingDayCalendar = defaultCalendar,
): CalendarDate {
  return calendar.nextWorkingDay(date);
}

/**
 * The legal deadline for answering a request received at `receivedAt`: the same day number one
 * month after the Riga date of receipt (the month's last day when it has no such day), or the
 * next working day after it.
 *
 * @example answerDeadline(new Date('2026-11-24T10:00:00Z')) // '2026-12-28': 24–27 Dec are not working days
 */
export function answerDeadline(
  receivedAt: Date,
  calendar: WorkingDayCalendar = defaultCalendar,
  rules: AnswerDeadlineRules = answerDeadlineRules,
): CalendarDate {
  return calendar.nextWorkingDay(addMonths(localDate(receivedAt), rules.answerMonths));
}

/**
 * The latest date an extended answer deadline may fall on: the answer deadline of the longest
 * period the law allows (four months from receipt), on a working day.
 */
export function latestAnswerDeadline(
  receivedAt: Date,
  calendar?: WorkingDayCalendar,
  rules = answerDeadlineRules,
): CalendarDate {
  return answerDeadline(receivedAt, calendar, { ...rules, answerMonths: rules.maximumAnswerMonths });
}

/**
 * The `n`th working day after the Riga date of `receivedAt` (n = 0: that date, or the next
 * working day when it is not one). A request received on a Saturday with n = 1 is due Monday.
 */
export function workingDaysFrom(
  receivedAt: Date,
  n: number,
  calendar: WorkingDayCalendar = defaultCalendar,
): CalendarDate {
  return calendar.addWorkingDays(localDate(receivedAt), n);
}

/** When the first response to a request received at `receivedAt` is due, for a target in working days. */
export function firstResponseDue(
  receivedAt: Date,
  workingDays: number,
  calendar: WorkingDayCalendar = defaultCalendar,
): CalendarDate {
  return workingDaysFrom(receivedAt, workingDays, calendar);
}

/** Why a deadline extension was refused. Plain domain errors: the staff API maps them to responses. */
export class DeadlineExtensionRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The client must be told why the answer takes longer, so a reason is required. */
export class ExtensionReasonMissing extends DeadlineExtensionRejected {
  constructor() {
    super('An extension needs a reason');
  }
}

export class ExtensionDateInvalid extends DeadlineExtensionRejected {
  readonly value: string;

  constructor(value: string) {
    super(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
    this.value = value;
  }
}

export class ExtensionNotLater extends DeadlineExtensionRejected {
  readonly currentDeadline: CalendarDate;

  constructor(currentDeadline: CalendarDate) {
    super(`The new deadline must be later than the current one, ${currentDeadline}`);
    this.currentDeadline = currentDeadline;
  }
}

export class ExtensionNotOnWorkingDay extends DeadlineExtensionRejected {
  readonly nextWorkingDay: CalendarDate;

  constructor(date: CalendarDate, nextWorkingDay: CalendarDate) {
    super(`${date} is not a working day; the next one is ${nextWorkingDay}`);
    this.nextWorkingDay = nextWorkingDay;
  }
}

export class ExtensionBeyondLegalMaximum extends DeadlineExtensionRejected {
  readonly latestDeadline: CalendarDate;

  constructor(latestDeadline: CalendarDate) {
    super(`The answer period may not be extended beyond ${latestDeadline}`);
    this.latestDeadline = latestDeadline;
  }
}

export interface DeadlineExtensionRequest {
  readonly receivedAt: Date;
  readonly currentDeadline: CalendarDate;
  readonly newDeadline: CalendarDate;
  readonly reason: string;
}

export interface DeadlineExtension {
  readonly previousDeadline: CalendarDate;
  readonly deadline: CalendarDate;
  /** The reason as given, trimmed; it goes into the notice to the client and the audit trail. */
  readonly reason: string;
  /** The latest date the deadline could have been moved to. */
  readonly latestDeadline: CalendarDate;
}

/**
 * Checks an extension of the answer deadline: a reason is given, and the new deadline is a
 * working day later than the current one and no later than `latestAnswerDeadline(receivedAt)`.
 * Telling the client is the caller's job (the notice goes through the outbound queue).
 *
 * @throws {DeadlineExtensionRejected} one of its subclasses, naming the rule that failed.
 */
export function extendDeadline(
  request: DeadlineExtensionRequest,
  calendar: WorkingDayCalendar = defaultCalendar,
  rules: AnswerDeadlineRules = answerDeadlineRules,
): DeadlineExtension {
  const reason = request.reason.trim();
  if (reason === '') throw new ExtensionReasonMissing();
  for (const date of [request.currentDeadline, request.newDeadline]) {
    if (!isCalendarDate(date)) throw new ExtensionDateInvalid(date);
  }
  // YYYY-MM-DD strings compare in date order.
  if (request.newDeadline <= request.currentDeadline) throw new ExtensionNotLater(request.currentDeadline);
  if (!calendar.isWorkingDay(request.newDeadline)) {
    throw new ExtensionNotOnWorkingDay(request.newDeadline, calendar.nextWorkingDay(request.newDeadline));
  }
  const latestDeadline = latestAnswerDeadline(request.receivedAt, calendar, rules);
  if (request.newDeadline > latestDeadline) throw new ExtensionBeyondLegalMaximum(latestDeadline);
  return { previousDeadline: request.currentDeadline, deadline: request.newDeadline, reason, latestDeadline };
}
