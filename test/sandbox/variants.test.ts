/** Each variant switch, over HTTP, set at `POST /__sandbox/variants` (one also as a start option). */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { parseVariantFlags } from '../../src/sandbox/variants.js';
import { adminCall, AUTH, call, fakeClock, start } from './helpers.js';

const clock = fakeClock();
let sb: RunningSandbox;
let acme: number;
let globex: number;

const SEED = {
  customers: [
    { business_name: 'Acme', email: 'it@acme.com', phone: '555-0100', contacts: [{ name: 'Ann Lee', email: 'ann@acme.com' }] },
    { business_name: 'Globex', email: 'ops@globex.com', contacts: [{ name: 'Gus Gold', email: 'gus@globex.com' }] },
    { business_name: 'Gone Inc', email: 'old@gone.com', disabled: true },
  ],
  tickets: [
    { customer_index: 0, subject: 'Printer' },
    { customer_index: 1, subject: 'Mail' },
  ],
  assets: [
    { customer_index: 0, name: 'PC-01' },
    { customer_index: 1, name: 'PC-02' },
  ],
  invoices: [
    { customer_index: 0, number: '1001' },
    { customer_index: 1, number: '1002' },
  ],
};

async function variants(v: unknown): Promise<void> {
  const r = await adminCall(sb, 'POST', 'variants', v);
  expect(r.status).toBe(200);
}

beforeAll(async () => {
  sb = await start({ now: clock.now });
});
afterAll(async () => sb.close());
beforeEach(async () => {
  await adminCall(sb, 'POST', 'variants', {});
  const r = await adminCall(sb, 'POST', 'reset', SEED);
  expect(r.status).toBe(200);
  const list = (await call(sb, 'GET', '/customers')).body.customers as Array<{ id: number; business_name: string }>;
  acme = list.find((c) => c.business_name === 'Acme')!.id;
  globex = list.find((c) => c.business_name === 'Globex')!.id;
});

describe('default (no variant)', () => {
  test('every filter is honoured and singles are wrapped', async () => {
    expect((await call(sb, 'GET', `/invoices?customer_id=${acme}`)).body.invoices).toHaveLength(1);
    expect((await call(sb, 'GET', `/contacts?customer_id=${acme}`)).body.contacts).toHaveLength(1);
    const asset = (await call(sb, 'GET', `/customer_assets?customer_id=${acme}`)).body.assets[0];
    expect(Object.keys((await call(sb, 'GET', `/customer_assets/${asset.id}`)).body)).toEqual(['asset']);
    expect((await adminCall(sb, 'GET', 'variants')).body).toEqual({ variants: {} });
  });
});

describe('filters ignored', () => {
  test.each(['invoices', 'tickets', 'customer_assets', 'contacts'] as const)(
    '%s.customer_id ignored lists every record',
    async (resource) => {
      await variants({ ignoreFilters: [`${resource}.customer_id`] });
      const key = resource === 'customer_assets' ? 'assets' : resource;
      const rows = (await call(sb, 'GET', `/${resource}?customer_id=${acme}`)).body[key] as Array<{ customer_id: number }>;
      expect(new Set(rows.map((r) => r.customer_id))).toEqual(new Set([acme, globex]));
    },
  );

  test('only the named resource ignores it', async () => {
    await variants({ ignoreFilters: ['invoices.customer_id'] });
    expect((await call(sb, 'GET', `/tickets?customer_id=${acme}`)).body.tickets).toHaveLength(1);
  });

  test('customers.id ignores id[]', async () => {
    await variants({ ignoreFilters: ['customers.id'] });
    expect((await call(sb, 'GET', `/customers?id[]=${acme}`)).body.customers).toHaveLength(2);
  });

  test('customers.email ignores email', async () => {
    await variants({ ignoreFilters: ['customers.email'] });
    expect((await call(sb, 'GET', '/customers?email=ann%40nowhere.example')).body.customers).toHaveLength(2);
  });

  test('customers.include_disabled leaves disabled customers out even when asked', async () => {
    await variants({ ignoreFilters: ['customers.include_disabled'] });
    expect((await call(sb, 'GET', '/customers?include_disabled=true')).body.customers).toHaveLength(2);
  });
});

