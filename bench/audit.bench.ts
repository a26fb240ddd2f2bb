/**
 * The audit's API calls on a seeded sandbox of 5,000 customers and 15,000
 * contacts (2% duplicated customers, some duplicated contacts), against the
 * minimum needed: the snapshot pages plus, for clustered customers only,
 * their tickets/assets/invoices lists (tickets only where contacts merge).
 * Also the time those calls take at Syncro's 180/min, and the matcher's time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAudit } from '../src/run/audit.js';
import { seedStore } from '../src/sandbox/seed.js';
import type { SandboxSeed } from '../src/sandbox/types.js';
import { startSandbox } from '../src/sandbox/server.js';
import { SyncroClient } from '../src/syncro/client.js';
import { createLimiter } from '../src/syncro/limiter.js';
import { PeakRss, mb, printTable } from './util.js';

const CUSTOMERS = Number(process.env.BENCH_AUDIT_CUSTOMERS ?? 5000);
const DUP_SHARE = 0.02;
const KEY = 'bench-key';

const STREETS = ['Main St', 'Oak Ave', 'Pine Rd', 'Maple Dr', 'Cedar Ln', 'Elm St', 'Harbor Way', 'Lake Blvd'];
const WORDS = [
  'Harbor',
  'Summit',
  'Pioneer',
  'Cascade',
  'Granite',
  'Willow',
  'Beacon',
  'Meridian',
  'Atlas',
  'Juniper',
  'Orchard',
  'Falcon',
  'Copper',
  'Redwood',
  'Silver',
  'Aspen',
];
const TRADES = [
  'Dental',
  'Law',
  'Plumbing',
  'Realty',
  'Accounting',
  'Clinic',
  'Logistics',
  'Bakery',
  'Architects',
  'Veterinary',
  'Insurance',
  'Roofing',
];
const FIRST = [
  'Ann',
  'Bob',
  'Carla',
  'Dev',
  'Elena',
  'Frank',
  'Grace',
  'Hugo',
  'Ines',
  'Jon',
  'Kara',
  'Liam',
  'Mona',
  'Nils',
  'Olga',
  'Paul',
  'Quinn',
  'Rosa',
  'Sam',
  'Tara',
];
const LAST = [
  'Smith',
  'Garcia',
  'Chen',
  'Okafor',
  'Novak',
  'Patel',
  'Kim',
  'Rossi',
  'Silva',
  'Meyer',
  'Khan',
  'Lopez',
  'Nguyen',
  'Brown',
  'Ivanova',
  'Haddad',
];

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seed(): { seed: SandboxSeed; dupCustomers: number } {
  const r = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const customers: NonNullable<SandboxSeed['customers']> = [];
  const dupCustomers = Math.round(CUSTOMERS * DUP_SHARE);
  const base = CUSTOMERS - dupCustomers;
  for (let i = 0; i < base; i++) {
    const name = `${pick(WORDS)} ${pick(WORDS)} ${pick(TRADES)} ${i}`;
    const domain = `c${i}.example`;
    customers.push({
      business_name: name,
      email: `office@${domain}`,
      phone: `(${200 + (i % 700)}) 555-${String(i % 10000).padStart(4, '0')}`,
      address: `${1 + (i % 900)} ${pick(STREETS)}`,
      city: 'Springfield',
      state: 'IL',
      zip: String(60000 + (i % 999)),
      contacts: [0, 1, 2].map((j) => {
        const first = pick(FIRST);
        const last = pick(LAST);
        return {
          name: `${first} ${last}`,
          email: `${first.toLowerCase()}.${last.toLowerCase()}${j}@${domain}`,
          phone: `555-${String((i * 3 + j) % 10000).padStart(4, '0')}`,
        };
      }),
    });
  }
  for (let d = 0; d < dupCustomers; d++) {
    const orig = customers[Math.floor(r() * base)]!;
    customers.push({
      business_name: `${orig.business_name} LLC`,
      email: String(orig.email).replace('office@', 'billing@'),
      phone: String(orig.phone).replace(/[()]/g, '').replace(' ', '-'),
      address: orig.address,
      city: orig.city,
      state: orig.state,
      zip: orig.zip,
      contacts: [0, 1, 2].map((j) => ({ name: `${pick(FIRST)} ${pick(LAST)}`, email: `x${d}.${j}@${String(orig.email).split('@')[1]}` })),
    });
  }
  return { seed: { customers }, dupCustomers };
}

export default async function run(): Promise<void> {
  const sb = await startSandbox({ apiKey: KEY, rateLimit: 0 });
  const { seed: data, dupCustomers } = seed();
  seedStore(sb.store, data);
  const limiter = createLimiter({ perMinute: 1_000_000 });
  const client = new SyncroClient({ baseUrl: sb.url, apiKey: KEY, limiter });
  const peak = new PeakRss();
  const started = Date.now();
  let matchMs = 0;
  let matchStart = 0;
  const done = await runAudit({
    client,
    target: { baseUrl: sb.url, sandbox: false },
    rateLimit: 180,
    cwd: mkdtempSync(join(tmpdir(), 'syncro-etl-audit-bench-')),
    events: (e) => {
      if (e.type === 'stage' && e.stage === 'match') {
        if (e.status === 'start') matchStart = Date.now();
        else matchMs = Date.now() - matchStart;
      }
    },
  });
  const seconds = (Date.now() - started) / 1000;
  const customers = data.customers!.length;
  const contacts = data.customers!.reduce((n, c) => n + (c.contacts?.length ?? 0), 0);
  const merges = done.plan.operations.filter((o) => o.kind === 'merge-customers');
  const contactMerges = done.plan.operations.filter((o) => o.kind === 'merge-contacts');
  const clustered = merges.reduce((n, o) => n + (o.kind === 'merge-customers' ? o.members.length : 0), 0);
  const minimum =
    Math.ceil(customers / 100) +
    Math.ceil(contacts / 50) +
    clustered * 3 +
    new Set(contactMerges.map((o) => (o.kind === 'merge-contacts' ? o.customerId : 0))).size;
  printTable([
    {
      customers,
      contacts,
      'seeded dup customers': dupCustomers,
      'customer clusters': done.clusters.customers,
      'contact clusters': done.clusters.contacts,
      'API calls': done.requests,
      minimum,
      'calls/minimum': (done.requests / minimum).toFixed(3),
      'time at 180/min': `${((done.requests * 60) / 180 / 60).toFixed(1)} min`,
      'matcher s': (matchMs / 1000).toFixed(1),
      'total s (sandbox, no limit)': seconds.toFixed(1),
      'peak RSS': mb(peak.stop()),
    },
  ]);
  await limiter.close();
  await sb.close();
}
