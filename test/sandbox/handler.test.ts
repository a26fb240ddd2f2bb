import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { createSandboxHandler } from '../../src/sandbox/handler.js';
import type { SandboxHandler } from '../../src/sandbox/handler.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { SandboxStore } from '../../src/sandbox/store.js';
import { AUTH, call } from './helpers.js';

/** Calls the handler in-process with a fake request and response: no socket at all. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of every resource, asserted field by field
function invoke(handler: SandboxHandler, method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve) => {
    const req = Readable.from(body === undefined ? [] : [Buffer.from(JSON.stringify(body))]) as unknown as IncomingMessage;
    Object.assign(req, {
      method,
      url,
      headers: { ...AUTH, 'content-type': 'application/json' },
      socket: { remoteAddress: '127.0.0.1', destroy() {} },
    });
    let status = 0;
    const res = {
      headersSent: false,
      destroyed: false,
      writeHead(s: number) {
        status = s;
        return res;
      },
      end(text: string) {
        resolve({ status, body: JSON.parse(text) });
      },
    } as unknown as ServerResponse;
    handler(req, res);
  });
}

describe('createSandboxHandler', () => {
  test('answers in-process, without a socket', async () => {
    const handler = createSandboxHandler({ rateLimit: 0 });
    const created = await invoke(handler, 'POST', '/api/v1/customers', { business_name: 'In Process' });
    handler.close();
    expect([created.status, created.body.customer.business_name]).toEqual([200, 'In Process']);
  });

  test('serves through any node:http server', async () => {
    const handler = createSandboxHandler();
    const server = createServer(handler).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    const r = await call({ url }, 'GET', '/me');
    await new Promise((done) => server.close(done));
    server.closeAllConnections();
    handler.close();
    expect(r.status).toBe(200);
  });

  test('a store passed in is left open by close()', () => {
    const store = SandboxStore.open();
    createSandboxHandler({ store }).close();
    const open = store.counts().customers === 0;
    store.close();
    expect(open).toBe(true);
  });

  test('an empty api key is refused', () => {
    expect(() => createSandboxHandler({ apiKey: ' ' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  test('a bad utcOffset is refused', () => {
    expect(() => createSandboxHandler({ utcOffset: '2' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

describe('startSandbox', () => {
  test('listens on 127.0.0.1 at a free port and answers under /api/v1', async () => {
    const sb = await startSandbox();
    const ok = sb.url === `http://127.0.0.1:${sb.port}/api/v1` && sb.port > 0;
    await sb.close();
    expect(ok).toBe(true);
  });

  test('close() can be called twice', async () => {
    const sb = await startSandbox();
    await sb.close();
    await expect(sb.close()).resolves.toBeUndefined();
  });

  test('close() ends kept-alive connections promptly', async () => {
    const sb = await startSandbox();
    await call(sb, 'GET', '/me');
    const t0 = performance.now();
    await sb.close();
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
