import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CalendarConfig, latvianCalendarConfig } from '../../../shared/domain/calendar-config.ts';
import {
  addDays,
  addMonths,
  answerDeadline,
  DeadlineExtensionRejected,
  defaultCalendar,
  ExtensionBeyondLegalMaximum,
  ExtensionDateInvalid,
  ExtensionNotLater,
  ExtensionNotOnWorkingDay,
  ExtensionReasonMissing,
  extendDeadline,
  firstResponseDue,
  isWorkingDay,
  latestAnswerDeadline,
  localDate,
  nextWorkingDay,
  WorkingDayCalendar,
  workingDaysFrom,
} from '../../../shared/domain/deadlines.ts';

/** A receipt at midday in Riga on `date`. */
function receivedOn(date: string): Date {
  return new Date(`${date}T10:00:00Z`);
}

const instants = fc.date({ min: new Date('2000-01-01'), max: new Date('2060-12-31'), noInvalidDate: true });

describe('localDate', () => {
  it('uses the date in Riga, not in UTC', () => {
    // 22:30 UTC on 31 Dec is already 1 Jan in Riga (UTC+2 in winter).
    expect(localDate(new Date('2026-12-31T22:30:00Z'))).toBe('2027-01-01');
    // 20:59 UTC in summer is 23:59 in Riga (UTC+3).
    expect(localDate(new Date('2026-07-10T20:59:00Z'))).toBe('2026-07-10');
    expect(localDate(new Date('2026-07-10T21:00:00Z'))).toBe('2026-07-11');
  });

  it.each([
    // Spring forward, Sunday 29 March 2026 at 03:00 EET: the day starts at 22:00 UTC (UTC+2) …
    ['2026-03-28T21:59:59Z', '2026-03-28'],
    ['2026-03-28T22:00:00Z', '2026-03-29'],
    ['2026-03-28T22:30:00Z', '2026-03-29'],
    ['2026-03-28T23:00:00Z', '2026-03-29'],
    ['2026-03-29T01:00:00Z', '2026-03-29'], // the clocks jump from 03:00 to 04:00
    // … and ends at 21:00 UTC (UTC+3).
    ['2026-03-29T20:59:59Z', '2026-03-29'],
    ['2026-03-29T21:00:00Z', '2026-03-30'],
    // Fall back, Sunday 25 October 2026 at 04:00 EEST: the day starts at 21:00 UTC (UTC+3) …
    ['2026-10-24T20:59:59Z', '2026-10-24'],
    ['2026-10-24T21:00:00Z', '2026-10-25'],
    ['2026-10-25T00:30:00Z', '2026-10-25'], // 03:30 EEST, the hour that happens twice
    ['2026-10-25T01:30:00Z', '2026-10-25'], // 03:30 EET
    // … and ends at 22:00 UTC (UTC+2), a 25-hour day.
    ['2026-10-25T21:00:00Z', '2026-10-25'],
    ['2026-10-25T21:59:59Z', '2026-10-25'],
    ['2026-10-25T22:00:00Z', '2026-10-26'],
    ['2026-10-25T23:00:00Z', '2026-10-26'],
  ])('%s is %s in Riga', (instant, date) => {
    expect(localDate(new Date(instant))).toBe(date);
  });
});

describe('addMonths', () => {
  it('keeps the day of the month when the target month has it', () => {
    expect(addMonths('2026-03-15', 1)).toBe('2026-04-15');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-01-29', 1)).toBe('2026-02-28');
    expect(addMonths('2028-02-29', 1)).toBe('2028-03-29');
  });

  it('never lands before the start date nor more than 31 days after it', () => {
    fc.assert(
      fc.property(instants, (date) => {
        const start = date.toISOString().slice(0, 10);
        const end = addMonths(start, 1);
        const days = (Date.parse(end) - Date.parse(start)) / 86_400_000;
        expect(days).toBeGreaterThanOrEqual(28);
        expect(days).toBeLessThanOrEqual(31);
      }),
    );
  });
});

