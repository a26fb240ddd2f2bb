import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectingSink } from '../../src/events.js';
import { exportAll, exportContacts } from '../../src/export/index.js';
import type { SandboxSeed } from '../../src/sandbox/types.js';
import { seeded } from './helpers.js';
import type { Seeded } from './helpers.js';

/** `customers` customers holding `contacts` contacts between them (round-robin), the first `disabled` of them disabled. */
function tenant(customers: number, contacts: number, disabled = 0): SandboxSeed {
  const list = Array.from({ length: customers }, (_, i) => ({
    business_name: `Company ${i}`,
    email: `c${i}@example.com`,
    disabled: i < disabled,
    contacts: [] as Array<Record<string, unknown>>,
  }));
  for (let k = 0; k < contacts; k++) list[k % customers]!.contacts.push({ name: `Person ${k}`, email: `p${k}@example.com` });
  return { customers: list };
}

let s: Seeded | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('API calls', () => {
  it.each([
    [250, 120],
    [200, 100],
    [1, 0],
  ])('%i customers and %i contacts: ceil(c/100) + ceil(k/50) list calls, nothing per customer', async (customers, contacts) => {
    s = await seeded(tenant(customers, contacts));
    const sink = collectingSink();
    const r = await exportAll(s.client, { out: join(s.dir, 'all.xlsx'), onEvent: sink });
    const minimum = Math.ceil(customers / 100) + Math.max(1, Math.ceil(contacts / 50));
    const stats = s.sb.stats();
    expect(stats.byRoute).toEqual({ 'GET customers': Math.ceil(customers / 100), 'GET contacts': Math.max(1, Math.ceil(contacts / 50)) });
    expect(stats.total).toBe(minimum);
    expect(r.requests).toBe(minimum);
    expect(r.rows).toEqual({ customers, contacts });
    // One progress event per page, with the page count, so the CLI can show an ETA.
    const pages = sink.events.filter((e) => e.type === 'progress' && e.stage === 'export customers');
    expect(pages).toEqual(
      Array.from({ length: Math.ceil(customers / 100) }, (_, i) => ({
        type: 'progress',
        stage: 'export customers',
        done: i + 1,
        total: Math.ceil(customers / 100),
      })),
    );
  });

  it('asks Syncro for disabled customers only with includeDisabled, and contacts follow their customers', async () => {
    s = await seeded(tenant(150, 300, 50)); // two contacts each; the first 50 customers disabled
    const without = await exportAll(s.client, { out: join(s.dir, 'a.csv') });
    expect(without.rows).toEqual({ customers: 100, contacts: 200 });
    expect(without.skippedContacts).toBe(100);
    expect(without.requests).toBe(1 + 6);
    const withDisabled = await exportContacts(s.client, { out: join(s.dir, 'k.csv'), includeDisabled: true });
    expect(withDisabled.rows).toEqual({ customers: 0, contacts: 300 });
    expect(withDisabled.requests).toBe(2 + 6);
  });

  it('passes --query to Syncro and keeps only the contacts of the customers it matched', async () => {
    s = await seeded(tenant(120, 120));
    const r = await exportAll(s.client, { out: join(s.dir, 'q.csv'), query: 'Company 11' });
    // "Company 11" matches Company 11 and Company 110..119.
    expect(r.rows).toEqual({ customers: 11, contacts: 11 });
    expect(s.sb.stats().byRoute).toEqual({ 'GET customers': 1, 'GET contacts': 3 });
  });
});
