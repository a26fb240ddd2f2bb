/**
 * import → apply → undo with each write-side variant switched on (issue 13):
 * no duplicate created when answers are lost and phones come back as digits,
 * nothing reported "applied" that Syncro did not keep, vendor contacts raise
 * no conflict and are never touched, background touches do not stop undo.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/executor.js';
import type { OpResult } from '../../src/apply/outcome.js';
import { undoRun } from '../../src/apply/undo.js';
import type { CustomerRecord } from '../../src/model/records.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { ALL_VARIANTS } from '../../src/sandbox/variants.js';
import { rec, resetRows } from '../helpers/records.js';
import { planRun } from '../helpers/runs.js';
import { clientFor, dump } from '../helpers/target.js';
import { OTHER, variantSandbox } from './scenario.js';

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const NOT_KEPT = 'not-applied-by-syncro';
const outcomeOf = (results: OpResult[], kind: string): string[] => results.filter((r) => r.kind === kind).map((r) => r.outcome);

function newCustomers(n: number): CustomerRecord[] {
  resetRows();
  return Array.from({ length: n }, (_, i) =>
    rec(
      {
        business_name: `Newco ${i}`,
        email: `owner${i}@newco${i}.example`,
        phone: `(555) 01${String(i).padStart(2, '0')}-${String(1000 + i)}`,
      },
      [{ name: `Pat Person ${i}`, email: `pat${i}@newco${i}.example`, phone: `555-02${String(i).padStart(2, '0')}` }],
    ),
  );
}

/** Emails held by more than one record. */
function duplicated(records: Array<Record<string, unknown>>): string[] {
  const seen = new Map<string, number>();
  for (const r of records) if (typeof r.email === 'string') seen.set(r.email.toLowerCase(), (seen.get(r.email.toLowerCase()) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([e]) => e);
}

describe('lost create answers with phones stored as digits (issue 13.4)', () => {
  it.each([
    ['digits-only phones', { digitPhones: ['customers', 'contacts'] as ('customers' | 'contacts')[] }],
    ['every variant at once', ALL_VARIANTS],
  ])(
    '%s: 30 creates with 30 percent of the answers lost → 30 customers, 30 contacts, no email twice',
    async (_name, variants) => {
      sb = await variantSandbox(variants);
      const client = clientFor(sb);
      const before = await dump(sb);
      const { plan, runDir } = await planRun(client, newCustomers(30), {}, { baseUrl: sb.url, sandbox: false });
      sb.setFaults({ rateLostWrite: 0.3, seed: 13 });
      const { summary } = await applyPlan({ plan, runDir, client });
      sb.setFaults({ rateLostWrite: 0 });
      expect(sb.stats().lostWrites).toBeGreaterThan(5);
      expect(summary.aborted).toBeUndefined();
      const after = await dump(sb);
      expect(after.customers.length - before.customers.length).toBe(30);
      expect(after.contacts.length - before.contacts.length).toBe(30);
      expect(duplicated(after.customers)).toEqual([]);
      expect(duplicated(after.contacts.filter((k) => k.customer_id !== null))).toEqual([]);
      expect(summary.byOutcome.failed).toBe(0);
    },
    60_000,
  );
});

describe('writes Syncro does not keep are not reported applied (issue 13.5)', () => {
  it.each([
    ['disabled ignored', { ignoredFields: ['customers.disabled'] }, { email: 'tom@beckerhvac.com', disabled: true }],
    [
      'custom fields ignored',
      { ignoredFields: ['customers.properties'] },
      { email: 'tom@beckerhvac.com', properties: { Contract: 'Gold' } },
    ],
  ] as const)('%s: the update is "not applied by Syncro", never "applied"', async (_name, variants, customer) => {
    sb = await variantSandbox({ ignoredFields: [...variants.ignoredFields] });
    const client = clientFor(sb);
    resetRows();
    const { plan, runDir } = await planRun(client, [rec({ ...customer })], {}, { baseUrl: sb.url, sandbox: false });
    expect(plan.operations.map((o) => o.kind)).toContain('update-customer');
    const { results } = await applyPlan({ plan, runDir, client });
    expect(outcomeOf(results, 'update-customer')).toEqual([NOT_KEPT]);
  });

  it('a contact title that is ignored is "not applied by Syncro"', async () => {
    sb = await variantSandbox({ ignoredFields: ['contacts.title'] });
    const client = clientFor(sb);
    resetRows();
    const { plan, runDir } = await planRun(
      client,
      [rec({ email: 'it@okaforlaw.com' }, [{ name: 'Jim Park', email: 'jim.park@okaforlaw.com', title: 'Managing Partner' }])],
      {},
      { baseUrl: sb.url, sandbox: false },
    );
    expect(plan.operations.map((o) => o.kind)).toContain('update-contact');
    const { results } = await applyPlan({ plan, runDir, client });
    expect(outcomeOf(results, 'update-contact')).toEqual([NOT_KEPT]);
  });

  it('a contact title kept top-level counts as applied (it is kept, just elsewhere)', async () => {
    sb = await variantSandbox({ contactTitleTopLevel: true });
    const client = clientFor(sb);
    resetRows();
    const { plan, runDir } = await planRun(
      client,
      [rec({ business_name: 'Titled Co', email: 'boss@titled.example' }, [{ name: 'Bo Boss', email: 'bo@titled.example', title: 'CEO' }])],
      {},
      { baseUrl: sb.url, sandbox: false },
    );
    const { results, summary } = await applyPlan({ plan, runDir, client });
    expect(summary.byOutcome.failed).toBe(0);
    expect(outcomeOf(results, 'create-contact')).toEqual(['applied']);
  });
});

describe('vendor contacts (customer_id null)', () => {
  it('share an email with an imported contact: no conflict, a create, the vendor contact untouched', async () => {
    sb = await variantSandbox({ vendorContacts: 1 });
    const client = clientFor(sb);
    const vendor = (await dump(sb)).contacts.find((k) => k.customer_id === null)!;
    resetRows();
    const { plan, runDir } = await planRun(
      client,
      [
        rec({ business_name: 'Supplier Client', email: 'office@supplierclient.example' }, [
          { name: 'Val Vendor', email: String(vendor.email) },
        ]),
      ],
      {},
      { baseUrl: sb.url, sandbox: false },
    );
    expect(plan.operations.filter((o) => o.kind === 'conflict')).toEqual([]);
    const { summary } = await applyPlan({ plan, runDir, client });
    expect(summary.byOutcome.failed).toBe(0);
    const after = (await dump(sb)).contacts.find((k) => k.id === vendor.id);
    expect(after).toEqual(vendor);
  });
});

describe('undo after background touches of updated_at (issue 13.5)', () => {
  it('restores every field the run wrote; no conflict', async () => {
    sb = await variantSandbox({ touchUpdatedAtSeconds: 5 });
    const client = clientFor(sb);
    const start = await dump(sb);
    resetRows();
    const { plan, runDir } = await planRun(
      client,
      [
        rec({ email: 'it@okaforlaw.com', city: 'Tacoma', notes: 'moved offices' }),
        rec({ business_name: 'Fresh Co', email: 'hi@fresh.example' }),
      ],
      {},
      { baseUrl: sb.url, sandbox: false },
    );
    const applied = await applyPlan({ plan, runDir, client });
    expect(applied.summary.byOutcome.failed).toBe(0);
    expect((await dump(sb)).customers.find((c) => c.id === OTHER)?.city).toBe('Tacoma');
    const undone = await undoRun({ runDir, client });
    expect(undone.summary.byOutcome.conflict + undone.summary.byOutcome.failed).toBe(0);
    const after = await dump(sb);
    expect(after.customers.find((c) => c.id === OTHER)?.city).toBe('Seattle');
    expect(after.customers.map((c) => c.email)).toEqual(start.customers.map((c) => c.email));
  });
});
