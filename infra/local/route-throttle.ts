/**
 * API Gateway's route throttling in the sandbox: a token bucket per route, `rateLimit` tokens a
 * second up to `burstLimit`, shared by all clients as API Gateway's is; a request finding the bucket
 * empty is answered 429 before any function runs.
 */
import type { RouteThrottle } from '../inventory.ts';

export class RouteThrottles {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Takes a token of the route's bucket: false when none is left (429). */
  take(routeKey: string, throttle: RouteThrottle): boolean {
    const now = this.#now();
    const bucket = this.#buckets.get(routeKey) ?? { tokens: throttle.burstLimit, at: now };
    bucket.tokens = Math.min(
      throttle.burstLimit,
      bucket.tokens + ((now - bucket.at) / 1000) * throttle.rateLimit,
    );
    bucket.at = now;
    this.#buckets.set(routeKey, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
