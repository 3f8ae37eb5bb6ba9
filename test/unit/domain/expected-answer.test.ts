import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { competences, findCompetence } from '../../../shared/domain/competences.ts';
import { answerDates, plannedDailyAnswers } from '../../../shared/domain/expected-answer.ts';
import { defaultCalendar } from '../../../shared/domain/working-days.ts';

const courtFees = findCompetence('court-fees')!;

describe('answerDates', () => {
  it('expects an answer at the first-response target when the unit has no backlog', () => {
    // Friday 27 Nov 2026; court fees answer first within 2 working days: Tuesday 1 Dec.
    expect(answerDates(new Date('2026-11-27T10:00:00Z'), courtFees, 0)).toEqual({
      answerDeadline: '2026-12-28',
      firstResponseDue: '2026-12-01',
      expectedAnswerBy: '2026-12-01',
    });
  });

  it('moves the expected date back as the backlog grows', () => {
    const perDay = plannedDailyAnswers['court-fees'];
    // Ten days' work ahead: reached on the 11th working day after receipt.
    const dates = answerDates(new Date('2026-11-27T10:00:00Z'), courtFees, perDay * 10);
    expect(dates.expectedAnswerBy).toBe(defaultCalendar.addWorkingDays('2026-11-27', 11));
  });

  it('uses the unit’s measured answers a day when there is a record of them', () => {
    // 100 open, answering 50 a day: reached on the 3rd working day, later than the 2-day target.
    const dates = answerDates(new Date('2026-11-27T10:00:00Z'), courtFees, { open: 100, dailyAnswers: 50 });
    expect(dates.expectedAnswerBy).toBe(defaultCalendar.addWorkingDays('2026-11-27', 3));
    // The same backlog at the planned 25 a day takes five working days.
    expect(answerDates(new Date('2026-11-27T10:00:00Z'), courtFees, { open: 100 }).expectedAnswerBy).toBe(
      defaultCalendar.addWorkingDays('2026-11-27', 5),
    );
  });

  it('never promises later than the legal deadline', () => {
    const dates = answerDates(new Date('2026-11-27T10:00:00Z'), courtFees, 100_000);
    expect(dates.expectedAnswerBy).toBe(dates.answerDeadline);
  });

  it('is a working day between receipt and the deadline, for every unit and backlog', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        fc.constantFrom(...competences),
        fc.nat(5000),
        (receivedAt, competence, open) => {
          const dates = answerDates(receivedAt, competence, open);
          expect(defaultCalendar.isWorkingDay(dates.expectedAnswerBy)).toBe(true);
          expect(dates.expectedAnswerBy <= dates.answerDeadline).toBe(true);
          expect(dates.firstResponseDue <= dates.answerDeadline).toBe(true);
          expect(
            dates.expectedAnswerBy >= dates.firstResponseDue ||
              dates.expectedAnswerBy === dates.answerDeadline,
          ).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives a larger backlog an expected date no earlier than a smaller one', () => {
    fc.assert(
      fc.property(fc.nat(3000), fc.nat(3000), (a, b) => {
        const receivedAt = new Date('2026-03-02T09:00:00Z');
        const [small, large] = a < b ? [a, b] : [b, a];
        expect(
          answerDates(receivedAt, courtFees, small).expectedAnswerBy <=
            answerDates(receivedAt, courtFees, large).expectedAnswerBy,
        ).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
