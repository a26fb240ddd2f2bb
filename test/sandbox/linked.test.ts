import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedStore } from '../../src/sandbox/seed.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { call, start } from './helpers.js';

const CASES = [
  {
    path: 'tickets',
    listKey: 'tickets',
    itemKey: 'ticket',
    body: { subject: 'Printer jam' },
    deleted: { message: 'Ticket was successfully deleted. ' },
  },
  {
    path: 'customer_assets',
    listKey: 'assets',
    itemKey: 'asset',
    body: { name: 'PC-01', asset_type: 'Desktop' },
    deleted: { message: 'Asset was successfully deleted.' },
  },
  {
    path: 'invoices',
    listKey: 'invoices',
    itemKey: 'invoice',
    body: { number: '5001' },
    deleted: { message: 'Invoice was successfully deleted.' },
  },
] as const;

describe.each(CASES)('/$path', ({ path, listKey, itemKey, body, deleted }) => {
  let sb: RunningSandbox;
  let acme: number;
  let globex: number;
  beforeAll(async () => {
    sb = await start();
    acme = (await call(sb, 'POST', '/customers', { business_name: 'Acme' })).body.customer.id;
    globex = (await call(sb, 'POST', '/customers', { firstname: 'Gail', lastname: 'Globex' })).body.customer.id;
  });
  afterAll(() => sb.close());

  const create = (customerId: number) => call(sb, 'POST', `/${path}`, { ...body, customer_id: customerId });

  test(`POST answers 200 wrapped in {"${itemKey}": …}`, async () => {
    const r = await create(acme);
    expect([r.status, Object.keys(r.body), r.body[itemKey].customer_id]).toEqual([200, [itemKey], acme]);
  });

  test('the record keeps the fields it was given', async () => {
    const r = await create(acme);
    expect(r.body[itemKey]).toMatchObject(body);
  });

  test('GET one answers it wrapped', async () => {
    const made = (await create(acme)).body[itemKey];
    expect((await call(sb, 'GET', `/${path}/${made.id}`)).body).toEqual({ [itemKey]: made });
  });

  test('GET an unknown id answers 404 {"message":"Not found"}', async () => {
    const r = await call(sb, 'GET', `/${path}/999999`);
    expect([r.status, r.body]).toEqual([404, { message: 'Not found' }]);
  });

  test(`list by customer_id answers only that customer's records under "${listKey}"`, async () => {
    const mine = (await create(globex)).body[itemKey].id;
    const r = await call(sb, 'GET', `/${path}?customer_id=${globex}`);
    expect(r.body[listKey].map((x: { id: number }) => x.id)).toEqual([mine]);
  });

  test('list answers the meta envelope with 25 a page', async () => {
    expect((await call(sb, 'GET', `/${path}?customer_id=${acme}`)).body.meta).toMatchObject({ per_page: 25, page: 1 });
  });

  test('PUT customer_id moves the record to another customer', async () => {
    const made = (await create(acme)).body[itemKey];
    const r = await call(sb, 'PUT', `/${path}/${made.id}`, { customer_id: globex });
    expect(r.body[itemKey].customer_id).toBe(globex);
  });

  test('a moved record is listed under its new customer', async () => {
    const made = (await create(acme)).body[itemKey];
    await call(sb, 'PUT', `/${path}/${made.id}`, { customer_id: globex });
    const r = await call(sb, 'GET', `/${path}?customer_id=${globex}`);
    expect(r.body[listKey].map((x: { id: number }) => x.id)).toContain(made.id);
  });

  test('PUT leaves keys it does not send unchanged', async () => {
    const made = (await create(acme)).body[itemKey];
    const r = await call(sb, 'PUT', `/${path}/${made.id}`, { customer_id: globex });
    expect(r.body[itemKey]).toMatchObject(body);
  });

  test('PUT changes updated_at', async () => {
    const made = (await create(acme)).body[itemKey];
    const r = await call(sb, 'PUT', `/${path}/${made.id}`, { customer_id: acme });
    expect(r.body[itemKey].updated_at).not.toBe(made.updated_at);
  });

  test('PUT moving to a customer that does not exist answers 422', async () => {
    const made = (await create(acme)).body[itemKey];
    expect((await call(sb, 'PUT', `/${path}/${made.id}`, { customer_id: 999999 })).status).toBe(422);
  });

  test('PUT an unknown id answers 404', async () => {
    expect((await call(sb, 'PUT', `/${path}/999999`, { customer_id: acme })).status).toBe(404);
  });

  test('POST without a customer answers 422', async () => {
    expect((await call(sb, 'POST', `/${path}`, body)).status).toBe(422);
  });

  test('POST naming a customer that does not exist answers 422', async () => {
    expect((await create(999999)).status).toBe(422);
  });

  test('DELETE answers 200 and removes it', async () => {
    const made = (await create(acme)).body[itemKey];
    const r = await call(sb, 'DELETE', `/${path}/${made.id}`);
    expect([r.status, r.body, (await call(sb, 'GET', `/${path}/${made.id}`)).status]).toEqual([200, deleted, 404]);
  });
});

