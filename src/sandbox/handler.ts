/**
 * The sandbox as a plain `(req, res)` handler, usable with any node:http
 * server or in-process. Each API request goes: count → body → forced 429 /
 * rate limit → auth → injected 500 → route → (lost write) → latency → answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { SyncroEtlError } from '../errors.js';
import { admin } from './admin.js';
import type { AdminDeps } from './admin.js';
import { NOT_FOUND, SERVER_ERROR, UNAUTHORIZED } from './api.js';
import type { ApiResult } from './api.js';
import { isAuthorized } from './auth.js';
import { BodyError, readBody } from './body.js';
import { FaultInjector } from './faults.js';
import { parseNested } from './params.js';
import type { Params } from './params.js';
import { RateLimiter } from './rate-limit.js';
import { isWrite, resourceOf, route } from './router.js';
import { parseSeed, seedStore } from './seed.js';
import { StatsCounter } from './stats.js';
import { SandboxStore } from './store.js';
import { timestampFormatter } from './time.js';
import { variantAnswer, variantRequest, VariantSwitches } from './variant-apply.js';
import type { SandboxVariants } from './variants.js';
import type { SandboxFaults, SandboxOptions, SandboxStats } from './types.js';

export const API_PREFIX = '/api/v1';
export const ADMIN_PREFIX = '/__sandbox/';

/** Handler options: SandboxOptions without host/port, plus an optional store the caller owns. */
export interface SandboxHandlerOptions extends Omit<SandboxOptions, 'host' | 'port'> {
  store?: SandboxStore;
}

/** A request handler carrying its store and controls. */
export interface SandboxHandler {
  (req: IncomingMessage, res: ServerResponse): void;
  readonly store: SandboxStore;
  setFaults(faults: SandboxFaults | undefined): void;
  /** Replaces every variant switch (see variants.ts); returns the switches in force. */
  setVariants(variants: SandboxVariants | undefined): SandboxVariants;
  stats(): SandboxStats;
  /** Stops answering; closes the store when the handler opened it. */
  close(): void;
}

function send(res: ServerResponse, result: ApiResult): void {
  if (res.headersSent || res.destroyed) return;
  const json = result.contentType !== undefined && typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
  res.writeHead(result.status, {
    'content-type': result.contentType ?? 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    ...result.headers,
  });
  res.end(json);
}

/** The answer to an unreadable body (400 bad JSON, 413 too large); other errors go on up. */
function badBody(err: unknown): ApiResult {
  if (err instanceof BodyError) return { status: err.status, body: { error: err.message } };
  throw err;
}

function checkOptions(o: SandboxHandlerOptions): void {
  if (o.rateLimit !== undefined && !(Number.isInteger(o.rateLimit) && o.rateLimit >= 0)) {
    throw new SyncroEtlError('CONFIG_INVALID', `Sandbox rate limit ${o.rateLimit} is not a whole number >= 0 (0 turns it off).`, {
      field: 'rateLimit',
    });
  }
  if (o.apiKey !== undefined && o.apiKey.trim() === '') {
    throw new SyncroEtlError('CONFIG_INVALID', 'Sandbox API key is empty; pass a non-empty --api-key or leave it out.', {
      field: 'apiKey',
    });
  }
}

/**
 * Builds the sandbox handler (opens `dataFile`, or memory, unless a store is given).
 * @example http.createServer(createSandboxHandler({ rateLimit: 0 })).listen(0, '127.0.0.1')
 */
export function createSandboxHandler(options: SandboxHandlerOptions = {}): SandboxHandler {
  checkOptions(options);
  const now = options.now ?? Date.now;
  const fmt = timestampFormatter(options.utcOffset ?? '+00:00');
  const faults = new FaultInjector(options.faults);
  const store = options.store ?? SandboxStore.open(options.dataFile, { now });
  const ownsStore = options.store === undefined;
  if (options.seed && store.isEmpty()) {
    try {
      seedStore(store, parseSeed(options.seed, 'Sandbox seed'));
    } catch (err) {
      if (ownsStore) store.close();
      throw err;
    }
  }
  let variants: VariantSwitches;
  try {
    variants = new VariantSwitches(store, options.variants);
    variants.ensureVendorContacts();
  } catch (err) {
    if (ownsStore) store.close();
    throw err;
  }
  const apiKey = options.apiKey ?? 'sandbox-key';
  const retryAfter = options.retryAfter ?? true;
  const uniqueEmail = options.uniqueEmail ?? false;
  const deps: AdminDeps = {
    store,
    fmt,
    stats: new StatsCounter(),
    faults,
    limiter: new RateLimiter(options.rateLimit ?? 180, now),
    variants,
  };
  let closed = false;

  function rateLimited(retryAfterMs: number): ApiResult {
    const headers: Record<string, string> = retryAfter ? { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) } : {};
    return { status: 429, body: { error: 'Rate limit exceeded' }, headers };
  }

  /** The answer to one API request, and whether its (stored) write loses the answer. */
  async function answer(req: IncomingMessage, url: URL, method: string, segments: string[]): Promise<[ApiResult, boolean]> {
    let body: Params;
    try {
      body = await readBody(req);
    } catch (err) {
      return [badBody(err), false];
    }
    const decision = faults.take429()
      ? { allowed: false as const, retryAfterMs: 1000 }
      : deps.limiter.check(req.socket.remoteAddress ?? 'unknown');
    if (!decision.allowed) return [rateLimited(decision.retryAfterMs), false];
    if (!isAuthorized(req.headers, url.searchParams, body, apiKey)) return [UNAUTHORIZED, false];
    if (faults.fail5xx()) {
      deps.stats.injected5xx();
      return [SERVER_ERROR, false];
    }
    const v = variants.current;
    const request = variantRequest(v, method, segments, { ...body, ...parseNested(url.search.slice(1)) }, store);
    let result: ApiResult;
    try {
      result =
        request.early ??
        route(method, segments, { store, params: request.params, fmt, uniqueEmail, contactTitleTopLevel: v.contactTitleTopLevel === true });
      result = variantAnswer(v, method, segments, result, store);
    } catch {
      return [SERVER_ERROR, false];
    }
    return [result, isWrite(method) && result.status === 200 && faults.loseWrite()];
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname.startsWith(ADMIN_PREFIX)) {
      let body: Params;
      try {
        body = await readBody(req);
      } catch (err) {
        return send(res, badBody(err));
      }
      return send(res, admin(method, url.pathname.slice(ADMIN_PREFIX.length), body, deps));
    }
    if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`)) return send(res, NOT_FOUND);
    const segments = url.pathname
      .slice(API_PREFIX.length)
      .split('/')
      .filter((s) => s !== '');
    deps.stats.request(method, resourceOf(segments));
    const [result, lose] = await answer(req, url, method, segments);
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (lose) {
      deps.stats.lostWrite();
      req.socket.destroy();
      return;
    }
    deps.stats.answered(result.status);
    send(res, result);
  }

  const handler = ((req: IncomingMessage, res: ServerResponse) => {
    if (closed) {
      req.socket.destroy();
      return;
    }
    handle(req, res).catch(() => send(res, SERVER_ERROR));
  }) as SandboxHandler;
  Object.defineProperty(handler, 'store', { value: store });
  handler.setFaults = (f) => faults.update(f ?? {});
  handler.setVariants = (v) => variants.set(v ?? {});
  handler.stats = () => deps.stats.snapshot();
  handler.close = () => {
    closed = true;
    if (ownsStore) store.close();
  };
  return handler;
}
