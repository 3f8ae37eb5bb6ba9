/**
 * Durations in whole working days on the Latvian calendar (§5.3, §26): how long a request waited
 * for its first response or its answer. The day a request arrives counts 0 and a reply on the
 * next working day 1; weekends, holidays and transferred days off are skipped, and a Saturday to
 * which a working day was transferred counts. A request that arrives on a day off is taken as
 * arriving on the next working day, as its deadlines are (`workingDaysFrom`): an answer on that
 * working day is 0.
 */
import { defaultCalendar, localDate, type WorkingDayCalendar } from '../working-days.ts';

/**
 * Whole working days from the instant `from` to the instant `to` (ISO strings or dates), both
 * taken as their dates in Riga; never negative (an answer before the first working day is 0).
 *
 * @example workingDaySpan('2026-04-02T09:00:00Z', '2026-04-07T09:00:00Z') // 1: Good Friday and Easter Monday are skipped
 */
export function workingDaySpan(
  from: string | Date,
  to: string | Date,
  calendar: WorkingDayCalendar = defaultCalendar,
): number {
  const start = calendar.nextWorkingDay(localDate(new Date(from)));
  const end = localDate(new Date(to));
  return Math.max(0, calendar.workingDaysBetween(start, end));
}
