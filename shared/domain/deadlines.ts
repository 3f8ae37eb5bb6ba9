/**
 * Answer deadlines. For now: one calendar month from receipt (the legal default for a written
 * submission), moved past weekends. The Latvian working-day calendar (holidays, transferred
 * working days) replaces `isWorkingDay` in the routing and deadlines issue.
 */

export const timeZone = 'Europe/Riga';

/** A calendar date as `YYYY-MM-DD`. */
export type CalendarDate = string;

const rigaDate = new Intl.DateTimeFormat('en-CA', {
  timeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The date in Riga at `instant`. */
export function localDate(instant: Date): CalendarDate {
  return rigaDate.format(instant);
}

function parts(date: CalendarDate): [number, number, number] {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return [year, month, day];
}

function format(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `date` plus `months` calendar months; a day that the target month lacks becomes its last day. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return format(targetYear, targetMonth, Math.min(day, lastDay));
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [year, month, day] = parts(date);
  const next = new Date(Date.UTC(year, month - 1, day + days));
  return format(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

export function isWorkingDay(date: CalendarDate): boolean {
  const [year, month, day] = parts(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** `date` itself when it is a working day, otherwise the next working day. */
export function nextWorkingDay(date: CalendarDate): CalendarDate {
  let current = date;
  while (!isWorkingDay(current)) current = addDays(current, 1);
  return current;
}

/** The legal deadline for answering a request received at `receivedAt`. */
export function answerDeadline(receivedAt: Date): CalendarDate {
  return nextWorkingDay(addMonths(localDate(receivedAt), 1));
}
