import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedStore } from '../../src/sandbox/seed.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { call, fakeClock, start } from './helpers.js';

describe('contacts', () => {
  let sb: RunningSandbox;
  let acme: number;
  let globex: number;
  const clock = fakeClock();
  beforeAll(async () => {
    sb = await start({ now: clock.now });
    acme = (await call(sb, 'POST', '/customers', { business_name: 'Acme' })).body.customer.id;
    globex = (await call(sb, 'POST', '/customers', { business_name: 'Globex' })).body.customer.id;
  });
  afterAll(() => sb.close());

  const create = (body: Record<string, unknown>) => call(sb, 'POST', '/contacts', body);

  test('POST answers 200 with the contact flat, not wrapped', async () => {
    const r = await create({ customer_id: acme, name: 'Ann Flat' });
    expect([r.status, r.body.name, r.body.customer_id]).toEqual([200, 'Ann Flat', acme]);
  });

  test('every documented field is returned', async () => {
    const r = await create({ customer_id: acme, name: 'Field Check' });
    const fields = [
      'id',
      'customer_id',
      'account_id',
      'name',
      'email',
      'phone',
      'mobile',
      'extension',
      'address1',
      'address2',
      'city',
      'state',
      'zip',
      'notes',
      'properties',
      'opt_out',
      'vendor_id',
      'processed_phone',
      'processed_mobile',
      'ticket_matching_emails',
      'latitude',
      'longitude',
      'created_at',
      'updated_at',
    ];
    expect(Object.keys(r.body).sort()).toEqual(fields.sort());
  });

  test('title is accepted on write and answered as properties.title', async () => {
    const r = await create({ customer_id: acme, name: 'Titled', title: 'CFO' });
    expect(r.body.properties).toEqual({ title: 'CFO' });
  });

  test('title is not answered as a top-level field', async () => {
    const r = await create({ customer_id: acme, name: 'Titled Too', title: 'CTO' });
    expect(r.body).not.toHaveProperty('title');
  });

  test('PUT title replaces properties.title and keeps other properties', async () => {
    const k = (await create({ customer_id: acme, name: 'Promoted', title: 'Tech', properties: { Site: 'HQ' } })).body;
    const r = await call(sb, 'PUT', `/contacts/${k.id}`, { title: 'Lead Tech' });
    expect(r.body.properties).toEqual({ Site: 'HQ', title: 'Lead Tech' });
  });

  test("processed_phone is the phone's digits", async () => {
    expect((await create({ customer_id: acme, name: 'P', phone: '(207) 555-0142' })).body.processed_phone).toBe('2075550142');
  });

  test("processed_mobile is the mobile's digits", async () => {
    expect((await create({ customer_id: acme, name: 'M', mobile: '+1 603.555.0178' })).body.processed_mobile).toBe('16035550178');
  });

  test("address1/address2 are the contact's address keys", async () => {
    const r = await create({ customer_id: acme, name: 'Addr', address1: '1 Main St', address2: 'Apt 2' });
    expect([r.body.address1, r.body.address2]).toEqual(['1 Main St', 'Apt 2']);
  });

  test('GET one answers the contact flat', async () => {
    const k = (await create({ customer_id: acme, name: 'Getme' })).body;
    expect((await call(sb, 'GET', `/contacts/${k.id}`)).body).toEqual(k);
  });

  test('GET an unknown id answers 404 {"message":"Not found"}', async () => {
    const r = await call(sb, 'GET', '/contacts/999999');
    expect([r.status, r.body]).toEqual([404, { message: 'Not found' }]);
  });

  test('PUT with a new customer_id moves the contact', async () => {
    const k = (await create({ customer_id: acme, name: 'Mover' })).body;
    await call(sb, 'PUT', `/contacts/${k.id}`, { customer_id: globex });
    const [from, to] = await Promise.all([call(sb, 'GET', `/customers/${acme}`), call(sb, 'GET', `/customers/${globex}`)]);
    const has = (r: typeof from) => r.body.customer.contacts.some((c: { id: number }) => c.id === k.id);
    expect([has(from), has(to)]).toEqual([false, true]);
  });

  test('PUT leaves keys it does not send unchanged', async () => {
    const k = (await create({ customer_id: acme, name: 'Keeper', email: 'keep@acme.com', phone: '555' })).body;
    const r = await call(sb, 'PUT', `/contacts/${k.id}`, { phone: '556' });
    expect([r.body.name, r.body.email, r.body.phone, r.body.customer_id]).toEqual(['Keeper', 'keep@acme.com', '556', acme]);
  });

  test('PUT sets updated_at from the clock', async () => {
    const k = (await create({ customer_id: acme, name: 'Stamp' })).body;
    clock.advance(60_000);
    const r = await call(sb, 'PUT', `/contacts/${k.id}`, { notes: 'n' });
    expect([r.body.updated_at === k.updated_at, Date.parse(r.body.updated_at)]).toEqual([false, clock.now()]);
  });

  test('PUT an unknown id answers 404', async () => {
    expect((await call(sb, 'PUT', '/contacts/999999', { name: 'x' })).status).toBe(404);
  });

  test('a contact without customer_id answers 422 in the contact shape', async () => {
    const r = await create({ name: 'Orphan' });
    expect([r.status, r.body.errors, r.body.record.name, r.body.record.id]).toEqual([422, 'Customer must exist', 'Orphan', null]);
  });

  test('a contact naming a customer that does not exist answers 422', async () => {
    const r = await create({ customer_id: 999999, name: 'Lost' });
    expect([r.status, r.body.errors]).toEqual([422, 'Customer must exist']);
  });

  test('a bad email answers 422 {record, errors:"Email is not an email"} (one string)', async () => {
    const r = await create({ customer_id: acme, name: 'Bad Email', email: 'xxx' });
    expect([r.status, r.body.errors, r.body.record.email]).toEqual([422, 'Email is not an email', 'xxx']);
  });

  test('the 422 record is the full unsaved contact shape', async () => {
    const r = await create({ customer_id: acme, name: 'Bad Email', email: 'xxx' });
    expect(r.body.record).toMatchObject({
      id: null,
      customer_id: acme,
      created_at: null,
      updated_at: null,
      properties: {},
      processed_phone: null,
    });
  });

  test('several problems come back joined in one string', async () => {
    const r = await create({ name: 'Two Problems', email: 'xxx' });
    expect(r.body.errors).toBe('Customer must exist, Email is not an email');
  });

  test('a 422 stores nothing', async () => {
    const before = sb.store.counts().contacts;
    await create({ customer_id: acme, email: 'broken' });
    expect(sb.store.counts().contacts).toBe(before);
  });

  test('an empty email is allowed', async () => {
    expect((await create({ customer_id: acme, name: 'No Mail', email: '' })).status).toBe(200);
  });

  test("a contact may share its customer's email", async () => {
    const c = (await call(sb, 'POST', '/customers', { business_name: 'Shared', email: 'same@shared.com' })).body.customer;
    expect((await create({ customer_id: c.id, name: 'Same', email: 'same@shared.com' })).status).toBe(200);
  });

  test('PUT moving to a customer that does not exist answers 422 and leaves the contact where it was', async () => {
    const k = (await create({ customer_id: acme, name: 'Stayer' })).body;
    const r = await call(sb, 'PUT', `/contacts/${k.id}`, { customer_id: 999999 });
    expect([r.status, (await call(sb, 'GET', `/contacts/${k.id}`)).body.customer_id]).toEqual([422, acme]);
  });

  test('the PUT 422 record shows the attempted change on the saved contact', async () => {
    const k = (await create({ customer_id: acme, name: 'Tried' })).body;
    const r = await call(sb, 'PUT', `/contacts/${k.id}`, { email: 'bad' });
    expect([r.body.record.id, r.body.record.email]).toEqual([k.id, 'bad']);
  });

  test('DELETE answers {"success":true}', async () => {
    const k = (await create({ customer_id: acme, name: 'Leaver' })).body;
    const r = await call(sb, 'DELETE', `/contacts/${k.id}`);
    expect([r.status, r.body]).toEqual([200, { success: true }]);
  });

  test('a deleted contact answers 404', async () => {
    const k = (await create({ customer_id: acme, name: 'Ghost' })).body;
    await call(sb, 'DELETE', `/contacts/${k.id}`);
    expect((await call(sb, 'GET', `/contacts/${k.id}`)).status).toBe(404);
  });

  test('DELETE an unknown id answers 404', async () => {
    expect((await call(sb, 'DELETE', '/contacts/999999')).status).toBe(404);
  });
});

