import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPlan } from '../../src/apply/executor.js';
import { undoRun } from '../../src/apply/undo.js';
import type { OperationOf } from '../../src/plan/schema.js';
import { runAudit } from '../../src/run/audit.js';
import { planAudit } from '../../src/app/plan-audit.js';
import type { EtlEvent } from '../../src/events.js';
import { snapshotFromExport } from '../../src/audit/from-export.js';
import { exportAll } from '../../src/export/index.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { SyncroClient } from '../../src/syncro/client.js';
import { createLimiter } from '../../src/syncro/limiter.js';
import { clientFor, dump, sandbox, TEST_KEY } from '../helpers/target.js';

let sb: RunningSandbox;
let client: SyncroClient;
let cwd: string;
beforeEach(async () => {
  sb = await sandbox();
  client = clientFor(sb);
  cwd = mkdtempSync(join(tmpdir(), 'syncro-etl-audit-'));
});
afterEach(async () => {
  await sb.close();
});

/** Two records of one dental practice (the second with fewer links), an unrelated firm, duplicate contacts. */
async function seedDuplicates() {
  const c = (body: Record<string, unknown>) => client.createCustomer(body).then((r) => r.record);
  const k = (body: Record<string, unknown>) => client.createContact(body).then((r) => r.record);
  const t = async (resource: string, body: Record<string, unknown>) => {
    const res = await client.http.request<Record<string, { id: number }>>('POST', resource, { body });
    return Object.values(res.body)[0]!;
  };
  const main = await c({
    business_name: 'Harbor View Dental',
    email: 'office@harborviewdental.com',
    phone: '(503) 555-0142',
    address: '1420 Harbor View Dr',
    city: 'Portland',
    state: 'OR',
    zip: '97209',
    notes: 'Main office',
    properties: { Tier: 'Gold' },
  });
  const dup = await c({
    business_name: 'Harborview Dental LLC',
    email: 'billing@harborviewdental.com',
    phone: '503-555-0142',
    address: '1420 Harbor View Drive',
    city: 'Portland',
    state: 'OR',
    zip: '97209',
    mobile: '(503) 555-0199',
    notes: 'Billing contact',
    properties: { Region: 'West' },
  });
  const other = await c({
    business_name: 'Okafor & Partners Law',
    email: 'it@okaforlaw.com',
    phone: '(206) 555-0133',
    city: 'Seattle',
    state: 'WA',
  });
  const third = await c({
    business_name: 'Becker Heating & Cooling',
    email: 'tom@beckerhvac.com',
    phone: '(614) 555-0175',
    city: 'Columbus',
    state: 'OH',
  });
  const m1 = await k({ customer_id: main.id, name: 'Margaret Chen', email: 'mchen@harborviewdental.com' });
  await k({ customer_id: main.id, name: 'Raj Patel', email: 'raj@harborviewdental.com' });
  const d1 = await k({ customer_id: dup.id, name: 'Lena Ford', email: 'lena@harborviewdental.com' });
  await t('tickets', { customer_id: main.id, contact_id: m1.id, subject: 'Printer jam' });
  await t('tickets', { customer_id: main.id, subject: 'New laptop' });
  await t('customer_assets', { customer_id: main.id, name: 'Front desk PC', asset_type_name: 'Desktop' });
  const dupTicket = await t('tickets', { customer_id: dup.id, contact_id: d1.id, subject: 'Invoice question' });
  const dupInvoice = await t('invoices', { customer_id: dup.id, number: '1001' });
  // Duplicate contacts under one customer, and one person under two customers.
  const jim = await k({ customer_id: other.id, name: 'Jim Park', email: 'jim.park@okaforlaw.com', phone: '(206) 555-0150' });
  const jim2 = await k({ customer_id: other.id, name: 'James Park', email: 'jim.park@okaforlaw.com', title: 'Office Manager' });
  const jimTicket = await t('tickets', { customer_id: other.id, contact_id: jim2.id, subject: 'VPN' });
  await k({ customer_id: other.id, name: 'Sue Kim', email: 'sue@consult.example' });
  await k({ customer_id: third.id, name: 'Sue Kim', email: 'sue@consult.example' });
  return { main, dup, other, third, jim, jim2, jimTicket, dupTicket, dupInvoice };
}

const audit = () => runAudit({ client, target: { baseUrl: 'local sandbox', sandbox: true }, rateLimit: 60_000, cwd });

