/**
 * Creates are re-checked before writing (issue 14.2): two plans of one file
 * applied one after the other, an older plan applied after a newer one, a
 * copied run folder — each record is created once; the later create becomes
 * a skip (identical) or a conflict (differs), never a second record.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/executor.js';
import { writePlan } from '../../src/plan/io.js';
import { planImport } from '../../src/run/import.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import type { SyncroClient } from '../../src/syncro/client.js';
import { rec, resetRows } from '../helpers/records.js';
import { planRun } from '../helpers/runs.js';
import { clientFor, dump, sandbox } from '../helpers/target.js';

const FIXTURE = join(process.cwd(), 'fixtures', 'connectwise-manage', 'companies-contacts.csv');

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

async function planFixture(cwd: string, second = 0) {
  return planImport({
    files: [FIXTURE],
    client,
    target: { baseUrl: 'local sandbox', sandbox: true },
    cwd,
    now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, second)),
  });
}

async function counts() {
  const state = await dump(sb);
  return { customers: state.customers.length, contacts: state.contacts.length };
}

describe('two plans of the same file', () => {
  it('import F; import F; apply first; apply second → 9 customers, 19 contacts; the second skips every create as identical', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'syncro-etl-twice-'));
    const first = await planFixture(cwd, 1);
    const second = await planFixture(cwd, 2);
    expect(first.plan.summary.counts['create-customer']).toBe(9);
    expect(first.plan.summary.counts['create-contact']).toBe(19);

    const a = await applyPlan({ plan: first.plan, runDir: first.runDir, client });
    expect(a.summary.byOutcome.applied).toBe(28);
    expect(await counts()).toEqual({ customers: 9, contacts: 19 });

    const b = await applyPlan({ plan: second.plan, runDir: second.runDir, client });
    expect(await counts()).toEqual({ customers: 9, contacts: 19 });
    expect(b.summary.writes).toBe(0);
    expect(b.summary.byOutcome.applied + b.summary.byOutcome.conflict + b.summary.byOutcome.failed).toBe(0);
    const creates = b.results.filter((r) => r.kind.startsWith('create-'));
    expect(creates).toHaveLength(28);
    for (const r of creates) {
      expect(r.outcome).toBe('skipped:no-write');
      expect(r.message).toMatch(/already in Syncro as (customer|contact) #\d+ .*identical: not created again/);
    }
    // Calls per planned write: 28 writes + 2 list calls (every customer, every contact) on the first apply; 2 list calls and nothing else on the second.
    expect(a.summary.requests).toBe(30);
    expect(b.summary.requests).toBe(2);
  });

  it('an older plan applied after a newer one: same', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'syncro-etl-twice-'));
    const older = await planFixture(cwd, 1);
    const newer = await planFixture(cwd, 2);
    await applyPlan({ plan: newer.plan, runDir: newer.runDir, client });
    const late = await applyPlan({ plan: older.plan, runDir: older.runDir, client });
    expect(late.summary.writes).toBe(0);
    expect(await counts()).toEqual({ customers: 9, contacts: 19 });
  });

  it('a run folder copied before apply, then both applied: same', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'syncro-etl-twice-'));
    const run = await planFixture(cwd, 1);
    const copy = `${run.runDir}-copy`;
    cpSync(run.runDir, copy, { recursive: true });
    await applyPlan({ plan: run.plan, runDir: run.runDir, client });
    const again = await applyPlan({ plan: run.plan, runDir: copy, client });
    expect(again.summary.writes).toBe(0);
    expect(await counts()).toEqual({ customers: 9, contacts: 19 });
  });

  it('the second plan differs (the file was edited): its creates become conflicts, contacts wait with their customer, nothing duplicated', async () => {
    const first = await planRun(client, [
      rec({ business_name: 'Acme Ltd', phone: '555-0100', city: 'Austin' }, [{ name: 'Ann Lee', email: 'ann@acme.example' }]),
    ]);
    resetRows();
    const second = await planRun(client, [
      rec({ business_name: 'ACME LTD.', phone: '555-0100', city: 'Dallas' }, [{ name: 'Ann Lee', email: 'ann@acme.example' }]),
    ]);
    await applyPlan({ plan: first.plan, runDir: first.runDir, client });
    const { results, summary } = await applyPlan({ plan: second.plan, runDir: second.runDir, client });
    expect(results.map((r) => r.outcome)).toEqual(['conflict', 'skipped:dependency']);
    expect(results[0]?.message).toMatch(
      /Syncro now has customer #\d+ \(same business name "ACME LTD\.", other values\); not created; plan again/,
    );
    expect(summary.byOutcome.conflict).toBe(1); // the data the CLI needs to exit non-zero
    expect(await counts()).toEqual({ customers: 1, contacts: 1 });
  });
});

describe('conflicts decided "create" are creates too', () => {
  it('decided "create" in two plans of the same row: created once; the second is a conflict naming the record to choose', async () => {
    const row = () => [rec({ id: 424242, business_name: 'Typo Id' }, [{ name: 'Kim', email: 'kim@typo.example' }])];
    const first = await planRun(client, row());
    resetRows();
    const second = await planRun(client, row());
    const decide = (plan: typeof first.plan) =>
      new Map([[plan.operations.find((o) => o.kind === 'conflict')!.id, { kind: 'create' as const }]]);
    const a = await applyPlan({ plan: first.plan, runDir: first.runDir, client, decisions: decide(first.plan) });
    expect(a.results[0]?.outcome).toBe('applied');
    const b = await applyPlan({ plan: second.plan, runDir: second.runDir, client, decisions: decide(second.plan) });
    expect(b.results[0]?.outcome).toBe('conflict');
    expect(b.results[0]?.message).toMatch(/decided "create", but already in Syncro as customer #\d+ .*identical; decide "#\d+" to use it/);
    expect(await counts()).toEqual({ customers: 1, contacts: 1 });
  });

  it('the contacts of a conflict decided "create" but found in Syncro are not created either; the rest of the plan goes on', async () => {
    const rows = () => [
      rec({ id: 424242, business_name: 'Typo Id' }, [{ name: 'Kim', email: 'kim@typo.example' }]),
      rec({ business_name: 'Other', email: 'o@other.example' }, [{ name: 'Lee', email: 'lee@typo.example' }]),
    ];
    const first = await planRun(client, rows());
    resetRows();
    // Planned before the first run is applied (so no candidate is offered): Kim's customer is a conflict (the id does not exist).
    const second = await planRun(client, rows());
    await applyPlan({
      plan: first.plan,
      runDir: first.runDir,
      client,
      decisions: new Map([[first.plan.operations.find((o) => o.kind === 'conflict')!.id, { kind: 'create' as const }]]),
    });
    const conflict = second.plan.operations.find((o) => o.kind === 'conflict')!;
    const { results } = await applyPlan({
      plan: second.plan,
      runDir: second.runDir,
      client,
      decisions: new Map([[conflict.id, { kind: 'create' as const }]]),
    });
    expect(results.find((r) => r.opId === conflict.id)?.outcome).toBe('conflict');
    expect(await counts()).toEqual({ customers: 2, contacts: 2 });
  });

  it('the candidates the person weighed do not block the create they decided', async () => {
    await client.createCustomer({ business_name: 'Acme', email: 'a@acme.example' });
    const { runDir, plan } = await planRun(client, [rec({ business_name: 'Acme', email: 'b@acme.example' })]);
    const conflict = plan.operations.find((o) => o.kind === 'conflict')!;
    expect(conflict.kind === 'conflict' && conflict.candidates).toHaveLength(1);
    const { results } = await applyPlan({ plan, runDir, client, decisions: new Map([[conflict.id, { kind: 'create' as const }]]) });
    expect(results[0]?.outcome).toBe('applied');
    expect(await counts()).toEqual({ customers: 2, contacts: 0 });
  });
});

describe('what counts as the same record', () => {
  it('same email, whatever its case, is the same customer', async () => {
    const { runDir, plan } = await planRun(client, [rec({ business_name: 'Globex', email: 'IT@Globex.example' })]);
    await client.createCustomer({ business_name: 'Globex Corporation', email: 'it@globex.example' });
    const { results } = await applyPlan({ plan, runDir, client });
    expect(results[0]?.outcome).toBe('conflict');
    expect(results[0]?.message).toMatch(/same email it@globex\.example/);
    expect(await counts()).toEqual({ customers: 1, contacts: 0 });
  });

  it('a person: same name and the same phone (formatted differently) is the same customer; same name alone is not', async () => {
    const { runDir, plan } = await planRun(client, [
      rec({ firstname: 'Dana', lastname: 'Scully', phone: '(202) 555-0143' }),
      rec({ firstname: 'Fox', lastname: 'Mulder', phone: '202-555-0199' }),
    ]);
    await client.createCustomer({ firstname: 'Dana', lastname: 'Scully', phone: '2025550143' });
    await client.createCustomer({ firstname: 'Fox', lastname: 'Mulder', phone: '202-555-0100' });
    const { results } = await applyPlan({ plan, runDir, client });
    expect(results.map((r) => r.outcome)).toEqual(['skipped:no-write', 'applied']);
    expect(results[0]?.message).toMatch(/same name "dana scully" and phone\), identical/);
  });

  it('a contact that appeared under an existing customer: identical is skipped, different is a conflict', async () => {
    const acme = (await client.createCustomer({ business_name: 'Acme', email: 'ops@acme.example' })).record;
    const { runDir, plan } = await planRun(client, [
      rec({ business_name: 'Acme', email: 'ops@acme.example' }, [
        { name: 'Ann Lee', email: 'ann@acme.example' },
        { name: 'Bo Diaz', email: 'bo@acme.example', phone: '555-0101' },
      ]),
    ]);
    await client.createContact({ customer_id: acme.id, name: 'Ann Lee', email: 'ANN@acme.example' });
    await client.createContact({ customer_id: acme.id, name: 'Bo Diaz', email: 'bo@acme.example', phone: '555-0199' });
    const { results } = await applyPlan({ plan, runDir, client });
    expect(results.filter((r) => r.kind === 'create-contact').map((r) => r.outcome)).toEqual(['skipped:no-write', 'conflict']);
    expect(await counts()).toEqual({ customers: 1, contacts: 2 });
  });

  it("a contact whose email appeared under another customer is a conflict (the planner's rule)", async () => {
    const { runDir, plan } = await planRun(client, [
      rec({ business_name: 'Initech' }, [{ name: 'Peter', email: 'peter@initech.example' }]),
    ]);
    const other = (await client.createCustomer({ business_name: 'Initrode' })).record;
    await client.createContact({ customer_id: other.id, name: 'Peter G', email: 'peter@initech.example' });
    const { results } = await applyPlan({ plan, runDir, client });
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'conflict']);
    expect(results[1]?.message).toMatch(new RegExp(`under customer #${other.id}`));
  });

  it('a resumed apply does not hold its own creates against itself', async () => {
    const planned = await planRun(client, [
      rec({ business_name: 'Umbrella' }, [{ name: 'Alice', email: 'alice@umbrella.example' }]),
      rec({ business_name: 'Umbrella East' }, [{ name: 'Alice', email: 'alice@umbrella.example' }]),
    ]);
    // One mailbox under two customers of the file is a conflict each; decided "create" for both, as a person may.
    expect(planned.plan.operations.filter((o) => o.kind === 'conflict')).toHaveLength(2);
    const plan = {
      ...planned.plan,
      operations: planned.plan.operations.map((o) =>
        o.kind === 'conflict' && o.entity === 'contact' && o.customer
          ? {
              kind: 'create-contact' as const,
              id: o.id,
              sources: o.sources,
              dependsOn: o.dependsOn,
              label: o.label,
              customer: o.customer,
              payload: o.payload,
            }
          : o,
      ),
    };
    const runDir = planned.runDir;
    await writePlan(join(runDir, 'plan.json'), plan);
    const controller = new AbortController();
    const first = await applyPlan({
      plan,
      runDir,
      client,
      concurrency: 1,
      signal: controller.signal,
      events: (e) => e.type === 'op-finished' && e.done === 3 && controller.abort(),
    });
    expect(first.summary.byOutcome.applied).toBe(3);
    const resumed = await applyPlan({ plan, runDir, client });
    expect(resumed.summary.byOutcome.conflict).toBe(0);
    expect(await counts()).toEqual({ customers: 2, contacts: 2 });
  });
});

describe('cost', () => {
  it('a large account: one filtered look-up per create key instead of listing every customer', async () => {
    for (let i = 0; i < 250; i++) await client.createCustomer({ business_name: `Filler ${i}`, email: `f${i}@filler.example` });
    const { runDir, plan } = await planRun(client, [rec({ business_name: 'Wayne Enterprises', email: 'bruce@wayne.example' })]);
    await client.createCustomer({ business_name: 'Wayne Enterprises Inc', email: 'lucius@wayne.example' });
    const { results, summary } = await applyPlan({ plan, runDir, client });
    expect(results[0]?.outcome).toBe('conflict');
    expect(summary.requests).toBe(2); // email look-up + business-name look-up; the 3-page listing is not read
  });

  it('a server that ignores the email and customer_id filters: the whole lists are read once, not once per create or owner', async () => {
    await sb.close();
    sb = await sandbox({ variants: { ignoreFilters: ['customers.email', 'contacts.customer_id'] } });
    client = clientFor(sb);
    const owners: number[] = [];
    for (let i = 0; i < 250; i++)
      owners.push((await client.createCustomer({ business_name: `Filler ${i}`, email: `f${i}@filler.example` })).record.id);
    for (const id of owners.slice(0, 20)) await client.createContact({ customer_id: id, name: `Person ${id}` });
    const rows = Array.from({ length: 6 }, (_, i) => rec({ business_name: `Brand New ${i}`, email: `n${i}@new.example` }));
    // Contacts planned under 20 existing customers: a per-owner listing each, were the filter honoured.
    rows.push(
      ...owners
        .slice(0, 20)
        .map((id, i) => rec({ email: `f${i}@filler.example` }, [{ name: `Second ${id}`, email: `s${id}@filler.example` }])),
    );
    const { runDir, plan } = await planRun(client, rows);
    await client.createCustomer({ business_name: 'Brand New 3', email: 'n3@new.example' });
    const { results, summary } = await applyPlan({ plan, runDir, client });
    expect(
      results.filter((r) => r.outcome === 'skipped:no-write' && /already in Syncro/.test(r.message ?? '')).map((r) => r.label),
    ).toEqual(['Customer Brand New 3']);
    expect(summary.writes).toBe(5 + 20);
    // Reads: the customer list (3 pages) and the contact list (1 page) once each, plus the look-ups that found the filters ignored.
    expect(summary.requests - summary.writes).toBeLessThanOrEqual(12);
  });
});
