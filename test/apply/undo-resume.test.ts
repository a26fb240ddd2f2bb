/**
 * Undo compares the fields the run wrote, not `updated_at` (issue 13.5), and
 * a resumed undo knows from its own journal what it already restored
 * (issue 14.7): no false "changed in Syncro after this run wrote it".
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/executor.js';
import { Journal } from '../../src/apply/journal.js';
import { undoRun } from '../../src/apply/undo.js';
import type { EtlEvent } from '../../src/events.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { SyncroClient } from '../../src/syncro/client.js';
import type { SyncroHttp } from '../../src/syncro/http.js';
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

/** Records without timestamps; custom-field keys left blank are dropped (undo blanks a key it cannot remove). */
const strip = (rows: Array<Record<string, unknown>>) =>
  rows
    .map(({ updated_at: _u, created_at: _c, ...rest }): Record<string, unknown> => ({
      ...rest,
      properties: Object.fromEntries(Object.entries((rest.properties ?? {}) as Record<string, string>).filter(([, v]) => v !== '')),
    }))
    .sort((a, b) => Number(a.id) - Number(b.id));

/** Eight existing customers with a contact each, updated by the import; two new customers with contacts. */
async function appliedRun() {
  for (let i = 0; i < 8; i++) {
    const c = (await client.createCustomer({ business_name: `Old ${i}`, email: `o${i}@old.example`, city: 'Austin' })).record;
    await client.createContact({ customer_id: c.id, name: `Person ${i}`, email: `p${i}@old.example` });
  }
  const start = await dump(sb);
  const rows = [
    ...Array.from({ length: 8 }, (_, i) =>
      rec({ email: `o${i}@old.example`, city: 'Denver', notes: `note ${i}` }, [
        { name: `Person ${i}`, email: `p${i}@old.example`, title: 'Boss' },
      ]),
    ),
    rec({ business_name: 'New A', email: 'a@new.example' }, [{ name: 'Ann', email: 'ann@new.example' }]),
    rec({ business_name: 'New B', email: 'b@new.example' }, [{ name: 'Bob', email: 'bob@new.example' }]),
  ];
  const { runDir, plan } = await planRun(client, rows);
  const applied = await applyPlan({ plan, runDir, client });
  expect(applied.summary.byOutcome.applied).toBe(20);
  return { start, runDir };
}

/** An undo stopped (as Ctrl-C does) once `k` of its operations have finished. */
async function undoStoppedAfter(runDir: string, k: number) {
  const controller = new AbortController();
  const events = (e: EtlEvent) => {
    if (e.type === 'op-finished' && e.done >= k) controller.abort();
  };
  return undoRun({ runDir, client, events, signal: controller.signal });
}

describe('a resumed undo', () => {
  it('stopped after some restores, then resumed: no false conflicts, every record back', async () => {
    const { start, runDir } = await appliedRun();
    const first = await undoStoppedAfter(runDir, 12);
    expect(first.summary.aborted?.code).toBe('ABORTED');
    expect(first.summary.byOutcome.applied).toBe(12);

    const resumed = await undoRun({ runDir, client });
    expect(resumed.results.filter((r) => r.outcome === 'conflict').map((r) => r.message)).toEqual([]);
    expect(resumed.summary.byOutcome.failed).toBe(0);
    expect(resumed.summary.byOutcome['skipped:already-applied']).toBe(12);
    expect(resumed.summary.aborted).toBeUndefined();
    const end = await dump(sb);
    expect(strip(end.customers)).toEqual(strip(start.customers));
    expect(strip(end.contacts)).toEqual(strip(start.contacts));
  });

  it('stopped by a revoked key midway, resumed with a good one: same', async () => {
    const { start, runDir } = await appliedRun();
    // The key is revoked after 30 requests (the creates are deleted by then, some updates restored): every later one answers 401.
    const good = client.http;
    const bad = clientFor(sb, { apiKey: 'revoked' }).http;
    let sent = 0;
    const http = Object.create(good) as SyncroHttp;
    http.request = ((...args: Parameters<SyncroHttp['request']>) => (++sent > 30 ? bad : good).request(...args)) as SyncroHttp['request'];
    const revoking = new SyncroClient(http);
    const first = await undoRun({ runDir, client: revoking });
    expect(first.summary.aborted?.code).toBe('API_UNAUTHORIZED');
    expect(first.results.filter((r) => r.outcome === 'applied' && r.kind.startsWith('undo PUT')).length).toBeGreaterThan(2);
    const resumed = await undoRun({ runDir, client });
    expect(resumed.summary.byOutcome.conflict + resumed.summary.byOutcome.failed).toBe(0);
    const end = await dump(sb);
    expect(strip(end.customers)).toEqual(strip(start.customers));
    expect(strip(end.contacts)).toEqual(strip(start.contacts));
  });

  it('a restore that landed but whose answer was lost with the process is recognised, not a conflict', async () => {
    const { start, runDir } = await appliedRun();
    // The newest apply write that is a PUT: undo's first restore. Send it by hand, journal only its intent.
    const j = Journal.open(join(runDir, 'journal.db'));
    const put = [...j.latestByStep('apply').values()]
      .filter((e) => e.phase === 'done' && e.method === 'PUT')
      .sort((a, b) => b.seq - a.seq)[0]!;
    const before = put.before as Record<string, unknown>;
    const restore = Object.fromEntries(
      Object.keys(put.body as object).map((f) => [f, f === 'title' ? ((before.title as string | null) ?? '') : (before[f] ?? '')]),
    );
    j.append({ mode: 'undo', opId: String(put.seq), step: put.step, phase: 'intent', method: 'PUT', path: put.path!, body: restore });
    j.close();
    await client.updateContact(Number(put.path!.split('/')[1]), restore);

    const { results, summary } = await undoRun({ runDir, client });
    expect(results.filter((r) => r.outcome === 'conflict').map((r) => r.message)).toEqual([]);
    expect(summary.byOutcome.failed).toBe(0);
    expect(strip((await dump(sb)).contacts)).toEqual(strip(start.contacts));
  });

  it('a second undo after a finished one repeats nothing and reports nothing as changed', async () => {
    const { runDir } = await appliedRun();
    await undoRun({ runDir, client });
    const requests = sb.stats().total;
    const again = await undoRun({ runDir, client });
    expect(again.summary.byOutcome.conflict).toBe(0);
    expect(again.summary.writes).toBe(0);
    expect(sb.stats().total).toBe(requests); // the journal answers: no reads either
  });
});

