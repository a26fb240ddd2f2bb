/**
 * One HTTP call to Syncro, through the shared limiter, with the retry policy:
 * - 429: pause every caller (Retry-After when sent, growing backoff when not), then retry;
 * - 5xx, timeouts, network errors: retry with jittered, bounded backoff when the
 *   call is safe to repeat (GET, PUT, DELETE); a POST is never repeated here —
 *   it fails as `ambiguous` so the caller can look the record up first;
 * - 401, 404, 422: typed errors with Syncro's own message, not retried;
 * - a 2xx whose body is not JSON (an HTML login or maintenance page) is API_BAD_ANSWER;
 * - redirects are followed only for reads within the same origin; to another
 *   origin or to http, or on any write, they are API_REDIRECT (issue 14.8:
 *   an unauthenticated page must never pass for an empty account, and a write
 *   must never be re-sent elsewhere).
 */
import type { EventSink } from '../events.js';
import { silentSink } from '../events.js';
import { SyncroApiError, syncroMessageOf } from './errors.js';
import { badAnswer, shownUrl } from './schemas.js';
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
  /** The longest Retry-After waited out; a longer one stops the call at once (API_RATE_LIMITED) instead of a silent hour. */
  maxRetryAfterMs?: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 6,
  baseMs: 500,
  maxMs: 30_000,
  rateLimitBaseMs: 5_000,
  maxRateLimited: 30,
  maxRetryAfterMs: 300_000,
};

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
  /** The URL that answered (after any same-origin redirect), for messages. */
  url: string;
}

const MAX_REDIRECTS = 5;

export class SyncroHttp {
  private readonly retry: RetryPolicy;
  private readonly events: EventSink;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  /** Total HTTP requests sent, for API-call accounting in reports and benches. */
  requestsSent = 0;
  /** The server's clock less ours, from the last Date header (1 s resolution); undefined until one came. */
  serverClockOffsetMs: number | undefined;

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

  /** The key, for masking it in messages (never for printing). */
  get apiKey(): string {
    return this.options.apiKey;
  }

  async request<T>(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<HttpResult<T>> {
    let url = this.url(path, opts.query);
    let failures = 0;
    let rateLimited = 0;
    let redirects = 0;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.options.limiter.schedule(() => this.once(method, url, opts.body));
      const displayPath = path;
      if (outcome.kind === 'redirect') {
        url = this.redirectTarget(method, url, outcome, ++redirects);
        continue;
      }
      if (outcome.kind === 'answer') {
        const { status, body, retryAfter } = outcome;
        if (status >= 200 && status < 300) {
          if (!outcome.json) throw badAnswer({ method, url, apiKey: this.options.apiKey }, 'the body is not JSON', body);
          return { status, body: body as T, attempts: attempt, url };
        }
        if (status === 429) {
          rateLimited++;
          const maxWait = this.retry.maxRetryAfterMs ?? DEFAULT_RETRY.maxRetryAfterMs!;
          if (retryAfter !== undefined && retryAfter > maxWait)
            throw new SyncroApiError({
              code: 'API_RATE_LIMITED',
              status,
              method,
              path: displayPath,
              syncroMessage: `Syncro asks to wait ${Math.ceil(retryAfter / 1000)} s (Retry-After) before the next request, longer than the ${Math.round(maxWait / 1000)} s syncro-etl waits; run the command again later`,
            });
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
        throw new SyncroApiError({
          code: 'API_NETWORK',
          status: 0,
          method,
          path: displayPath,
          syncroMessage: outcome.message,
          ambiguous: true,
          cause: outcome.cause,
        });
      }
      failures++;
      if (failures > this.retry.maxRetries) {
        throw new SyncroApiError({
          code: 'API_NETWORK',
          status: 0,
          method,
          path: displayPath,
          syncroMessage: outcome.message,
          cause: outcome.cause,
        });
      }
      await this.backoff(failures, attempt, outcome.message, method, displayPath);
    }
  }

  /** Where a redirect may take this call, or API_REDIRECT when it may not. */
  private redirectTarget(method: HttpMethod, from: string, r: { status: number; location: string | null }, count: number): string {
    const fail = (why: string) =>
      new SyncroApiError({
        code: 'API_REDIRECT',
        status: r.status,
        method,
        path: shownUrl(from),
        syncroMessage: `HTTP ${r.status} to ${r.location ? shownUrl(r.location) : '(no Location)'}: ${why}`,
      });
    if (method !== 'GET') throw fail('a write is never re-sent to another address');
    if (!r.location) throw fail('the answer names no new address');
    let to: URL;
    try {
      to = new URL(r.location, from);
    } catch {
      throw fail('the new address is not a URL');
    }
    if (to.origin !== new URL(from).origin) throw fail(`only redirects within ${new URL(from).origin} are followed`);
    if (count > MAX_REDIRECTS) throw fail(`more than ${MAX_REDIRECTS} redirects`);
    this.events({
      type: 'notice',
      level: 'warn',
      message: `Syncro redirected GET ${shownUrl(from)} to ${shownUrl(to.href)} (same origin; followed)`,
    });
    return to.href;
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
        redirect: 'manual',
      });
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        await res.body?.cancel();
        this.events({ type: 'request', method, path: new URL(url).pathname, status: res.status, ms: Date.now() - started });
        return { kind: 'redirect', status: res.status, location: res.headers.get('location') };
      }
      const serverDate = Date.parse(res.headers.get('date') ?? '');
      if (!Number.isNaN(serverDate)) this.serverClockOffsetMs = serverDate - Date.now();
      const text = await res.text();
      let parsed: unknown = text;
      let json = true;
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        json = false; // keep the text: error bodies are sometimes HTML
      }
      const path = new URL(url).pathname;
      this.events({ type: 'request', method, path, status: res.status, ms: Date.now() - started });
      return { kind: 'answer', status: res.status, body: parsed, json, retryAfter: parseRetryAfter(res.headers.get('retry-after')) };
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause;
      const refused = cause?.code === 'ECONNREFUSED';
      const message =
        (err as Error).name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : (cause?.code ?? (err as Error).message);
      return { kind: 'no-answer', refused, message, cause: err };
    }
  }
}

type OnceOutcome =
  | { kind: 'answer'; status: number; body: unknown; json: boolean; retryAfter: number | undefined }
  | { kind: 'redirect'; status: number; location: string | null }
  | { kind: 'no-answer'; refused: boolean; message: string; cause: unknown };

/** Retry-After in seconds or as an HTTP date, to milliseconds. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
