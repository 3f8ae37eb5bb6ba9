import type { Language } from '../../shared/domain/language.ts';
import { dateLocale } from './texts.ts';

const calendarDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date `YYYY-MM-DD` written out for people: lv "2026. gada 28. decembris",
 * en "28 December 2026". Formatted in UTC because the date has no time of day, so the reader's
 * time zone must not move it. Anything that is not such a date is returned unchanged.
 */
export function formatCalendarDate(value: string, language: Language): string {
  const match = calendarDate.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(dateLocale[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}
