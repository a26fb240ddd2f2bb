/**
 * Every answer is checked (issue 13.2, 13.3) and redirects are not followed
 * off the origin or on writes (issue 14.8). A small node:http server plays
 * the broken answers; the sandbox plays its variants.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { collectingSink } from '../../src/events.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { SyncroApiError } from '../../src/syncro/errors.js';
import { takeSnapshot } from '../../src/syncro/snapshot.js';
import { clientFor, sandbox, TEST_KEY } from '../helpers/target.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const servers: Server[] = [];
let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(handler: Handler): Promise<{ url: string; origin: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url} ${req.headers.authorization ? 'auth' : 'noauth'}`);
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${origin}/api/v1`, origin, hits };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

async function failure(p: Promise<unknown>): Promise<SyncroApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SyncroApiError);
  return err as SyncroApiError;
}

describe('answers checked against what we rely on', () => {
  it('an HTML page answered 200 to a list stops the snapshot (API_BAD_ANSWER naming the URL), never "0 customers"', async () => {
    sb = await sandbox({ variants: { htmlLists: ['customers'] } });
    const err = await failure(takeSnapshot(clientFor(sb)));
    expect(err.code).toBe('API_BAD_ANSWER');
    expect(err.message).toContain(`${sb.url}/customers`);
    expect(err.message).toMatch(/not JSON.*<!DOCTYPE|not JSON.*<html/i);
    expect(err.message).not.toContain(TEST_KEY);
  });

  it('a list without its list key, or a record without an id, is API_BAD_ANSWER', async () => {
    const { url } = await serve((req, res) => {
      if (req.url?.startsWith('/api/v1/customers')) return json(res, 200, { data: [{ id: 1 }], meta: { total_pages: 1 } });
      if (req.url?.startsWith('/api/v1/contacts'))
        return json(res, 200, {
          contacts: [
            { id: 1, customer_id: 1 },
            { name: 'no id', customer_id: 1 },
          ],
        });
      json(res, 404, { message: 'Not found' });
    });
    const client = clientFor({ url });
    const e1 = await failure(takeSnapshot(client));
    expect(e1.code).toBe('API_BAD_ANSWER');
    expect(e1.message).toMatch(/no "customers" list.*"data"/);
    const e2 = await failure(
      (async () => {
        for await (const _ of client.contacts()) void _;
      })(),
    );
    expect(e2.code).toBe('API_BAD_ANSWER');
    expect(e2.message).toMatch(/contacts\[1\] is not a record with an id.*no id/);
  });

  it('lists answered without meta: paged until an empty page, every record once', async () => {
    sb = await sandbox({ variants: { listsWithoutMeta: ['customers'] } });
    const client = clientFor(sb);
    for (let i = 0; i < 130; i++) await client.createCustomer({ business_name: `Firm ${i}` });
    const pages = [];
    for await (const p of client.customerPages()) pages.push(p);
    expect(pages.map((p) => [p.items.length, p.meta])).toEqual([
      [100, undefined],
      [30, undefined],
    ]);
  });

  it('a server that ignores `page` (the same records again) is API_BAD_ANSWER, never an endless loop', async () => {
    const { url } = await serve((_req, res) => json(res, 200, { customers: [{ id: 1 }, { id: 2 }] }));
    const err = await failure(takeSnapshot(clientFor({ url })));
    expect(err.code).toBe('API_BAD_ANSWER');
    expect(err.message).toMatch(/page 2 repeats page 1/);
  });

  it('the key is masked should a server echo it in a bad answer', async () => {
    const { url } = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html>login required for ${req.headers.authorization}</html>`);
    });
    const err = await failure(clientFor({ url }).getCustomer(1));
    expect(err.code).toBe('API_BAD_ANSWER');
    expect(err.message).not.toContain(TEST_KEY);
    expect(err.message).toContain('[key]');
  });

  it('single records answered flat (assets, invoices, tickets, customers) read the same as wrapped', async () => {
    sb = await sandbox({ variants: { flatSingles: ['customers', 'tickets', 'customer_assets', 'invoices'] } });
    const client = clientFor(sb);
    const customer = (await client.createCustomer({ business_name: 'Flat Co', email: 'f@flat.example' })).record;
    expect(customer.id).toBeGreaterThan(0);
    expect((await client.getCustomer(customer.id)).business_name).toBe('Flat Co');
    const other = (await client.createCustomer({ business_name: 'Other Co' })).record;
    const asset = await client.http.request<Record<string, unknown>>('POST', 'customer_assets', {
      body: { customer_id: customer.id, name: 'PC-1' },
    });
    const assetId = Number((asset.body as { id?: number }).id ?? (asset.body as { asset?: { id: number } }).asset?.id);
    const moved = await client.updateLinked('customer_assets', assetId, { customer_id: other.id, name: 'PC-1' });
    expect(moved).toMatchObject({ id: assetId, customer_id: other.id });
    expect((await client.getLinked('customer_assets', assetId)).customer_id).toBe(other.id);
  });

  it('single contacts answered wrapped ({"contact": …}) read the same as flat', async () => {
    sb = await sandbox({ variants: { wrappedContacts: true } });
    const client = clientFor(sb);
    const customer = (await client.createCustomer({ business_name: 'Wrapped Co' })).record;
    const contact = (await client.createContact({ customer_id: customer.id, name: 'Ann Lee' })).record;
    expect(contact).toMatchObject({ customer_id: customer.id, name: 'Ann Lee' });
    expect((await client.getContact(contact.id)).name).toBe('Ann Lee');
  });
});

describe('redirects (issue 14.8)', () => {
  it('a read redirected to another origin is refused: API_REDIRECT, nothing read from the other host', async () => {
    const elsewhere = await serve((_req, res) => json(res, 200, { customers: [], meta: { total_pages: 0 } }));
    const { url } = await serve((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.origin}/login` });
      res.end();
    });
    const err = await failure(takeSnapshot(clientFor({ url })));
    expect(err.code).toBe('API_REDIRECT');
    expect(err.message).toContain(`${elsewhere.origin}/login`);
    expect(elsewhere.hits).toEqual([]);
  });

  it('a read redirected to http (a downgrade) is refused', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(301, { location: 'http://example.invalid/api/v1/customers' });
      res.end();
    });
    const err = await failure(clientFor({ url }).getCustomer(1));
    expect(err.code).toBe('API_REDIRECT');
  });

  it('a write answered 307 is an error, not re-sent anywhere (the same origin neither)', async () => {
    const { url, hits } = await serve((req, res) => {
      if (req.url === '/api/v1/customers' && req.method === 'POST') {
        res.writeHead(307, { location: '/api/v1/customers-moved' });
        return res.end();
      }
      json(res, 200, { customer: { id: 9 } });
    });
    const err = await failure(clientFor({ url }).createCustomer({ business_name: 'X' }));
    expect(err.code).toBe('API_REDIRECT');
    expect(hits).toEqual(['POST /api/v1/customers auth']);
  });

  it('a read redirected within the same origin is followed, with a warning', async () => {
    const events = collectingSink();
    const { url, hits } = await serve((req, res) => {
      if (req.url === '/api/v1/customers/5') {
        res.writeHead(302, { location: '/api/v1/customers/5?moved=1' });
        return res.end();
      }
      json(res, 200, { customer: { id: 5, business_name: 'Moved' } });
    });
    const c = await clientFor({ url }, { events }).getCustomer(5);
    expect(c.business_name).toBe('Moved');
    expect(hits).toHaveLength(2);
    expect(events.events.some((e) => e.type === 'notice' && /redirected/.test(e.message))).toBe(true);
  });
});
