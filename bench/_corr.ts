import { buildEngine } from '../src/match/engine.js';
import { generateContacts } from './contact-generator.js';
const g = generateContacts(Number(process.env.N ?? 30000), 42);
const e = buildEngine(g.incoming, g.existing, {});
const model: any = e.model;
const corr: any = model.correlation;
console.log('random tabulated entries', corr.random.masks.length, 'randomTotal', corr.randomTotal, 'compared entries', corr.compared?.masks.length, 'totalPairs', corr.totalPairs, 'min', corr.minCompared);
const li = e.left.findIndex((r) => r.key === 'import.csv:16');
const rj = e.right.findIndex((r) => r.key === 'syncro:24199');
const lv = new Uint8Array(e.fields.length);
e.compare(li, rj, lv);
console.log('levels', e.fields.map((f, k) => `${f.name}:${lv[k]}`).join(' '));
const ctxMaskFn = (corr as any);
const ex = model.explain(e.left[li], e.right[rj], lv);
console.log(ex.correlation, ex.score);
// replicate observed
for (const [name, t] of [['random', corr.random], ['compared', corr.compared]] as const) {
  const rows = t.masks.map((m: number, k: number) => [m, t.patterns[k], t.weights[k]]).sort((a: any, b: any) => b[2] - a[2]).slice(0, 12);
  console.log(name, rows.map((r: any) => `${r[0].toString(2)}/${r[1].toString(2)}:${r[2].toFixed(1)}`).join('  '));
}
