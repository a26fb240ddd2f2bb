/**
 * Raw calls for `doctor`: what the server answered, as it came (status,
 * content type, Retry-After, JSON or not), without the client's checks,
 * retries or fallbacks, since the point is to see the answer itself.
 * Redirects are not followed (a redirect is a finding). Paced by the limiter.
 */
import type { RequestLimiter } from '../syncro/limiter.js';

export type QueryValue = string | number | boolean | Array<string | number> | undefined;

/** One answer as it came. `json` is undefined when the body is not JSON. */
export interface RawAnswer {
  status: number;
  contentType: string;
  /** The Retry-After header as sent, or null. */
  retryAfter: string | null;
  json: unknown;
  /** The first 200 characters of the body, for messages. */
  excerpt: string;
  location: string | null;
}

export interface ProberOptions {
  baseUrl: string;
  apiKey: string;
  limiter: RequestLimiter;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class Prober {
  /** API requests sent so far. */
  requests = 0;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ProberOptions) {
    this.fetchImpl = options.fetch ?? fetch;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /** A call through the limiter (the checks never go over the limit). */
  call(method: string, path: string, opts: { query?: Record<string, QueryValue>; body?: unknown } = {}): Promise<RawAnswer> {
    return this.options.limiter.schedule(() => this.unpaced(method, path, opts));
  }

  /** A call that skips the limiter: only the rate-limit probe uses it. */
  async unpaced(method: string, path: string, opts: { query?: Record<string, QueryValue>; body?: unknown } = {}): Promise<RawAnswer> {
    this.requests++;
    const res = await this.fetchImpl(this.url(path, opts.query), {
      method,
      redirect: 'manual',
      headers: {
        Authorization: `Bearer ${this.options.apiKey}`,
        Accept: 'application/json',
        ...(opts.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      retryAfter: res.headers.get('retry-after'),
      json,
      excerpt: text.replaceAll(this.options.apiKey, '***').slice(0, 200),
      location: res.headers.get('location'),
    };
  }

  private url(path: string, query: Record<string, QueryValue> = {}): string {
    const url = new URL(`${this.options.baseUrl}/${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) url.searchParams.append(`${key}[]`, String(v));
      else url.searchParams.set(key, String(value));
    }
    return url.href;
  }
}

/** The object itself when `v` is a plain object. */
export function asObject(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A short description of a non-JSON or unexpected answer. */
export function describeAnswer(a: RawAnswer): string {
  if (a.status >= 300 && a.status < 400) return `HTTP ${a.status} redirect to ${a.location ?? '(no Location)'}`;
  if (a.json === undefined)
    return `HTTP ${a.status}, ${a.contentType || 'no content type'}, not JSON: ${JSON.stringify(a.excerpt.slice(0, 80))}`;
  return `HTTP ${a.status}`;
}
