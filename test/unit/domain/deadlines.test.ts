import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  answerDeadline,
  isWorkingDay,
  localDate,
  nextWorkingDay,
} from '../../../shared/domain/deadlines.ts';

describe('localDate', () => {
  it('uses the date in Riga, not in UTC', () => {
    // 22:30 UTC on 31 Dec is already 1 Jan in Riga (UTC+2 in winter).
    expect(localDate(new Date('2026-12-31T22:30:00Z'))).toBe('2027-01-01');
    // 20:59 UTC in summer is 23:59 in Riga (UTC+3).
    expect(localDate(new Date('2026-07-10T20:59:00Z'))).toBe('2026-07-10');
    expect(localDate(new Date('2026-07-10T21:00:00Z'))).toBe('2026-07-11');
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
  });

  it('never lands before the start date nor more than 31 days after it', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        (date) => {
          const start = date.toISOString().slice(0, 10);
          const end = addMonths(start, 1);
          const days = (Date.parse(end) - Date.parse(start)) / 86_400_000;
          expect(days).toBeGreaterThanOrEqual(28);
          expect(days).toBeLessThanOrEqual(31);
        },
      ),
    );
  });
});

describe('answerDeadline', () => {
  it('is one month after receipt', () => {
    expect(answerDeadline(new Date('2026-11-27T10:00:00Z'))).toBe('2026-12-28'); // 27 Dec is a Sunday
    expect(answerDeadline(new Date('2026-03-10T10:00:00Z'))).toBe('2026-04-10');
  });

  it('moves off weekends to the next working day', () => {
    // 2026-10-03 is a Saturday: 3 Oct + 1 month = 3 Nov (Tuesday); 2026-09-05 + 1 month = 5 Oct (Monday).
    expect(answerDeadline(new Date('2026-04-04T10:00:00Z'))).toBe('2026-05-04');
    expect(nextWorkingDay('2026-10-03')).toBe('2026-10-05');
  });

  it('always falls on a working day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }),
        (date) => {
          expect(isWorkingDay(answerDeadline(date))).toBe(true);
        },
      ),
    );
  });
});
