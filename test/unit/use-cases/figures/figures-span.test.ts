/** How a span of days is read from the figures' buckets: whole years, months and weeks, days at the edges. */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketsOfSpan, nextPeriod, plusDays, weekStart } from '../../../../shared/ports/figures-reader.ts';

const show = (span: { from: string; to: string }) =>
  bucketsOfSpan(span).map((period) => `${period.granularity}${period.start}`);

describe('a span read as buckets', () => {
  it('takes whole months and weeks, and days only at the edges', () => {
    // 2026-03-02 is a Monday.
    expect(show({ from: '2026-01-29', to: '2026-03-10' })).toEqual([
      'd2026-01-29',
      'd2026-01-30',
      'd2026-01-31',
      'm2026-02-01',
      'd2026-03-01',
      'w2026-03-02',
      'd2026-03-09',
      'd2026-03-10',
    ]);
  });

  it('reads the backlog from the beginning as whole years, then months, weeks and days', () => {
    expect(show({ from: '2020-01-01', to: '2026-03-14' })).toEqual([
      'y2020-01-01',
      'y2021-01-01',
      'y2022-01-01',
      'y2023-01-01',
      'y2024-01-01',
      'y2025-01-01',
      'm2026-01-01',
      'm2026-02-01',
      'd2026-03-01',
      'w2026-03-02',
      'd2026-03-09',
      'd2026-03-10',
      'd2026-03-11',
      'd2026-03-12',
      'd2026-03-13',
      'd2026-03-14',
    ]);
  });

  it('is empty for a reversed span, a day for a day', () => {
    expect(show({ from: '2026-03-02', to: '2026-03-01' })).toEqual([]);
    expect(show({ from: '2026-03-02', to: '2026-03-02' })).toEqual(['d2026-03-02']);
  });

  it('covers every day of any span exactly once, with few buckets', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((offset) => plusDays('2020-01-01', offset));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const span = a <= b ? { from: a, to: b } : { from: b, to: a };
        const covered: string[] = [];
        const periods = bucketsOfSpan(span);
        for (const period of periods)
          for (let d = period.start; d < nextPeriod(period.granularity, period.start); d = plusDays(d, 1))
            covered.push(d);
        covered.sort();
        const expected: string[] = [];
        for (let d = span.from; d <= span.to; d = plusDays(d, 1)) expected.push(d);
        expect(covered).toEqual(expected);
        // At most 11 months, 4 weeks and 12 days at each edge, and the years between.
        const years = Number(span.to.slice(0, 4)) - Number(span.from.slice(0, 4)) + 1;
        expect(periods.length).toBeLessThanOrEqual(2 * (11 + 4 + 12) + years);
      }),
      { numRuns: 100 },
    );
    expect(weekStart('2026-01-01')).toBe('2025-12-29');
  });
});
