import { describe, expect, it } from 'vitest';
import { workingDaySpan } from '../../../../shared/domain/figures/working-day-spans.ts';
import { WorkingDayCalendar } from '../../../../shared/domain/working-days.ts';

/** At 10:00 in Riga (UTC+2 in winter, +3 in summer) on `date`. */
const at = (date: string) => {
  const summer = date >= `${date.slice(0, 4)}-03-29` && date < `${date.slice(0, 4)}-10-25`;
  return `${date}T${summer ? '07' : '08'}:00:00.000Z`;
};

describe('workingDaySpan', () => {
  it('counts the day of receipt 0 and the next working day 1', () => {
    expect(workingDaySpan(at('2026-03-10'), at('2026-03-10'))).toBe(0);
    expect(workingDaySpan(at('2026-03-10'), at('2026-03-11'))).toBe(1);
    // Friday to Monday: the weekend is skipped.
    expect(workingDaySpan(at('2026-03-13'), at('2026-03-16'))).toBe(1);
    expect(workingDaySpan(at('2026-03-13'), at('2026-03-20'))).toBe(5);
  });

  it('skips public holidays: Easter, and 4 May with its substitute Monday', () => {
    // Thursday 2 April 2026 → Tuesday 7 April: Good Friday, the weekend and Easter Monday skipped.
    expect(workingDaySpan(at('2026-04-02'), at('2026-04-07'))).toBe(1);
    // Wednesday 30 April 2025 → Tuesday 6 May: 1 May, the transferred day off on 2 May, the
    // weekend and Monday 5 May (substitute for Sunday 4 May) skipped.
    expect(workingDaySpan(at('2025-04-30'), at('2025-05-06'))).toBe(1);
  });

  it('counts a Saturday to which a working day was transferred, and skips the day made free', () => {
    // Saturday 10 May 2025 was a working day (the Cabinet moved Friday 2 May to it).
    expect(workingDaySpan(at('2025-05-09'), at('2025-05-10'))).toBe(1);
    expect(workingDaySpan(at('2025-05-09'), at('2025-05-12'))).toBe(2);
    // Christmas 2024: 23 and 30 December made free, 14 and 28 December worked, 24–26 and 31
    // December and 1 January holidays. Friday 20 December → Thursday 2 January: 27 Dec, 28 Dec, 2 Jan.
    expect(workingDaySpan(at('2024-12-20'), at('2025-01-02'))).toBe(3);
    // Without the transfers the same span is 4 working days (23, 27, 30 December, 2 January).
    const noTransfers = new WorkingDayCalendar({ extraHolidays: [], transferredWorkingDays: [] });
    expect(workingDaySpan(at('2024-12-20'), at('2025-01-02'), noTransfers)).toBe(4);
  });

  it('takes a request received on a day off as received on the next working day', () => {
    // Saturday → Monday: 0; → Tuesday: 1.
    expect(workingDaySpan(at('2026-03-14'), at('2026-03-16'))).toBe(0);
    expect(workingDaySpan(at('2026-03-14'), at('2026-03-17'))).toBe(1);
    // Received on Easter Monday, answered the next day.
    expect(workingDaySpan(at('2026-04-06'), at('2026-04-07'))).toBe(0);
    // An answer on the day off itself is 0, never negative.
    expect(workingDaySpan(at('2026-03-14'), at('2026-03-15'))).toBe(0);
  });

  it('dates instants in Riga, not UTC', () => {
    // 22:30 UTC on Tuesday 10 March is already Wednesday in Riga.
    expect(workingDaySpan('2026-03-10T22:30:00Z', at('2026-03-11'))).toBe(0);
    expect(workingDaySpan('2026-03-10T21:59:00Z', at('2026-03-11'))).toBe(1);
  });
});