describe('single records answered flat or wrapped', () => {
  test('flat assets: GET, PUT and POST answer the record itself', async () => {
    await variants({ flatSingles: ['customer_assets'] });
    const asset = (await call(sb, 'GET', `/customer_assets?customer_id=${acme}`)).body.assets[0];
    expect((await call(sb, 'GET', `/customer_assets/${asset.id}`)).body).toMatchObject({ id: asset.id, name: 'PC-01' });
    expect((await call(sb, 'PUT', `/customer_assets/${asset.id}`, { customer_id: globex })).body).toMatchObject({
      id: asset.id,
      customer_id: globex,
    });
    expect((await call(sb, 'POST', '/customer_assets', { customer_id: acme, name: 'PC-09' })).body).toMatchObject({ name: 'PC-09' });
  });

  test.each([
    ['invoices', 'invoice'],
    ['tickets', 'ticket'],
  ] as const)('flat %s', async (resource, itemKey) => {
    await variants({ flatSingles: [resource] });
    const row = (await call(sb, 'GET', `/${resource}?customer_id=${acme}`)).body[resource][0];
    const got = (await call(sb, 'GET', `/${resource}/${row.id}`)).body;
    expect([got.id, itemKey in got]).toEqual([row.id, false]);
  });

  test('flat customers', async () => {
    await variants({ flatSingles: ['customers'] });
    expect((await call(sb, 'GET', `/customers/${acme}`)).body).toMatchObject({ id: acme, business_name: 'Acme' });
  });

  test('wrapped contacts', async () => {
    await variants({ wrappedContacts: true });
    const k = (await call(sb, 'GET', `/contacts?customer_id=${acme}`)).body.contacts[0];
    expect((await call(sb, 'GET', `/contacts/${k.id}`)).body).toEqual({ contact: expect.objectContaining({ id: k.id }) });
  });
});

describe('lists answered badly', () => {
  test('an HTML maintenance page with status 200', async () => {
    await variants({ htmlLists: ['customers'] });
    const res = await fetch(`${sb.url}/customers`, { headers: AUTH });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toMatch(/^<!DOCTYPE html>/);
  });

  test('HTML only for the named list; singles stay JSON', async () => {
    await variants({ htmlLists: ['customers'] });
    expect((await call(sb, 'GET', '/contacts')).status).toBe(200);
    expect((await call(sb, 'GET', `/customers/${acme}`)).body.customer.id).toBe(acme);
  });

  test('a list without meta', async () => {
    await variants({ listsWithoutMeta: ['invoices'] });
    const body = (await call(sb, 'GET', '/invoices')).body;
    expect([Object.keys(body), body.invoices.length]).toEqual([['invoices'], 2]);
  });
});

describe('writes Syncro changes or drops', () => {
  test('phones stored digits-only', async () => {
    await variants({ digitPhones: ['customers', 'contacts'] });
    const c = (await call(sb, 'POST', '/customers', { business_name: 'Phony', phone: '+1 (555) 010-9999', mobile: '555-0999' })).body
      .customer;
    expect([c.phone, c.mobile]).toEqual(['15550109999', '5550999']);
    const k = (await call(sb, 'POST', '/contacts', { customer_id: c.id, name: 'P', phone: '555-0100' })).body;
    expect(k.phone).toBe('5550100');
    const put = (await call(sb, 'PUT', `/customers/${acme}`, { phone: '555-0123' })).body.customer;
    expect(put.phone).toBe('5550123');
  });

  test('disabled ignored on PUT and POST', async () => {
    await variants({ ignoredFields: ['customers.disabled'] });
    const put = await call(sb, 'PUT', `/customers/${acme}`, { disabled: true, notes: 'kept' });
    expect([put.status, put.body.customer.disabled, put.body.customer.notes]).toEqual([200, false, 'kept']);
    expect((await call(sb, 'POST', '/customers', { business_name: 'New', disabled: true })).body.customer.disabled).toBe(false);
  });

  test('contact title ignored', async () => {
    await variants({ ignoredFields: ['contacts.title'] });
    const k = (await call(sb, 'POST', '/contacts', { customer_id: acme, name: 'T', title: 'CFO' })).body;
    expect([k.properties, 'title' in k]).toEqual([{}, false]);
  });

  test('contact title kept top-level', async () => {
    await variants({ contactTitleTopLevel: true });
    const k = (await call(sb, 'POST', '/contacts', { customer_id: acme, name: 'T', title: 'CFO' })).body;
    expect([k.title, k.properties]).toEqual(['CFO', {}]);
    expect((await call(sb, 'PUT', `/contacts/${k.id}`, { title: 'CEO' })).body.title).toBe('CEO');
  });

  test('name required on PUT /customer_assets', async () => {
    await variants({ requiredOnPut: ['customer_assets.name'] });
    const asset = (await call(sb, 'GET', `/customer_assets?customer_id=${acme}`)).body.assets[0];
    const bare = await call(sb, 'PUT', `/customer_assets/${asset.id}`, { customer_id: globex });
    expect([bare.status, bare.body.message]).toEqual([422, ["Name can't be blank"]]);
    expect(sb.store.get('assets', asset.id)?.fields.customer_id).toBe(acme);
    const named = await call(sb, 'PUT', `/customer_assets/${asset.id}`, { customer_id: globex, name: 'PC-01' });
    expect([named.status, named.body.asset.customer_id]).toEqual([200, globex]);
    expect((await call(sb, 'PUT', '/customer_assets/999999', {})).status).toBe(404);
  });
});

