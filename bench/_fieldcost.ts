import { buildFields } from '../src/match/fields.js';
import { prepareRecord } from '../src/match/prepare.js';
import { generateContacts } from './contact-generator.js';
const g = generateContacts(10000, 42);
const L = g.incoming.map((r) => prepareRecord(r, []));
const R = g.existing.map((r) => prepareRecord(r, []));
const fields = buildFields([], { companyTokenWeight: () => 1 });
// pairs: same company colleagues (realistic candidates)
const byCo = new Map<string, number[]>();
R.forEach((r, j) => { (byCo.get(r.company) ?? byCo.set(r.company, []).get(r.company)!).push(j); });
const pairs: [number, number][] = [];
L.forEach((r, i) => { for (const j of (byCo.get(r.company) ?? []).slice(0, 40)) pairs.push([i, j]); });
console.log('pairs', pairs.length);
for (const f of fields) {
  const t = performance.now(); let x = 0;
  for (const [i, j] of pairs) x += f.compare(L[i]!, R[j]!);
  console.log(f.name.padEnd(10), ((performance.now() - t) * 1000 / pairs.length).toFixed(3), 'us/pair', x);
}