describe('ticket specifics', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await start();
    seedStore(sb.store, {
      customers: [
        { business_name: 'Acme', contacts: [{ name: 'Ann' }, { name: 'Bob' }] },
        { firstname: 'Walkin', lastname: 'Customer' },
      ],
      tickets: Array.from({ length: 30 }, (_, i) => ({ customer_index: 0, contact_index: i % 2, subject: `T${i + 1}` })),
    });
  });
  afterAll(() => sb.close());

  test('tickets list by contact_id', async () => {
    const r = await call(sb, 'GET', '/tickets?contact_id=2');
    expect(r.body.meta.total_entries).toBe(15);
  });

  test('30 tickets make 2 pages of 25', async () => {
    expect((await call(sb, 'GET', '/tickets?customer_id=1')).body.meta).toEqual({
      total_pages: 2,
      total_entries: 30,
      per_page: 25,
      page: 1,
    });
  });

  test('the second page holds the last 5', async () => {
    expect((await call(sb, 'GET', '/tickets?customer_id=1&page=2')).body.tickets).toHaveLength(5);
  });

  test("customer_business_then_name is the owner's business_then_name", async () => {
    expect((await call(sb, 'GET', '/tickets/1')).body.ticket.customer_business_then_name).toBe('Acme');
  });

  test('customer_business_then_name follows a move', async () => {
    const r = await call(sb, 'PUT', '/tickets/2', { customer_id: 2 });
    expect(r.body.ticket.customer_business_then_name).toBe('Walkin Customer');
  });

  test('a ticket without a customer answers Syncro\'s {"error":"Customer required field"}', async () => {
    const r = await call(sb, 'POST', '/tickets', { subject: 'No owner' });
    expect(r.body).toEqual({ error: 'Customer required field' });
  });

  test('a ticket without a subject answers 422 "Subject can\'t be blank"', async () => {
    const r = await call(sb, 'POST', '/tickets', { customer_id: 1, subject: ' ' });
    expect([r.status, r.body.success, r.body.message]).toEqual([422, false, ["Subject can't be blank"]]);
  });

  test('a new ticket starts with status "New"', async () => {
    expect((await call(sb, 'POST', '/tickets', { customer_id: 1, subject: 'Fresh' })).body.ticket.status).toBe('New');
  });

  test('the customer 422 for assets is {success:false, message:["Customer must exist"], params}', async () => {
    const r = await call(sb, 'POST', '/customer_assets', { name: 'Loose' });
    expect(r.body).toEqual({ success: false, message: ['Customer must exist'], params: { name: 'Loose' } });
  });

  test('deleting an invoice that does not exist still answers 200 (Syncro: "returns 200 even if the delete fails")', async () => {
    expect((await call(sb, 'DELETE', '/invoices/999999')).status).toBe(200);
  });

  test('deleting a customer leaves its tickets in place, pointing at the gone customer', async () => {
    const c = (await call(sb, 'POST', '/customers', { business_name: 'Doomed' })).body.customer;
    const t = (await call(sb, 'POST', '/tickets', { customer_id: c.id, subject: 'Left behind' })).body.ticket;
    await call(sb, 'DELETE', `/customers/${c.id}`);
    expect((await call(sb, 'GET', `/tickets/${t.id}`)).body.ticket.customer_id).toBe(c.id);
  });
});