describe('answerDeadline', () => {
  it('is one month after receipt when that is a working day', () => {
    expect(answerDeadline(receivedOn('2026-03-10'))).toBe('2026-04-10');
    expect(answerDeadline(receivedOn('2026-11-27'))).toBe('2026-12-28'); // 27 Dec is a Sunday
  });

  it.each([
    ['2026-01-31', '2026-03-02'], // 28 Feb 2026 is a Saturday
    ['2026-01-29', '2026-03-02'],
    ['2028-01-31', '2028-02-29'], // leap year, a Tuesday
    ['2028-02-29', '2028-03-29'],
    ['2026-03-31', '2026-04-30'],
    ['2026-05-31', '2026-06-30'],
    ['2026-08-31', '2026-09-30'],
  ])('month end: received %s, due %s', (received, due) => {
    expect(answerDeadline(receivedOn(received))).toBe(due);
  });

  it.each([
    ['2026-11-30', '2026-12-30'],
    ['2026-12-01', '2027-01-04'], // Vecgada vakars, New Year, weekend
    ['2026-11-24', '2026-12-28'], // Christmas Eve to Sunday
    ['2026-11-25', '2026-12-28'],
    ['2026-11-26', '2026-12-28'],
    ['2026-11-23', '2026-12-23'],
    ['2026-12-24', '2027-01-25'], // 24 Jan 2027 is a Sunday
    ['2026-12-25', '2027-01-25'],
    ['2026-12-26', '2027-01-26'],
    ['2026-12-31', '2027-02-01'], // 31 Jan 2027 is a Sunday
    ['2027-01-01', '2027-02-01'],
    ['2025-12-24', '2026-01-26'], // 24 Jan 2026 is a Saturday
    ['2025-12-31', '2026-02-02'],
    ['2026-01-01', '2026-02-02'],
  ])('year end: received %s, due %s', (received, due) => {
    expect(answerDeadline(receivedOn(received))).toBe(due);
  });

  it.each([
    ['2026-05-22', '2026-06-25'], // 22 June (transferred day off), Līgo, Jāņi
    ['2026-05-20', '2026-06-25'], // from Saturday 20 June
    ['2026-05-27', '2026-06-27'], // Saturday 27 June is the transferred working day
    ['2025-05-21', '2025-06-25'], // Sat, Sun, Mon–Tue 23–24 June 2025
    ['2028-05-23', '2028-06-26'], // Līgo on Friday, Jāņi on Saturday
    ['2029-05-23', '2029-06-25'], // 23–24 June 2029 fall on Sat–Sun: no substitute
  ])('Midsummer: received %s, due %s', (received, due) => {
    expect(answerDeadline(receivedOn(received))).toBe(due);
  });

  it.each([
    ['2023-10-18', '2023-11-21'], // Saturday 18 Nov, substitute Monday 20 Nov
    ['2028-10-18', '2028-11-21'],
    ['2029-10-18', '2029-11-20'], // Sunday 18 Nov, substitute Monday 19 Nov
    ['2025-10-17', '2025-11-19'], // 17 Nov 2025 transferred day off, 18 Nov Tuesday
    ['2025-10-08', '2025-11-08'], // Saturday 8 Nov 2025 is the transferred working day
    ['2024-04-04', '2024-05-07'], // Saturday 4 May, substitute Monday 6 May
    ['2025-04-01', '2025-05-06'], // 1 May, 2 May (transferred), weekend, 5 May (substitute)
  ])('4 May and 18 November: received %s, due %s', (received, due) => {
    expect(answerDeadline(receivedOn(received))).toBe(due);
  });

  it.each([
    ['2026-03-03', '2026-04-07'], // Good Friday 3 Apr to Easter Monday 6 Apr
    ['2026-03-06', '2026-04-07'],
    ['2024-02-29', '2024-04-02'], // Good Friday 29 Mar 2024
    ['2027-02-28', '2027-03-30'], // Easter Sunday 28 Mar 2027
  ])('Easter: received %s, due %s', (received, due) => {
    expect(answerDeadline(receivedOn(received))).toBe(due);
  });

  it('counts from the Riga date of receipt around midnight and DST changes', () => {
    expect(answerDeadline(new Date('2026-11-30T21:59:59Z'))).toBe('2026-12-30');
    expect(answerDeadline(new Date('2026-11-30T22:00:00Z'))).toBe('2027-01-04');
    expect(answerDeadline(new Date('2026-03-28T21:59:00Z'))).toBe('2026-04-28');
    expect(answerDeadline(new Date('2026-03-28T22:00:00Z'))).toBe('2026-04-29');
    expect(answerDeadline(new Date('2026-03-28T23:00:00Z'))).toBe('2026-04-29');
    expect(answerDeadline(new Date('2026-10-24T20:59:00Z'))).toBe('2026-11-24');
    expect(answerDeadline(new Date('2026-10-24T21:00:00Z'))).toBe('2026-11-25');
    expect(answerDeadline(new Date('2026-10-25T21:59:00Z'))).toBe('2026-11-25');
    expect(answerDeadline(new Date('2026-10-25T22:00:00Z'))).toBe('2026-11-26');
  });

  it('uses the calendar it is given', () => {
    // Prepare: ILLUSTRATIVE transfer, not a real Cabinet order.
    const config: CalendarConfig = {
      ...latvianCalendarConfig,
      transferredWorkingDays: [
        { dayOff: '2030-03-08', workingSaturday: '2030-03-09', order: 'Illustrative' },
      ],
    };
    const calendar = new WorkingDayCalendar(config);

    // Act
    const deadline = answerDeadline(receivedOn('2030-02-08'), calendar);

    // Assess
    expect(deadline).toBe('2030-03-09');
    expect(answerDeadline(receivedOn('2030-02-08'))).toBe('2030-03-08');
  });

  it('moves off the 2026 transferred day off, onto its working Saturday', () => {
    expect(answerDeadline(receivedOn('2025-12-02'))).toBe('2026-01-05');
    expect(answerDeadline(receivedOn('2025-12-17'))).toBe('2026-01-17');
  });

  it('is a working day, at least 28 days and at most one month and a week after receipt', () => {
    fc.assert(
      fc.property(instants, (receivedAt) => {
        const received = localDate(receivedAt);
        const deadline = answerDeadline(receivedAt);
        expect(isWorkingDay(deadline)).toBe(true);
        expect(deadline >= addDays(received, 28)).toBe(true);
        expect(deadline <= addDays(addMonths(received, 1), 7)).toBe(true);
        expect(deadline).toBe(nextWorkingDay(addMonths(received, 1)));
      }),
    );
  });
});

