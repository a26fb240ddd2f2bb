/**
 * Audit merges against a sandbox answering the open points the other way
 * (issue 13): filters ignored, flat singles, `name` required on an asset PUT,
 * `disabled` ignored; and undo of a merge whose re-create loses its answer
 * (issue 14.3).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/executor.js';
import { undoRun } from '../../src/apply/undo.js';
import { collectingSink } from '../../src/events.js';
import type { OperationOf } from '../../src/plan/schema.js';
import { runAudit } from '../../src/run/audit.js';
import type { RunningSandbox, SandboxOptions } from '../../src/sandbox/server.js';
import type { SyncroClient } from '../../src/syncro/client.js';
import { proxy } from '../helpers/proxy.js';
import type { RunningProxy } from '../helpers/proxy.js';
import { clientFor, dump, sandbox } from '../helpers/target.js';

let sb: RunningSandbox | undefined;
let px: RunningProxy | undefined;
afterEach(async () => {
  await px?.close();
  await sb?.close();
  sb = undefined;
  px = undefined;
});

type Rec = Record<string, unknown> & { id: number };

async function post(client: SyncroClient, resource: string, body: Record<string, unknown>): Promise<Rec> {
  const res = await client.http.request<Record<string, unknown>>('POST', resource, { body });
  const b = res.body;
  return (typeof b.id === 'number' ? b : Object.values(b)[0]) as Rec;
}

/** Two records of one practice, and two unrelated customers that have invoices, tickets and assets of their own. */
async function seed(client: SyncroClient) {
  const c = (body: Record<string, unknown>) => client.createCustomer(body).then((r) => r.record);
  const main = await c({
    business_name: 'Harbor View Dental',
    email: 'office@harborviewdental.com',
    phone: '(503) 555-0142',
    city: 'Portland',
  });
  const dup = await c({
    business_name: 'Harborview Dental LLC',
    email: 'billing@harborviewdental.com',
    phone: '503-555-0142',
    city: 'Portland',
  });
  const other = await c({ business_name: 'Okafor & Partners Law', email: 'it@okaforlaw.com', phone: '(206) 555-0133', city: 'Seattle' });
  const third = await c({
    business_name: 'Becker Heating & Cooling',
    email: 'tom@beckerhvac.com',
    phone: '(614) 555-0175',
    city: 'Columbus',
  });
  // The main record has the most links, so it survives.
  for (const subject of ['Printer jam', 'New laptop', 'Email', 'Backup']) await post(client, 'tickets', { customer_id: main.id, subject });
  const dupInvoice = await post(client, 'invoices', { customer_id: dup.id, number: '1001' });
  const dupAsset = await post(client, 'customer_assets', { customer_id: dup.id, name: 'Billing PC' });
  const otherInvoices = [
    await post(client, 'invoices', { customer_id: other.id, number: '2001' }),
    await post(client, 'invoices', { customer_id: third.id, number: '3001' }),
  ];
  const otherTicket = await post(client, 'tickets', { customer_id: other.id, subject: 'VPN' });
  const otherAsset = await post(client, 'customer_assets', { customer_id: third.id, name: 'Shop PC' });
  return { main, dup, other, third, dupInvoice, dupAsset, otherInvoices, otherTicket, otherAsset };
}

async function start(options: SandboxOptions) {
  sb = await sandbox(options);
  const events = collectingSink();
  const client = clientFor(sb, { events });
  const s = await seed(clientFor(sb));
  const cwd = mkdtempSync(join(tmpdir(), 'syncro-etl-variants-'));
  const audit = (extra: { finally?: 'delete' | 'disable' } = {}) =>
    runAudit({ client, target: { baseUrl: 'local sandbox', sandbox: true }, rateLimit: 60_000, cwd, ...extra });
  return { client, events, s, audit };
}

const ownerOf = (records: Array<Record<string, unknown>>, id: number) => records.find((r) => r.id === id)?.customer_id;

