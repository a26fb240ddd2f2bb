/**
 * Opens the Syncro account the command works on: the configured one, or —
 * with nothing configured — the embedded sandbox, started in-process with its
 * data under ./.syncro-etl/. Either way it says plainly, every run, where the
 * writes go.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventSink } from '../events.js';
import { SyncroClient } from '../syncro/client.js';
import { resolveConnection, resolveLimiterSettings } from '../syncro/config.js';
import type { ConnectionFlags } from '../syncro/config.js';
import { createLimiter } from '../syncro/limiter.js';
import { profileCautions } from '../syncro/profile.js';
import { loadProfileFor } from '../doctor/location.js';
import type { CliIO } from './io.js';

export interface Target {
  client: SyncroClient;
  /** Routes the client's events (requests, retries, rate limits) to `sink` until the returned function is called. */
  listen(sink: EventSink): () => void;
  /** The client's warnings already printed (a filter Syncro ignores, a redirect followed): a command's own list skips these. */
  shownNotices: ReadonlySet<string>;
  baseUrl: string;
  isSandbox: boolean;
  rateLimit: number;
  close(): Promise<void>;
}

export const EMBEDDED_SANDBOX_KEY = 'sandbox-key';

export async function openTarget(flags: ConnectionFlags, io: CliIO): Promise<Target> {
  // What the client found out and switched for (issue 13: a filter ignored → the safe way) is said at once, once.
  const shownNotices = new Set<string>();
  const printNotice: EventSink = (e) => {
    if (e.type !== 'notice' || e.level !== 'warn' || shownNotices.has(e.message)) return;
    shownNotices.add(e.message);
    io.err(`warning: ${e.message}`);
  };
  const listeners = new Set<EventSink>([printNotice]);
  const events: EventSink = (e) => {
    for (const l of listeners) l(e);
  };
  const listen = (sink: EventSink) => {
    listeners.add(sink);
    return () => void listeners.delete(sink);
  };
  const connection = resolveConnection({ flags });
  if (connection) {
    const saved = loadProfileFor(connection.baseUrl); // what `doctor` found on this account, if it ran here
    const limiter = createLimiter({
      perMinute: connection.rateLimit,
      redisUrl: connection.redisUrl,
      id: `syncro-etl:${connection.baseUrl}`,
    });
    await limiter.ready();
    io.err(
      `Target: ${connection.baseUrl} (from ${connection.origin}), ${connection.rateLimit} requests/min${connection.redisUrl ? ', limiter shared through Redis' : ''}.`,
    );
    io.err(
      saved
        ? `Server profile: ${saved.file} (doctor, ${saved.profile.checkedAt ?? 'undated'}).`
        : 'No server profile for this account: run `syncro-etl doctor` before a real migration.',
    );
    for (const caution of saved ? profileCautions(saved.profile) : []) io.err(`warning: ${caution}`);
    const client = new SyncroClient({
      baseUrl: connection.baseUrl,
      apiKey: connection.apiKey,
      limiter,
      events,
      ...(saved ? { profile: saved.profile } : {}),
    });
    return {
      client,
      listen,
      shownNotices,
      baseUrl: connection.baseUrl,
      isSandbox: false,
      rateLimit: connection.rateLimit,
      close: () => limiter.close(),
    };
  }

  const limits = resolveLimiterSettings({ flags });
  const dir = join(process.cwd(), '.syncro-etl');
  mkdirSync(dir, { recursive: true });
  const dataFile = join(dir, 'sandbox.db');
  const { startSandbox } = await import('../sandbox/server.js');
  const sandbox = await startSandbox({ dataFile, apiKey: EMBEDDED_SANDBOX_KEY, rateLimit: limits.rateLimit });
  io.err(
    `Target: the LOCAL SANDBOX at ${sandbox.url} (data ${dataFile}), not a Syncro account.\n` +
      '        To work on your account: export SYNCRO_SUBDOMAIN=<yourshop> SYNCRO_API_KEY=<token> (or see README "Configuration").',
  );
  const limiter = createLimiter({ perMinute: limits.rateLimit, redisUrl: limits.redisUrl, id: `syncro-etl:${sandbox.url}` });
  try {
    await limiter.ready();
  } catch (err) {
    await sandbox.close(); // else its server keeps the process alive after the error
    throw err;
  }
  const client = new SyncroClient({ baseUrl: sandbox.url, apiKey: EMBEDDED_SANDBOX_KEY, limiter, events });
  return {
    client,
    listen,
    shownNotices,
    baseUrl: sandbox.url,
    isSandbox: true,
    rateLimit: limits.rateLimit,
    close: async () => {
      try {
        await limiter.close();
      } finally {
        await sandbox.close(); // else its server keeps the process alive
      }
    },
  };
}
