import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CalendarConfig, latvianCalendarConfig } from '../../../shared/domain/calendar-config.ts';
import {
  addDays,
  addMonths,
  daysBetween,
  defaultCalendar,
  InvalidCalendarDate,
  isCalendarDate,
  localDate,
  WorkingDayCalendar,
} from '../../../shared/domain/working-days.ts';

/** Public holidays only: no one-off holidays, no transfers. */
const holidaysOnly = new WorkingDayCalendar({ extraHolidays: [], transferredWorkingDays: [] });

/**
 * ILLUSTRATIVE ONLY — not a real Cabinet order. Friday 8 March 2030 made free and worked on
 * Saturday 9 March, to test how transfers are applied without depending on the shipped list.
 */
const illustrativeConfig: CalendarConfig = {
  ...latvianCalendarConfig,
  transferredWorkingDays: [
    { dayOff: '2030-03-08', workingSaturday: '2030-03-09', order: 'Illustrative test order, not real' },
  ],
};

const dayMs = 86_400_000;
const firstDay = Date.UTC(2000, 0, 1) / dayMs;
const lastDay = Date.UTC(2060, 11, 31) / dayMs;
const calendarDates = fc
  .integer({ min: firstDay, max: lastDay })
  .map((day) => new Date(day * dayMs).toISOString().slice(0, 10));

function datesOfYear(year: number): string[] {
  const dates: string[] = [];
  for (let date = `${year}-01-01`; date.startsWith(String(year)); date = addDays(date, 1)) dates.push(date);
  return dates;
}

function isWeekend(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

describe('calendar dates', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-2-1')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('')).toBe(false);
    expect(() => defaultCalendar.isWorkingDay('2026-13-01')).toThrow(InvalidCalendarDate);
  });

  it('adds days and months across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // across the spring DST change
    expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
  });

  it('localDate is the Riga date: a day after the UTC date at most', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2060-12-31'), noInvalidDate: true }),
        (instant) => {
          const utc = instant.toISOString().slice(0, 10);
          expect([utc, addDays(utc, 1)]).toContain(localDate(instant));
        },
      ),
    );
  });
});

describe('public holidays', () => {
  it.each([
    ['2026-01-01', 'Jaunais Gads'],
    ['2026-04-03', 'Lielā Piektdiena'],
    ['2026-04-06', 'Otrās Lieldienas'],
    ['2026-05-01', 'Darba svētki'],
    ['2026-05-04', 'Latvijas Republikas Neatkarības atjaunošanas diena'],
    ['2026-06-23', 'Līgo Diena'],
    ['2026-06-24', 'Jāņi'],
    ['2026-11-18', 'Latvijas Republikas proklamēšanas diena'],
    ['2026-12-24', 'Ziemassvētku vakars'],
    ['2026-12-25', 'Ziemassvētki'],
    ['2026-12-31', 'Vecgada vakars'],
  ])('%s is %s', (date, name) => {
    // Act
    const working = defaultCalendar.isWorkingDay(date);

    // Assess
    expect(working).toBe(false);
    expect(defaultCalendar.holidayName(date, 'lv')).toBe(name);
  });

  it('names holidays in English too', () => {
    expect(defaultCalendar.holidayName('2026-06-23', 'en')).toBe('Midsummer Eve');
    expect(defaultCalendar.holidayName('2026-12-26', 'en')).toBe('Boxing Day');
  });

  it('ignores observances: Mother’s Day and Pentecost are not holidays', () => {
    expect(defaultCalendar.holidayName('2026-05-10', 'lv')).toBeUndefined(); // Mātes diena
    expect(defaultCalendar.holidayName('2026-05-24', 'lv')).toBeUndefined(); // Vasarsvētki
    expect(defaultCalendar.holidayName('2026-03-10', 'lv')).toBeUndefined();
  });

  it.each([
    ['2024-05-04', '2024-05-06'], // Saturday
    ['2025-05-04', '2025-05-05'], // Sunday
    ['2023-11-18', '2023-11-20'], // Saturday
    ['2028-11-18', '2028-11-20'], // Saturday
    ['2029-11-18', '2029-11-19'], // Sunday
  ])('%s on a weekend makes Monday %s a holiday', (holiday, monday) => {
    expect(holidaysOnly.isWorkingDay(holiday)).toBe(false);
    expect(holidaysOnly.isWorkingDay(monday)).toBe(false);
    expect(holidaysOnly.holidayName(monday, 'lv')).toMatch(/^Latvijas Republikas/);
    expect(holidaysOnly.isWorkingDay(addDays(monday, 1))).toBe(true);
  });

  it('names a substitute Monday in both languages', () => {
    expect(holidaysOnly.holidayName('2024-05-06', 'en')).toBe(
      'Restoration of Independence day (substitute day)',
    );
    expect(holidaysOnly.holidayName('2023-11-20', 'lv')).toBe(
      'Latvijas Republikas proklamēšanas diena (aizstājējs diena)',
    );
  });

  it('gives every weekend 4 May and 18 November its Monday, 2008–2060', () => {
    // Guards the substitute rule over many years, not only the ones listed above.
    for (let year = 2008; year <= 2060; year += 1) {
      for (const holiday of [`${year}-05-04`, `${year}-11-18`]) {
        if (!isWeekend(holiday)) continue;
        const monday = addDays(holiday, new Date(`${holiday}T00:00:00Z`).getUTCDay() === 6 ? 2 : 1);
        expect(holidaysOnly.isWorkingDay(monday), monday).toBe(false);
      }
    }
  });

  it('has no substitute for other holidays on a weekend (1 May, Jāņi, Christmas)', () => {
    expect(holidaysOnly.isWorkingDay('2027-05-03')).toBe(true); // 1 May 2027 is a Saturday
    expect(holidaysOnly.isWorkingDay('2029-06-25')).toBe(true); // 23–24 June 2029 is Sat–Sun
    expect(holidaysOnly.isWorkingDay('2027-12-27')).toBe(true); // 25–26 Dec 2027 is Sat–Sun
  });
});

