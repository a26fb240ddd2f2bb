/**
 * Request counters for `GET /__sandbox/stats` and `RunningSandbox.stats()`.
 * Only API requests (under /api/v1) are counted.
 */
import type { SandboxStats } from './types.js';

function empty(): SandboxStats {
  return { total: 0, byRoute: {}, byStatus: {}, rateLimited: 0, injected5xx: 0, lostWrites: 0 };
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

/** Mutable counters; `snapshot()` hands out a copy. */
export class StatsCounter {
  private s = empty();

  /** One request received, keyed "METHOD resource". */
  request(method: string, resource: string): void {
    this.s.total++;
    bump(this.s.byRoute, `${method} ${resource}`);
  }

  /** One answer sent with `status`. */
  answered(status: number): void {
    bump(this.s.byStatus, String(status));
    if (status === 429) this.s.rateLimited++;
  }

  injected5xx(): void {
    this.s.injected5xx++;
  }

  lostWrite(): void {
    this.s.lostWrites++;
  }

  snapshot(): SandboxStats {
    return { ...this.s, byRoute: { ...this.s.byRoute }, byStatus: { ...this.s.byStatus } };
  }

  reset(): void {
    this.s = empty();
  }
}
