/** A CSV file read and planned the way `syncro-etl import` plans it (loadRecords, then assembleImportPlan with the matcher's linker). */
import { basename } from 'node:path';
import { loadRecords } from '../../src/ingest/load.js';
import { assembleImportPlan } from '../../src/plan/assemble.js';
import type { InFileMatcher } from '../../src/plan/linker.js';
import { matcherLinker } from '../../src/plan/matcher-linker.js';
import { DEFAULT_PLAN_OPTIONS } from '../../src/plan/options.js';
import type { OperationOf, Plan } from '../../src/plan/schema.js';
import type { Snapshot } from '../../src/syncro/snapshot.js';
import { snap } from './records.js';

export interface PlanFileOptions {
  snapshot?: Snapshot;
  /** Default: detected, as the CLI does. */
  template?: string;
  /** The in-file check; none when absent. */
  inFile?: InFileMatcher;
}

export async function planFile(file: string, options: PlanFileOptions = {}): Promise<Plan> {
  const load = await loadRecords([file], options.template ? { template: options.template } : {});
  return assembleImportPlan({
    records: load.customers,
    issues: load.issues,
    snapshot: options.snapshot ?? snap([]),
    inputs: [{ file: basename(file), sha256: 'x', rows: load.counts.rowsRead }],
    target: { baseUrl: 'local sandbox', sandbox: true },
    options: DEFAULT_PLAN_OPTIONS,
    linker: matcherLinker(),
    ...(options.inFile ? { inFile: options.inFile } : {}),
  });
}

/** The plan's operations of one kind, typed. */
export const opsOf = <K extends Plan['operations'][number]['kind']>(p: Plan, kind: K) =>
  p.operations.filter((o) => o.kind === kind) as Array<OperationOf<K>>;
