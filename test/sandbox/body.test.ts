import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseBody } from '../../src/sandbox/body.js';
import { parseNested, toBool, toIdList, toInt } from '../../src/sandbox/params.js';
import { seedStore } from '../../src/sandbox/seed.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { AUTH, call, rawRequest, start } from './helpers.js';

describe('parseNested (Rack-style keys)', () => {
  test('properties[Foo]=bar nests', () => {
    expect(parseNested('properties[Foo]=bar')).toEqual({ properties: { Foo: 'bar' } });
  });
  test('id[]=1&id[]=2 makes an array', () => {
    expect(parseNested('id[]=1&id[]=2')).toEqual({ id: ['1', '2'] });
  });
  test('+ decodes to a space', () => {
    expect(parseNested('name=Ann+Lee')).toEqual({ name: 'Ann Lee' });
  });
  test('__proto__ keys are dropped', () => {
    const out = parseNested('__proto__[polluted]=1&a[__proto__][x]=2');
    expect([Object.keys(out), ({} as Record<string, unknown>).polluted]).toEqual([[], undefined]);
  });
});

describe('casts', () => {
  test('toBool follows Rails: "0"/"false"/"f"/"off" are false', () => {
    expect(['0', 'false', 'f', 'off', 'FALSE'].map(toBool)).toEqual([false, false, false, false, false]);
  });
  test('toBool: "" and null are null, anything else true', () => {
    expect([toBool(''), toBool(null), toBool('yes'), toBool('1')]).toEqual([null, null, true, true]);
  });
  test('toInt parses leading digits', () => {
    expect([toInt('42'), toInt('7abc'), toInt('x'), toInt(3.9)]).toEqual([42, 7, null, 3]);
  });
  test('toIdList reads arrays, JSON arrays and comma lists', () => {
    expect([toIdList(['1', '2']), toIdList('[3,4]'), toIdList('5,6'), toIdList(7), toIdList(undefined)]).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [7],
      undefined,
    ]);
  });
});

describe('parseBody', () => {
  test('JSON by content type', () => {
    expect(parseBody('{"a":1}', 'application/json; charset=utf-8')).toEqual({ a: 1 });
  });
  test('form by content type', () => {
    expect(parseBody('a=1&b[c]=2', 'application/x-www-form-urlencoded')).toEqual({ a: '1', b: { c: '2' } });
  });
  test('no content type: JSON-looking text is read as JSON', () => {
    expect(parseBody('{"a":1}', undefined)).toEqual({ a: 1 });
  });
  test('bad JSON throws a 400 BodyError', () => {
    expect(() => parseBody('{nope', 'application/json')).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('bodies over HTTP', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await start();
    seedStore(sb.store, { customers: [{ business_name: 'Alpha' }, { business_name: 'Beta' }, { business_name: 'Gamma', disabled: true }] });
  });
  afterAll(() => sb.close());

  const form = (method: string, path: string, body: string) =>
    fetch(`${sb.url}${path}`, { method, headers: { ...AUTH, 'content-type': 'application/x-www-form-urlencoded' }, body }).then(
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of every resource, asserted field by field
      async (r) => ({ status: r.status, body: (await r.json()) as any }),
    );

  test('a form-encoded POST creates a customer', async () => {
    const r = await form('POST', '/customers', 'business_name=Form+Co&email=a%40form.co');
    expect([r.status, r.body.customer.business_name, r.body.customer.email]).toEqual([200, 'Form Co', 'a@form.co']);
  });

  test('form properties[Foo]=bar lands in properties', async () => {
    const r = await form('POST', '/customers', 'business_name=Props&properties[Contract]=Gold');
    expect(r.body.customer.properties).toEqual({ Contract: 'Gold' });
  });

  test('a form-encoded contact title lands in properties.title', async () => {
    const r = await form('POST', '/contacts', 'customer_id=1&name=Ann&title=Owner');
    expect(r.body.properties).toEqual({ title: 'Owner' });
  });

  test('a form-encoded PUT updates', async () => {
    const r = await form('PUT', '/customers/1', 'city=Salem');
    expect(r.body.customer.city).toBe('Salem');
  });

  test('GET takes its params from a JSON body', async () => {
    const r = await rawRequest(
      `${sb.url}/customers`,
      'GET',
      { ...AUTH, 'content-type': 'application/json' },
      JSON.stringify({ business_name: 'beta' }),
    );
    expect(r.body.customers.map((c: { id: number }) => c.id)).toEqual([2]);
  });

  test('GET takes id lists from a JSON body array', async () => {
    const r = await rawRequest(
      `${sb.url}/customers`,
      'GET',
      { ...AUTH, 'content-type': 'application/json' },
      JSON.stringify({ id: [1, 3], include_disabled: 'true' }),
    );
    expect(r.body.customers.map((c: { id: number }) => c.id)).toEqual([1, 3]);
  });

  test('query parameters win over the same key in the body', async () => {
    const r = await rawRequest(
      `${sb.url}/customers?business_name=alpha`,
      'GET',
      { ...AUTH, 'content-type': 'application/json' },
      JSON.stringify({ business_name: 'beta' }),
    );
    expect(r.body.customers.map((c: { id: number }) => c.id)).toEqual([1]);
  });

  test('a form-encoded GET body with id[] filters', async () => {
    const r = await rawRequest(`${sb.url}/customers`, 'GET', { ...AUTH, 'content-type': 'application/x-www-form-urlencoded' }, 'id[]=2');
    expect(r.body.customers.map((c: { id: number }) => c.id)).toEqual([2]);
  });

  test('malformed JSON answers 400', async () => {
    const res = await fetch(`${sb.url}/customers`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: '{"business_name":',
    });
    expect(res.status).toBe(400);
  });

  test('an unknown path under /api/v1 answers 404 {"message":"Not found"}', async () => {
    const r = await call(sb, 'GET', '/widgets');
    expect([r.status, r.body]).toEqual([404, { message: 'Not found' }]);
  });

  test('a non-numeric id answers 404', async () => {
    expect((await call(sb, 'GET', '/customers/abc')).status).toBe(404);
  });

  test('PATCH updates like PUT', async () => {
    expect((await call(sb, 'PATCH', '/customers/2', { city: 'Lynn' })).body.customer.city).toBe('Lynn');
  });
});