describe('one-off holidays and transferred working days (shipped config)', () => {
  it('names the 2023 hockey day as the config does, before the public holiday table', () => {
    expect(defaultCalendar.holidayName('2023-05-29', 'en')).toMatch(/^Day the Latvian ice hockey team/);
    expect(holidaysOnly.isWorkingDay('2023-05-29')).toBe(false);
    expect(holidaysOnly.holidayName('2023-05-29', 'en')).toMatch(/^Bronze medal/);
  });

  it('knows the one-off holidays of 2023', () => {
    expect(defaultCalendar.isWorkingDay('2023-05-29')).toBe(false);
    expect(defaultCalendar.holidayName('2023-05-29', 'lv')).toMatch(/hokeja/);
    expect(defaultCalendar.isWorkingDay('2023-07-10')).toBe(false);
    expect(defaultCalendar.holidayName('2023-07-10', 'en')).toMatch(/Song and Dance/);
  });

  it('applies the 2026 order: 2 Jan and 22 June free, 17 Jan and 27 June worked', () => {
    expect(defaultCalendar.isWorkingDay('2026-01-02')).toBe(false);
    expect(defaultCalendar.isWorkingDay('2026-01-17')).toBe(true);
    expect(defaultCalendar.isWorkingDay('2026-06-22')).toBe(false);
    expect(defaultCalendar.isWorkingDay('2026-06-27')).toBe(true);
    expect(holidaysOnly.isWorkingDay('2026-01-02')).toBe(true);
    expect(holidaysOnly.isWorkingDay('2026-01-17')).toBe(false);
  });

  it('ships only transfers from a Saturday to a weekday', () => {
    for (const transfer of latvianCalendarConfig.transferredWorkingDays) {
      expect(new Date(`${transfer.workingSaturday}T00:00:00Z`).getUTCDay()).toBe(6);
      expect(isWeekend(transfer.dayOff)).toBe(false);
      expect(transfer.order).toMatch(/^MK rīkojums/);
    }
  });
});

