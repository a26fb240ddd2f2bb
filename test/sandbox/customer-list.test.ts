import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedStore } from '../../src/sandbox/seed.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { call, start } from './helpers.js';

const ids = (r: { body: { customers: { id: number }[] } }): number[] => r.body.customers.map((c) => c.id);

describe('customer paging', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await start();
    seedStore(sb.store, { customers: Array.from({ length: 250 }, (_, i) => ({ business_name: `Client ${i + 1}` })) });
  });
  afterAll(() => sb.close());

  test('page 1 holds 100 customers', async () => {
    expect((await call(sb, 'GET', '/customers')).body.customers).toHaveLength(100);
  });

  test('meta of page 1 is {total_pages:3, total_entries:250, per_page:100, page:1}', async () => {
    expect((await call(sb, 'GET', '/customers')).body.meta).toEqual({ total_pages: 3, total_entries: 250, per_page: 100, page: 1 });
  });

  test('page 3 holds the last 50', async () => {
    const r = await call(sb, 'GET', '/customers?page=3');
    expect([r.body.customers.length, r.body.meta.page]).toEqual([50, 3]);
  });

  test('a page past the end answers 200 with an empty array', async () => {
    const r = await call(sb, 'GET', '/customers?page=4');
    expect([r.status, r.body.customers]).toEqual([200, []]);
  });

  test('the default order is id ascending', async () => {
    const got = ids(await call(sb, 'GET', '/customers?page=2'));
    expect(got).toEqual(Array.from({ length: 100 }, (_, i) => 101 + i));
  });

  test('per_page is ignored (Syncro may not honour it)', async () => {
    const r = await call(sb, 'GET', '/customers?per_page=10');
    expect([r.body.customers.length, r.body.meta.per_page]).toEqual([100, 100]);
  });

  test('a nonsense page reads as page 1', async () => {
    expect((await call(sb, 'GET', '/customers?page=abc')).body.meta.page).toBe(1);
  });
});

