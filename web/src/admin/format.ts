/**
 * Dates and times for people. The API sends calendar dates (`YYYY-MM-DD`, deadlines) and instants
 * (ISO 8601, receipt and sending times). Dates are formatted in UTC, as they have no time of day;
 * instants in Latvian time, where the court administration works, whatever the reader's machine says.
 */
import type { Language } from '../../../shared/domain/language.ts';
import { dateLocale } from './texts.ts';

const calendarDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const officeTimeZone = 'Europe/Riga';

function parseCalendarDate(value: string): Date | undefined {
  const match = calendarDate.exec(value);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** lv "2026. gada 28. decembris", en "28 December 2026"; an instant is shown as its date in Riga. */
export function formatLongDate(value: string, language: Language): string {
  const date = parseCalendarDate(value);
  if (date) {
    return new Intl.DateTimeFormat(dateLocale[language], { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  return new Intl.DateTimeFormat(dateLocale[language], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: officeTimeZone,
  }).format(instant);
}

/** Compact, for tables: lv "28.12.2026.", en "28/12/2026"; instants with the time. */
export function formatShortDate(value: string, language: Language): string {
  const date = parseCalendarDate(value);
  const numeric = { day: '2-digit', month: '2-digit', year: 'numeric' } as const;
  if (date)
    return new Intl.DateTimeFormat(dateLocale[language], { ...numeric, timeZone: 'UTC' }).format(date);
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  return new Intl.DateTimeFormat(dateLocale[language], {
    ...numeric,
    hour: '2-digit',
    minute: '2-digit',
    timeZone: officeTimeZone,
  }).format(instant);
}

/** A `<time>`'s `datetime`: the value itself when it is a date or an instant, else nothing. */
export function machineDate(value: string): string | undefined {
  if (parseCalendarDate(value)) return value;
  return Number.isNaN(new Date(value).getTime()) ? undefined : value;
}

/** A size in bytes for people: "820 B", "14 kB", "2,3 MB". */
export function formatSize(bytes: number, language: Language): string {
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(dateLocale[language], { maximumFractionDigits: digits }).format(value);
  if (bytes < 1024) return `${number(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024, 0)} kB`;
  return `${number(bytes / (1024 * 1024), 1)} MB`;
}

/** Today in Riga as `YYYY-MM-DD`, for the smallest date a deadline may be moved to. */
export function todayInRiga(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: officeTimeZone }).format(now);
}
