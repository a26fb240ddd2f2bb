import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { call, fakeClock, start } from './helpers.js';

describe('customers', () => {
  let sb: RunningSandbox;
  const clock = fakeClock();
  beforeAll(async () => {
    sb = await start({ now: clock.now, utcOffset: '+02:00' });
  });
  afterAll(() => sb.close());

  const create = (body: Record<string, unknown>) => call(sb, 'POST', '/customers', body);

  test('POST answers 200 with the customer wrapped in {"customer": …}', async () => {
    const r = await create({ business_name: 'Wrap Co' });
    expect([r.status, Object.keys(r.body), typeof r.body.customer.id]).toEqual([200, ['customer'], 'number']);
  });

  test('fullname is "firstname lastname"', async () => {
    const r = await create({ firstname: 'Ann', lastname: 'Lee' });
    expect(r.body.customer.fullname).toBe('Ann Lee');
  });

  test('fullname is trimmed when a part is missing', async () => {
    const r = await create({ lastname: 'Solo' });
    expect(r.body.customer.fullname).toBe('Solo');
  });

  test('business_then_name is the business name when there is one', async () => {
    const r = await create({ business_name: 'Acme', firstname: 'Ann', lastname: 'Lee' });
    expect(r.body.customer.business_then_name).toBe('Acme');
  });

  test('business_then_name falls back to the full name', async () => {
    const r = await create({ firstname: 'Walkin', lastname: 'Customer' });
    expect(r.body.customer.business_then_name).toBe('Walkin Customer');
  });

  test('business_and_full_name is "business - fullname"', async () => {
    const r = await create({ business_name: 'Acme', firstname: 'Ann', lastname: 'Lee' });
    expect(r.body.customer.business_and_full_name).toBe('Acme - Ann Lee');
  });

  test('every documented field is returned', async () => {
    const r = await create({ business_name: 'Fields Co' });
    const fields = [
      'id',
      'firstname',
      'lastname',
      'fullname',
      'business_name',
      'email',
      'phone',
      'mobile',
      'address',
      'address_2',
      'city',
      'state',
      'zip',
      'notes',
      'referred_by',
      'tax_rate_id',
      'get_sms',
      'opt_out',
      'no_email',
      'disabled',
      'properties',
      'location_id',
      'location_name',
      'latitude',
      'longitude',
      'notification_email',
      'invoice_cc_emails',
      'invoice_term_id',
      'ref_customer_id',
      'online_profile_url',
      'pdf_url',
      'business_and_full_name',
      'business_then_name',
      'created_at',
      'updated_at',
      'contacts',
    ];
    expect(Object.keys(r.body.customer).sort()).toEqual(fields.sort());
  });

  test('timestamps are ISO-8601 with milliseconds and the configured offset', async () => {
    clock.set(Date.UTC(2025, 0, 2, 3, 4, 5, 678));
    const r = await create({ business_name: 'Time Co' });
    expect(r.body.customer.created_at).toBe('2025-01-02T05:04:05.678+02:00');
  });

  test('GET one answers {"customer": …} with its contacts array', async () => {
    const c = (await create({ business_name: 'With Contacts' })).body.customer;
    await call(sb, 'POST', '/contacts', { customer_id: c.id, name: 'Kid One' });
    const r = await call(sb, 'GET', `/customers/${c.id}`);
    expect(r.body.customer.contacts.map((k: { name: string }) => k.name)).toEqual(['Kid One']);
  });

  test('GET an unknown id answers 404 {"message":"Not found"}', async () => {
    const r = await call(sb, 'GET', '/customers/999999');
    expect([r.status, r.body]).toEqual([404, { message: 'Not found' }]);
  });

  test('PUT leaves keys it does not send unchanged', async () => {
    const c = (await create({ business_name: 'Keep Co', city: 'Keene', phone: '123' })).body.customer;
    const r = await call(sb, 'PUT', `/customers/${c.id}`, { city: 'Dover' });
    expect([r.body.customer.city, r.body.customer.phone, r.body.customer.business_name]).toEqual(['Dover', '123', 'Keep Co']);
  });

  test('PUT merges properties key by key', async () => {
    const c = (await create({ business_name: 'Props Co', properties: { A: '1', B: '2' } })).body.customer;
    const r = await call(sb, 'PUT', `/customers/${c.id}`, { properties: { B: '3' } });
    expect(r.body.customer.properties).toEqual({ A: '1', B: '3' });
  });

  test('PUT changes updated_at', async () => {
    const c = (await create({ business_name: 'Stamp Co' })).body.customer;
    clock.advance(1000);
    const r = await call(sb, 'PUT', `/customers/${c.id}`, { notes: 'x' });
    expect(r.body.customer.updated_at).not.toBe(c.updated_at);
  });

  test('two updates in the same millisecond still get distinct, increasing updated_at', async () => {
    const c = (await create({ business_name: 'Same Ms Co' })).body.customer;
    const a = (await call(sb, 'PUT', `/customers/${c.id}`, { notes: 'a' })).body.customer.updated_at;
    const b = (await call(sb, 'PUT', `/customers/${c.id}`, { notes: 'b' })).body.customer.updated_at;
    expect(Date.parse(b) - Date.parse(a)).toBeGreaterThan(0);
  });

  test('PUT keeps created_at', async () => {
    const c = (await create({ business_name: 'Born Co' })).body.customer;
    clock.advance(5000);
    const r = await call(sb, 'PUT', `/customers/${c.id}`, { notes: 'later' });
    expect(r.body.customer.created_at).toBe(c.created_at);
  });

  test('PUT an unknown id answers 404', async () => {
    expect((await call(sb, 'PUT', '/customers/999999', { notes: 'x' })).status).toBe(404);
  });

  test("DELETE answers Syncro's message", async () => {
    const c = (await create({ business_name: 'Bye Co' })).body.customer;
    const r = await call(sb, 'DELETE', `/customers/${c.id}`);
    expect([r.status, r.body]).toEqual([200, { message: 'Customer was deleted from the system.' }]);
  });

  test('DELETE is a hard delete: GET then answers 404', async () => {
    const c = (await create({ business_name: 'Gone Co' })).body.customer;
    await call(sb, 'DELETE', `/customers/${c.id}`);
    expect((await call(sb, 'GET', `/customers/${c.id}`)).status).toBe(404);
  });

  test("DELETE takes the customer's contacts with it", async () => {
    const c = (await create({ business_name: 'Family Co' })).body.customer;
    const k = (await call(sb, 'POST', '/contacts', { customer_id: c.id, name: 'Member' })).body;
    await call(sb, 'DELETE', `/customers/${c.id}`);
    expect((await call(sb, 'GET', `/contacts/${k.id}`)).status).toBe(404);
  });

  test('DELETE an unknown id answers 404', async () => {
    expect((await call(sb, 'DELETE', '/customers/999999')).status).toBe(404);
  });

  test('ids are never reused after a delete', async () => {
    const a = (await create({ business_name: 'Last One' })).body.customer;
    await call(sb, 'DELETE', `/customers/${a.id}`);
    const b = (await create({ business_name: 'Next One' })).body.customer;
    expect(b.id).toBe(a.id + 1);
  });

  test('a bad email answers 422 {success:false, message:[…], params}', async () => {
    const r = await create({ business_name: 'Real Business', email: 'it is not an email' });
    expect([r.status, r.body]).toEqual([
      422,
      { success: false, message: ['Email is not an email'], params: { business_name: 'Real Business', email: 'it is not an email' } },
    ]);
  });

  test('a 422 stores nothing', async () => {
    const before = sb.store.counts().customers;
    await create({ business_name: 'Bad Mail Co', email: 'nope' });
    expect(sb.store.counts().customers).toBe(before);
  });

  test('the 422 params do not echo the api key', async () => {
    const r = await call(sb, 'POST', '/customers', { api_key: 'sandbox-key', email: 'bad' }, {});
    expect(r.body.params).toEqual({ email: 'bad' });
  });

  test('an empty email is allowed', async () => {
    expect((await create({ business_name: 'No Mail Co', email: '' })).status).toBe(200);
  });

  test('a null email is allowed', async () => {
    expect((await create({ business_name: 'Null Mail Co', email: null })).status).toBe(200);
  });

  test('PUT with a bad email answers 422 and leaves the customer unchanged', async () => {
    const c = (await create({ business_name: 'Stay Co', email: 'ok@stay.com' })).body.customer;
    const r = await call(sb, 'PUT', `/customers/${c.id}`, { email: 'broken' });
    const after = (await call(sb, 'GET', `/customers/${c.id}`)).body.customer;
    expect([r.status, after.email]).toEqual([422, 'ok@stay.com']);
  });

  test('unknown keys in a body are ignored', async () => {
    const r = await create({ business_name: 'Extra Co', favourite_colour: 'blue' });
    expect(r.body.customer).not.toHaveProperty('favourite_colour');
  });

  test('duplicate emails are allowed when uniqueEmail is off (the default)', async () => {
    await create({ business_name: 'Twin A', email: 'twin@example.com' });
    expect((await create({ business_name: 'Twin B', email: 'TWIN@example.com' })).status).toBe(200);
  });

  test('booleans are cast from strings', async () => {
    const r = await create({ business_name: 'Bool Co', get_sms: 'true', opt_out: '0' });
    expect([r.body.customer.get_sms, r.body.customer.opt_out]).toEqual([true, false]);
  });
});

