/**
 * One scale measurement of the matcher, run in its own process by
 * matcher.bench.ts (so each size gets a clean heap and its own peak RSS):
 *   node dist-bench/bench/matcher-scale.js link 100000
 *   node dist-bench/bench/matcher-scale.js recall 5000
 * Prints one JSON line.
 */
import { buildEngine } from '../src/match/engine.js';
import { linkRecords } from '../src/match/link.js';
import type { MatchOptions } from '../src/match/types.js';
import { generateContacts } from './contact-generator.js';

const [mode = 'link', sizeArg = '10000'] = process.argv.slice(2);
const n = Number(sizeArg);
const { existing, incoming, truth } = generateContacts(n, 42);

function linkRun(): Record<string, number> {
  const t = performance.now();
  const { links, stats } = linkRecords(incoming, existing, { entity: 'contacts' });
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
    rssMB: process.resourceUsage().maxRSS / 1024,
  };
}

/** Pairs at or above the match threshold, and true pairs compared, under blocking or all pairs. */
function pairsOf(options: MatchOptions): { matched: Set<string>; trueCompared: number; comparisons: number; ms: number; model: MatchOptions['model'] } {
  const t = performance.now();
  const engine = buildEngine(incoming, existing, options);
  const matched = new Set<string>();
  let trueCompared = 0;
  engine.scoreAll((i, j, score) => {
    const a = engine.left[i]?.key ?? '';
    const b = engine.right[j]?.key ?? '';
    if (truth.get(a) === b) trueCompared++;
    if (score >= engine.model.thresholds.match) matched.add(`${a}|${b}`);
  });
  return { matched, trueCompared, comparisons: engine.stats.comparisons, ms: performance.now() - t, model: engine.model.params };
}

/** Blocking against the naive all-pairs baseline, with the blocked run's model for both. */
function recallRun(): Record<string, number> {
  const blocked = pairsOf({ entity: 'contacts' });
  const all = pairsOf({ entity: 'contacts', model: blocked.model, blocking: { enabled: false }, trainingRecords: 1000 });
  let kept = 0;
  for (const p of all.matched) if (blocked.matched.has(p)) kept++;
  return {
    n,
    blockedMs: blocked.ms,
    allMs: all.ms,
    blockedComparisons: blocked.comparisons,
    allComparisons: all.comparisons,
    matchedAll: all.matched.size,
    matchedBlocked: blocked.matched.size,
    blockingRecall: all.matched.size ? kept / all.matched.size : 1,
    truePairsCompared: blocked.trueCompared / truth.size,
    rssMB: process.resourceUsage().maxRSS / 1024,
  };
}

console.log(JSON.stringify(mode === 'recall' ? recallRun() : linkRun()));