describe('audit merges when Syncro answers the open points the other way', () => {
  it("a server ignoring customer_id on invoices, tickets and assets: the merge moves only the duplicate's records", async () => {
    const { client, events, s, audit } = await start({
      variants: { ignoreFilters: ['invoices.customer_id', 'tickets.customer_id', 'customer_assets.customer_id'] },
    });
    const done = await audit();
    const merge = done.plan.operations.find((o) => o.kind === 'merge-customers') as OperationOf<'merge-customers'>;
    expect(merge.survivorId).toBe(s.main.id);
    // Only records of the cluster's members are planned (the survivor's own stay where they are).
    const owners = new Set(merge.moves.map((m) => Number((m.before as Record<string, unknown>).customer_id)));
    expect([...owners].sort()).toEqual([s.main.id, s.dup.id].sort());
    expect(
      merge.moves
        .filter((m) => (m.before as Record<string, unknown>).customer_id === s.dup.id)
        .map((m) => `${m.resource}:${m.id}`)
        .sort(),
    ).toEqual([`customer_assets:${s.dupAsset.id}`, `invoices:${s.dupInvoice.id}`].sort());
    const { summary } = await applyPlan({ plan: done.plan, runDir: done.runDir, client });
    expect(summary.byOutcome.failed).toBe(0);
    const state = await dump(sb!);
    expect(ownerOf(state.invoices, s.dupInvoice.id)).toBe(s.main.id);
    expect(ownerOf(state.invoices, s.otherInvoices[0]!.id)).toBe(s.other.id);
    expect(ownerOf(state.invoices, s.otherInvoices[1]!.id)).toBe(s.third.id);
    expect(ownerOf(state.tickets, s.otherTicket.id)).toBe(s.other.id);
    expect(ownerOf(state.assets, s.otherAsset.id)).toBe(s.third.id);
    const warned = events.events.filter((e) => e.type === 'notice' && e.level === 'warn').map((e) => (e as { message: string }).message);
    expect(warned.some((m) => /ignores the customer_id filter on invoices/.test(m))).toBe(true);
    expect(client.profile.filters['invoices.customer_id']).toBe('ignored');
  });

  it('a planned move whose record now belongs to a customer outside the cluster is not made (checked right before the move)', async () => {
    const { client, s, audit } = await start({});
    const done = await audit();
    const merge = done.plan.operations.find((o) => o.kind === 'merge-customers') as OperationOf<'merge-customers'>;
    // As if the plan was read from a server that ignored the filter: Okafor's invoice listed under the duplicate.
    const stray = s.otherInvoices[0]!;
    merge.moves.push({ resource: 'invoices', id: stray.id, before: { ...stray, customer_id: s.dup.id } });
    merge.moves.push({ resource: 'invoices', id: s.otherInvoices[1]!.id, before: s.otherInvoices[1]! });
    const { results } = await applyPlan({ plan: done.plan, runDir: done.runDir, client });
    const state = await dump(sb!);
    expect(ownerOf(state.invoices, stray.id)).toBe(s.other.id);
    expect(ownerOf(state.invoices, s.otherInvoices[1]!.id)).toBe(s.third.id);
    expect(ownerOf(state.invoices, s.dupInvoice.id)).toBe(s.main.id);
    expect(results.find((r) => r.opId === merge.id)?.message).toMatch(
      new RegExp(`not moved.*invoices #${stray.id} is now on #${s.other.id}`),
    );
  });

  it('flat single records and `name` required on an asset PUT: the merge moves the asset and deletes the duplicate', async () => {
    const { client, s, audit } = await start({
      variants: { flatSingles: ['customers', 'tickets', 'customer_assets', 'invoices'], requiredOnPut: ['customer_assets.name'] },
    });
    const done = await audit();
    const { summary, results } = await applyPlan({ plan: done.plan, runDir: done.runDir, client });
    expect(results.filter((r) => r.outcome === 'failed')).toEqual([]);
    expect(summary.byOutcome.failed).toBe(0);
    const state = await dump(sb!);
    expect(state.assets.find((a) => a.id === s.dupAsset.id)).toMatchObject({ customer_id: s.main.id, name: 'Billing PC' });
    expect(state.customers.map((c) => c.id)).not.toContain(s.dup.id);
    // Undo reads the flat asset as a record (not its id number) and moves it back to the re-created duplicate.
    const undone = await undoRun({ runDir: done.runDir, client });
    expect(undone.summary.byOutcome.failed + undone.summary.byOutcome.conflict).toBe(0);
    const after = await dump(sb!);
    const reborn = after.customers.find((c) => c.email === 'billing@harborviewdental.com')!;
    expect(after.assets.find((a) => a.id === s.dupAsset.id)?.customer_id).toBe(reborn.id);
  });

  it('a server ignoring `disabled`: a merge that disables the duplicate is "not applied by Syncro", not applied', async () => {
    const { client, s, audit } = await start({ variants: { ignoredFields: ['customers.disabled'] } });
    const done = await audit({ finally: 'disable' });
    const merge = done.plan.operations.find((o) => o.kind === 'merge-customers')!;
    const { results } = await applyPlan({ plan: done.plan, runDir: done.runDir, client });
    const r = results.find((x) => x.opId === merge.id)!;
    expect(r.outcome).toBe('not-applied-by-syncro');
    expect(r.message).toMatch(new RegExp(`disabled \\(duplicate #${s.dup.id}\\)`));
  });
});

