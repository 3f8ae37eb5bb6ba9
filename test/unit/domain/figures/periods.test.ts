import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodStart, periodStarts } from '../../../../shared/domain/figures/periods.ts';
import { addDays, daysBetween } from '../../../../shared/domain/working-days.ts';

const dayMs = 86_400_000;
const dates = fc
  .integer({ min: Date.UTC(2000, 0, 1) / dayMs, max: Date.UTC(2060, 11, 31) / dayMs })
  .map((day) => new Date(day * dayMs).toISOString().slice(0, 10));

describe('periodStart', () => {
  it('names the day, its ISO week from Monday, its month and its year', () => {
    // Thursday 1 January 2026: its ISO week began on Monday 29 December 2025.
    expect(periodStarts('2026-01-01')).toEqual({
      d: '2026-01-01',
      w: '2025-12-29',
      m: '2026-01-01',
      y: '2026-01-01',
    });
    expect(periodStarts('2026-03-15')).toEqual({
      d: '2026-03-15',
      w: '2026-03-09',
      m: '2026-03-01',
      y: '2026-01-01',
    });
    // A Monday starts its own week; a Sunday ends it.
    expect(periodStart('w', '2026-03-09')).toBe('2026-03-09');
    expect(periodStart('w', '2026-03-08')).toBe('2026-03-02');
    expect(periodStart('m', '2024-02-29')).toBe('2024-02-01');
  });

  it('puts every date in a week that starts on a Monday at most six days before it', () => {
    fc.assert(
      fc.property(dates, (date) => {
        const start = periodStart('w', date);
        const back = daysBetween(start, date);
        expect(back).toBeGreaterThanOrEqual(0);
        expect(back).toBeLessThanOrEqual(6);
        expect(new Date(`${start}T00:00:00Z`).getUTCDay()).toBe(1);
        expect(periodStart('w', addDays(start, 6))).toBe(start);
      }),
    );
  });

  it('refuses what is not a date', () => {
    expect(() => periodStart('d', '2026-02-30')).toThrow();
  });
});
