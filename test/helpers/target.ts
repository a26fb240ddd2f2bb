/** Test helpers: a sandbox on a free port and a client wired to it. */
import { startSandbox } from '../../src/sandbox/server.js';
import type { RunningSandbox, SandboxOptions } from '../../src/sandbox/server.js';
import { SyncroClient } from '../../src/syncro/client.js';
import type { EventSink } from '../../src/events.js';
import type { RetryPolicy } from '../../src/syncro/http.js';
import { createLimiter } from '../../src/syncro/limiter.js';

export const TEST_KEY = 'test-key';

export async function sandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ apiKey: TEST_KEY, rateLimit: 0, ...options });
}

export interface ClientOptions {
  perMinute?: number;
  events?: EventSink;
  retry?: Partial<RetryPolicy>;
  apiKey?: string;
  timeoutMs?: number;
}

/** A client with fast retries (tests must not sleep for seconds on backoff). */
export function clientFor(sb: { url: string }, o: ClientOptions = {}): SyncroClient {
  const limiter = createLimiter({ perMinute: o.perMinute ?? 60_000, maxConcurrent: 4 });
  return new SyncroClient({
    baseUrl: sb.url,
    apiKey: o.apiKey ?? TEST_KEY,
    limiter,
    events: o.events,
    timeoutMs: o.timeoutMs ?? 5_000,
    retry: { baseMs: 5, maxMs: 50, rateLimitBaseMs: 20, ...o.retry },
  });
}

export async function dump(sb: RunningSandbox): Promise<{
  customers: Array<Record<string, unknown>>;
  contacts: Array<Record<string, unknown>>;
  tickets: Array<Record<string, unknown>>;
  assets: Array<Record<string, unknown>>;
  invoices: Array<Record<string, unknown>>;
}> {
  const res = await fetch(sb.url.replace(/\/api\/v1$/, '/__sandbox/dump'));
  return (await res.json()) as never;
}
