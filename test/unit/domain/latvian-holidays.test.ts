import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { dateOfDay } from '../../../shared/domain/day-numbers.ts';
import { easterSunday, latvianPublicHolidays } from '../../../shared/domain/latvian-holidays.ts';

// date-holidays is the oracle: the module was derived from its Latvian data, and the runtime no
// longer loads the library. Asked the way the calendar used to ask it: public holidays only.
const oracle = new Holidays('LV', { languages: ['lv'], types: ['public'], timezone: 'Europe/Riga' });

function oracleHolidays(year: number): { date: string; lv: string; en: string }[] {
  const english = new Map(oracle.getHolidays(year, 'en').map((holiday) => [holiday.date, holiday.name]));
  return oracle
    .getHolidays(year, 'lv')
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => ({
      date: holiday.date.slice(0, 10),
      lv: holiday.name,
      en: english.get(holiday.date) ?? '',
    }));
}

const years = Array.from({ length: 21 }, (_, index) => 2020 + index);

describe('latvianPublicHolidays against date-holidays 3.37.0', () => {
  it.each(years)('%i: the same dates with the same Latvian and English names', (year) => {
    // Act
    const own = latvianPublicHolidays(year).map(({ date, name }) => ({ date, lv: name.lv, en: name.en }));

    // Assess
    expect(own).toEqual(oracleHolidays(year));
  });

  it('finds Easter on the same Sunday, 1900–2199', () => {
    const mismatches: string[] = [];
    for (let year = 1900; year < 2200; year += 1) {
      const own = dateOfDay(easterSunday(year));
      const library = oracle.getHolidays(year, 'en').find((holiday) => holiday.name === 'Easter Sunday');
      if (library?.date.slice(0, 10) !== own) mismatches.push(`${year}: ${own} ≠ ${library?.date}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('easterSunday', () => {
  it.each([
    [1818, '1818-03-22'], // the earliest possible date
    [2008, '2008-03-23'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2038, '2038-04-25'], // the latest possible date
    [2285, '2285-03-22'],
  ])('%i: %s', (year, date) => {
    expect(dateOfDay(easterSunday(year))).toBe(date);
  });
});

describe('latvianPublicHolidays', () => {
  it('lists thirteen holidays when 4 May and 18 November are weekdays (2026), in date order', () => {
    const holidays = latvianPublicHolidays(2026).map((holiday) => holiday.date);
    expect(holidays).toHaveLength(13);
    expect(holidays).toEqual([...holidays].sort());
  });

  it('adds the substitute Monday after a weekend 4 May, named as such', () => {
    expect(latvianPublicHolidays(2024)).toContainEqual({
      date: '2024-05-06',
      name: {
        lv: 'Latvijas Republikas Neatkarības atjaunošanas diena (aizstājējs diena)',
        en: 'Restoration of Independence day (substitute day)',
      },
    });
  });

  it('has the 2023 hockey day only in 2023', () => {
    expect(latvianPublicHolidays(2023).map((holiday) => holiday.date)).toContain('2023-05-29');
    expect(latvianPublicHolidays(2024).map((holiday) => holiday.date)).not.toContain('2024-05-29');
  });
});
