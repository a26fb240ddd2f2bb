/**
 * Where the dedupe path goes wrong on MSP-shaped files: runs `dedupe` on the
 * given seeds (tuning seeds by default: never look into the measurement
 * seeds) and prints the wrong pairs by family with a sample and the evidence
 * that decided them. A development tool, not a bench:
 *   node dist-bench/bench/matcher-errors.js contacts 1 2 3
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRecords } from '../src/ingest/load.js';
import { dedupeRecords } from '../src/match/dedupe.js';
import { explanationText } from '../src/match/scoring.js';
import { mspSet, rowLabels, setCsv } from './matcher-command.js';
import { generateMspData, TUNING_SEEDS } from '../test/helpers/msp-data.js';

const [entityArg, ...seedArgs] = process.argv.slice(2);
const entity = entityArg === 'customers' ? 'customers' : 'contacts';
const seeds = seedArgs.length ? seedArgs.map(Number) : TUNING_SEEDS.slice(0, 3);
const customers = Number(process.env.MSP ?? 1300);

for (const seed of seeds) {
  const set = mspSet(seed, entity, customers);
  const data = generateMspData({ seed, customers });
  const dir = mkdtempSync(join(tmpdir(), 'dedupe-err-'));
  try {
    const file = join(dir, 'msp.csv');
    writeFileSync(file, setCsv(set), 'utf8');
    const loaded = await loadRecords([file]);
    const { rows, result } = dedupeRecords(loaded.customers, { entity });
    const labels = rowLabels(rows, set.truth.length);
    // Which customer record each row was read into, and its match key.
    const recordOf = new Map<number, number>();
    loaded.customers.forEach((r, i) => {
      for (const s of r.sources) recordOf.set(s.row - 2, i);
      for (const c of r.contacts) for (const s of c.sources) recordOf.set(s.row - 2, i);
    });
    const keyOfRow = (i: number): string => String(i);
    const rowOfKey = (key: string): string => String(Number((key.split('\u0000')[2] ?? '').split('#')[0]) - 2);
    const pairByKeys = new Map<string, (typeof result.pairs)[number]>();
    for (const p of result.pairs) {
      const [a, b] = [rowOfKey(p.a), rowOfKey(p.b)];
      pairByKeys.set(`${a}|${b}`, p);
      pairByKeys.set(`${b}|${a}`, p);
    }
    const show = (i: number): string => {
      const r = data.rows[i]!;
      return `${i + 2} [${data.traps[i]} ${set.truth[i]} rec${recordOf.get(i)}] ${r.Company} | ${r['Contact Name']} | ${r.Email} | ${r.Phone} | ${r.City}`;
    };
    const fp: Array<[number, number]> = [];
    const fn: Array<[number, number]> = [];
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++) {
        const together = labels[i] === labels[j];
        const same = set.truth[i] === set.truth[j];
        if (together && !same) fp.push([i, j]);
        else if (!together && same) fn.push([i, j]);
      }
    const family = (i: number, j: number): string => {
      const sameRec = recordOf.get(i) === recordOf.get(j);
      const sameCust = data.customerTruth[i] === data.customerTruth[j];
      const p = pairByKeys.get(`${keyOfRow(i)}|${keyOfRow(j)}`);
      return `${sameCust ? 'same-customer' : 'other-customer'} ${sameRec ? 'same-record' : 'other-record'} ${p ? p.outcome : 'not-scored'} ${data.traps[i]}`;
    };
    for (const [what, list] of [
      ['FALSE POSITIVES', fp],
      ['MISSES', fn],
    ] as const) {
      const fam = new Map<string, Array<[number, number]>>();
      for (const [i, j] of list) {
        const f = family(i, j);
        fam.set(f, [...(fam.get(f) ?? []), [i, j]]);
      }
      console.log(`\n== seed ${seed} ${entity}: ${what} ${list.length}`);
      for (const [f, ps] of [...fam].sort((a, b) => b[1].length - a[1].length)) {
        console.log(`  ${ps.length}\t${f}`);
        for (const [i, j] of ps.slice(0, Number(process.env.SAMPLE ?? 3))) {
          const p = pairByKeys.get(`${keyOfRow(i)}|${keyOfRow(j)}`);
          console.log(
            `     ${show(i)}\n     ${show(j)}\n       ${p ? `${p.outcome} ${explanationText(p.explanation)}` : '(no pair scored)'}`,
          );
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