describe('contact lists', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await start();
    seedStore(sb.store, {
      customers: [
        { business_name: 'Big', contacts: Array.from({ length: 120 }, (_, i) => ({ name: `Big ${i + 1}` })) },
        { business_name: 'Small', contacts: [{ name: 'Small 1' }, { name: 'Small 2' }] },
      ],
    });
  });
  afterAll(() => sb.close());

  test("list by customer_id answers only that customer's contacts", async () => {
    const r = await call(sb, 'GET', '/contacts?customer_id=2');
    expect(r.body.contacts.map((c: { name: string }) => c.name)).toEqual(['Small 1', 'Small 2']);
  });

  test('a page holds 50 contacts', async () => {
    expect((await call(sb, 'GET', '/contacts?customer_id=1')).body.contacts).toHaveLength(50);
  });

  test('meta follows the 50-a-page size', async () => {
    expect((await call(sb, 'GET', '/contacts?customer_id=1&page=3')).body.meta).toEqual({
      total_pages: 3,
      total_entries: 120,
      per_page: 50,
      page: 3,
    });
  });

  test('the last page holds the rest', async () => {
    expect((await call(sb, 'GET', '/contacts?customer_id=1&page=3')).body.contacts).toHaveLength(20);
  });

  test('a page past the end answers 200 with an empty array', async () => {
    const r = await call(sb, 'GET', '/contacts?customer_id=1&page=4');
    expect([r.status, r.body.contacts]).toEqual([200, []]);
  });

  test('without customer_id every contact is listed', async () => {
    expect((await call(sb, 'GET', '/contacts')).body.meta.total_entries).toBe(122);
  });

  test('contacts are ordered by id', async () => {
    const got = (await call(sb, 'GET', '/contacts?page=3')).body.contacts.map((c: { id: number }) => c.id);
    expect(got).toEqual(Array.from({ length: 22 }, (_, i) => 101 + i));
  });

  test('a customer_id with no contacts answers an empty list', async () => {
    expect((await call(sb, 'GET', '/contacts?customer_id=999')).body).toEqual({
      contacts: [],
      meta: { total_pages: 0, total_entries: 0, per_page: 50, page: 1 },
    });
  });
});
