import { blockingKeys } from '../src/match/blocking.js';
import { prepareRecord } from '../src/match/prepare.js';
import { generateContacts } from './contact-generator.js';
const n = Number(process.argv[2] ?? 30000);
const g = generateContacts(n, 42);
const L = g.incoming.map((r) => prepareRecord(r, []));
const R = g.existing.map((r) => prepareRecord(r, []));
const tok = new Map<string, number>();
for (const r of [...L, ...R]) for (const t of new Set(r.companyTokens)) tok.set(t, (tok.get(t) ?? 0) + 1);
const ctx = { companyTokenCount: (t: string) => tok.get(t) ?? 1 };
const idx = new Map<string, number[]>();
R.forEach((r, j) => { for (const k of new Set(blockingKeys(r, ctx))) (idx.get(k) ?? idx.set(k, []).get(k)!).push(j); });
const fam = (k: string) => k.slice(0, k.indexOf(':'));
const stats = new Map<string, { keys: number; pairsCapped: number; pairsRaw: number; truthHit: number }>();
const keyR = new Map<string, string>(); g.existing.forEach((r, j) => keyR.set(r.key, String(j)));
let truthTotal = 0; const only = new Map<string, number>(); let none = 0;
L.forEach((r, i) => {
  const t = g.truth.get(r.key); const tj = t ? Number(keyR.get(t)) : -1; if (tj >= 0) truthTotal++;
  const hitFams = new Set<string>();
  for (const k of new Set(blockingKeys(r, ctx))) {
    if (tj >= 0 && (idx.get(k) ?? []).includes(tj) && ((idx.get(k) ?? []).length <= 20 || !['c','cd','ct','l','s'].includes(fam(k)))) hitFams.add(fam(k));
    const s = stats.get(fam(k)) ?? stats.set(fam(k), { keys: 0, pairsCapped: 0, pairsRaw: 0, truthHit: 0 }).get(fam(k))!;
    const b = idx.get(k) ?? [];
    s.keys++; s.pairsRaw += b.length; s.pairsCapped += Math.min(b.length, 20);
    if (tj >= 0 && b.includes(tj)) s.truthHit++;
  }
  if (tj >= 0 && hitFams.size === 0) none++;
  if (tj >= 0 && hitFams.size === 1) { const f = [...hitFams][0]!; only.set(f, (only.get(f) ?? 0) + 1); }
});
console.log('none', none, 'only', [...only].sort((a, b) => b[1] - a[1]));
console.log('n', n, 'truth', truthTotal);
for (const [f, s] of [...stats].sort((a, b) => b[1].pairsCapped - a[1].pairsCapped)) console.log(f.padEnd(4), 'keys/rec', (s.keys / n).toFixed(2), 'raw/rec', (s.pairsRaw / n).toFixed(1), 'capped/rec', (s.pairsCapped / n).toFixed(1), 'truthHit', (s.truthHit / truthTotal).toFixed(3));
