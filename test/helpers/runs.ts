/** Plans against a live sandbox, written into a fresh run folder. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleImportPlan } from '../../src/plan/assemble.js';
import { writePlan } from '../../src/plan/io.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src/plan/options.js';
import type { PlanOptions } from '../../src/plan/options.js';
import type { Plan } from '../../src/plan/schema.js';
import type { CustomerRecord } from '../../src/model/records.js';
import type { SyncroClient } from '../../src/syncro/client.js';
import { takeSnapshot } from '../../src/syncro/snapshot.js';

export async function planRun(
  client: SyncroClient,
  records: CustomerRecord[],
  options: Partial<PlanOptions> = {},
  target: Plan['target'] = { baseUrl: 'local sandbox', sandbox: true },
): Promise<{ runDir: string; plan: Plan }> {
  const snapshot = await takeSnapshot(client);
  const plan = assembleImportPlan({
    records,
    issues: [],
    snapshot,
    inputs: [],
    target,
    options: { ...DEFAULT_PLAN_OPTIONS, ...options },
  });
  const runDir = mkdtempSync(join(tmpdir(), 'syncro-etl-run-'));
  await writePlan(join(runDir, 'plan.json'), plan);
  return { runDir, plan };
}