describe('audit and merges against a seeded sandbox', () => {
  it('finds the duplicate customers, picks the survivor with the most links, counts linked records', async () => {
    const s = await seedDuplicates();
    const done = await audit();
    const merge = done.plan.operations.find((o) => o.kind === 'merge-customers') as OperationOf<'merge-customers'>;
    expect(merge).toBeDefined();
    expect(merge.members.map((m) => m.id).sort()).toEqual([s.main.id, s.dup.id].sort());
    expect(merge.survivorId).toBe(s.main.id);
    expect(merge.survivorReason).toMatch(/most linked/);
    expect(merge.members.find((m) => m.id === s.dup.id)?.linked).toEqual({ contacts: 1, tickets: 1, customer_assets: 0, invoices: 1 });
    expect(merge.merged[0]!.payload).toMatchObject({ mobile: '(503) 555-0199', properties: { Tier: 'Gold', Region: 'West' } });
  });

  it('merges contacts under one customer and asks about a person under two customers', async () => {
    const s = await seedDuplicates();
    const done = await audit();
    const contactMerge = done.plan.operations.find((o) => o.kind === 'merge-contacts') as OperationOf<'merge-contacts'>;
    expect(contactMerge.members.map((m) => m.id).sort()).toEqual([s.jim.id, s.jim2.id].sort());
    expect(contactMerge.moves.map((m) => m.id)).toEqual([s.jimTicket.id]);
    const conflict = done.plan.operations.find((o) => o.kind === 'conflict');
    expect(conflict?.label).toMatch(/Sue Kim under 2 customers/);
  });

  it('reads linked records only for clustered customers', async () => {
    await seedDuplicates();
    const done = await audit();
    // snapshot: 1 customers page + 1 contacts page; tickets, assets, invoices of the 2 clustered customers;
    // tickets only of the customer with duplicate contacts; nothing for the person under two customers.
    expect(done.requests).toBe(2 + 2 * 3 + 1);
  });

  it('apply merges: every contact, ticket, asset, invoice moves; fields carried; duplicate deleted; undo restores', async () => {
    const s = await seedDuplicates();
    const start = await dump(sb);
    const done = await audit();
    const { summary } = await applyPlan({ plan: done.plan, runDir: done.runDir, client });
    expect(summary.byOutcome.failed).toBe(0);
    const state = await dump(sb);
    expect(state.customers.map((c) => c.id)).not.toContain(s.dup.id);
    expect(state.contacts.filter((k) => k.customer_id === s.dup.id)).toEqual([]);
    for (const r of [...state.tickets, ...state.invoices, ...state.assets]) expect(r.customer_id).not.toBe(s.dup.id);
    const survivor = state.customers.find((c) => c.id === s.main.id)!;
    expect(survivor.mobile).toBe('(503) 555-0199');
    expect(survivor.notes).toContain('--- merged from');
    // James Park has the ticket (most linked), so he survives and takes Jim's phone.
    expect(state.contacts.map((k) => k.id)).not.toContain(s.jim.id);
    expect(state.contacts.find((k) => k.id === s.jim2.id)?.phone).toBe('(206) 555-0150');
    expect(state.tickets.find((t) => t.id === s.jimTicket.id)?.contact_id).toBe(s.jim2.id);

    const undone = await undoRun({ runDir: done.runDir, client });
    expect(undone.summary.byOutcome.failed + undone.summary.byOutcome.conflict).toBe(0);
    const after = await dump(sb);
    // The duplicate comes back under a new id, with everything that hung off it.
    const reborn = after.customers.find((c) => c.email === 'billing@harborviewdental.com')!;
    expect(reborn.id).not.toBe(s.dup.id);
    expect(after.tickets.find((t) => t.id === s.dupTicket.id)?.customer_id).toBe(reborn.id);
    expect(after.invoices.find((v) => v.id === s.dupInvoice.id)?.customer_id).toBe(reborn.id);
    expect(after.contacts.filter((k) => k.customer_id === reborn.id).map((k) => k.email)).toEqual(['lena@harborviewdental.com']);
    expect(after.customers.find((c) => c.id === s.main.id)?.mobile ?? null).toBe(
      start.customers.find((c) => c.id === s.main.id)?.mobile ?? null,
    );
  });

  it('a crash mid-merge resumes the merge and finishes it exactly once', async () => {
    const s = await seedDuplicates();
    const done = await audit();
    // A client that dies (401, as if the token were revoked) on its 3rd write: the run stops mid-merge.
    let writes = 0;
    const dying = new SyncroClient({
      baseUrl: sb.url,
      apiKey: TEST_KEY,
      limiter: createLimiter({ perMinute: 60_000 }),
      fetch: async (url, init) => {
        if (init?.method && init.method !== 'GET' && ++writes >= 3)
          return new Response(JSON.stringify({ error: 'Not authorized' }), { status: 401 });
        return fetch(url, init);
      },
    });
    const first = await applyPlan({ plan: done.plan, runDir: done.runDir, client: dying, concurrency: 1 });
    expect(first.summary.aborted?.code).toBe('API_UNAUTHORIZED');
    const midway = await dump(sb);
    expect(midway.customers.map((c) => c.id)).toContain(s.dup.id); // not deleted before its moves finished
    const second = await applyPlan({ plan: done.plan, runDir: done.runDir, client });
    expect(second.summary.byOutcome.failed).toBe(0);
    const state = await dump(sb);
    expect(state.customers.map((c) => c.id)).not.toContain(s.dup.id);
    expect(state.contacts.filter((k) => k.email === 'lena@harborviewdental.com')).toHaveLength(1);
  });

  it('decisions: skip leaves the cluster alone; "survivor #id" keeps the other record', async () => {
    const s = await seedDuplicates();
    const done = await audit();
    const merge = done.plan.operations.find((o) => o.kind === 'merge-customers')!;
    const contactMerge = done.plan.operations.find((o) => o.kind === 'merge-contacts')!;
    await applyPlan({
      plan: done.plan,
      runDir: done.runDir,
      client,
      decisions: new Map([
        [merge.id, { kind: 'survivor', id: s.dup.id }],
        [contactMerge.id, { kind: 'skip' as const }],
      ]),
    });
    const state = await dump(sb);
    expect(state.customers.map((c) => c.id)).toContain(s.dup.id);
    expect(state.customers.map((c) => c.id)).not.toContain(s.main.id);
    expect(state.tickets.every((t) => t.customer_id !== s.main.id)).toBe(true);
    expect(state.contacts.map((k) => k.id)).toContain(s.jim.id);
  });

  it('the next audit compares with the previous one', async () => {
    await seedDuplicates();
    const first = await audit();
    await applyPlan({ plan: first.plan, runDir: first.runDir, client });
    await client.createCustomer({
      business_name: 'Becker Heating and Cooling',
      email: 'tom@beckerhvac.com',
      phone: '614-555-0175',
      city: 'Columbus',
      state: 'OH',
    });
    const second = await audit();
    expect(second.trend).toMatchObject({ previousClusters: 3, mergedSince: 2, newSince: 1 });
  });

  it('--input: audits an exported workbook instead of a live snapshot, and its merge still applies', async () => {
    const s = await seedDuplicates();
    const file = join(cwd, 'export.xlsx');
    await exportAll(client, { out: file });
    const { snapshot, withoutId } = await snapshotFromExport([file]);
    expect(withoutId).toBe(0);
    expect(snapshot.customers).toHaveLength(4);
    expect(snapshot.contacts).toHaveLength(7);
    const requestsBefore = sb.stats().total;
    const done = await runAudit({ client, snapshot, target: { baseUrl: 'local sandbox', sandbox: true }, rateLimit: 60_000, cwd });
    expect(sb.stats().total - requestsBefore).toBe(done.requests); // no snapshot calls: only the linked records
    const merge = done.plan.operations.find((o) => o.kind === 'merge-customers') as OperationOf<'merge-customers'>;
    expect(merge.members.map((m) => m.id).sort()).toEqual([s.main.id, s.dup.id].sort());
    const { results } = await applyPlan({ plan: done.plan, runDir: done.runDir, client });
    // Every merge applies (the stale check compares existence only: an export has no updated_at);
    // the person under two customers stays a conflict to decide.
    expect(results.filter((r) => r.kind.startsWith('merge')).map((r) => r.outcome)).toEqual(['applied', 'applied']);
    expect((await dump(sb)).customers.map((c) => c.id)).not.toContain(s.dup.id);
  });

  it('planAudit with input says what it read as an "input" stage (the CLI prints it as "  input: …"), then plans from the file', async () => {
    await seedDuplicates();
    const file = join(cwd, 'export.xlsx');
    await exportAll(client, { out: file });
    const events: EtlEvent[] = [];
    const done = await planAudit({
      syncro: { client, target: { baseUrl: 'local sandbox', sandbox: true } },
      input: [file],
      cwd,
      onEvent: (e) => events.push(e),
    });
    const stages = events.flatMap((e) => (e.type === 'stage' && e.status === 'done' ? [e] : []));
    expect(stages[0]).toEqual({ type: 'stage', stage: 'input', status: 'done', detail: `4 customers, 7 contacts from ${file}` });
    expect(done.rowsWithoutId).toBe(0);
    expect(done.clusters.customers).toBeGreaterThan(0);
  });
});