describe('transferred working day (illustrative config)', () => {
  it('frees the weekday and makes the Saturday a working day', () => {
    // Prepare
    const calendar = new WorkingDayCalendar(illustrativeConfig);

    // Act
    const friday = calendar.isWorkingDay('2030-03-08');
    const saturday = calendar.isWorkingDay('2030-03-09');

    // Assess
    expect(friday).toBe(false);
    expect(saturday).toBe(true);
    expect(calendar.nextWorkingDay('2030-03-08')).toBe('2030-03-09');
    expect(calendar.addWorkingDays('2030-03-07', 1)).toBe('2030-03-09');
    expect(calendar.workingDaysBetween('2030-03-07', '2030-03-11')).toBe(2); // Sat 9, Mon 11
    expect(defaultCalendar.isWorkingDay('2030-03-08')).toBe(true);
  });

  it('rejects a transfer that is not from a Saturday to a weekday', () => {
    const transfer = { dayOff: '2030-03-08', workingSaturday: '2030-03-10', order: 'typo' };
    expect(() => new WorkingDayCalendar({ extraHolidays: [], transferredWorkingDays: [transfer] })).toThrow(
      /not a Saturday/,
    );
    const weekendDayOff = { dayOff: '2030-03-09', workingSaturday: '2030-03-16', order: 'typo' };
    expect(
      () => new WorkingDayCalendar({ extraHolidays: [], transferredWorkingDays: [weekendDayOff] }),
    ).toThrow(/not a weekday/);
    const badDate = { date: '2030-02-30', name: { lv: 'x', en: 'x' }, basis: 'typo' };
    expect(() => new WorkingDayCalendar({ extraHolidays: [badDate], transferredWorkingDays: [] })).toThrow(
      InvalidCalendarDate,
    );
  });
});