describe('workingDaysFrom and firstResponseDue', () => {
  it('count working days after the Riga date of receipt', () => {
    expect(workingDaysFrom(receivedOn('2026-03-10'), 2)).toBe('2026-03-12');
    expect(firstResponseDue(receivedOn('2026-03-13'), 1)).toBe('2026-03-16'); // Friday → Monday
    expect(firstResponseDue(receivedOn('2026-03-14'), 1)).toBe('2026-03-16'); // Saturday → Monday
    expect(firstResponseDue(receivedOn('2026-12-23'), 3)).toBe('2026-12-30');
    expect(firstResponseDue(receivedOn('2026-12-23'), 5)).toBe('2027-01-05');
    expect(firstResponseDue(receivedOn('2026-06-19'), 2)).toBe('2026-06-26');
    // 23:30 in Riga on Friday 13 March is still Friday; 00:30 is Saturday.
    expect(firstResponseDue(new Date('2026-03-13T21:30:00Z'), 1)).toBe('2026-03-16');
    expect(firstResponseDue(new Date('2026-03-13T22:30:00Z'), 0)).toBe('2026-03-16');
  });

  it('is on a working day and agrees with the default calendar', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 20 }), (receivedAt, n) => {
        const due = firstResponseDue(receivedAt, n);
        expect(isWorkingDay(due)).toBe(true);
        expect(due).toBe(defaultCalendar.addWorkingDays(localDate(receivedAt), n));
      }),
    );
  });
});

