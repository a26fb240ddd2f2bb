/**
 * Filters verified, not trusted (issue 13.1): a server that ignores one is
 * detected from what it answered, said so, and read the safe way; a profile
 * from `doctor` saying "ignored" skips the filter from the start. Vendor
 * contacts stay out of customer logic (issue 13.5).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectingSink } from '../../src/events.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { emptyProfile, loadProfile, saveProfile } from '../../src/syncro/profile.js';
import { takeSnapshot } from '../../src/syncro/snapshot.js';
import { SyncroClient } from '../../src/syncro/client.js';
import { proxy } from '../helpers/proxy.js';
import type { RunningProxy } from '../helpers/proxy.js';
import { clientFor, sandbox } from '../helpers/target.js';

let sb: RunningSandbox | undefined;
let px: RunningProxy | undefined;
afterEach(async () => {
  await px?.close();
  await sb?.close();
  sb = px = undefined;
});

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function customers(client: SyncroClient, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++)
    ids.push((await client.createCustomer({ business_name: `Firm ${i}`, email: `it@firm${i}.example` })).record.id);
  return ids;
}

const warnings = (sink: ReturnType<typeof collectingSink>) =>
  sink.events.filter((e) => e.type === 'notice' && e.level === 'warn').map((e) => (e as { message: string }).message);

describe('filters verified', () => {
  it('id[] ignored: detected, said once, and the records read one by one — exactly the ones asked for', async () => {
    sb = await sandbox({ variants: { ignoreFilters: ['customers.id'] } });
    const ids = await customers(clientFor(sb), 6);
    const events = collectingSink();
    const client = clientFor(sb, { events });
    const got = await all(client.customers({ id: [ids[1]!, ids[4]!, 99_999] }));
    expect(got.map((c) => c.id).sort()).toEqual([ids[1], ids[4]].sort());
    expect(warnings(events)).toEqual([expect.stringMatching(/ignores the id filter on customers.*reading each record by id/)]);
    expect(client.profile.filters['customers.id']).toBe('ignored');
    expect(await all(client.customers({ id: [] }))).toEqual([]);
  });

  it('email ignored: only the customers whose email matches', async () => {
    sb = await sandbox({ variants: { ignoreFilters: ['customers.email'] } });
    await customers(clientFor(sb), 4);
    const client = clientFor(sb);
    const got = await all(client.customers({ email: 'IT@firm2.example' }));
    expect(got.map((c) => c.email)).toEqual(['it@firm2.example']);
  });

  it("customer_id ignored on contacts: one customer's contacts only; vendor contacts are no customer's", async () => {
    sb = await sandbox({ variants: { ignoreFilters: ['contacts.customer_id'], vendorContacts: 2 } });
    const [a, b] = await customers(clientFor(sb), 2);
    const seedClient = clientFor(sb);
    await seedClient.createContact({ customer_id: a, name: 'Ann', email: 'ann@firm0.example' });
    await seedClient.createContact({ customer_id: b, name: 'Bob', email: 'bob@firm1.example' });
    const client = clientFor(sb);
    expect((await all(client.contacts(a!))).map((k) => k.name)).toEqual(['Ann']);
    const snapshot = await takeSnapshot(client);
    expect(snapshot.contacts.map((k) => k.name).sort()).toEqual(['Ann', 'Bob']);
    expect(snapshot.vendorContacts).toBe(2);
  });

  it('a profile saying invoices ignore customer_id: the filter is never sent, the list is filtered here', async () => {
    sb = await sandbox();
    const [a, b] = await customers(clientFor(sb), 2);
    const seedClient = clientFor(sb);
    for (const id of [a, b, b]) await seedClient.http.request('POST', 'invoices', { body: { customer_id: id, number: String(id) } });
    const urls: string[] = [];
    px = await proxy(sb.url, (req) => (urls.push(req.url ?? ''), false));
    const profile = emptyProfile();
    profile.filters['invoices.customer_id'] = 'ignored';
    const file = join(mkdtempSync(join(tmpdir(), 'profile-')), 'p.json');
    saveProfile(file, profile);
    const client = clientFor(px);
    const withProfile = new SyncroClient(client.http, { profile: loadProfile(file) });
    const got = await all(withProfile.linked('invoices', b!));
    expect(got.map((v) => v.customer_id)).toEqual([b, b]);
    expect(urls.filter((u) => u.includes('customer_id'))).toEqual([]);
  });

  it("a read-only pass over many customers reads an ignored filter's full list once (maxAgeMs), a merge's look reads it again", async () => {
    sb = await sandbox({ variants: { ignoreFilters: ['invoices.customer_id'] } });
    const ids = await customers(clientFor(sb), 4);
    const seedClient = clientFor(sb);
    for (const id of ids) await seedClient.http.request('POST', 'invoices', { body: { customer_id: id, number: String(id) } });
    const urls: string[] = [];
    px = await proxy(sb.url, (req) => (urls.push(req.url ?? ''), false));
    const client = clientFor(px);
    for (const id of ids) expect((await all(client.linked('invoices', id, { maxAgeMs: 60_000 }))).map((v) => v.customer_id)).toEqual([id]);
    const unfiltered = () => urls.filter((u) => u.startsWith('/api/v1/invoices') && !u.includes('customer_id')).length;
    expect(unfiltered()).toBe(1); // one page holds them all: read once for four customers
    await all(client.linked('invoices', ids[0]!));
    expect(unfiltered()).toBe(2);
  });

  it('a full list filtered here is bounded: past the limit it stops with API_BAD_ANSWER, never a partial answer', async () => {
    sb = await sandbox({ variants: { ignoreFilters: ['tickets.customer_id'] } });
    const [a, b] = await customers(clientFor(sb), 2);
    const seedClient = clientFor(sb);
    for (let i = 0; i < 30; i++)
      await seedClient.http.request('POST', 'tickets', { body: { customer_id: i % 2 ? a : b, subject: `t${i}` } });
    const client = clientFor(sb);
    const bounded = new SyncroClient(client.http, { fullListMaxPages: 1 });
    await expect(all(bounded.linked('tickets', a!))).rejects.toMatchObject({ code: 'API_BAD_ANSWER' });
    expect((await all(client.linked('tickets', a!))).length).toBe(15);
  });
});