describe('customer filters', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await start();
    seedStore(sb.store, {
      customers: [
        {
          business_name: 'Harbor Dental',
          firstname: 'Maria',
          lastname: 'Okafor',
          email: 'office@harbordental.com',
          phone: '(207) 555-0142',
          city: 'Portland',
        }, // 1
        {
          business_name: 'Pinecrest Legal',
          firstname: 'Samuel',
          lastname: 'Berg',
          email: 'it@pinecrest.com',
          phone: '603.555.0177',
          city: 'Concord',
        }, // 2
        { firstname: 'Tom', lastname: 'Fischer', email: 'tom.fischer@gmail.com', mobile: '207 555 0170', city: 'Bangor' }, // 3
        {
          business_name: 'Old Mill Bakery',
          firstname: 'Evelyn',
          lastname: 'Carter',
          email: 'evelyn@oldmill.com',
          city: 'Woodstock',
          disabled: true,
        }, // 4
        { business_name: 'Müller Haustechnik', firstname: 'Jörg', lastname: 'Müller', email: 'info@mueller.de', city: 'Zürich' }, // 5
        { business_name: 'harbor freight', firstname: 'Al', lastname: 'Okafor-Smith', city: null }, // 6
      ],
    });
  });
  afterAll(() => sb.close());

  test('query matches the business name, case-insensitively', async () => {
    expect(ids(await call(sb, 'GET', '/customers?query=HARBOR'))).toEqual([1, 6]);
  });

  test("query matches a person's name", async () => {
    expect(ids(await call(sb, 'GET', '/customers?query=samuel'))).toEqual([2]);
  });

  test('query matches "firstname lastname"', async () => {
    expect(ids(await call(sb, 'GET', `/customers?query=${encodeURIComponent('Tom Fischer')}`))).toEqual([3]);
  });

  test('query matches an email', async () => {
    expect(ids(await call(sb, 'GET', '/customers?query=gmail.com'))).toEqual([3]);
  });

  test('query matches a phone whatever its punctuation', async () => {
    expect(ids(await call(sb, 'GET', `/customers?query=${encodeURIComponent('207-555-0142')}`))).toEqual([1]);
  });

  test('query matches a mobile number', async () => {
    expect(ids(await call(sb, 'GET', '/customers?query=2075550170'))).toEqual([3]);
  });

  test('email is a case-insensitive "like"', async () => {
    expect(ids(await call(sb, 'GET', '/customers?email=PINECREST'))).toEqual([2]);
  });

  test('business_name is a case-insensitive "like"', async () => {
    expect(ids(await call(sb, 'GET', '/customers?business_name=dental'))).toEqual([1]);
  });

  test('firstname is a case-insensitive "like"', async () => {
    expect(ids(await call(sb, 'GET', '/customers?firstname=TO'))).toEqual([3]);
  });

  test('lastname is a case-insensitive "like"', async () => {
    expect(ids(await call(sb, 'GET', '/customers?lastname=okafor'))).toEqual([1, 6]);
  });

  test('"like" folds case beyond ASCII', async () => {
    expect(ids(await call(sb, 'GET', `/customers?lastname=${encodeURIComponent('MÜLLER')}`))).toEqual([5]);
  });

  test('% and _ in a filter are literal, not wildcards', async () => {
    expect(ids(await call(sb, 'GET', `/customers?email=${encodeURIComponent('%_')}`))).toEqual([]);
  });

  test('id[]=1&id[]=2 keeps those ids', async () => {
    expect(ids(await call(sb, 'GET', '/customers?id[]=2&id[]=3'))).toEqual([2, 3]);
  });

  test('id as a JSON array keeps those ids', async () => {
    expect(ids(await call(sb, 'GET', `/customers?id=${encodeURIComponent('[1,5]')}`))).toEqual([1, 5]);
  });

  test('not_id[] leaves those ids out', async () => {
    expect(ids(await call(sb, 'GET', '/customers?not_id[]=1&not_id[]=2'))).toEqual([3, 5, 6]);
  });

  test('not_id as a JSON array leaves those ids out', async () => {
    expect(ids(await call(sb, 'GET', `/customers?not_id=${encodeURIComponent('[3,5,6]')}`))).toEqual([1, 2]);
  });

  test('disabled customers are left out by default', async () => {
    expect(ids(await call(sb, 'GET', '/customers'))).not.toContain(4);
  });

  test('include_disabled=true includes them', async () => {
    expect(ids(await call(sb, 'GET', '/customers?include_disabled=true'))).toContain(4);
  });

  test('include_disabled=false leaves them out', async () => {
    expect(ids(await call(sb, 'GET', '/customers?include_disabled=false'))).not.toContain(4);
  });

  test('a disabled customer is still served by GET one', async () => {
    expect((await call(sb, 'GET', '/customers/4')).body.customer.disabled).toBe(true);
  });

  test('meta counts only the matches', async () => {
    expect((await call(sb, 'GET', '/customers?lastname=okafor')).body.meta).toEqual({
      total_pages: 1,
      total_entries: 2,
      per_page: 100,
      page: 1,
    });
  });

  test('sort "city DESC" orders by city descending, nulls first', async () => {
    expect(ids(await call(sb, 'GET', `/customers?sort=${encodeURIComponent('city DESC')}`))).toEqual([6, 5, 1, 2, 3]);
  });

  test('sort "city ASC" orders by city ascending, nulls last', async () => {
    expect(ids(await call(sb, 'GET', `/customers?sort=${encodeURIComponent('city ASC')}`))).toEqual([3, 2, 1, 5, 6]);
  });

  test('sort "id DESC" reverses the default order', async () => {
    expect(ids(await call(sb, 'GET', `/customers?sort=${encodeURIComponent('id DESC')}`))).toEqual([6, 5, 3, 2, 1]);
  });

  test('an unknown sort field falls back to id ascending', async () => {
    expect(ids(await call(sb, 'GET', `/customers?sort=${encodeURIComponent('password; DROP TABLE customers')}`))).toEqual([1, 2, 3, 5, 6]);
  });

  test('list items carry their contacts', async () => {
    seedStore(sb.store, { customers: [{ business_name: 'Listed With Kids', contacts: [{ name: 'Kid' }] }] });
    const r = await call(sb, 'GET', '/customers?business_name=Listed');
    expect(r.body.customers[0].contacts.map((k: { name: string }) => k.name)).toEqual(['Kid']);
  });
});
