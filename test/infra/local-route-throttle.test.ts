/** The sandbox gateway's route throttle: API Gateway's token bucket per route. */
import { describe, expect, it } from 'vitest';
import { RouteThrottles } from '../../infra/local/route-throttle.ts';

describe('route throttles', () => {
  it('lets a burst through, refuses past it, and refills at the rate', () => {
    let now = 0;
    const throttles = new RouteThrottles(() => now);
    const limit = { rateLimit: 2, burstLimit: 3 };
    const takes = () => Array.from({ length: 4 }, () => throttles.take('GET /a', limit));
    expect(takes()).toEqual([true, true, true, false]);
    // Another route has a bucket of its own.
    expect(throttles.take('GET /b', limit)).toBe(true);
    now += 500;
    expect(takes()).toEqual([true, false, false, false]);
    now += 10_000;
    expect(takes()).toEqual([true, true, true, false]);
  });
});
