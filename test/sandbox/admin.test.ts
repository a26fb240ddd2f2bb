import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { adminCall, call, root, start } from './helpers.js';

describe('stats', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await start();
    await call(sb, 'GET', '/me');
    await call(sb, 'POST', '/customers', { business_name: 'A' });
    await call(sb, 'PUT', '/customers/1', { city: 'X' });
    await call(sb, 'GET', '/customers/1');
    await call(sb, 'GET', '/customers/99');
    await call(sb, 'GET', '/contacts', undefined, { authorization: 'bad' });
    await adminCall(sb, 'GET', 'dump');
  });
  afterAll(() => sb.close());

  test('total counts every API request', async () => {
    expect((await adminCall(sb, 'GET', 'stats')).body.total).toBe(6);
  });

  test('byRoute counts by method and resource', async () => {
    expect((await adminCall(sb, 'GET', 'stats')).body.byRoute).toEqual({
      'GET me': 1,
      'POST customers': 1,
      'PUT customers': 1,
      'GET customers': 2,
      'GET contacts': 1,
    });
  });

  test('byStatus counts the answers sent', async () => {
    expect((await adminCall(sb, 'GET', 'stats')).body.byStatus).toEqual({ '200': 4, '404': 1, '401': 1 });
  });

  test('stats() in-process answers the same as GET /__sandbox/stats', async () => {
    expect(sb.stats()).toEqual((await adminCall(sb, 'GET', 'stats')).body);
  });
});

describe('dump and reset', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await start();
  });
  afterAll(() => sb.close());

  test('dump holds every resource, disabled customers included', async () => {
    await adminCall(sb, 'POST', 'reset', {
      customers: [
        { business_name: 'On', contacts: [{ name: 'C' }] },
        { business_name: 'Off', disabled: true },
      ],
      tickets: [{ customer_index: 0, subject: 'T' }],
      assets: [{ customer_index: 1, name: 'A' }],
      invoices: [{ customer_index: 1 }],
    });
    const d = (await adminCall(sb, 'GET', 'dump')).body;
    expect([d.customers.length, d.contacts.length, d.tickets.length, d.assets.length, d.invoices.length, d.customers[1].disabled]).toEqual([
      2,
      1,
      1,
      1,
      1,
      true,
    ]);
  });

  test('dumped customers use the wire shape without nested contacts', async () => {
    const d = (await adminCall(sb, 'GET', 'dump')).body;
    expect([d.customers[0].business_then_name, 'contacts' in d.customers[0]]).toEqual(['On', false]);
  });

  test('reset empties the store', async () => {
    await adminCall(sb, 'POST', 'reset');
    expect(sb.store.counts()).toEqual({ customers: 0, contacts: 0, tickets: 0, assets: 0, invoices: 0 });
  });

  test('reset restarts ids at 1', async () => {
    await call(sb, 'POST', '/customers', { business_name: 'x' });
    await adminCall(sb, 'POST', 'reset');
    expect((await call(sb, 'POST', '/customers', { business_name: 'y' })).body.customer.id).toBe(1);
  });

  test('reset zeroes the stats', async () => {
    await call(sb, 'GET', '/me');
    await adminCall(sb, 'POST', 'reset');
    expect(sb.stats().total).toBe(0);
  });

  test('reset takes a seed under "seed" too', async () => {
    const r = await adminCall(sb, 'POST', 'reset', { seed: { customers: [{ business_name: 'Seeded' }] } });
    expect(r.body.counts.customers).toBe(1);
  });

  test('a bad seed answers 400 and leaves the store as it was', async () => {
    await adminCall(sb, 'POST', 'reset', { customers: [{ business_name: 'Keep me' }] });
    const r = await adminCall(sb, 'POST', 'reset', { tickets: [{ customer_index: 5, subject: 'x' }] });
    expect([r.status, sb.store.all('customers').map((c) => c.fields.business_name)]).toEqual([400, ['Keep me']]);
  });

  test('an unknown admin endpoint answers 404', async () => {
    expect((await fetch(`${root(sb)}/__sandbox/nothing`)).status).toBe(404);
  });

  test('admin endpoints need no key', async () => {
    expect((await fetch(`${root(sb)}/__sandbox/stats`)).status).toBe(200);
  });

  test('admin requests are not counted in stats', async () => {
    await adminCall(sb, 'POST', 'reset');
    await adminCall(sb, 'GET', 'dump');
    expect(sb.stats().total).toBe(0);
  });

  test('a path outside /api/v1 answers 404', async () => {
    expect((await fetch(`${root(sb)}/api/v2/customers`)).status).toBe(404);
  });
});
