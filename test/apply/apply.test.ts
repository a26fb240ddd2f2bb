import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/executor.js';
import { Journal } from '../../src/apply/journal.js';
import { undoRun } from '../../src/apply/undo.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import type { SyncroClient } from '../../src/syncro/client.js';
import { rec, resetRows } from '../helpers/records.js';
import { planRun } from '../helpers/runs.js';
import { clientFor, dump, sandbox } from '../helpers/target.js';

let sb: RunningSandbox;
let client: SyncroClient;
beforeEach(async () => {
  resetRows();
  sb = await sandbox();
  client = clientFor(sb);
});
afterEach(async () => {
  await sb.close();
});

/**
 * Records without their timestamps. Custom-field keys whose value is blank are
 * dropped: Syncro merges `properties` key by key, so undo can blank a key the
 * run added but cannot remove it (documented in the README).
 */
const strip = (rows: Array<Record<string, unknown>>) =>
  rows
    .map(({ updated_at: _u, created_at: _c, ...rest }): Record<string, unknown> => ({
      ...rest,
      properties: Object.fromEntries(Object.entries((rest.properties ?? {}) as Record<string, string>).filter(([, v]) => v !== '')),
    }))
    .sort((a, b) => Number(a.id) - Number(b.id));

async function seedAcme() {
  const acme = (await client.createCustomer({ business_name: 'Acme', email: 'ops@acme.example', city: 'Austin' })).record;
  const ann = (await client.createContact({ customer_id: acme.id, name: 'Ann Lee', email: 'ann@acme.example' })).record;
  return { acme, ann };
}

const importRows = () => [
  rec({ business_name: 'Acme', email: 'ops@acme.example', city: 'Dallas' }, [
    { name: 'Ann Lee', email: 'ann@acme.example', title: 'CEO' },
    { name: 'Bo Diaz', email: 'bo@acme.example' },
  ]),
  rec({ business_name: 'Globex', email: 'it@globex.example' }, [{ name: 'Cy Young', email: 'cy@globex.example', phone: '555-0102' }]),
];

