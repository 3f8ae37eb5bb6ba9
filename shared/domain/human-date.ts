/**
 * Dates as people read them in a letter or a mail: `28.12.2026.` in Latvian, `28 December 2026`
 * in English. Notices, letters and the supervisors' digest write dates this way.
 */
import type { Language } from './language.ts';

/** Month names in English, January first (the letters' dates use them too). */
export const englishMonths = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A `YYYY-MM-DD` date as people write it: `28.12.2026.` in Latvian, `28 December 2026` in English. */
export function humanDate(date: string, language: Language): string {
  const [year, month, day] = date.split('-');
  if (language === 'lv') return `${day}.${month}.${year}.`;
  return `${Number(day)} ${englishMonths[Number(month) - 1]} ${year}`;
}
