import { buildEngine } from '../src/match/engine.js';
import { explanationText } from '../src/match/scoring.js';
import { scoredPair } from '../src/match/duplicates.js';
import { loadCompanyNames, loadFebrl, loadRestaurants } from './matcher-data.js';
import type { Labelled } from './matcher-data.js';
import { generateContacts } from './contact-generator.js';
import type { MatchOptions } from '../src/match/types.js';
const opts: MatchOptions = JSON.parse(process.env.OPTS ?? '{}');
const [which, nShow] = process.argv.slice(2);
const show = Number(nShow ?? 10);
let a: Labelled, b: Labelled | undefined;
if (which === 'f4') { a = loadFebrl('febrl4a.csv', false); b = loadFebrl('febrl4b.csv', false); }
else if (which === 'f3') { a = loadFebrl('febrl3.csv', false); }
else if (which === 'rest') { a = loadRestaurants(); }
else if (which === 'gen') {
  const g = generateContacts(Number(process.env.N ?? 5000), 42);
  const ea = new Map<string, string>(), eb = new Map<string, string>();
  g.existing.forEach((r) => eb.set(r.key, r.key));
  g.incoming.forEach((r) => ea.set(r.key, g.truth.get(r.key) ?? r.key));
  a = { records: g.incoming, entity: ea }; b = { records: g.existing, entity: eb };
}
else { a = loadCompanyNames('a', process.env.NOCOUNTRY ? false : true); b = loadCompanyNames('b', process.env.NOCOUNTRY ? false : true); }
const e = buildEngine(a.records, b?.records, opts);
const ent = (s: Labelled, k: string) => s.entity.get(k);
const compared = new Map<string, { score: number; i: number; j: number; lv: Uint8Array }>();
e.scoreAll((i, j, score, lv) => { compared.set(`${i}|${j}`, { score, i, j, lv: lv.slice() }); });
const right = b ?? a;
// true pairs
const byEnt = new Map<string, number[]>();
e.right.forEach((r, j) => { const k = ent(right, r.key)!; (byEnt.get(k) ?? byEnt.set(k, []).get(k)!).push(j); });
let truth = 0, missedBlock = 0; const low: any[] = []; const fp: any[] = [];
e.left.forEach((r, i) => {
  for (const j of byEnt.get(ent(a, r.key)!) ?? []) {
    if (!b && j <= i) continue;
    truth++;
    const c = compared.get(`${i}|${j}`);
    if (!c) { missedBlock++; if (missedBlock <= show) console.log('MISSED', JSON.stringify(a.records[i]), '\n      ', JSON.stringify(right.records[j])); continue; }
    if (c.score < e.model.thresholds.match) low.push(c);
  }
});
for (const c of compared.values()) if (c.score >= e.model.thresholds.match && ent(a, e.left[c.i]!.key) !== ent(right, e.right[c.j]!.key)) fp.push(c);
console.log('truth', truth, 'blockingMissed', missedBlock, 'compared', compared.size, 'lowScoreTrue', low.length, 'falsePos', fp.length);
const pr = (c: any, tag: string) => { const p = scoredPair(e, c.i, c.j, c.lv); console.log(tag, JSON.stringify(a.records[c.i]), '\n    ', JSON.stringify(right.records[c.j]), '\n    ', explanationText(p.explanation)); };
low.sort((x, y) => y.score - x.score).slice(0, show).forEach((c) => pr(c, 'LOW'));
fp.sort((x, y) => y.score - x.score).slice(0, show).forEach((c) => pr(c, 'FP'));
if (process.env.MODEL) for (const [f, p] of Object.entries(e.model.params.fields)) console.log(f, p.levels.map((l, k) => `${l}:m=${p.m[k]!.toFixed(3)},u=${p.u[k]!.toExponential(1)},w=${Math.log2(p.m[k]!/p.u[k]!).toFixed(1)}`).join(' '));
console.log('prior', e.model.prior);
if (process.env.BEST && b) {
  const best = new Map<number, { j: number; s: number }>();
  for (const c of compared.values()) { const cur = best.get(c.i); if (!cur || c.score > cur.s) best.set(c.i, { j: c.j, s: c.score }); }
  let wrong = 0, shown = 0; const kinds = new Map<string, number>();
  for (const [i, bj] of best) {
    if (bj.s < e.model.thresholds.match) continue;
    const ok = ent(a, e.left[i]!.key) === ent(b, e.right[bj.j]!.key);
    if (ok) continue;
    wrong++;
    const truthJ = (byEnt.get(ent(a, e.left[i]!.key)!) ?? [])[0];
    const kind = truthJ === undefined ? 'new-person' : compared.has(`${i}|${truthJ}`) ? 'true-lower' : 'true-not-compared';
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    if (shown++ < Number(process.env.BEST)) { pr(compared.get(`${i}|${bj.j}`), 'WRONGBEST ' + kind); if (truthJ !== undefined && compared.has(`${i}|${truthJ}`)) pr(compared.get(`${i}|${truthJ}`), '   TRUE'); }
  }
  console.log('wrong best', wrong, kinds);
}
