/**
 * Where import's plan lands rows on the wrong Syncro customer: MSP-shaped
 * files (tuning seeds by default) planned against the seeded snapshot; every
 * update or skip whose rows belong to another client than the Syncro
 * customer it targets, with the rows, the customer and the evidence. A
 * development tool:  node dist-bench/bench/import-errors.js 1 2 3
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRecords } from '../src/ingest/load.js';
import { assembleImportPlan } from '../src/plan/assemble.js';
import { matcherLinker } from '../src/plan/matcher-linker.js';
import { DEFAULT_PLAN_OPTIONS } from '../src/plan/options.js';
import { generateMspData, TUNING_SEEDS, writeMspCsv } from '../test/helpers/msp-data.js';

const args = process.argv.slice(2).map(Number);
const seeds = args.length ? args : TUNING_SEEDS.slice(0, 5);
const dir = mkdtempSync(join(tmpdir(), 'import-errors-'));
try {
  for (const seed of seeds) {
    const data = generateMspData({ seed, customers: Number(process.env.MSP ?? 1300) });
    const file = await writeMspCsv(join(dir, `msp-${seed}.csv`), data);
    const load = await loadRecords([file], { template: 'generic' });
    const plan = assembleImportPlan({
      records: load.customers,
      issues: load.issues,
      snapshot: data.syncro.snapshot,
      inputs: [{ file: 'msp.csv', sha256: '', rows: data.rows.length }],
      target: { baseUrl: 'http://127.0.0.1', sandbox: true },
      options: DEFAULT_PLAN_OPTIONS,
      linker: matcherLinker(),
    });
    const first = load.files[0]!.headerRow + 1;
    let wrong = 0;
    for (const op of plan.operations) {
      if (op.kind !== 'update-customer' && !(op.kind === 'skip' && op.entity === 'customer')) continue;
      const truth = data.syncro.truth.get(op.targetId!);
      const bad = op.sources.filter((s) => data.customerTruth[s.row - first] !== truth);
      if (!bad.length) continue;
      wrong++;
      const target = data.syncro.snapshot.customers.find((c) => c.id === op.targetId);
      const t = data.customers.find((c) => c.id === truth);
      console.log(
        `seed ${seed}: ${op.kind} of Syncro ${op.targetId} (${truth} ${t?.trap}) "${target?.business_name ?? ''}" ${target?.firstname ?? ''} ${target?.lastname ?? ''} ${target?.phone} ${target?.address} ${target?.city} ${target?.state}`,
      );
      for (const s of bad.slice(0, 3)) {
        const r = data.rows[s.row - first]!;
        console.log(
          `   row ${s.row} [${data.customerTruth[s.row - first]} ${data.traps[s.row - first]}] ${r.Company} | ${r['Contact Name']} | ${r.Email} | ${r['Company Phone']} ${r.Phone} | ${r.Address} ${r.City} ${r.State}`,
        );
      }
      console.log(`   evidence: ${JSON.stringify('evidence' in op ? op.evidence : undefined)}`);
    }
    console.log(`seed ${seed}: ${wrong} wrong updates`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