describe('customers with uniqueEmail', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await start({ uniqueEmail: true });
  });
  afterAll(() => sb.close());

  test('a second customer with the same email (any case) answers 422 "Email has already been taken"', async () => {
    await call(sb, 'POST', '/customers', { business_name: 'First', email: 'dup@example.com' });
    const r = await call(sb, 'POST', '/customers', { business_name: 'Second', email: 'DUP@Example.com' });
    expect([r.status, r.body.message]).toEqual([422, ['Email has already been taken']]);
  });

  test("updating a customer to another's email answers 422", async () => {
    await call(sb, 'POST', '/customers', { business_name: 'Owner', email: 'taken@example.com' });
    const other = (await call(sb, 'POST', '/customers', { business_name: 'Other', email: 'other@example.com' })).body.customer;
    const r = await call(sb, 'PUT', `/customers/${other.id}`, { email: 'taken@example.com' });
    expect(r.status).toBe(422);
  });

  test('a customer may keep its own email on update', async () => {
    const c = (await call(sb, 'POST', '/customers', { business_name: 'Self', email: 'self@example.com' })).body.customer;
    expect((await call(sb, 'PUT', `/customers/${c.id}`, { email: 'SELF@example.com' })).status).toBe(200);
  });

  test('customers without email are not duplicates of each other', async () => {
    await call(sb, 'POST', '/customers', { business_name: 'Blank 1', email: '' });
    expect((await call(sb, 'POST', '/customers', { business_name: 'Blank 2', email: '' })).status).toBe(200);
  });
});
