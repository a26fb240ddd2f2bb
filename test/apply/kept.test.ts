/**
 * A write Syncro answers without keeping (issue 13.5) is "not applied by
 * Syncro", never "applied"; what Syncro merely reformats (phones stored
 * digits-only, a title kept top-level) is kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/executor.js';
import type { RunningSandbox, SandboxOptions } from '../../src/sandbox/server.js';
import { rec, resetRows } from '../helpers/records.js';
import { planRun } from '../helpers/runs.js';
import { clientFor, dump, sandbox } from '../helpers/target.js';

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const rows = () => {
  resetRows();
  return [
    rec({ business_name: 'Globex', email: 'it@globex.example', phone: '(212) 555-0142', properties: { Tier: 'Gold' } }, [
      { name: 'Cy Young', email: 'cy@globex.example', phone: '(212) 555-0102', title: 'Office Manager' },
    ]),
  ];
};

async function importUnder(options: SandboxOptions) {
  sb = await sandbox(options);
  const client = clientFor(sb);
  const { runDir, plan } = await planRun(client, rows());
  return applyPlan({ plan, runDir, client });
}

describe('writes Syncro did not keep', () => {
  it('custom fields and a contact title dropped by the server: "not-applied-by-syncro" naming them; the contact is still created under its customer', async () => {
    const { results } = await importUnder({ variants: { ignoredFields: ['customers.properties', 'contacts.title'] } });
    expect(results.map((r) => r.outcome)).toEqual(['not-applied-by-syncro', 'not-applied-by-syncro']);
    expect(results[0]!.message).toMatch(/did not keep properties\.Tier of customers #\d+/);
    expect(results[1]!.message).toMatch(/did not keep title of contacts #\d+/);
    const state = await dump(sb!);
    expect(state.contacts.map((k) => k.name)).toEqual(['Cy Young']);
  });

  it('phones stored digits-only and a title kept top-level are kept: applied', async () => {
    const { results } = await importUnder({ variants: { digitPhones: ['customers', 'contacts'], contactTitleTopLevel: true } });
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    expect((await dump(sb!)).customers[0]!.phone).toBe('2125550142');
  });
});