describe('undo of a merge whose re-create loses its answer (issue 14.3)', () => {
  it('the re-created duplicate is not mapped onto the survivor (same name and email): it is created, and its records go back to it', async () => {
    sb = await sandbox();
    const seedClient = clientFor(sb);
    const c = (body: Record<string, unknown>) => seedClient.createCustomer(body).then((r) => r.record);
    const same = {
      business_name: 'Acme Plumbing',
      email: 'office@acmeplumbing.com',
      phone: '(503) 555-0142',
      address: '12 Main St',
      city: 'Portland',
      state: 'OR',
      zip: '97209',
    };
    const survivor = await c(same);
    const duplicate = await c(same);
    await c({ business_name: 'Okafor & Partners Law', email: 'it@okaforlaw.com', phone: '(206) 555-0133', city: 'Seattle', state: 'WA' });
    await c({
      business_name: 'Becker Heating & Cooling',
      email: 'tom@beckerhvac.com',
      phone: '(614) 555-0175',
      city: 'Columbus',
      state: 'OH',
    });
    await post(seedClient, 'tickets', { customer_id: survivor.id, subject: 'Leak' });
    await post(seedClient, 'tickets', { customer_id: survivor.id, subject: 'Boiler' });
    const dupTicket = await post(seedClient, 'tickets', { customer_id: duplicate.id, subject: 'Invoice question' });
    const cwd = mkdtempSync(join(tmpdir(), 'syncro-etl-143-'));
    const done = await runAudit({ client: seedClient, target: { baseUrl: 'local sandbox', sandbox: true }, rateLimit: 60_000, cwd });
    const merge = done.plan.operations.find((o) => o.kind === 'merge-customers') as OperationOf<'merge-customers'>;
    expect(done.plan.operations.map((o) => o.kind)).toContain('merge-customers');
    expect(merge.survivorId).toBe(survivor.id);
    await applyPlan({ plan: done.plan, runDir: done.runDir, client: seedClient });
    expect((await dump(sb)).customers).toHaveLength(3);

    // The first POST /customers of the undo answers 500 and stores nothing.
    let lost = 0;
    px = await proxy(sb.url, (req, res) => {
      if (req.method === 'POST' && req.url === '/api/v1/customers' && lost === 0) {
        lost++;
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"error":"Internal Server Error"}');
        return true;
      }
      return false;
    });
    const undone = await undoRun({ runDir: done.runDir, client: clientFor(px) });
    expect(lost).toBe(1);
    expect(undone.summary.byOutcome.failed).toBe(0);
    const after = await dump(sb);
    const twins = after.customers.filter((x) => x.email === same.email);
    expect(twins).toHaveLength(2);
    const reborn = twins.find((x) => x.id !== survivor.id)!;
    expect(reborn.id).not.toBe(duplicate.id);
    expect(ownerOf(after.tickets, dupTicket.id)).toBe(reborn.id);
    expect(after.tickets.filter((t) => t.customer_id === survivor.id)).toHaveLength(2);
  });
});
