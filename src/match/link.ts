/**
 * Linking incoming records to existing ones (an import against the Syncro
 * snapshot): for each incoming record, the single best existing record and
 * the runner-up; a runner-up close behind makes the link ambiguous.
 */
import { scoredPair } from './duplicates.js';
import { buildEngine } from './engine.js';
import type { Link, LinkResult, MatchOptions, MatchRecord } from './types.js';

/**
 * Link each incoming record to its best existing record.
 * @example const { links } = linkRecords(fileContacts, syncroContacts); links.filter((l) => l.outcome === 'match' && !l.ambiguous)
 */
export function linkRecords(incoming: readonly MatchRecord[], existing: readonly MatchRecord[], options: MatchOptions = {}): LinkResult {
  const engine = buildEngine(incoming, existing, options);
  const { model, stats } = engine;
  const n = incoming.length;
  const bestJ = new Int32Array(n).fill(-1);
  const bestS = new Float64Array(n).fill(-Infinity);
  const secondJ = new Int32Array(n).fill(-1);
  const secondS = new Float64Array(n).fill(-Infinity);
  engine.scoreAll((i, j, score) => {
    if (score > (bestS[i] as number) || (score === bestS[i] && j < (bestJ[i] as number))) {
      secondJ[i] = bestJ[i] as number;
      secondS[i] = bestS[i] as number;
      bestJ[i] = j;
      bestS[i] = score;
    } else if (score > (secondS[i] as number)) {
      secondJ[i] = j;
      secondS[i] = score;
    }
  });
  const t = performance.now();
  const margin = options.ambiguityMargin ?? 2;
  const levels = new Uint8Array(engine.fields.length);
  const pairOf = (i: number, j: number) => {
    engine.compare(i, j, levels);
    return scoredPair(engine, i, j, levels);
  };
  const links: Link[] = [];
  for (let i = 0; i < n; i++) {
    const key = engine.left[i]?.key ?? '';
    const bj = bestJ[i] as number;
    const bs = bestS[i] as number;
    if (bj < 0 || bs < model.thresholds.review) {
      links.push({ incoming: key, outcome: 'none', ambiguous: false });
      continue;
    }
    const link: Link = { incoming: key, best: pairOf(i, bj), outcome: model.outcome(bs), ambiguous: false };
    const sj = secondJ[i] as number;
    const ss = secondS[i] as number;
    if (sj >= 0 && ss >= model.thresholds.review) {
      link.runnerUp = pairOf(i, sj);
      link.ambiguous = bs - ss <= margin;
    }
    links.push(link);
  }
  stats.ms.cluster = performance.now() - t;
  stats.ms.total = stats.ms.prepare + stats.ms.train + stats.ms.score + stats.ms.cluster;
  return { links, model: model.params, stats };
}
