/**
 * `openSyncro`: a Syncro client with its limiter, for a script. The account
 * comes from the options, else from the environment and config file exactly
 * as the CLI reads them (SYNCRO_SUBDOMAIN / SYNCRO_BASE_URL + SYNCRO_API_KEY,
 * .syncro-etl/config.json). The key is never printed, logged or returned.
 */
import { SyncroEtlError } from '../errors.js';
import type { EventSink } from '../events.js';
import { SyncroClient } from '../syncro/client.js';
import { checkBaseUrl, resolveConnection, resolveLimiterSettings } from '../syncro/config.js';
import { createLimiter } from '../syncro/limiter.js';
import type { ServerProfile } from '../syncro/profile.js';
import type { RunTarget } from './run-target.js';

export interface OpenSyncroOptions {
  /** e.g. `https://yourshop.syncromsp.com/api/v1`; plain http only for 127.0.0.1/localhost (a sandbox). */
  baseUrl?: string;
  /** `yourshop` for https://yourshop.syncromsp.com/api/v1. */
  subdomain?: string;
  /** The API token. Default: SYNCRO_API_KEY, then the config file. */
  apiKey?: string;
  /** Requests per minute (default: SYNCRO_RATE_LIMIT, the config file, else 180). */
  rateLimit?: number;
  /** Share the limiter with other processes on the same token through Redis. */
  redisUrl?: string;
  /** What `syncro-etl doctor` found on this account. */
  profile?: ServerProfile;
  /** The client's own events (requests, retries, rate-limit pauses). */
  onEvent?: EventSink;
  /** Where the config file is looked for (default process.cwd()). */
  cwd?: string;
  /** Default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** An open account: the client, where it points, and what plans record as their target. */
export interface SyncroConnection {
  client: SyncroClient;
  baseUrl: string;
  rateLimit: number;
  /** Recorded in every plan made through this connection; apply and undo refuse another one. */
  target: RunTarget;
  /** Route the client's events to `sink` too, until the returned function is called. */
  listen(sink: EventSink): () => void;
  /** Stops the limiter (and its Redis connection). */
  close(): Promise<void>;
}

/**
 * @example
 * const syncro = await openSyncro({ subdomain: 'yourshop', apiKey: process.env.SYNCRO_API_KEY });
 * try { console.log((await syncro.client.me()).email); } finally { await syncro.close(); }
 */
export async function openSyncro(options: OpenSyncroOptions = {}): Promise<SyncroConnection> {
  const env = options.env ?? process.env;
  const flags = {
    ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
    ...(options.redisUrl ? { redis: options.redisUrl } : {}),
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.subdomain ? { subdomain: options.subdomain } : {}),
  };
  const resolveInput = { flags, env, ...(options.cwd ? { cwd: options.cwd } : {}) };
  let baseUrl: string;
  let apiKey: string;
  let limits: { rateLimit: number; redisUrl?: string };
  if (options.apiKey && (options.baseUrl || options.subdomain)) {
    baseUrl = checkBaseUrl(options.baseUrl ?? `https://${options.subdomain}.syncromsp.com/api/v1`);
    apiKey = options.apiKey;
    limits = resolveLimiterSettings(resolveInput);
  } else {
    const connection = resolveConnection({ ...resolveInput, env: options.apiKey ? { ...env, SYNCRO_API_KEY: options.apiKey } : env });
    if (!connection) {
      throw new SyncroEtlError(
        'CONFIG_INVALID',
        'no Syncro account given: pass baseUrl (or subdomain) and apiKey, or set SYNCRO_SUBDOMAIN and SYNCRO_API_KEY',
      );
    }
    ({ baseUrl, apiKey } = connection);
    limits = { rateLimit: connection.rateLimit, ...(connection.redisUrl ? { redisUrl: connection.redisUrl } : {}) };
  }

  const listeners = new Set<EventSink>(options.onEvent ? [options.onEvent] : []);
  const events: EventSink = (e) => {
    for (const l of listeners) l(e);
  };
  const limiter = createLimiter({
    perMinute: limits.rateLimit,
    ...(limits.redisUrl ? { redisUrl: limits.redisUrl } : {}),
    id: `syncro-etl:${baseUrl}`,
  });
  await limiter.ready();
  const client = new SyncroClient({ baseUrl, apiKey, limiter, events, ...(options.profile ? { profile: options.profile } : {}) });
  return {
    client,
    baseUrl,
    rateLimit: limits.rateLimit,
    target: { baseUrl, sandbox: false },
    listen(sink) {
      listeners.add(sink);
      return () => void listeners.delete(sink);
    },
    close: () => limiter.close(),
  };
}