describe('undo and changes made after the run', () => {
  it('a background touch of updated_at alone is not a change: updates restored, creates deleted', async () => {
    const { start, runDir } = await appliedRun();
    // A background job rewrites records without changing a value: only updated_at moves.
    const state = await dump(sb);
    for (const c of state.customers) await client.updateCustomer(Number(c.id), { city: c.city });
    for (const k of state.contacts) await client.updateContact(Number(k.id), { name: k.name });
    const touched = await dump(sb);
    expect(touched.customers.map((c) => c.updated_at)).not.toEqual(state.customers.map((c) => c.updated_at));

    const { results, summary } = await undoRun({ runDir, client });
    expect(results.filter((r) => r.outcome === 'conflict').map((r) => r.message)).toEqual([]);
    expect(summary.byOutcome.applied).toBe(20);
    const end = await dump(sb);
    expect(strip(end.customers)).toEqual(strip(start.customers));
    expect(strip(end.contacts)).toEqual(strip(start.contacts));
  });

  it('a real change to a field the run wrote is still a conflict, left as it is', async () => {
    const { runDir } = await appliedRun();
    const old0 = (await dump(sb)).customers.find((c) => c.email === 'o0@old.example')!;
    await client.updateCustomer(Number(old0.id), { notes: 'typed by a technician' });
    const created = (await dump(sb)).customers.find((c) => c.email === 'a@new.example')!;
    await client.updateCustomer(Number(created.id), { phone: '555-0199' }); // a field the create set? no: any field of a created record counts
    const { results } = await undoRun({ runDir, client });
    const conflicts = results.filter((r) => r.outcome === 'conflict');
    expect(conflicts.map((r) => r.syncroId).sort()).toEqual([Number(old0.id), Number(created.id)].sort());
    expect(conflicts.find((r) => r.syncroId === old0.id)?.message).toMatch(/changed in Syncro after this run wrote it \(notes\)/);
    expect((await client.getCustomer(Number(old0.id))).notes).toBe('typed by a technician');
    expect((await client.getCustomer(Number(created.id))).phone).toBe('555-0199');
  });

  it("a change to a field the run did not write is kept while the run's own fields are restored", async () => {
    const { runDir } = await appliedRun();
    const old1 = (await dump(sb)).customers.find((c) => c.email === 'o1@old.example')!;
    await client.updateCustomer(Number(old1.id), { zip: '73301' });
    const { results } = await undoRun({ runDir, client });
    expect(results.find((r) => r.syncroId === old1.id && r.kind.includes('PUT customers'))?.outcome).toBe('applied');
    const now = await client.getCustomer(Number(old1.id));
    expect(now.city).toBe('Austin');
    expect(now.notes ?? '').toBe('');
    expect(now.zip).toBe('73301');
  });
});
