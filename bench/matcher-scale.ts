/**
 * One scale measurement of the matcher, run in its own process by
 * matcher.bench.ts (so each size gets a clean heap and its own peak RSS):
 *   node dist-bench/bench/matcher-scale.js link 100000
 *   node dist-bench/bench/matcher-scale.js link1 100000   (one thread: the baseline for two)
 *   node dist-bench/bench/matcher-scale.js recall 5000
 * Prints one JSON line.
 */
import { buildEngine } from '../src/match/engine.js';
import { linkRecords } from '../src/match/link.js';
import { generateContacts } from './contact-generator.js';

const [mode = 'link', sizeArg = '10000'] = process.argv.slice(2);
const n = Number(sizeArg);
const { existing, incoming, truth } = generateContacts(n, 42);

function linkRun(threads?: number): Record<string, number> {
  const t = performance.now();
  const { links, stats } = linkRecords(incoming, existing, { entity: 'contacts', ...(threads ? { threads } : {}) });
  const ms = performance.now() - t;
  let found = 0;
  let correct = 0;
  for (const l of links) {
    if (l.outcome !== 'match' || !l.best) continue;
    found++;
    if (truth.get(l.incoming) === l.best.b) correct++;
  }
  const precision = found ? correct / found : 0;
  const recall = correct / truth.size;
  return {
    n,
    ms,
    comparisons: stats.comparisons + stats.trainingComparisons,
    share: (stats.comparisons + stats.trainingComparisons) / (n * n),
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    prepareMs: stats.ms.prepare,
    trainMs: stats.ms.train,
    scoreMs: stats.ms.score,
    threads: stats.threads,
    rssMB: process.resourceUsage().maxRSS / 1024,
  };
}

/**
 * Blocking against the naive all-pairs baseline in the same run: the same
 * trained scorer judges every n × n pair; blocking recall is the share of
 * the pairs it calls a match that blocking compared (and so also found).
 */
function recallRun(): Record<string, number> {
  const t0 = performance.now();
  const engine = buildEngine(incoming, existing, { entity: 'contacts' });
  const key = (i: number, j: number): string => `${i}|${j}`;
  const blocked = new Set<string>();
  let trueCompared = 0;
  engine.scoreAll((i, j, score) => {
    if (truth.get(engine.left[i]?.key ?? '') === engine.right[j]?.key) trueCompared++;
    if (score >= engine.model.thresholds.match) blocked.add(key(i, j));
  });
  const blockedMs = performance.now() - t0;
  const t1 = performance.now();
  const levels = new Uint8Array(engine.fields.length);
  let matchedAll = 0;
  let kept = 0;
  for (let i = 0; i < engine.left.length; i++) {
    for (let j = 0; j < engine.right.length; j++) {
      const score = engine.scorePair(i, j, levels);
      if (score < engine.model.thresholds.match) continue;
      matchedAll++;
      if (blocked.has(key(i, j))) kept++;
    }
  }
  const allMs = performance.now() - t1;
  return {
    n,
    blockedMs,
    allMs,
    blockedComparisons: engine.stats.comparisons,
    allComparisons: engine.left.length * engine.right.length,
    matchedAll,
    blockingRecall: matchedAll ? kept / matchedAll : 1,
    truePairsCompared: trueCompared / truth.size,
    rssMB: process.resourceUsage().maxRSS / 1024,
  };
}

console.log(JSON.stringify(mode === 'recall' ? recallRun() : linkRun(mode === 'link1' ? 1 : undefined)));
