/**
 * The one limiter every Syncro call goes through, reads included. Requests are
 * spaced evenly (minTime = 60 s / limit) so a sliding one-minute window never
 * holds more than the limit, with a few in flight at once to hide latency.
 * A 429 pauses every caller; with a Redis URL the spacing and the pause are
 * shared by every process on the same token (Bottleneck clustering).
 */
import { createRequire } from 'node:module';
import Bottleneck from 'bottleneck';

export interface LimiterOptions {
  /** Requests per minute allowed by the account (Syncro: 180 per IP). */
  perMinute: number;
  /** Requests in flight at once. */
  maxConcurrent?: number;
  /** Share state through Redis (e.g. redis://127.0.0.1:6379). */
  redisUrl?: string;
  /** Limiter id: processes with the same id and Redis share one budget. */
  id?: string;
  now?: () => number;
}

export interface RequestLimiter {
  readonly perMinute: number;
  schedule<T>(fn: () => Promise<T>): Promise<T>;
  /** Stop starting requests for `ms` (a 429 arrived). Extends, never shortens, a pause. */
  pause(ms: number): void;
  /** Wait until the limiter is connected (Redis) and ready. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Requests are spaced 1% wider than the limit: a sliding minute never holds more than the limit. */
const SPACING_MARGIN = 1.01;

export function createLimiter(options: LimiterOptions): RequestLimiter {
  const now = options.now ?? Date.now;
  const minTime = Math.ceil((60_000 / options.perMinute) * SPACING_MARGIN); // whole ms: the Redis store keeps integers
  const settings: Bottleneck.ConstructorOptions = {
    maxConcurrent: options.maxConcurrent ?? 4,
    minTime,
    id: options.id ?? 'syncro-etl',
  };
  if (options.redisUrl) {
    const require = createRequire(import.meta.url);
    Object.assign(settings, {
      datastore: 'redis',
      clearDatastore: false,
      Redis: require('redis') as unknown,
      clientOptions: { url: options.redisUrl },
      timeout: 10 * 60_000,
    });
  }
  const bottleneck = new Bottleneck(settings);
  let pausedUntil = 0;
  let resumeTimer: NodeJS.Timeout | undefined;

  const waitWhilePaused = async () => {
    for (let wait = pausedUntil - now(); wait > 0; wait = pausedUntil - now()) {
      await new Promise((r) => setTimeout(r, wait));
    }
  };

  return {
    perMinute: options.perMinute,
    schedule: (fn) =>
      bottleneck.schedule(async () => {
        await waitWhilePaused();
        return fn();
      }),
    pause(ms) {
      const until = now() + ms;
      if (until <= pausedUntil) return;
      pausedUntil = until;
      // reservoir 0 stops Bottleneck (and, clustered, every other process) from starting jobs.
      void bottleneck.updateSettings({ reservoir: 0 });
      if (resumeTimer) clearTimeout(resumeTimer);
      resumeTimer = setTimeout(() => {
        resumeTimer = undefined;
        void bottleneck.updateSettings({ reservoir: null });
      }, ms); // not unref'd: queued calls wait on it, so it must keep the process alive
    },
    async ready() {
      await bottleneck.ready();
    },
    async close() {
      if (resumeTimer) clearTimeout(resumeTimer);
      await bottleneck.stop({ dropWaitingJobs: false });
      if (options.redisUrl) await bottleneck.disconnect(false);
    },
  };
}
