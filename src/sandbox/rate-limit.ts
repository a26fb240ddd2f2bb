/**
 * Syncro's rate limit: N requests per minute per client IP, over a sliding
 * 60-second window. Refused requests are not recorded, so a client that
 * waits out `retryAfterMs` always gets through.
 */

export const WINDOW_MS = 60_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * A sliding-window limiter; `limit` 0 allows everything.
 * @example const rl = new RateLimiter(180, Date.now); rl.check('127.0.0.1') // { allowed: true }
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number,
  ) {}

  /** Records a request from `client` when it is allowed; says how long to wait when not. */
  check(client: string): RateDecision {
    if (this.limit <= 0) return { allowed: true };
    const t = this.now();
    let times = this.hits.get(client);
    if (!times) {
      times = [];
      this.hits.set(client, times);
    }
    let drop = 0;
    while (drop < times.length && (times[drop] as number) <= t - WINDOW_MS) drop++;
    if (drop > 0) times.splice(0, drop);
    if (times.length >= this.limit) {
      return { allowed: false, retryAfterMs: Math.max(1, (times[0] as number) + WINDOW_MS - t) };
    }
    times.push(t);
    return { allowed: true };
  }

  /** Forgets every client's history. */
  reset(): void {
    this.hits.clear();
  }
}
