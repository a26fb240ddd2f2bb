/**
 * One HTTP call to Syncro, through the shared limiter, with the retry policy:
 * - 429: pause every caller (Retry-After when sent, growing backoff when not), then retry;
 * - 5xx, timeouts, network errors: retry with jittered, bounded backoff when the
 *   call is safe to repeat (GET, PUT, DELETE); a POST is never repeated here —
 *   it fails as `ambiguous` so the caller can look the record up first;
 * - 401, 404, 422: typed errors with Syncro's own message, not retried.
 */
import type { EventSink } from '../events.js';
import { silentSink } from '../events.js';
import { SyncroApiError, syncroMessageOf } from './errors.js';
import type { RequestLimiter } from './limiter.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | Array<string | number> | undefined;

export interface RetryPolicy {
  /** Attempts after the first for 5xx/network errors on safe calls. */
  maxRetries: number;
  baseMs: number;
  maxMs: number;
  /** Backoff after a 429 without Retry-After (doubles each time, up to 60 s). */
  rateLimitBaseMs: number;
  /** 429s in a row before giving up on one call. */
  maxRateLimited: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 6, baseMs: 500, maxMs: 30_000, rateLimitBaseMs: 5_000, maxRateLimited: 30 };

export interface HttpClientOptions {
  baseUrl: string;
  apiKey: string;
  limiter: RequestLimiter;
  events?: EventSink;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
}

/** Result of a call: the parsed body and how many attempts it took. */
export interface HttpResult<T> {
  status: number;
  body: T;
  attempts: number;
}

export class SyncroHttp {
  private readonly retry: RetryPolicy;
  private readonly events: EventSink;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  /** Total HTTP requests sent, for API-call accounting in reports and benches. */
  requestsSent = 0;

  constructor(private readonly options: HttpClientOptions) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.events = options.events ?? silentSink;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = options.random ?? Math.random;
    this.fetchImpl = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  get limiter(): RequestLimiter {
    return this.options.limiter;
  }

  async request<T>(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<HttpResult<T>> {
    const url = this.url(path, opts.query);
    let failures = 0;
    let rateLimited = 0;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.options.limiter.schedule(() => this.once(method, url, opts.body));
      const displayPath = path;
      if (outcome.kind === 'answer') {
        const { status, body, retryAfter } = outcome;
        if (status >= 200 && status < 300) return { status, body: body as T, attempts: attempt };
        if (status === 429) {
          rateLimited++;
          const waitMs = retryAfter ?? Math.min(60_000, this.retry.rateLimitBaseMs * 2 ** (rateLimited - 1)) * (0.8 + 0.4 * this.random());
          this.options.limiter.pause(waitMs);
          this.events({ type: 'rate-limited', waitMs, retryAfterHeader: retryAfter !== undefined });
          if (rateLimited > this.retry.maxRateLimited) throw this.error('API_RATE_LIMITED', status, method, displayPath, body, false);
          continue;
        }
        if (status === 401 || status === 403) throw this.error('API_UNAUTHORIZED', status, method, displayPath, body, false);
        if (status === 404) throw this.error('API_NOT_FOUND', status, method, displayPath, body, false);
        if (status === 422 || status === 400) throw this.error('API_VALIDATION', status, method, displayPath, body, false);
        if (status < 500) throw this.error('API_UNEXPECTED', status, method, displayPath, body, false);
        // 5xx: a POST may have been stored before the error; never repeat it blindly.
        if (method === 'POST') throw this.error('API_SERVER', status, method, displayPath, body, true);
        failures++;
        if (failures > this.retry.maxRetries) throw this.error('API_SERVER', status, method, displayPath, body, false);
        await this.backoff(failures, attempt, `HTTP ${status}`, method, displayPath);
        continue;
      }
      // No answer: refused connections were never received; anything else may have been.
      const neverSent = outcome.refused;
      if (method === 'POST' && !neverSent) {
        throw new SyncroApiError({ code: 'API_NETWORK', status: 0, method, path: displayPath, syncroMessage: outcome.message, ambiguous: true, cause: outcome.cause });
      }
      failures++;
      if (failures > this.retry.maxRetries) {
        throw new SyncroApiError({ code: 'API_NETWORK', status: 0, method, path: displayPath, syncroMessage: outcome.message, cause: outcome.cause });
      }
      await this.backoff(failures, attempt, outcome.message, method, displayPath);
    }
  }

  private async backoff(failures: number, attempt: number, reason: string, method: string, path: string): Promise<void> {
    const cap = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** (failures - 1));
    const waitMs = Math.round(cap / 2 + (this.random() * cap) / 2); // "equal jitter": never zero, never above cap
    this.events({ type: 'retry', attempt, waitMs, reason, method, path });
    await this.sleep(waitMs);
  }

  private error(code: SyncroApiError['code'], status: number, method: string, path: string, body: unknown, ambiguous: boolean) {
    return new SyncroApiError({ code, status, method, path, syncroMessage: syncroMessageOf(body, `HTTP ${status}`), ambiguous });
  }

  private url(path: string, query?: Record<string, QueryValue>): string {
    const url = new URL(`${this.options.baseUrl}/${path.replace(/^\//, '')}`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) url.searchParams.append(`${key}[]`, String(v));
      else url.searchParams.set(key, String(value));
    }
    return url.href;
  }

  private async once(method: HttpMethod, url: string, body: unknown): Promise<OnceOutcome> {
    const started = Date.now();
    this.requestsSent++;
    try {
      const res = await this.fetchImpl(url, {
        method,
        headers: {
          Authorization: `Bearer ${this.options.apiKey}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        /* keep the text: error bodies are sometimes HTML */
      }
      const path = new URL(url).pathname;
      this.events({ type: 'request', method, path, status: res.status, ms: Date.now() - started });
      return { kind: 'answer', status: res.status, body: parsed, retryAfter: parseRetryAfter(res.headers.get('retry-after')) };
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause;
      const refused = cause?.code === 'ECONNREFUSED';
      const message = (err as Error).name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : cause?.code ?? (err as Error).message;
      return { kind: 'no-answer', refused, message, cause: err };
    }
  }
}

type OnceOutcome =
  | { kind: 'answer'; status: number; body: unknown; retryAfter: number | undefined }
  | { kind: 'no-answer'; refused: boolean; message: string; cause: unknown };

/** Retry-After in seconds or as an HTTP date, to milliseconds. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
