/**
 * Matcher benchmark: pairwise precision / recall / F1, pairs compared and
 * time on the shared labelled data sets, then generated contacts at scale
 * (each size in its own process, for a clean heap and its own peak RSS), and
 * blocking recall against the naive all-pairs baseline on a 5k subset.
 *   MATCHER_BENCH_SIZES=10000,100000,1000000   sizes linked (default all three)
 *   MATCHER_BENCH_RECALL=5000                   subset for the all-pairs baseline (0 = skip)
 *   MATCHER_BENCH_SINGLE=100000                 size linked again on one thread, the baseline for two (0 = skip)
 *   MATCHER_BENCH_MSP=1300                      true customers per MSP-shaped measurement seed (command-level table)
 *   MATCHER_BENCH_SCALE=0                       skip the generated-contacts scale runs
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printImportFolding } from './import-folding.js';
import { findDuplicates } from '../src/match/duplicates.js';
import { linkRecords } from '../src/match/link.js';
import type { MatchOptions } from '../src/match/types.js';
import { accuracy, clusterPairs, loadCompanyNames, loadFebrl, loadRestaurants, truePairsAcross, truePairsWithin } from './matcher-data.js';
import type { Accuracy, Labelled } from './matcher-data.js';
import { companyNamesSet, febrlSet, mspSet, restaurantsSet, runCommandSet } from './matcher-command.js';
import type { CommandSet } from './matcher-command.js';
import { MEASUREMENT_SEEDS } from '../test/helpers/msp-data.js';

interface Row {
  set: string;
  mode: string;
  acc: Accuracy;
  compared: number;
  ms: number;
}

/** Duplicates within one set: the pairs inside the clusters found. */
function within(set: string, data: Labelled, options: MatchOptions = {}): Row {
  const t = performance.now();
  const r = findDuplicates(data.records, options);
  const ms = performance.now() - t;
  const same = (a: string, b: string): boolean => data.entity.get(a) === data.entity.get(b);
  return { set, mode: 'within', acc: accuracy(clusterPairs(r.clusters), same, truePairsWithin(data)), compared: r.stats.comparisons, ms };
}

/** Linking: each incoming record's best existing record, when it is a match. */
function link(set: string, a: Labelled, b: Labelled, options: MatchOptions = {}): Row {
  const t = performance.now();
  const r = linkRecords(a.records, b.records, options);
  const ms = performance.now() - t;
  const found: [string, string][] = r.links.flatMap((l) =>
    l.outcome === 'match' && l.best ? [[l.incoming, l.best.b] as [string, string]] : [],
  );
  const same = (x: string, y: string): boolean => a.entity.get(x) === b.entity.get(y);
  return {
    set,
    mode: 'link',
    acc: accuracy(found, same, truePairsAcross(a, b)),
    compared: r.stats.comparisons + r.stats.trainingComparisons,
    ms,
  };
}

const pad = (s: string | number, n: number): string => String(s).padStart(n);

function datasetTable(): void {
  const rows: Row[] = [
    link('FEBRL4a ↔ 4b', loadFebrl('febrl4a.csv', false), loadFebrl('febrl4b.csv', false), { entity: 'contacts' }),
    link('FEBRL4a ↔ 4b + dob, ssn', loadFebrl('febrl4a.csv', true), loadFebrl('febrl4b.csv', true), { entity: 'contacts' }),
    within('FEBRL3', loadFebrl('febrl3.csv', false), { entity: 'contacts' }),
    within('FEBRL3 + dob, ssn', loadFebrl('febrl3.csv', true), { entity: 'contacts' }),
    within('restaurants', loadRestaurants(), { entity: 'customers' }),
    link('company names a ↔ b', loadCompanyNames('a', false), loadCompanyNames('b', false), { entity: 'customers' }),
    link('company names a ↔ b + country', loadCompanyNames('a', true), loadCompanyNames('b', true), { entity: 'customers' }),
  ];
  console.log('\nLabelled data sets (pairwise; within = pairs inside clusters, link = best link scored match)');
  console.log(
    `${'data set'.padEnd(32)} ${'mode'.padEnd(6)} ${pad('precision', 9)} ${pad('recall', 7)} ${pad('F1', 7)} ${pad('found', 6)} ${pad('true', 6)} ${pad('compared', 9)} ${pad('ms', 7)}`,
  );
  for (const r of rows) {
    const { precision, recall, f1, found, truth } = r.acc;
    console.log(
      `${r.set.padEnd(32)} ${r.mode.padEnd(6)} ${pad(precision.toFixed(4), 9)} ${pad(recall.toFixed(4), 7)} ${pad(f1.toFixed(4), 7)} ${pad(found, 6)} ${pad(truth, 6)} ${pad(r.compared, 9)} ${pad(r.ms.toFixed(0), 7)}`,
    );
  }
}

