/**
 * audit → merge → undo with each sandbox variant switched on (issue 13):
 * only the cluster's records move (never another customer's invoices when a
 * filter is ignored), the duplicate is deleted, nothing is reported applied
 * that did not land, and undo puts every record back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/executor.js';
import { undoRun } from '../../src/apply/undo.js';
import type { OperationOf } from '../../src/plan/schema.js';
import { runAudit } from '../../src/run/audit.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { ALL_VARIANTS } from '../../src/sandbox/variants.js';
import type { SandboxVariants } from '../../src/sandbox/variants.js';
import { clientFor, dump } from '../helpers/target.js';
import { DUP, MAIN, moved, tempDir, variantSandbox } from './scenario.js';

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const CASES: [string, SandboxVariants][] = [
  ['none (the plain sandbox)', {}],
  ['customer_id ignored on invoices', { ignoreFilters: ['invoices.customer_id'] }],
  ['customer_id ignored on tickets', { ignoreFilters: ['tickets.customer_id'] }],
  ['customer_id ignored on customer_assets', { ignoreFilters: ['customer_assets.customer_id'] }],
  ['customer_id ignored on contacts', { ignoreFilters: ['contacts.customer_id'] }],
  ['single records answered flat', { flatSingles: ['customers', 'tickets', 'customer_assets', 'invoices'] }],
  ['single contacts answered wrapped', { wrappedContacts: true }],
  ['name required on PUT /customer_assets', { requiredOnPut: ['customer_assets.name'] }],
  ['background touches of updated_at', { touchUpdatedAtSeconds: 5 }],
  ['vendor contacts', { vendorContacts: 2 }],
  ['phones stored as digits', { digitPhones: ['customers', 'contacts'] }],
  ['custom fields and contact titles ignored on write', { ignoredFields: ['customers.properties', 'contacts.title'] }],
  ['contact title kept top-level', { contactTitleTopLevel: true }],
  ['every variant at once', ALL_VARIANTS],
  ['every variant but flat singles', { ...ALL_VARIANTS, flatSingles: [] }],
];

describe('audit, merge and undo under each variant', () => {
  it.each(CASES)(
    '%s',
    async (_name, variants) => {
      sb = await variantSandbox(variants);
      const client = clientFor(sb);
      const start = await dump(sb);
      const done = await runAudit({ client, target: { baseUrl: 'local sandbox', sandbox: true }, rateLimit: 60_000, cwd: tempDir() });
      const merge = done.plan.operations.find((o) => o.kind === 'merge-customers') as OperationOf<'merge-customers'> | undefined;
      expect(merge?.members.map((m) => m.id).sort()).toEqual([MAIN, DUP]);
      expect(merge?.survivorId).toBe(MAIN);

      const { summary } = await applyPlan({ plan: done.plan, runDir: done.runDir, client });
      expect(summary.aborted).toBeUndefined();
      expect(summary.byOutcome.failed).toBe(0);
      const merged = await dump(sb);
      // Exactly the duplicate's records moved, all to the survivor; nobody else's.
      const expected = [
        ...start.tickets.map((r) => ['tickets', r] as const),
        ...start.assets.map((r) => ['assets', r] as const),
        ...start.invoices.map((r) => ['invoices', r] as const),
        ...start.contacts.map((r) => ['contacts', r] as const),
      ]
        .filter(([, r]) => r.customer_id === DUP)
        .map(([k, r]) => `${k}#${String(r.id)}: ${DUP} → ${MAIN}`)
        .sort();
      expect(moved(start, merged).sort()).toEqual(expected);
      expect(merged.customers.map((c) => c.id)).not.toContain(DUP);
      expect(merged.customers).toHaveLength(start.customers.length - 1);

      const undone = await undoRun({ runDir: done.runDir, client });
      expect(undone.summary.aborted).toBeUndefined();
      expect(undone.summary.byOutcome.failed + undone.summary.byOutcome.conflict).toBe(0);
      const after = await dump(sb);
      const reborn = after.customers.find((c) => c.email === 'billing@harborviewdental.com');
      expect(reborn).toBeDefined();
      expect(after.customers).toHaveLength(start.customers.length);
      // Every record is back with its first owner (the duplicate under its new id).
      const back = moved(start, after)
        .map((m) => m.replace(new RegExp(` → ${String(reborn!.id)}$`), ` → ${DUP}`))
        .filter((m) => !m.endsWith(`${DUP} → ${DUP}`));
      expect(back).toEqual([]);
    },
    60_000,
  );
});

describe('merge leaving duplicates disabled, on a server that ignores disabled (issue 13.5)', () => {
  it('is reported "not applied by Syncro" naming the duplicate, never "applied"', async () => {
    sb = await variantSandbox({ ignoredFields: ['customers.disabled'] });
    const client = clientFor(sb);
    const done = await runAudit({
      client,
      target: { baseUrl: 'local sandbox', sandbox: true },
      rateLimit: 60_000,
      cwd: tempDir(),
      finally: 'disable',
    });
    const { results } = await applyPlan({ plan: done.plan, runDir: done.runDir, client });
    const merge = results.find((r) => r.kind === 'merge-customers');
    expect(merge?.outcome).toBe('not-applied-by-syncro');
    expect(merge?.message).toContain(`duplicate #${DUP}`);
    expect((await dump(sb)).customers.find((c) => c.id === DUP)?.disabled).toBe(false);
  });
});
