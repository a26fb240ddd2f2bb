/**
 * The create check's reads on a large account whose server ignores the name
 * filters (answers every customer as if no filter was sent): found on the
 * first look-up, then one full list serves every create — not a full list
 * per look-up. A fake client counts the list pages.
 */
import { describe, expect, it } from 'vitest';
import { checkCustomerCreates } from '../../src/apply/create-check.js';
import { FreshReads } from '../../src/apply/fresh-reads.js';
import type { Operation } from '../../src/plan/schema.js';
import type { SyncroClient } from '../../src/syncro/client.js';

const PAGE = 100;

function fakeClient(customers: Array<Record<string, unknown> & { id: number }>, honoursFilters: boolean) {
  const http = { requestsSent: 0 };
  async function* pagesOf(list: typeof customers) {
    const total = Math.max(1, Math.ceil(list.length / PAGE));
    for (let page = 1; page <= total; page++) {
      http.requestsSent++;
      const items = list.slice((page - 1) * PAGE, page * PAGE);
      if (items.length === 0) return;
      yield { items, page, meta: { total_pages: total, total_entries: list.length, per_page: PAGE, page } };
    }
  }
  const filtered = (q: Record<string, unknown>) =>
    !honoursFilters
      ? customers
      : customers.filter((c) =>
          Object.entries(q).every(
            ([k, v]) =>
              k === 'include_disabled' ||
              String(c[k] ?? '')
                .toLowerCase()
                .includes(String(v).toLowerCase()),
          ),
        );
  const client = {
    http,
    profile: { filters: {} },
    customerPages: (q: Record<string, unknown> = {}) => pagesOf(filtered(q)),
    async *customers(q: Record<string, unknown> = {}) {
      for await (const p of pagesOf(filtered(q))) yield* p.items;
    },
  };
  return client as unknown as SyncroClient & { http: { requestsSent: number } };
}

const accounts = Array.from({ length: 1000 }, (_, i) => ({ id: i + 1, business_name: `Filler ${i}`, email: `f${i}@filler.example` }));
const creates: Operation[] = ['Acme', 'Globex', 'Initech', 'Filler 500'].map((name, i) => ({
  kind: 'create-customer',
  id: `c${i}`,
  sources: [],
  dependsOn: [],
  label: name,
  payload: { business_name: name, email: `x${i}@new.example` },
}));
const own = { customers: new Set<number>(), contacts: new Set<number>() };

describe('create-check reads', () => {
  it('a server honouring the filters: one look-up per create key, the 10-page list never read', async () => {
    const client = fakeClient(accounts, true);
    const findings = await checkCustomerCreates(creates, new FreshReads(client, { customers: 1000, contacts: 0 }), 'US', own);
    expect([...findings.keys()]).toEqual(['c3']);
    expect(client.http.requestsSent).toBe(8);
  });

  it('a server ignoring them: noticed on the first look-up, then one full list for every create', async () => {
    const client = fakeClient(accounts, false);
    const findings = await checkCustomerCreates(creates, new FreshReads(client, { customers: 1000, contacts: 0 }), 'US', own);
    expect([...findings.keys()]).toEqual(['c3']);
    expect(client.http.requestsSent).toBe(11); // the look-up's first page, then the 10-page list once (8 look-ups × 10 pages without the guard)
  });
});
