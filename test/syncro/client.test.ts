import { afterEach, describe, expect, it } from 'vitest';
import { collectingSink } from '../../src/events.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { SyncroApiError } from '../../src/syncro/errors.js';
import { clientFor, dump, sandbox } from '../helpers/target.js';

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function seedCustomers(n: number): Promise<void> {
  const client = clientFor(sb!);
  for (let i = 1; i <= n; i++)
    await client.createCustomer({ business_name: `Client ${String(i).padStart(3, '0')}`, email: `c${i}@client${i}.example` });
}

describe('SyncroClient against the sandbox', () => {
  it('pages through 250 customers: 3 pages of 100/100/50, every record once', async () => {
    sb = await sandbox();
    await seedCustomers(250);
    const client = clientFor(sb);
    const pages = [];
    for await (const page of client.customerPages()) pages.push(page);
    expect(pages.map((p) => p.items.length)).toEqual([100, 100, 50]);
    const ids = pages.flatMap((p) => p.items.map((c) => c.id));
    expect(new Set(ids).size).toBe(250);
    expect(sb.stats().total).toBeGreaterThanOrEqual(250 + 3);
  });

  it('retries after a 429 with Retry-After, pausing for it', async () => {
    sb = await sandbox({ retryAfter: true });
    const events = collectingSink();
    const client = clientFor(sb, { events });
    sb.setFaults({ force429Next: 1 });
    const started = Date.now();
    const me = await client.me();
    expect(me).toBeTruthy();
    const limited = events.events.filter((e) => e.type === 'rate-limited');
    expect(limited).toHaveLength(1);
    expect(limited[0]).toMatchObject({ retryAfterHeader: true, waitMs: 1000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('retries after a 429 without Retry-After, backing off on its own', async () => {
    sb = await sandbox({ retryAfter: false });
    const events = collectingSink();
    const client = clientFor(sb, { events });
    sb.setFaults({ force429Next: 3 });
    await client.me();
    const limited = events.events.filter((e) => e.type === 'rate-limited');
    expect(limited).toHaveLength(3);
    expect(limited.every((e) => e.type === 'rate-limited' && !e.retryAfterHeader)).toBe(true);
    const waits = limited.map((e) => (e.type === 'rate-limited' ? e.waitMs : 0));
    expect(waits[2]!).toBeGreaterThan(waits[0]!); // grows
  });

  it('retries 5xx on reads until an answer comes', async () => {
    sb = await sandbox({ faults: { rate5xx: 0.5, seed: 7 } });
    const events = collectingSink();
    const client = clientFor(sb, { events });
    for (let i = 0; i < 10; i++) await client.me();
    expect(events.events.some((e) => e.type === 'retry' && e.reason === 'HTTP 500')).toBe(true);
    expect(sb.stats().injected5xx).toBeGreaterThan(0);
  });

  it('gives up on a read after the bounded number of retries', async () => {
    sb = await sandbox({ faults: { rate5xx: 1 } });
    const client = clientFor(sb, { retry: { maxRetries: 2 } });
    await expect(client.me()).rejects.toMatchObject({ code: 'API_SERVER', status: 500 });
    expect(sb.stats().injected5xx).toBe(3);
  });

  it('never creates twice when a create answer is lost: looks it up first', async () => {
    sb = await sandbox({ faults: { rateLostWrite: 1 } });
    const client = clientFor(sb);
    const res = await client.createCustomer({ business_name: 'Lost Answer LLC', email: 'ops@lostanswer.example' });
    expect(res.recovered).toBe(true);
    expect(res.record.business_name).toBe('Lost Answer LLC');
    const state = await dump(sb);
    expect(state.customers.filter((c) => c.email === 'ops@lostanswer.example')).toHaveLength(1);
  });

  it('recovers lost contact creates without duplicates', async () => {
    sb = await sandbox();
    const client = clientFor(sb);
    const customer = (await client.createCustomer({ business_name: 'Holder Inc' })).record;
    sb.setFaults({ rateLostWrite: 1 });
    const res = await client.createContact({ customer_id: customer.id, name: 'Jane Roe', email: 'jane@holder.example', title: 'CFO' });
    expect(res.recovered).toBe(true);
    sb.setFaults({ rateLostWrite: 0 });
    const state = await dump(sb);
    expect(state.contacts.filter((c) => c.email === 'jane@holder.example')).toHaveLength(1);
  });

  it('re-posts a create that a 500 did not store, and stores it once', async () => {
    sb = await sandbox({ faults: { rate5xx: 0.5, seed: 3 } });
    const client = clientFor(sb);
    for (let i = 0; i < 20; i++) await client.createCustomer({ business_name: `Flaky ${i}`, email: `f${i}@flaky.example` });
    sb.setFaults({ rate5xx: 0 });
    const state = await dump(sb);
    expect(state.customers).toHaveLength(20);
    expect(sb.stats().injected5xx).toBeGreaterThan(0);
  });

  it('stops at once on a bad key with a 401 error naming what to check', async () => {
    sb = await sandbox();
    const client = clientFor(sb, { apiKey: 'wrong' });
    const err = await client.me().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncroApiError);
    expect(err).toMatchObject({ code: 'API_UNAUTHORIZED', status: 401 });
    expect((err as Error).message).toContain('SYNCRO_API_KEY');
    expect((err as Error).message).not.toContain('wrong');
  });

  it("carries Syncro's own 422 message", async () => {
    sb = await sandbox();
    const client = clientFor(sb);
    await expect(client.createCustomer({ business_name: 'X', email: 'not-an-email' })).rejects.toMatchObject({
      code: 'API_VALIDATION',
      syncroMessage: expect.stringContaining('Email'),
    });
    await expect(client.createContact({ customer_id: 999999, name: 'Nobody' })).rejects.toMatchObject({ code: 'API_VALIDATION' });
  });

  it('a DELETE whose record is already gone reports it as absent', async () => {
    sb = await sandbox();
    const client = clientFor(sb);
    const c = (await client.createCustomer({ business_name: 'Gone Soon' })).record;
    expect(await client.deleteCustomer(c.id)).toEqual({ deleted: true });
    expect(await client.deleteCustomer(c.id)).toEqual({ deleted: false, alreadyAbsent: true });
  });
});