/**
 * What `dedupe` writes, per set: pairwise P/R/F1 over input rows of the
 * decided clusters (review rows are maybes, not counted), beside the engine
 * alone (the labelled records clustered directly; MSP files with every row
 * kept apart by a unique company id, so only the matcher decides). MSP sets use the generator's measurement seeds, never tuned on.
 */
async function commandTable(): Promise<void> {
  const customers = Number(process.env.MATCHER_BENCH_MSP ?? 1300);
  const sets: CommandSet[] = [
    restaurantsSet(),
    febrlSet('febrl3.csv'),
    companyNamesSet(),
    ...MEASUREMENT_SEEDS.flatMap((seed) => [mspSet(seed, 'customers', customers), mspSet(seed, 'contacts', customers)]),
  ];
  console.log(
    `\nCommand level: the dedupe path (file → read, map, group → cluster → clusters.csv rows), pairwise over input rows; MSP: ${customers} true customers per seed`,
  );
  console.log(
    `${'data set'.padEnd(30)} ${pad('rows', 5)} ${pad('engine P', 8)} ${pad('R', 6)} ${pad('F1', 6)}   ${pad('dedupe P', 8)} ${pad('R', 6)} ${pad('F1', 6)} ${pad('found', 6)} ${pad('true', 6)} ${pad('review', 6)} ${pad('ms', 6)}`,
  );
  for (const set of sets) {
    // The engine alone: the labelled records clustered directly, or the file with every row kept apart.
    const e = set.labelled ? within(set.name, set.labelled, { entity: set.entity }).acc : (await runCommandSet(set, true)).acc;
    const command = await runCommandSet(set);
    const c = command.acc;
    console.log(
      `${set.name.padEnd(30)} ${pad(command.rows, 5)} ${pad(e.precision.toFixed(4), 8)} ${pad(e.recall.toFixed(4), 6)} ${pad(e.f1.toFixed(4), 6)}   ${pad(c.precision.toFixed(4), 8)} ${pad(c.recall.toFixed(4), 6)} ${pad(c.f1.toFixed(4), 6)} ${pad(c.found, 6)} ${pad(c.truth, 6)} ${pad(command.reviewRows, 6)} ${pad(command.ms.toFixed(0), 6)}`,
    );
  }
}

const scaleScript = join(dirname(fileURLToPath(import.meta.url)), 'matcher-scale.js');

/** Run one measurement in a child process with room for a large heap. */
function child(mode: string, n: number): Record<string, number> | string {
  const out = spawnSync(process.execPath, ['--max-old-space-size=16000', scaleScript, mode, String(n)], {
    encoding: 'utf8',
    timeout: 30 * 60_000,
    maxBuffer: 1 << 20,
  });
  if (out.status !== 0)
    return `failed (${out.signal ?? `exit ${out.status}`}): ${(out.stderr || '').trim().split('\n').slice(-3).join(' | ')}`;
  return JSON.parse(out.stdout.trim().split('\n').pop() ?? '{}') as Record<string, number>;
}

