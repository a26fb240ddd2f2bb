/**
 * Import's folding, measured at the command level: MSP-shaped files
 * (test/helpers/msp-data.ts, measurement seeds only) are read and planned by
 * the library path `syncro-etl import` takes (loadRecords, then
 * assembleImportPlan with the matcher's linker), against an empty snapshot and
 * against one that already holds some of the customers. Each row lands on one
 * customer: a create, an existing Syncro customer (update or skip), or a
 * conflict to decide. Pairwise P/R/F1 of "these rows are one customer" is
 * scored against the truth; a wrong update (rows planned onto a Syncro
 * customer that is another client) is counted on its own.
 *   IMPORT_FOLDING_CUSTOMERS=1300   true customers per file (default 1300)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRecords } from '../src/ingest/load.js';
import { assembleImportPlan } from '../src/plan/assemble.js';
import { matcherInFile, matcherLinker } from '../src/plan/matcher-linker.js';
import { DEFAULT_PLAN_OPTIONS } from '../src/plan/options.js';
import type { Plan } from '../src/plan/schema.js';
import type { Snapshot } from '../src/syncro/snapshot.js';
import { generateMspData, MEASUREMENT_SEEDS, pairwiseScore, writeMspCsv } from '../test/helpers/msp-data.js';
import type { MspData, PairScore } from '../test/helpers/msp-data.js';

export interface FoldingResult {
  seed: number;
  snapshot: 'empty' | 'seeded';
  rows: number;
  customers: number;
  score: PairScore;
  /** Customer ops (create, update/skip, conflict) the plan holds. */
  creates: number;
  updates: number;
  conflicts: number;
  /** Existing customers planned to take rows of another client. */
  wrongUpdates: number;
  ms: number;
}

const EMPTY: Snapshot = { takenAt: '2026-01-01T00:00:00.000Z', customers: [], contacts: [] };

/** Which customer each data row (by its row number) lands on in the plan. */
function landing(plan: Plan): Map<number, string> {
  const at = new Map<number, string>();
  const put = (rows: Array<{ row: number }>, label: string) => rows.forEach((s) => at.set(s.row, label));
  for (const op of plan.operations) {
    if (op.kind === 'create-customer') put(op.sources, `op:${op.id}`);
    else if (op.kind === 'update-customer') put(op.sources, `syncro:${op.targetId}`);
    else if (op.kind === 'skip' && op.entity === 'customer') put(op.sources, `syncro:${op.targetId}`);
    else if (op.kind === 'conflict' && op.entity === 'customer') put(op.sources, `conflict:${op.id}`);
  }
  return at;
}

/** Plan one generated file and score its folding. */
export async function measureFolding(data: MspData, seed: number, seeded: boolean, dir: string): Promise<FoldingResult> {
  const file = await writeMspCsv(join(dir, `msp-${seed}.csv`), data);
  const t = performance.now();
  const load = await loadRecords([file], { template: 'generic' });
  const snapshot = seeded ? data.syncro.snapshot : EMPTY;
  const plan = assembleImportPlan({
    records: load.customers,
    issues: load.issues,
    snapshot,
    inputs: [{ file: 'msp.csv', sha256: '', rows: data.rows.length }],
    target: { baseUrl: 'http://127.0.0.1', sandbox: true },
    options: DEFAULT_PLAN_OPTIONS,
    linker: matcherLinker(),
    inFile: matcherInFile(),
  });
  const ms = performance.now() - t;
  const at = landing(plan);
  const first = load.files[0]!.headerRow + 1;
  // A row the plan does not place (rejected) is a customer of its own.
  const predicted = data.rows.map((_, i) => at.get(first + i) ?? `row:${i}`);
  let wrongUpdates = 0;
  for (const op of plan.operations) {
    if (op.kind !== 'update-customer' && !(op.kind === 'skip' && op.entity === 'customer')) continue;
    const truth = data.syncro.truth.get(op.targetId!);
    if (op.sources.some((s) => data.customerTruth[s.row - first] !== truth)) wrongUpdates++;
  }
  const count = (k: string) => plan.operations.filter((o) => o.kind === k && (!('entity' in o) || o.entity === 'customer')).length;
  return {
    seed,
    snapshot: seeded ? 'seeded' : 'empty',
    rows: data.rows.length,
    customers: data.customers.length,
    score: pairwiseScore(predicted, data.customerTruth),
    creates: count('create-customer'),
    updates: count('update-customer') + count('skip'),
    conflicts: count('conflict'),
    wrongUpdates,
    ms,
  };
}

/** Every measurement seed, empty and seeded snapshot. */
export async function importFolding(customers = Number(process.env.IMPORT_FOLDING_CUSTOMERS ?? 1300)): Promise<FoldingResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'import-folding-'));
  try {
    const out: FoldingResult[] = [];
    for (const seed of MEASUREMENT_SEEDS) {
      const data = generateMspData({ seed, customers });
      out.push(await measureFolding(data, seed, false, dir));
      out.push(await measureFolding(data, seed, true, dir));
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const f3 = (x: number): string => x.toFixed(3);

/** Print the folding table (what `npm run bench -- matcher` shows under "import folding"). */
export async function printImportFolding(): Promise<void> {
  const results = await importFolding();
  console.log('\nImport folding (MSP-shaped, generic template, measurement seeds; goal P >= 0.99, R >= 0.90):');
  const head = ['seed', 'snapshot', 'rows', 'customers', 'P', 'R', 'F1', 'pairs', 'creates', 'upd/skip', 'conflicts', 'wrong upd', 'ms'];
  console.log(head.join('\t'));
  for (const r of results) {
    console.log(
      [
        r.seed,
        r.snapshot,
        r.rows,
        r.customers,
        f3(r.score.precision),
        f3(r.score.recall),
        f3(r.score.f1),
        `${r.score.correct}/${r.score.predicted}/${r.score.truth}`,
        r.creates,
        r.updates,
        r.conflicts,
        r.wrongUpdates,
        r.ms.toFixed(0),
      ].join('\t'),
    );
  }
}
