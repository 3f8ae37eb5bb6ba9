/**
 * The Latvian working-day calendar. A day is not a working day when it is a Saturday or Sunday,
 * a public holiday, a one-off holiday, or a weekday made free by a transfer; a Saturday to which
 * a working day was transferred is a working day. Dates are calendar dates in Europe/Riga.
 */
import { type CalendarConfig, latvianCalendarConfig } from './calendar-config.ts';
import { dateOfDay, dayNumber, saturday, sunday, weekdayOf, yearOfDay } from './day-numbers.ts';
import type { Language, LocalizedText } from './language.ts';
import { latvianPublicHolidays } from './latvian-holidays.ts';

export const timeZone = 'Europe/Riga';

/** A calendar date as `YYYY-MM-DD`. */
export type CalendarDate = string;

/** A string that is not a real `YYYY-MM-DD` date (a typo in config, a bad request field). */
export class InvalidCalendarDate extends Error {
  readonly value: string;

  constructor(value: string) {
    super(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
    this.name = 'InvalidCalendarDate';
    this.value = value;
  }
}

// Made on first use: a formatter with a time zone loads ICU's zone data (some 15 ms), which a cold
// start that dates nothing need not pay.
let rigaDate: Intl.DateTimeFormat | undefined;

/** The date in Riga at `instant`. */
export function localDate(instant: Date): CalendarDate {
  rigaDate ??= new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return rigaDate.format(instant);
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDayNumber(date: CalendarDate): number {
  const match = datePattern.exec(date);
  if (match) {
    const day = dayNumber(Number(match[1]), Number(match[2]), Number(match[3]));
    if (dateOfDay(day) === date) return day;
  }
  throw new InvalidCalendarDate(date);
}

/** Whether `value` is a real date written `YYYY-MM-DD`. */
export function isCalendarDate(value: string): value is CalendarDate {
  try {
    toDayNumber(value);
    return true;
  } catch {
    return false;
  }
}

/** `date` plus `months` calendar months; a day that the target month lacks becomes its last day. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  toDayNumber(date);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return dateOfDay(dayNumber(targetYear, targetMonth, Math.min(day, lastDay)));
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return dateOfDay(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Public holidays of `year` by day number, names in both languages. */
function publicHolidays(year: number): Map<number, LocalizedText> {
  const holidays = new Map<number, LocalizedText>();
  for (const holiday of latvianPublicHolidays(year)) {
    const day = toDayNumber(holiday.date);
    if (!holidays.has(day)) holidays.set(day, holiday.name);
  }
  return holidays;
}

/**
 * Working days in Latvia for institutions on a Monday-to-Friday week. Holidays are computed once
 * per year and cached; the config adds one-off holidays and the Cabinet's transferred working days.
 */
export class WorkingDayCalendar {
  readonly #extraHolidays = new Map<number, LocalizedText>();
  readonly #workingSaturdays = new Set<number>();
  readonly #transferredDaysOff = new Set<number>();
  readonly #holidaysByYear = new Map<number, Map<number, LocalizedText>>();

  /** Throws `InvalidCalendarDate` or `RangeError` when the config is inconsistent, so a bad entry fails at start. */
  constructor(config: CalendarConfig = latvianCalendarConfig) {
    for (const holiday of config.extraHolidays)
      this.#extraHolidays.set(toDayNumber(holiday.date), holiday.name);
    for (const transfer of config.transferredWorkingDays) {
      const workingSaturday = toDayNumber(transfer.workingSaturday);
      const dayOff = toDayNumber(transfer.dayOff);
      if (weekdayOf(workingSaturday) !== saturday) {
        throw new RangeError(`Transferred working day ${transfer.workingSaturday} is not a Saturday`);
      }
      const dayOffWeekday = weekdayOf(dayOff);
      if (dayOffWeekday === saturday || dayOffWeekday === sunday) {
        throw new RangeError(`Transferred day off ${transfer.dayOff} is not a weekday`);
      }
      this.#workingSaturdays.add(workingSaturday);
      this.#transferredDaysOff.add(dayOff);
    }
  }

  /** Whether `date` is a working day. */
  isWorkingDay(date: CalendarDate): boolean {
    return this.#isWorking(toDayNumber(date));
  }

  /** `date` itself when it is a working day, otherwise the next working day. */
  nextWorkingDay(date: CalendarDate): CalendarDate {
    let day = toDayNumber(date);
    while (!this.#isWorking(day)) day += 1;
    return dateOfDay(day);
  }

  /**
   * The `n`th working day after `date`, counting from the day after it: with `n` = 1 the first
   * working day after `date`. With `n` = 0, `nextWorkingDay(date)`. The result is a working day.
   */
  addWorkingDays(date: CalendarDate, n: number): CalendarDate {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`Working days must be a whole number ≥ 0, got ${n}`);
    if (n === 0) return this.nextWorkingDay(date);
    let day = toDayNumber(date);
    for (let counted = 0; counted < n; ) {
      day += 1;
      if (this.#isWorking(day)) counted += 1;
    }
    return dateOfDay(day);
  }

  /**
   * The working days after `from` up to and including `to`; negative when `to` is earlier.
   * The inverse of `addWorkingDays`: `workingDaysBetween(d, addWorkingDays(d, n)) === n` for n ≥ 1.
   */
  workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
    const start = toDayNumber(from);
    const end = toDayNumber(to);
    if (end < start) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let day = start + 1; day <= end; day += 1) if (this.#isWorking(day)) count += 1;
    return count;
  }

  /** The name of the public or one-off holiday on `date`, or `undefined` when there is none. */
  holidayName(date: CalendarDate, language: Language): string | undefined {
    const day = toDayNumber(date);
    return (this.#extraHolidays.get(day) ?? this.#holidaysOf(day).get(day))?.[language];
  }

  #isWorking(day: number): boolean {
    if (this.#workingSaturdays.has(day)) return true;
    if (this.#transferredDaysOff.has(day) || this.#extraHolidays.has(day)) return false;
    const weekday = weekdayOf(day);
    if (weekday === saturday || weekday === sunday) return false;
    return !this.#holidaysOf(day).has(day);
  }

  #holidaysOf(day: number): Map<number, LocalizedText> {
    const year = yearOfDay(day);
    let holidays = this.#holidaysByYear.get(year);
    if (!holidays) {
      holidays = publicHolidays(year);
      this.#holidaysByYear.set(year, holidays);
    }
    return holidays;
  }
}

/** The calendar with the shipped Latvian config; holidays are computed on first use. */
export const defaultCalendar = new WorkingDayCalendar(latvianCalendarConfig);