describe('apply', () => {
  it('writes exactly the plan, in dependency order, and reports every operation', async () => {
    await seedAcme();
    const { runDir, plan } = await planRun(client, importRows());
    const { results, summary } = await applyPlan({ plan, runDir, client });
    expect(summary.byOutcome.applied).toBe(5); // update Acme, update Ann, create Bo, create Globex, create Cy
    expect(summary.byOutcome.failed).toBe(0);
    const state = await dump(sb);
    expect(state.customers.find((c) => c.email === 'ops@acme.example')?.city).toBe('Dallas');
    const globex = state.customers.find((c) => c.email === 'it@globex.example')!;
    expect(state.contacts.find((k) => k.email === 'cy@globex.example')?.customer_id).toBe(globex.id);
    expect((state.contacts.find((k) => k.email === 'ann@acme.example')?.properties as Record<string, string>).title).toBe('CEO');
    const csv = readFileSync(join(runDir, 'results.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFoperation,kind,label,source_rows,syncro_id,outcome,message')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(1 + results.length);
  });

  it('running apply again repeats nothing', async () => {
    await seedAcme();
    const { runDir, plan } = await planRun(client, importRows());
    await applyPlan({ plan, runDir, client });
    const before = await dump(sb);
    const requests = sb.stats().total;
    const again = await applyPlan({ plan, runDir, client });
    expect(again.summary.writes).toBe(0);
    expect(again.summary.byOutcome['skipped:already-applied']).toBe(5);
    expect(strip((await dump(sb)).customers)).toEqual(strip(before.customers));
    expect(sb.stats().total).toBe(requests); // not even a stale check: every write was journaled as done
  });

  it('re-planning after apply finds nothing left to write', async () => {
    await seedAcme();
    const first = await planRun(client, importRows());
    await applyPlan({ plan: first.plan, runDir: first.runDir, client });
    resetRows();
    const second = await planRun(client, importRows());
    expect(second.plan.summary.writeCalls).toBe(0);
  });

  it('a record changed in Syncro after planning becomes a conflict: nothing clobbered', async () => {
    const { acme } = await seedAcme();
    const { runDir, plan } = await planRun(client, importRows());
    await client.updateCustomer(acme.id, { city: 'Houston' }); // someone edits it meanwhile
    const { results } = await applyPlan({ plan, runDir, client });
    const acmeOp = results.find((r) => r.kind === 'update-customer')!;
    expect(acmeOp.outcome).toBe('conflict');
    expect(acmeOp.message).toMatch(/changed in Syncro after the plan/);
    expect((await client.getCustomer(acme.id)).city).toBe('Houston');
  });

  it('the stale check costs list pages, not one GET per record', async () => {
    for (let i = 0; i < 30; i++) await client.createCustomer({ business_name: `C${i}`, email: `c${i}@x.example` });
    resetRows();
    const rows = Array.from({ length: 30 }, (_, i) => rec({ email: `c${i}@x.example`, city: 'Reno' }));
    const { runDir, plan } = await planRun(client, rows);
    const before = sb.stats().total;
    const { summary } = await applyPlan({ plan, runDir, client });
    expect(summary.writes).toBe(30);
    expect(sb.stats().total - before).toBe(31); // 30 PUTs + 1 id[] page
    expect(plan.summary.checkCalls).toBe(1);
  });

  it("a 422 fails that operation with Syncro's message and the run goes on", async () => {
    const { runDir, plan } = await planRun(client, [
      rec({ business_name: 'Good' }),
      rec({ business_name: 'Bad', email: 'bad@@x' as string }),
    ]);
    const { results, summary } = await applyPlan({ plan, runDir, client });
    expect(summary.byOutcome.applied).toBe(1);
    const failed = results.find((r) => r.outcome === 'failed')!;
    expect(failed.message).toMatch(/Email/);
  });

  it('a 401 stops the run at once; the rest is not run', async () => {
    const { runDir, plan } = await planRun(client, [rec({ business_name: 'One' }), rec({ business_name: 'Two' })]);
    const bad = clientFor(sb, { apiKey: 'revoked' });
    const { summary } = await applyPlan({ plan, runDir, client: bad, concurrency: 1 });
    expect(summary.aborted?.code).toBe('API_UNAUTHORIZED');
    expect(summary.byOutcome['not-run']).toBe(2);
    expect((await dump(sb)).customers).toHaveLength(0);
  });

  it('skips contacts whose customer failed to be created', async () => {
    const { runDir, plan } = await planRun(client, [
      rec({ business_name: 'Bad', email: 'bad@@x' }, [{ name: 'Orphan', email: 'o@x.example' }]),
    ]);
    const { results } = await applyPlan({ plan, runDir, client });
    expect(results.map((r) => r.outcome)).toEqual(['failed', 'skipped:dependency']);
  });

  it('honours decisions: a skipped update is not written', async () => {
    await seedAcme();
    const { runDir, plan } = await planRun(client, importRows());
    const update = plan.operations.find((o) => o.kind === 'update-customer')!;
    const { results } = await applyPlan({ plan, runDir, client, decisions: new Map([[update.id, { kind: 'skip' as const }]]) });
    expect(results.find((r) => r.opId === update.id)?.outcome).toBe('skipped:decision');
    expect((await dump(sb)).customers.find((c) => c.email === 'ops@acme.example')?.city).toBe('Austin');
  });

  it('a conflict decided "create" creates the customer and its contacts', async () => {
    const { runDir, plan } = await planRun(client, [
      rec({ id: 424242, business_name: 'Typo Id' }, [{ name: 'Kim', email: 'kim@typo.example' }]),
    ]);
    const conflict = plan.operations.find((o) => o.kind === 'conflict')!;
    const undecided = await applyPlan({ plan, runDir, client });
    expect(undecided.results[0]?.outcome).toBe('conflict');
    const decided = await applyPlan({ plan, runDir, client, decisions: new Map([[conflict.id, { kind: 'create' as const }]]) });
    expect(decided.results[0]?.outcome).toBe('applied');
    const state = await dump(sb);
    expect(state.customers).toHaveLength(1);
    expect(state.contacts.map((k) => k.name)).toEqual(['Kim']);
  });
});

describe('resume from every phase of a write', () => {
  it('intent journaled, request never sent: sends it once', async () => {
    const { runDir, plan } = await planRun(client, [rec({ business_name: 'Phase One', email: 'p1@x.example' })]);
    const op = plan.operations[0]!;
    const j = Journal.open(join(runDir, 'journal.db'));
    j.append({ mode: 'apply', opId: op.id, step: 'create', phase: 'intent', method: 'POST', path: 'customers', body: {} });
    j.close();
    const { results } = await applyPlan({ plan, runDir, client });
    expect(results[0]?.outcome).toBe('applied');
    expect((await dump(sb)).customers).toHaveLength(1);
  });

  it('intent journaled, request landed, answer lost with the process: finds it, no duplicate', async () => {
    const { runDir, plan } = await planRun(client, [rec({ business_name: 'Phase Two', email: 'p2@x.example' })]);
    const op = plan.operations[0]!;
    const j = Journal.open(join(runDir, 'journal.db'));
    j.append({ mode: 'apply', opId: op.id, step: 'create', phase: 'intent', method: 'POST', path: 'customers', body: {} });
    j.close();
    await client.createCustomer({ business_name: 'Phase Two', email: 'p2@x.example' }); // the write that landed
    const { results } = await applyPlan({ plan, runDir, client });
    expect(results[0]?.outcome).toBe('skipped:already-applied');
    expect((await dump(sb)).customers).toHaveLength(1);
  });

  it('an update that landed before the crash is recognised, not flagged stale', async () => {
    const { acme } = await seedAcme();
    const { runDir, plan } = await planRun(client, importRows());
    const op = plan.operations.find((o) => o.kind === 'update-customer')!;
    const j = Journal.open(join(runDir, 'journal.db'));
    j.append({ mode: 'apply', opId: op.id, step: 'update', phase: 'intent', method: 'PUT', path: `customers/${acme.id}` });
    j.close();
    await client.updateCustomer(acme.id, { city: 'Dallas' }); // our own write, landed
    const { results } = await applyPlan({ plan, runDir, client });
    expect(results.find((r) => r.opId === op.id)?.outcome).toBe('skipped:already-applied');
  });

  it('done journaled: not sent again', async () => {
    const { runDir, plan } = await planRun(client, [rec({ business_name: 'Phase Three' })]);
    await applyPlan({ plan, runDir, client });
    const requests = sb.stats().total;
    await applyPlan({ plan, runDir, client });
    expect(sb.stats().total).toBe(requests);
    expect((await dump(sb)).customers).toHaveLength(1);
  });
});

describe('undo', () => {
  it('returns Syncro to where it was: deletes creates, restores updates', async () => {
    await seedAcme();
    const start = await dump(sb);
    const { runDir, plan } = await planRun(client, importRows());
    await applyPlan({ plan, runDir, client });
    const { summary } = await undoRun({ runDir, client });
    expect(summary.byOutcome.failed + summary.byOutcome.conflict).toBe(0);
    const end = await dump(sb);
    expect(strip(end.customers)).toEqual(strip(start.customers));
    expect(strip(end.contacts)).toEqual(strip(start.contacts));
  });

  it('leaves a record alone when it changed after the run wrote it, and says so', async () => {
    const { acme } = await seedAcme();
    const { runDir, plan } = await planRun(client, importRows());
    await applyPlan({ plan, runDir, client });
    await client.updateCustomer(acme.id, { city: 'El Paso' });
    const { results } = await undoRun({ runDir, client });
    const acmeUndo = results.find((r) => r.syncroId === acme.id && r.kind.includes('PUT customers'))!;
    expect(acmeUndo.outcome).toBe('conflict');
    expect((await client.getCustomer(acme.id)).city).toBe('El Paso');
  });

  it('is resumable: a second undo repeats nothing', async () => {
    await seedAcme();
    const { runDir, plan } = await planRun(client, importRows());
    await applyPlan({ plan, runDir, client });
    await undoRun({ runDir, client });
    const after = await dump(sb);
    const again = await undoRun({ runDir, client });
    expect(again.summary.writes).toBe(0);
    expect(strip((await dump(sb)).customers)).toEqual(strip(after.customers));
  });
});