describe('whole years against hand-written lists', () => {
  // Weekdays that are not working days, and weekend days that are, written out from the law and
  // the Cabinet orders independently of date-holidays.
  it.each([
    {
      year: 2025,
      freeWeekdays: [
        '01-01',
        '04-18',
        '04-21',
        '05-01',
        '05-02',
        '05-05',
        '06-23',
        '06-24',
        '11-17',
        '11-18',
        '12-24',
        '12-25',
        '12-26',
        '12-31',
      ],
      workingWeekendDays: ['05-10', '11-08'],
      workingDays: 249,
    },
    {
      year: 2026,
      freeWeekdays: [
        '01-01',
        '01-02',
        '04-03',
        '04-06',
        '05-01',
        '05-04',
        '06-22',
        '06-23',
        '06-24',
        '11-18',
        '12-24',
        '12-25',
        '12-31',
      ],
      workingWeekendDays: ['01-17', '06-27'],
      workingDays: 250,
    },
    {
      // No transfers known for 2027 yet.
      year: 2027,
      freeWeekdays: ['01-01', '03-26', '03-29', '05-04', '06-23', '06-24', '11-18', '12-24', '12-31'],
      workingWeekendDays: [],
      workingDays: 252,
    },
  ])('$year', ({ year, freeWeekdays, workingWeekendDays, workingDays }) => {
    // Prepare
    const free = new Set(freeWeekdays.map((day) => `${year}-${day}`));
    const worked = new Set(workingWeekendDays.map((day) => `${year}-${day}`));

    // Act
    const mismatches = datesOfYear(year).filter(
      (date) => defaultCalendar.isWorkingDay(date) !== (isWeekend(date) ? worked.has(date) : !free.has(date)),
    );

    // Assess
    expect(mismatches).toEqual([]);
    expect(defaultCalendar.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`)).toBe(workingDays);
  });
});

describe('nextWorkingDay', () => {
  it('keeps a working day and skips chains of days off', () => {
    expect(defaultCalendar.nextWorkingDay('2026-03-10')).toBe('2026-03-10');
    expect(defaultCalendar.nextWorkingDay('2026-10-03')).toBe('2026-10-05'); // weekend
    expect(defaultCalendar.nextWorkingDay('2026-04-03')).toBe('2026-04-07'); // Easter Fri–Mon
    expect(defaultCalendar.nextWorkingDay('2026-06-20')).toBe('2026-06-25'); // Sat, Sun, 22 (transfer), Līgo, Jāņi
    expect(defaultCalendar.nextWorkingDay('2026-12-24')).toBe('2026-12-28'); // Christmas Eve to Sunday
    expect(defaultCalendar.nextWorkingDay('2026-12-31')).toBe('2027-01-04'); // Vecgada vakars, New Year, weekend
    expect(defaultCalendar.nextWorkingDay('2025-05-01')).toBe('2025-05-06'); // 1 May, 2 (transfer), weekend, 5 (substitute)
  });

  it('is idempotent, never earlier, and skips only days that are not working days', () => {
    fc.assert(
      fc.property(calendarDates, (date) => {
        const next = defaultCalendar.nextWorkingDay(date);
        expect(defaultCalendar.nextWorkingDay(next)).toBe(next);
        expect(next >= date).toBe(true);
        expect(defaultCalendar.workingDaysBetween(addDays(date, -1), addDays(next, -1))).toBe(0);
      }),
    );
  });
});

describe('addWorkingDays and workingDaysBetween', () => {
  it('counts from the day after the start', () => {
    expect(defaultCalendar.addWorkingDays('2026-03-10', 0)).toBe('2026-03-10');
    expect(defaultCalendar.addWorkingDays('2026-03-10', 1)).toBe('2026-03-11');
    expect(defaultCalendar.addWorkingDays('2026-03-13', 1)).toBe('2026-03-16'); // Friday → Monday
    expect(defaultCalendar.addWorkingDays('2026-03-14', 0)).toBe('2026-03-16'); // Saturday → Monday
    expect(defaultCalendar.addWorkingDays('2026-03-14', 1)).toBe('2026-03-16');
    expect(defaultCalendar.addWorkingDays('2026-12-23', 3)).toBe('2026-12-30');
    expect(defaultCalendar.addWorkingDays('2026-12-23', 5)).toBe('2027-01-05');
    expect(defaultCalendar.addWorkingDays('2026-06-19', 3)).toBe('2026-06-27'); // the transferred Saturday
  });

  it('rejects negative and fractional counts', () => {
    expect(() => defaultCalendar.addWorkingDays('2026-03-10', -1)).toThrow(RangeError);
    expect(() => defaultCalendar.addWorkingDays('2026-03-10', 1.5)).toThrow(RangeError);
  });

  it('counts working days in (from, to], negative backwards', () => {
    expect(defaultCalendar.workingDaysBetween('2026-03-10', '2026-03-10')).toBe(0);
    expect(defaultCalendar.workingDaysBetween('2026-12-23', '2027-01-05')).toBe(5);
    expect(defaultCalendar.workingDaysBetween('2027-01-05', '2026-12-23')).toBe(-5);
  });

  it('lands on a working day, strictly later for each further day, and inverts workingDaysBetween', () => {
    fc.assert(
      fc.property(calendarDates, fc.integer({ min: 1, max: 60 }), (date, n) => {
        const result = defaultCalendar.addWorkingDays(date, n);
        const previous = defaultCalendar.addWorkingDays(date, n - 1);
        expect(defaultCalendar.isWorkingDay(result)).toBe(true);
        expect(result > date).toBe(true);
        expect(defaultCalendar.workingDaysBetween(date, result)).toBe(n);
        // n = 0 and n = 1 agree when the start is not a working day: both are the next one.
        if (n > 1 || defaultCalendar.isWorkingDay(date)) expect(result > previous).toBe(true);
        else expect(result).toBe(previous);
      }),
    );
  });

  it('with n = 0 returns the start when it is a working day', () => {
    fc.assert(
      fc.property(calendarDates, (date) => {
        const result = defaultCalendar.addWorkingDays(date, 0);
        expect(result).toBe(defaultCalendar.nextWorkingDay(date));
        if (defaultCalendar.isWorkingDay(date))
          expect(defaultCalendar.workingDaysBetween(date, result)).toBe(0);
      }),
    );
  });

  it('adds up: n + m working days is m working days after n working days', () => {
    fc.assert(
      fc.property(
        calendarDates,
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        (date, n, m) => {
          const afterN = defaultCalendar.addWorkingDays(date, n);
          expect(defaultCalendar.addWorkingDays(afterN, m)).toBe(defaultCalendar.addWorkingDays(date, n + m));
        },
      ),
    );
  });
});
