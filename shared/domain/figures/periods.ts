/**
 * The periods a figure is counted in: the day itself, its ISO week (from Monday), its month and
 * its year, each named by its first day. Dates are `YYYY-MM-DD` in Europe/Riga.
 */
import { addDays, type CalendarDate, daysBetween } from '../working-days.ts';
import type { Granularity } from './layout.ts';

/** 1970-01-05 was a Monday: weeks are counted from it. */
const aMonday = '1970-01-05';

/**
 * The first day of the period of `granularity` that `date` falls in.
 *
 * @example periodStart('w', '2026-01-01') // '2025-12-29' (ISO weeks start on Monday)
 */
export function periodStart(granularity: Granularity, date: CalendarDate): CalendarDate {
  switch (granularity) {
    case 'd':
      return addDays(date, 0);
    case 'w': {
      const sinceMonday = ((daysBetween(aMonday, date) % 7) + 7) % 7;
      return addDays(date, -sinceMonday);
    }
    case 'm':
      return `${addDays(date, 0).slice(0, 7)}-01`;
    case 'y':
      return `${addDays(date, 0).slice(0, 4)}-01-01`;
  }
}

/** The first days of the day, week, month and year `date` falls in. */
export function periodStarts(date: CalendarDate): Record<Granularity, CalendarDate> {
  return {
    d: periodStart('d', date),
    w: periodStart('w', date),
    m: periodStart('m', date),
    y: periodStart('y', date),
  };
}