describe('vendor contacts', () => {
  test('the switch adds contacts without a customer, listed with all contacts only', async () => {
    await variants({ vendorContacts: 2 });
    const all = (await call(sb, 'GET', '/contacts')).body.contacts as Array<{ customer_id: number | null }>;
    expect(all.filter((k) => k.customer_id === null)).toHaveLength(2);
    expect((await call(sb, 'GET', `/contacts?customer_id=${acme}`)).body.contacts).toHaveLength(1);
  });

  test('setting the switch again adds none twice; a reset keeps the switch', async () => {
    await variants({ vendorContacts: 2 });
    await variants({ vendorContacts: 2 });
    await adminCall(sb, 'POST', 'reset', SEED);
    const dump = (await adminCall(sb, 'GET', 'dump')).body;
    expect(dump.contacts.filter((k: { customer_id: number | null }) => k.customer_id === null)).toHaveLength(2);
  });

  test('a seed may hold vendor contacts', async () => {
    await adminCall(sb, 'POST', 'reset', {
      ...SEED,
      vendor_contacts: [{ name: 'Vera Vendor', email: 'vera@supplier.example', vendor_id: 7 }],
    });
    const vera = (await call(sb, 'GET', '/contacts')).body.contacts.find((k: { name: string }) => k.name === 'Vera Vendor');
    expect([vera.customer_id, vera.vendor_id]).toEqual([null, 7]);
  });
});

describe('background touches of updated_at', () => {
  test('after a PUT the record reads back later-stamped, other fields unchanged', async () => {
    await variants({ touchUpdatedAtSeconds: 5 });
    const put = (await call(sb, 'PUT', `/customers/${acme}`, { notes: 'x' })).body.customer;
    const after = (await call(sb, 'GET', `/customers/${acme}`)).body.customer;
    expect(Date.parse(after.updated_at) - Date.parse(put.updated_at)).toBe(5000);
    const { updated_at: _a, contacts: _c, ...rest } = after;
    const { updated_at: _b, contacts: _d, ...restPut } = put;
    expect(rest).toEqual(restPut);
  });

  test('a created contact is touched too; without the switch nothing moves', async () => {
    await variants({ touchUpdatedAtSeconds: 3 });
    const k = (await call(sb, 'POST', '/contacts', { customer_id: acme, name: 'New' })).body;
    expect(Date.parse((await call(sb, 'GET', `/contacts/${k.id}`)).body.updated_at) - Date.parse(k.updated_at)).toBe(3000);
    await variants({});
    const put = (await call(sb, 'PUT', `/contacts/${k.id}`, { name: 'Newer' })).body;
    expect((await call(sb, 'GET', `/contacts/${k.id}`)).body.updated_at).toBe(put.updated_at);
  });
});

describe('background touches limited to some resources', () => {
  test('touchResources: customers are touched, contacts are not', async () => {
    await variants({ touchUpdatedAtSeconds: 4, touchResources: ['customers'] });
    const put = (await call(sb, 'PUT', `/customers/${acme}`, { notes: 'y' })).body.customer;
    expect(Date.parse((await call(sb, 'GET', `/customers/${acme}`)).body.customer.updated_at) - Date.parse(put.updated_at)).toBe(4000);
    const k = (await call(sb, 'POST', '/contacts', { customer_id: acme, name: 'Untouched' })).body;
    expect((await call(sb, 'GET', `/contacts/${k.id}`)).body.updated_at).toBe(k.updated_at);
  });
});

describe('settings', () => {
  test('a bad switch is a 400 naming it', async () => {
    const r = await adminCall(sb, 'POST', 'variants', { ignoreFilters: ['invoices.number'] });
    expect([r.status, r.body.error]).toEqual([400, expect.stringContaining('ignoreFilters')]);
  });

  test('the start option works like the endpoint', async () => {
    const other = await start({ variants: { ignoreFilters: ['invoices.customer_id'] }, seed: SEED });
    try {
      expect((await call(other, 'GET', '/invoices?customer_id=1')).body.invoices).toHaveLength(2);
    } finally {
      await other.close();
    }
  });

  test('CLI --variant values map to the same settings', () => {
    expect(
      parseVariantFlags([
        'ignore-filter=invoices.customer_id,tickets.customer_id',
        'flat=invoices',
        'contact-title=top-level',
        'touch-updated-at=5',
      ]),
    ).toEqual({
      ignoreFilters: ['invoices.customer_id', 'tickets.customer_id'],
      flatSingles: ['invoices'],
      contactTitleTopLevel: true,
      touchUpdatedAtSeconds: 5,
    });
    expect(() => parseVariantFlags(['nonsense'])).toThrow(/Unknown --variant/);
    expect(() => parseVariantFlags(['flat=widgets'])).toThrow(/flatSingles/);
  });
});
