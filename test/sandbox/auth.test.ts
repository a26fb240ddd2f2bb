import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { call, KEY, start } from './helpers.js';

const NOT_AUTHORIZED = { error: 'Not authorized. Please ask account admin to update your group permissions.' };

describe('auth', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await start();
  });
  afterAll(() => sb.close());

  test('Authorization: Bearer <key> is accepted', async () => {
    expect((await call(sb, 'GET', '/me', undefined, { authorization: `Bearer ${KEY}` })).status).toBe(200);
  });

  test('the raw key in Authorization is accepted', async () => {
    expect((await call(sb, 'GET', '/me', undefined, { authorization: KEY })).status).toBe(200);
  });

  test('an api_key query parameter is accepted', async () => {
    expect((await call(sb, 'GET', `/me?api_key=${KEY}`, undefined, {})).status).toBe(200);
  });

  test('api_key in a JSON body is accepted', async () => {
    const r = await call(sb, 'POST', '/customers', { api_key: KEY, business_name: 'Body Key Co' }, {});
    expect(r.status).toBe(200);
  });

  test('api_key in a form body is accepted', async () => {
    const res = await fetch(`${sb.url}/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `api_key=${KEY}&business_name=Form+Key+Co`,
    });
    expect(res.status).toBe(200);
  });

  test("a wrong key answers 401 with Syncro's body", async () => {
    const r = await call(sb, 'GET', '/customers', undefined, { authorization: 'Bearer wrong' });
    expect([r.status, r.body]).toEqual([401, NOT_AUTHORIZED]);
  });

  test("no key answers 401 with Syncro's body", async () => {
    const r = await call(sb, 'GET', '/me', undefined, {});
    expect([r.status, r.body]).toEqual([401, NOT_AUTHORIZED]);
  });

  test('a 401 stores nothing', async () => {
    await call(sb, 'POST', '/customers', { business_name: 'Intruder Inc' }, { authorization: 'nope' });
    const names = sb.store.all('customers').map((r) => r.fields.business_name);
    expect(names).not.toContain('Intruder Inc');
  });

  test('a custom apiKey replaces the default', async () => {
    const other = await start({ apiKey: 'tenant-123' });
    try {
      const statuses = [
        (await call(other, 'GET', '/me', undefined, { authorization: 'Bearer tenant-123' })).status,
        (await call(other, 'GET', '/me', undefined, { authorization: `Bearer ${KEY}` })).status,
      ];
      expect(statuses).toEqual([200, 401]);
    } finally {
      await other.close();
    }
  });

  test('GET /me answers the sandbox user', async () => {
    const r = await call(sb, 'GET', '/me');
    expect(r.body).toMatchObject({ user_email: 'sandbox@example.com', admin: true });
  });
});
