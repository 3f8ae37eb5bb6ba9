/**
 * Calendar dates as whole days since 1970-01-01: stepping, comparing and weekdays are then
 * integer arithmetic, with no time of day to drift across a DST change.
 */

const millisecondsPerDay = 86_400_000;

/** The day number of a date given by year, month (1–12) and day; out-of-range parts roll over. */
export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / millisecondsPerDay;
}

/** The `YYYY-MM-DD` date of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * millisecondsPerDay).toISOString().slice(0, 10);
}

/** The year a day number falls in. */
export function yearOfDay(day: number): number {
  return new Date(day * millisecondsPerDay).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday; day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export const saturday = 6;
export const sunday = 0;
