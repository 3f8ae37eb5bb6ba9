/**
 * Latvia's public holidays (law "Par svētku, atceres un atzīmējamām dienām" §1), computed here
 * rather than by a holiday library: a library that knows every country brings its data and a
 * time-zone database into each function, some 1.4 MB, for fourteen rules.
 *
 * The rules and the names are those of `date-holidays` 3.37.0 (its data/countries/LV.yaml and
 * names.yaml), which the tests keep as the oracle: fixed dates, Good Friday and the two Easter
 * days (Western Easter), Līgo and Jāņi, 4 May and 18 November with a substitute Monday when they
 * fall on a weekend, and the one-off days off a law declared. Observances (Mother's Day,
 * Pentecost) are not days off and are not listed. Like the library, the rules are applied to
 * every year alike; the working-day calendar serves current dates.
 */
import { dateOfDay, dayNumber, saturday, sunday, weekdayOf } from './day-numbers.ts';
import type { LocalizedText } from './language.ts';

/** A public holiday: its `YYYY-MM-DD` date and its name. */
export interface PublicHoliday {
  readonly date: string;
  readonly name: LocalizedText;
}

/** Holidays on the same month and day every year, as `MM-DD`. */
const fixedHolidays: readonly (readonly [string, LocalizedText])[] = [
  ['01-01', { lv: 'Jaunais Gads', en: "New Year's Day" }],
  ['05-01', { lv: 'Darba svētki', en: 'Labour Day' }],
  ['06-23', { lv: 'Līgo Diena', en: 'Midsummer Eve' }],
  ['06-24', { lv: 'Jāņi', en: 'Midsummer' }],
  ['12-24', { lv: 'Ziemassvētku vakars', en: 'Christmas Eve' }],
  ['12-25', { lv: 'Ziemassvētki', en: 'Christmas Day' }],
  ['12-26', { lv: 'Otrie Ziemassvētki', en: 'Boxing Day' }],
  ['12-31', { lv: 'Vecgada vakars', en: "New Year's Eve" }],
];

/** Holidays a law moves to the next Monday when they fall on a Saturday or Sunday, as `MM-DD`. */
const holidaysWithSubstitute: readonly (readonly [string, LocalizedText])[] = [
  [
    '05-04',
    { lv: 'Latvijas Republikas Neatkarības atjaunošanas diena', en: 'Restoration of Independence day' },
  ],
  ['11-18', { lv: 'Latvijas Republikas proklamēšanas diena', en: 'Republic Day' }],
];

/** Holidays counted in days from Easter Sunday. */
const easterHolidays: readonly (readonly [number, LocalizedText])[] = [
  [-2, { lv: 'Lielā Piektdiena', en: 'Good Friday' }],
  [0, { lv: 'Lieldienas', en: 'Easter Sunday' }],
  [1, { lv: 'Otrās Lieldienas', en: 'Easter Monday' }],
];

/** Days off a law declared for one date only. */
const oneOffHolidays: readonly PublicHoliday[] = [
  {
    date: '2023-05-29',
    name: {
      lv: 'Latvijas hokeja komandas 2023. gada Pasaules hokeja čempionātā bronzas medaļa',
      en: 'Bronze medal of the Latvian hockey team at the 2023 World Hockey Championship',
    },
  },
];

/** Easter Sunday of `year` as days since 1970-01-01: the anonymous Gregorian algorithm (Meeus). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const monthAndDay = h + l - 7 * m + 114;
  return dayNumber(year, Math.floor(monthAndDay / 31), (monthAndDay % 31) + 1);
}

/** The public holidays of `year` in date order, names in Latvian and English. */
export function latvianPublicHolidays(year: number): PublicHoliday[] {
  const holidays: { day: number; name: LocalizedText }[] = [];
  const monthDay = (date: string) => dayNumber(year, Number(date.slice(0, 2)), Number(date.slice(3, 5)));
  for (const [date, name] of fixedHolidays) holidays.push({ day: monthDay(date), name });
  const easter = easterSunday(year);
  for (const [offset, name] of easterHolidays) holidays.push({ day: easter + offset, name });
  for (const [date, name] of holidaysWithSubstitute) {
    const day = monthDay(date);
    holidays.push({ day, name });
    const weekday = weekdayOf(day);
    if (weekday === saturday || weekday === sunday) {
      // The suffixes are date-holidays' own wording, so that the names stay those it gave.
      holidays.push({
        day: day + (weekday === saturday ? 2 : 1),
        name: { lv: `${name.lv} (aizstājējs diena)`, en: `${name.en} (substitute day)` },
      });
    }
  }
  return [
    ...holidays.map(({ day, name }) => ({ date: dateOfDay(day), name })),
    ...oneOffHolidays.filter((holiday) => holiday.date.startsWith(`${year}-`)),
  ].sort((first, second) => first.date.localeCompare(second.date));
}
