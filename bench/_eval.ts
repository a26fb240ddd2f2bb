import { findDuplicates, linkRecords } from '../src/match/index.js';
import { accuracy, clusterPairs, loadCompanyNames, loadFebrl, loadRestaurants, truePairsAcross, truePairsWithin } from './matcher-data.js';
import type { Labelled } from './matcher-data.js';
import type { MatchOptions } from '../src/match/types.js';

const opts: MatchOptions = JSON.parse(process.env.OPTS ?? '{}');
function within(name: string, set: Labelled) {
  const t = performance.now();
  const r = findDuplicates(set.records, opts);
  const ms = performance.now() - t;
  const same = (a: string, b: string) => set.entity.get(a) === set.entity.get(b);
  const truth = truePairsWithin(set);
  const acc = accuracy(clusterPairs(r.clusters), same, truth);
  const accPairs = accuracy(r.pairs.filter((p) => p.outcome === 'match').map((p) => [p.a, p.b] as [string, string]), same, truth);
  // blocking recall: true pairs among compared? approximate via review pairs
  console.log('  sweep pairs', sweep(r.pairs.map((p) => ({ score: p.score, ok: same(p.a, p.b) })), truth));
  console.log(name, 'clusters', fmt(acc), 'pairs', fmt(accPairs), 'cmp', r.stats.comparisons, 'ms', ms.toFixed(0), 'em', r.stats.emIterations, 'lambda', r.model.lambda.toExponential(2));
  return r;
}
function link(name: string, a: Labelled, b: Labelled) {
  const t = performance.now();
  const r = linkRecords(a.records, b.records, opts);
  const ms = performance.now() - t;
  const same = (x: string, y: string) => a.entity.get(x) === b.entity.get(y);
  const truth = truePairsAcross(a, b);
  const m = r.links.filter((l) => l.outcome === 'match' && l.best).map((l) => [l.incoming, l.best!.b] as [string, string]);
  const m2 = r.links.filter((l) => l.outcome === 'match' && l.best && !l.ambiguous).map((l) => [l.incoming, l.best!.b] as [string, string]);
  const anyb = r.links.filter((l) => l.best).map((l) => [l.incoming, l.best!.b] as [string, string]);
  console.log('  sweep best', sweep(r.links.filter((l) => l.best).map((l) => ({ score: l.best!.score, ok: same(l.incoming, l.best!.b) })), truth));
  console.log(name, 'match', fmt(accuracy(m, same, truth)), 'unamb', fmt(accuracy(m2, same, truth)), 'best>=review', fmt(accuracy(anyb, same, truth)), 'cmp', r.stats.comparisons, 'ms', ms.toFixed(0), 'amb', r.links.filter(l=>l.ambiguous).length, 'lambda', r.model.lambda.toExponential(2));
  return r;
}
function fmt(a: { precision: number; recall: number; f1: number; found: number }) {
  return `P=${a.precision.toFixed(4)} R=${a.recall.toFixed(4)} F1=${a.f1.toFixed(4)} n=${a.found}`;
}
const which = process.argv.slice(2);
const want = (s: string) => which.length === 0 || which.includes(s);
if (want('f4')) { link('febrl4', loadFebrl('febrl4a.csv', false), loadFebrl('febrl4b.csv', false)); }
if (want('f4x')) { const r = link('febrl4+ids', loadFebrl('febrl4a.csv', true), loadFebrl('febrl4b.csv', true)); if (process.env.MODEL) console.log(JSON.stringify(r.model, null, 1)); }
if (want('f3')) within('febrl3', loadFebrl('febrl3.csv', false));
if (want('f3x')) within('febrl3+ids', loadFebrl('febrl3.csv', true));
if (want('f1')) within('febrl1', loadFebrl('febrl1.csv', false));
if (want('rest')) { const r = within('restaurants', loadRestaurants()); if (process.env.MODEL) console.log(JSON.stringify(r.model, null, 1)); }
if (want('co')) { const r = link('companies', loadCompanyNames('a', true), loadCompanyNames('b', true)); if (process.env.MODEL) console.log(JSON.stringify(r.model, null, 1)); }
if (want('co0')) link('companies-nocountry', loadCompanyNames('a', false), loadCompanyNames('b', false));
export function sweep(scores: { score: number; ok: boolean }[], truth: number) {
  const out: string[] = [];
  for (const t of [-6, -4, -3, -2, -1, 0, 1, 2, 4]) {
    const sel = scores.filter((s) => s.score >= t);
    const c = sel.filter((s) => s.ok).length;
    const p = c / sel.length, r = c / truth;
    out.push(`${t}:${((2 * p * r) / (p + r)).toFixed(4)}`);
  }
  return out.join(' ');
}
