/**
 * Apply re-diffs a conflict decided "#id" under the plan's own field policy,
 * per-field modes included (issue 15: they were dropped and notes=never was
 * overwritten).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/executor.js';
import { planPolicy } from '../../src/apply/policy.js';
import { buildAuditPlan } from '../report/audit-fixture.js';
import { buildPlan } from '../report/plan-fixture.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import type { SyncroClient } from '../../src/syncro/client.js';
import { rec, resetRows } from '../helpers/records.js';
import { planRun } from '../helpers/runs.js';
import { clientFor, sandbox } from '../helpers/target.js';

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

describe('the field policy at apply time', () => {
  it('notes=never survives a conflict decided "#id": notes left alone, other fields written', async () => {
    const acme = (await client.createCustomer({ business_name: 'Acme', email: 'ops@acme.example', city: 'Austin', notes: 'keep me' }))
      .record;
    // A Syncro id that does not exist: a conflict the person resolves to Acme.
    const { runDir, plan } = await planRun(client, [rec({ id: 999_999, business_name: 'Acme', city: 'Dallas', notes: 'from the file' })], {
      fields: { notes: 'never' },
    });
    const conflict = plan.operations.find((o) => o.kind === 'conflict')!;
    expect(plan.options).toMatchObject({ fields: { notes: 'never' } });
    const { results } = await applyPlan({
      plan,
      runDir,
      client,
      decisions: new Map([[conflict.id, { kind: 'existing' as const, id: acme.id }]]),
    });
    expect(results.find((r) => r.opId === conflict.id)?.outcome).toBe('applied');
    const now = await client.getCustomer(acme.id);
    expect(now.city).toBe('Dallas');
    expect(now.notes).toBe('keep me');
  });

  it('update=fill from the plan holds a filled field too', async () => {
    const acme = (await client.createCustomer({ business_name: 'Acme', email: 'ops@acme.example', city: 'Austin' })).record;
    const { runDir, plan } = await planRun(client, [rec({ id: 999_999, business_name: 'Acme', city: 'Dallas', state: 'TX' })], {
      update: 'fill',
    });
    const conflict = plan.operations.find((o) => o.kind === 'conflict')!;
    await applyPlan({ plan, runDir, client, decisions: new Map([[conflict.id, { kind: 'existing' as const, id: acme.id }]]) });
    const now = await client.getCustomer(acme.id);
    expect(now.city).toBe('Austin');
    expect(now.state).toBe('TX');
  });

  it('reads every part of the policy; an audit plan diffs with the defaults', () => {
    const options = {
      blank: 'clear',
      update: 'fill',
      country: 'GB',
      fields: { notes: 'never' },
      inFileDuplicates: 'merge',
      rateLimit: 180,
    } as const;
    expect(planPolicy(buildPlan({ options }))).toEqual({ blank: 'clear', update: 'fill', country: 'GB', fields: { notes: 'never' } });
    expect(planPolicy(buildPlan({ options: { ...options, country: undefined, fields: {} } }))).toEqual({
      blank: 'clear',
      update: 'fill',
      country: 'US',
    });
    expect(planPolicy(buildAuditPlan())).toEqual({ blank: 'skip', update: 'overwrite', country: 'US' });
  });
});
