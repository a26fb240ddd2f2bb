/** Shared test helpers: a sandbox on port 0, a small JSON client, a fake clock. */
import { request } from 'node:http';
import { startSandbox } from '../../src/sandbox/server.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import type { SandboxOptions } from '../../src/sandbox/types.js';

export const KEY = 'sandbox-key';
export const AUTH = { authorization: `Bearer ${KEY}` };

export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of every resource, asserted field by field
  body: any;
  headers: Headers;
}

/** A sandbox with the rate limit off unless the test sets one. */
export function start(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ rateLimit: 0, ...options });
}

/** JSON API call with the Bearer key (override headers to test auth). */
export async function call(
  sb: { url: string },
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = AUTH,
): Promise<Reply> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await fetch(`${sb.url}${path}`, init);
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text), headers: res.headers };
}

/** The server root (without /api/v1), for admin endpoints. */
export function root(sb: { url: string }): string {
  return sb.url.replace(/\/api\/v1$/, '');
}

export async function adminCall(sb: { url: string }, method: string, name: string, body?: unknown): Promise<Reply> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  const res = await fetch(`${root(sb)}/__sandbox/${name}`, init);
  return { status: res.status, body: await res.json(), headers: res.headers };
}

/** A raw node:http request, for what fetch cannot send (a GET with a body). */
export function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of every resource, asserted field by field
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const allHeaders = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const req = request(url, { method, headers: allHeaders }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A controllable clock for timestamps and the rate limit. */
export function fakeClock(start = Date.UTC(2024, 2, 5, 13, 14, 24, 66)): {
  now: () => number;
  advance(ms: number): void;
  set(ms: number): void;
} {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms), set: (ms) => void (t = ms) };
}
