/**
 * The one limiter every Syncro call goes through, reads included. Requests are
 * spaced evenly (minTime = 60 s / limit) so a sliding one-minute window never
 * holds more than the limit, with a few in flight at once to hide latency.
 * A 429 pauses every caller; with a Redis URL the spacing and the pause are
 * shared by every process on the same token (Bottleneck clustering).
 */
import { createRequire } from 'node:module';
import Bottleneck from 'bottleneck';
import { SyncroEtlError } from '../errors.js';

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
  /** How long to wait for Redis before giving up (connect, and each reconnect), ms. */
  redisTimeoutMs?: number;
}

/** Redis must answer within this long, or the command stops with a clear error (exit 3) instead of hanging. */
export const REDIS_TIMEOUT_MS = 5_000;

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
  const redisTimeoutMs = options.redisTimeoutMs ?? REDIS_TIMEOUT_MS;
  let lastRedisError = '';
  if (options.redisUrl) {
    const require = createRequire(import.meta.url);
    Object.assign(settings, {
      datastore: 'redis',
      clearDatastore: false,
      Redis: require('redis') as unknown,
      clientOptions: {
        url: options.redisUrl,
        connect_timeout: redisTimeoutMs,
        // node-redis v3 reconnects forever by default: a dead Redis would hang every request.
        retry_strategy: (o: { total_retry_time: number; error?: Error }) => {
          if (o.error) lastRedisError = o.error.message;
          return o.total_retry_time >= redisTimeoutMs
            ? new Error(`Redis unreachable for ${redisTimeoutMs} ms`)
            : Math.min(250 * 2 ** Math.min(o.total_retry_time / 1000, 3), 1000);
        },
      },
      timeout: 10 * 60_000,
    });
  }
  const bottleneck = new Bottleneck(settings);
  // Errors of the Redis connection arrive as events; without a listener they would be thrown at random.
  bottleneck.on('error', (err: unknown) => {
    lastRedisError = err instanceof Error ? err.message : String(err);
  });
  let pausedUntil = 0;
  let resumeTimer: NodeJS.Timeout | undefined;

  const waitWhilePaused = async () => {
    for (let wait = pausedUntil - now(); wait > 0; wait = pausedUntil - now()) {
      await new Promise((r) => setTimeout(r, wait));
    }
  };

  return {
    perMinute: options.perMinute,
    async schedule(fn) {
      let started = false;
      try {
        return await bottleneck.schedule(async () => {
          started = true;
          await waitWhilePaused();
          return fn();
        });
      } catch (err) {
        // The request never ran: the shared limiter failed (Redis gone midway), not the request.
        if (!started && options.redisUrl && !(err instanceof SyncroEtlError)) throw redisLost(options.redisUrl, err);
        throw err;
      }
    },
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
      if (!options.redisUrl) return void (await bottleneck.ready());
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), redisTimeoutMs)));
      const outcome = await Promise.race([
        bottleneck.ready().then(
          () => 'ready' as const,
          (err: unknown) => err,
        ),
        timedOut,
      ]).finally(() => clearTimeout(timer));
      if (outcome === 'ready') return;
      await bottleneck.disconnect(false).catch(() => undefined);
      const why = outcome instanceof Error ? outcome.message : lastRedisError;
      throw new SyncroEtlError(
        'REDIS_UNREACHABLE',
        `cannot reach Redis at ${redactUrl(options.redisUrl)} within ${redisTimeoutMs / 1000} s${why ? ` (${why})` : ''}. Start Redis, fix --redis / SYNCRO_REDIS_URL, or leave it out to use a limiter of this process alone.`,
      );
    },
    async close() {
      if (resumeTimer) clearTimeout(resumeTimer);
      try {
        await bottleneck.stop({ dropWaitingJobs: false });
        if (options.redisUrl) await bottleneck.disconnect(false);
      } catch (err) {
        // Closing a limiter whose Redis is gone: nothing is left to release.
        if (!options.redisUrl) throw err;
      }
    },
  };
}

function redisLost(url: string, err: unknown): SyncroEtlError {
  return new SyncroEtlError(
    'REDIS_UNREACHABLE',
    `the shared rate limiter lost Redis at ${redactUrl(url)} (${err instanceof Error ? err.message : String(err)}); the request was not sent. Restart Redis, then run the same command again to resume.`,
    {},
    { cause: err },
  );
}

/** The URL without a password, for messages. */
function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.href;
  } catch {
    return 'the configured URL';
  }
}