function scaleTable(): void {
  const sizes = (process.env.MATCHER_BENCH_SIZES ?? '10000,100000,1000000')
    .split(',')
    .map(Number)
    .filter((x) => x > 0);
  // One size again on one thread: the baseline the default (two threads on a 2-core machine) is measured against.
  const single = Number(process.env.MATCHER_BENCH_SINGLE ?? 100_000);
  console.log('\nGenerated contacts: n incoming linked to n existing (half the incoming copy an existing contact, with noise)');
  console.log(
    `${pad('n', 9)} ${pad('threads', 7)} ${pad('seconds', 8)} ${pad('µs/rec', 7)} ${pad('prep s', 7)} ${pad('train s', 7)} ${pad('score s', 7)} ${pad('peak RSS MB', 11)} ${pad('compared', 10)} ${pad('% of n²', 8)} ${pad('per rec', 7)} ${pad('precision', 9)} ${pad('recall', 7)} ${pad('F1', 7)}`,
  );
  const runs: [string, number][] = sizes.map((n) => ['link', n]);
  if (single > 0) runs.push(['link1', single]);
  const seconds = new Map<string, number>();
  for (const [mode, n] of runs) {
    const r = child(mode, n);
    if (typeof r === 'string') {
      console.log(`${pad(n, 9)} ${r}`);
      continue;
    }
    const num = (k: string): number => r[k] ?? Number.NaN;
    seconds.set(`${mode}:${n}`, num('ms') / 1000);
    console.log(
      `${pad(n, 9)} ${pad(num('threads'), 7)} ${pad((num('ms') / 1000).toFixed(1), 8)} ${pad(((num('ms') * 1000) / n).toFixed(0), 7)} ${pad((num('prepareMs') / 1000).toFixed(1), 7)} ${pad((num('trainMs') / 1000).toFixed(1), 7)} ${pad((num('scoreMs') / 1000).toFixed(1), 7)} ${pad(num('rssMB').toFixed(0), 11)} ${pad(num('comparisons'), 10)} ${pad((num('share') * 100).toFixed(4), 8)} ${pad((num('comparisons') / n).toFixed(1), 7)} ${pad(num('precision').toFixed(4), 9)} ${pad(num('recall').toFixed(4), 7)} ${pad(num('f1').toFixed(4), 7)}`,
    );
  }
  const one = seconds.get(`link1:${single}`);
  const two = seconds.get(`link:${single}`);
  if (one !== undefined && two !== undefined)
    console.log(
      `${single} × ${single}: default ${two.toFixed(1)} s vs one thread ${one.toFixed(1)} s (${(one / two).toFixed(2)}× faster); goal < 30 s`,
    );
  const subset = Number(process.env.MATCHER_BENCH_RECALL ?? 5000);
  if (subset <= 0) return;
  const r = child('recall', subset);
  console.log(`\nBlocking recall on ${subset} × ${subset} against all pairs, same scorer, same run`);
  if (typeof r === 'string') {
    console.log(r);
    return;
  }
  const num = (k: string): number => r[k] ?? Number.NaN;
  console.log(
    `  all pairs:  ${num('allComparisons')} compared in ${(num('allMs') / 1000).toFixed(1)} s, ${num('matchedAll')} pairs scored match`,
  );
  console.log(
    `  blocked:    ${num('blockedComparisons')} compared in ${(num('blockedMs') / 1000).toFixed(1)} s (${((100 * num('blockedComparisons')) / num('allComparisons')).toFixed(2)} % of pairs, ${(num('allMs') / num('blockedMs')).toFixed(0)}× faster)`,
  );
  console.log(
    `  blocking recall (match pairs kept): ${(num('blockingRecall') * 100).toFixed(2)} %; true pairs compared: ${(num('truePairsCompared') * 100).toFixed(2)} %`,
  );
}

export default async function run(): Promise<void> {
  datasetTable();
  await commandTable(); // what dedupe writes, beside the engine (issue 12)
  await printImportFolding(); // import's folding at the command level (issue 12)
  if (process.env.MATCHER_BENCH_SCALE !== '0') scaleTable();
}