describe('extendDeadline', () => {
  const receivedAt = receivedOn('2026-03-10');
  const currentDeadline = '2026-04-10';

  it('accepts a later working day within four months, with the reason trimmed', () => {
    // Act
    const extension = extendDeadline({
      receivedAt,
      currentDeadline,
      newDeadline: '2026-05-05',
      reason: '  Waiting for the court archive  ',
    });

    // Assess
    expect(extension).toEqual({
      previousDeadline: '2026-04-10',
      deadline: '2026-05-05',
      reason: 'Waiting for the court archive',
      latestDeadline: '2026-07-10',
    });
  });

  it('accepts the legal maximum itself', () => {
    expect(
      extendDeadline({ receivedAt, currentDeadline, newDeadline: '2026-07-10', reason: 'x' }).deadline,
    ).toBe('2026-07-10');
  });

  it.each([
    ['2026-05-05', '   ', ExtensionReasonMissing],
    ['2026-02-30', 'r', ExtensionDateInvalid],
    ['2026-4-20', 'r', ExtensionDateInvalid],
    ['2026-04-10', 'r', ExtensionNotLater],
    ['2026-04-09', 'r', ExtensionNotLater],
    ['2026-04-11', 'r', ExtensionNotOnWorkingDay], // Saturday
    ['2026-05-04', 'r', ExtensionNotOnWorkingDay], // Restoration of Independence
    ['2026-07-13', 'r', ExtensionBeyondLegalMaximum],
  ])('rejects %s with reason %j', (newDeadline, reason, error) => {
    // Act
    const extend = () => extendDeadline({ receivedAt, currentDeadline, newDeadline, reason });

    // Assess
    expect(extend).toThrow(error);
    expect(extend).toThrow(DeadlineExtensionRejected);
  });

  it('tells the next working day and the legal maximum in its errors', () => {
    try {
      extendDeadline({ receivedAt, currentDeadline, newDeadline: '2026-06-23', reason: 'r' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ExtensionNotOnWorkingDay);
      expect((error as ExtensionNotOnWorkingDay).nextWorkingDay).toBe('2026-06-25');
    }
    try {
      extendDeadline({ receivedAt, currentDeadline, newDeadline: '2026-08-03', reason: 'r' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ExtensionBeyondLegalMaximum);
      expect((error as ExtensionBeyondLegalMaximum).latestDeadline).toBe('2026-07-10');
    }
  });

  it('moves the legal maximum to the next working day like the deadline itself', () => {
    // Four months from 23 Feb 2026 is Līgo (23 June); Jāņi follows.
    const received = receivedOn('2026-02-23');
    expect(latestAnswerDeadline(received)).toBe('2026-06-25');
    expect(
      extendDeadline({
        receivedAt: received,
        currentDeadline: '2026-03-23',
        newDeadline: '2026-06-25',
        reason: 'r',
      }).deadline,
    ).toBe('2026-06-25');
    expect(() =>
      extendDeadline({
        receivedAt: received,
        currentDeadline: '2026-03-23',
        newDeadline: '2026-06-26',
        reason: 'r',
      }),
    ).toThrow(ExtensionBeyondLegalMaximum);
  });

  it('always allows extending the default deadline to the legal maximum', () => {
    fc.assert(
      fc.property(instants, (receivedAt) => {
        const latest = latestAnswerDeadline(receivedAt);
        const extension = extendDeadline({
          receivedAt,
          currentDeadline: answerDeadline(receivedAt),
          newDeadline: latest,
          reason: 'More time needed',
        });
        expect(extension.deadline).toBe(latest);
        expect(latest <= addDays(addMonths(localDate(receivedAt), 4), 7)).toBe(true);
      }),
    );
  });
});
