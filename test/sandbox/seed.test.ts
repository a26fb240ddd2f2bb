import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseSeed, readSeedFile, seedStore } from '../../src/sandbox/seed.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { SandboxStore } from '../../src/sandbox/store.js';
import { call, start } from './helpers.js';

const FIXTURE = resolve(import.meta.dirname, '../../fixtures/sandbox/seed-small.json');

describe('fixtures/sandbox/seed-small.json', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await start({ seed: readSeedFile(FIXTURE) });
  });
  afterAll(() => sb.close());

  test('loads a dozen customers with their contacts, tickets, assets and invoices', () => {
    expect(sb.store.counts()).toEqual({ customers: 12, contacts: 18, tickets: 3, assets: 2, invoices: 2 });
  });

  test('its one disabled customer is left out of the default list', async () => {
    expect((await call(sb, 'GET', '/customers')).body.meta.total_entries).toBe(11);
  });

  test('contact titles land in properties.title', async () => {
    expect((await call(sb, 'GET', '/contacts/1')).body.properties.title).toBe('Practice Manager');
  });

  test('customer_index links a ticket to the customer at that position', async () => {
    expect((await call(sb, 'GET', '/tickets?customer_id=6')).body.tickets.map((t: { subject: string }) => t.subject)).toEqual([
      'Email bouncing for new agent',
    ]);
  });

  test("contact_index links a ticket to that customer's contact", async () => {
    // customers[1].contacts[1] is the 5th contact overall (3 + 2).
    expect((await call(sb, 'GET', '/tickets/3')).body.ticket.contact_id).toBe(5);
  });
});

describe('seedStore', () => {
  test('returns the ids given, in seed order', () => {
    const store = SandboxStore.open();
    const ids = seedStore(store, {
      customers: [{ business_name: 'A', contacts: [{ name: 'a1' }, { name: 'a2' }] }, { business_name: 'B' }],
      invoices: [{ customer_index: 1 }],
    });
    store.close();
    expect(ids).toEqual({ customers: [1, 2], contacts: [1, 2], tickets: [], assets: [], invoices: [1] });
  });

  test('explicit ids and timestamps are kept', () => {
    const store = SandboxStore.open();
    seedStore(store, { customers: [{ id: 500, business_name: 'Old', created_at: '2019-10-21T08:33:21.053Z' }] });
    const row = store.get('customers', 500);
    store.close();
    expect(row?.created_ms).toBe(Date.parse('2019-10-21T08:33:21.053Z'));
  });

  test('a customer_id reference to an existing customer works', () => {
    const store = SandboxStore.open();
    seedStore(store, { customers: [{ business_name: 'A' }] });
    seedStore(store, { tickets: [{ customer_id: 1, subject: 'Later' }] });
    const owner = store.get('tickets', 1)?.fields.customer_id;
    store.close();
    expect(owner).toBe(1);
  });

  test('seeds bypass validation (real tenants hold dirty data)', () => {
    const store = SandboxStore.open();
    seedStore(store, { customers: [{ email: 'not an email' }] });
    const email = store.get('customers', 1)?.fields.email;
    store.close();
    expect(email).toBe('not an email');
  });

  test('a bad reference throws INVALID_ARGUMENT and stores nothing (one transaction)', () => {
    const store = SandboxStore.open();
    const attempt = () => seedStore(store, { customers: [{ business_name: 'A' }], assets: [{ customer_index: 3 }] });
    expect(attempt).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(store.counts().customers).toBe(0);
    store.close();
  });

  test('a customer_id that does not exist throws INVALID_ARGUMENT', () => {
    const store = SandboxStore.open();
    expect(() => seedStore(store, { tickets: [{ customer_id: 42, subject: 'x' }] })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    store.close();
  });

  test('a bad timestamp throws INVALID_ARGUMENT', () => {
    const store = SandboxStore.open();
    expect(() => seedStore(store, { customers: [{ created_at: 'yesterday' }] })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    store.close();
  });

  test('10k customers and 30k contacts seed in one go and page correctly', async () => {
    const sb = await start();
    const t0 = performance.now();
    seedStore(sb.store, {
      customers: Array.from({ length: 10_000 }, (_, i) => ({
        business_name: `Client ${i}`,
        email: `c${i}@example.com`,
        contacts: [{ name: `A${i}` }, { name: `B${i}` }, { name: `C${i}`, title: 'Owner' }],
      })),
    });
    const seconds = (performance.now() - t0) / 1000;
    const [last, past, contacts] = await Promise.all([
      call(sb, 'GET', '/customers?page=100'),
      call(sb, 'GET', '/customers?page=101'),
      call(sb, 'GET', '/contacts?page=600'),
    ]);
    await sb.close();
    expect([
      last.body.customers.length,
      last.body.meta.total_pages,
      past.body.customers.length,
      contacts.body.contacts.length,
      contacts.body.meta.total_entries,
      seconds < 10,
    ]).toEqual([100, 100, 0, 50, 30_000, true]);
  });
});

describe('parseSeed / readSeedFile', () => {
  test('startSandbox refuses a malformed seed with INVALID_ARGUMENT', async () => {
    await expect(start({ seed: { customers: 'not a list' } as never })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  test('an unknown top-level key is refused (a typo like "contacts")', () => {
    expect(() => parseSeed({ contacts: [] })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  test('a missing file is FILE_NOT_FOUND', () => {
    expect(() => readSeedFile(join(import.meta.dirname, 'no-such-seed.json'))).toThrow(expect.objectContaining({ code: 'FILE_NOT_FOUND' }));
  });

  test('a file that is not JSON is FILE_UNREADABLE', () => {
    expect(() => readSeedFile(join(import.meta.dirname, 'seed.test.ts'))).toThrow(expect.objectContaining({ code: 'FILE_UNREADABLE' }));
  });
});
