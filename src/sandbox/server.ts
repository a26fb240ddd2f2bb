/**
 * `startSandbox`: the sandbox handler on a real port (127.0.0.1 and a free
 * port by default). The `syncro-etl sandbox` command is a thin layer on this.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxHandler } from './handler.js';
import { API_PREFIX } from './handler.js';
import type { SandboxStore } from './store.js';
import type { SandboxFaults, SandboxOptions, SandboxStats } from './types.js';

export type { SandboxOptions } from './types.js';
export { createSandboxHandler } from './handler.js';

/** A started sandbox. */
export interface RunningSandbox {
  /** e.g. http://127.0.0.1:PORT/api/v1 */
  url: string;
  port: number;
  store: SandboxStore;
  /** Stops listening, drops open connections and closes the store. */
  close(): Promise<void>;
  setFaults(f: SandboxOptions['faults']): void;
  /** Replaces every variant switch; returns the switches in force. */
  setVariants(v: SandboxOptions['variants']): NonNullable<SandboxOptions['variants']>;
  stats(): SandboxStats;
}

/**
 * Starts a Syncro-compatible API server.
 * @example
 * const sb = await startSandbox({ rateLimit: 0 });
 * await fetch(`${sb.url}/customers`, { headers: { authorization: 'Bearer sandbox-key' } });
 * await sb.close();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const { host = '127.0.0.1', port = 0, ...rest } = options;
  const handler = createSandboxHandler(rest);
  const server = createServer(handler);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    handler.close();
    throw err;
  }
  const actualPort = (server.address() as AddressInfo).port;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostInUrl}:${actualPort}${API_PREFIX}`,
    port: actualPort,
    store: handler.store,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          handler.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return closing;
    },
    setFaults: (f: SandboxFaults | undefined) => handler.setFaults(f),
    setVariants: (v) => handler.setVariants(v),
    stats: () => handler.stats(),
  };
}
