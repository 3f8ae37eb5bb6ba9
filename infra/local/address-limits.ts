/**
 * The edge limits (`infra/edge-limits.ts`) in the sandbox: what the CloudFront web ACL's rate-based
 * rules do in the cloud, per client address and per group of routes, over a sliding window. Only
 * requests let through are counted, so a client that waits `Retry-After` seconds gets in again
 * (WAF keeps counting a flooding address and lets it in once its rate has dropped).
 */
import { type EdgeLimitGroup, type EdgeLimits, parseEdgeLimits } from '../edge-limits.ts';

/** Addresses kept before the ones with nothing left in their window are dropped. */
const sweepAbove = 10_000;

export type AddressLimitAnswer =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

export class AddressLimits {
  /** When each request let through was, by group and address, oldest first (ms). */
  readonly #seen = new Map<string, number[]>();
  readonly #limits: EdgeLimits;
  readonly #now: () => number;

  constructor(limits: EdgeLimits, now: () => number = () => performance.now()) {
    this.#limits = limits;
    this.#now = now;
  }

  /** Counts a request of `address` to `group`'s routes, or answers how long it must wait. */
  take(group: EdgeLimitGroup, address: string): AddressLimitAnswer {
    const { limit, windowSeconds } = this.#limits[group];
    const now = this.#now();
    const windowMs = windowSeconds * 1000;
    const key = `${group} ${address}`;
    const seen = (this.#seen.get(key) ?? []).filter((at) => at > now - windowMs);
    if (seen.length >= limit) {
      this.#seen.set(key, seen);
      // Room comes when the oldest request of the last `limit` leaves the window.
      const oldest = seen[seen.length - limit] ?? now;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
    }
    seen.push(now);
    this.#seen.set(key, seen);
    if (this.#seen.size > sweepAbove) this.#sweep(now);
    return { allowed: true };
  }

  #sweep(now: number): void {
    const longest = Math.max(...Object.values(this.#limits).map((limit) => limit.windowSeconds)) * 1000;
    for (const [key, seen] of this.#seen) if ((seen.at(-1) ?? 0) <= now - longest) this.#seen.delete(key);
  }
}

/**
 * `COURTDESK_EDGE_LIMITS`: `off`, or overrides as JSON (`{"form":{"limit":1000}}`); absent: the
 * defaults, on.
 */
export function edgeLimitsFromEnvironment(environment: NodeJS.ProcessEnv = process.env): EdgeLimits | false {
  const raw = environment.COURTDESK_EDGE_LIMITS;
  if (raw === undefined || raw.trim() === '') return parseEdgeLimits({});
  if (raw.trim() === 'off') return false;
  try {
    return parseEdgeLimits(raw);
  } catch (error) {
    throw new Error(`Environment variable COURTDESK_EDGE_LIMITS: ${(error as Error).message}`);
  }
}
