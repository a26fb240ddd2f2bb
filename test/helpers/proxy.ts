/**
 * A node:http proxy in front of the sandbox that can answer some requests
 * itself (a 500 that stored nothing, a redirect…) before they reach it.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Return true when the proxy answered the request itself. */
export type Intercept = (req: IncomingMessage, res: ServerResponse, n: number) => boolean;

export interface RunningProxy {
  url: string;
  close(): Promise<void>;
}

export async function proxy(targetApiUrl: string, intercept: Intercept): Promise<RunningProxy> {
  const target = new URL(targetApiUrl);
  let n = 0;
  const forward = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (intercept(req, res, ++n)) return;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
    const upstream = await fetch(`${target.origin}${req.url}`, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
      redirect: 'manual',
    });
    const body = Buffer.from(await upstream.arrayBuffer());
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(body);
  };
  const server: Server = createServer((req, res) => {
    forward(req, res).catch(() => {
      res.writeHead(502);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}${target.pathname}`, close: () => new Promise((r) => server.close(() => r())) };
}
