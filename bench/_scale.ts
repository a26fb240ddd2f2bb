import { linkRecords } from '../src/match/index.js';
import { generateContacts } from './contact-generator.js';
const n = Number(process.argv[2] ?? 10000);
const t0 = performance.now();
const g = generateContacts(n, 42);
const tg = performance.now() - t0;
console.log('gen', tg.toFixed(0), 'ms', g.incoming.slice(0, 3), g.existing.slice(0,2));
const cpu0 = process.cpuUsage();
const t = performance.now();
const r = linkRecords(g.incoming, g.existing, JSON.parse(process.env.OPTS ?? '{}'));
const ms = performance.now() - t;
const cpu = process.cpuUsage(cpu0); console.log('cpu ms', ((cpu.user + cpu.system) / 1000).toFixed(0));
let found = 0, correct = 0;
for (const l of r.links) if (l.outcome === 'match' && l.best) { found++; if (g.truth.get(l.incoming) === l.best.b) correct++; }
const P = correct / found, R = correct / g.truth.size;
console.log({ n, ms: ms.toFixed(0), stats: r.stats, P, R, F1: 2 * P * R / (P + R), rssMB: process.resourceUsage().maxRSS / 1024, share: r.stats.comparisons / (n * n) });
