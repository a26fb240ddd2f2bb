/**
 * Export bench: a sandbox (rate limit off) seeded with 10k customers and 30k
 * contacts, exported with `all` to XLSX and to CSV. Each export runs in a
 * child process so its peak RSS is its own (the sandbox stays in this one);
 * an idle child that loads the same modules is the baseline. Asserts the row
 * counts and that the API calls are the minimum, so no run wins by dropping
 * rows or pages.
 *   npx tsc -p tsconfig.bench.json && node --expose-gc dist-bench/bench/run.js export
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SandboxSeed } from '../src/sandbox/types.js';

const CUSTOMERS = Number(process.env.EXPORT_BENCH_CUSTOMERS ?? 10_000);
const CONTACTS = Number(process.env.EXPORT_BENCH_CONTACTS ?? 30_000);
const KEY = 'bench-key';

interface ChildReport {
  ms: number;
  /** Reading Syncro (sandbox answering included) and writing the files. */
  readMs: number;
  writeMs: number;
  peakRssMb: number;
  sampledPeakRssMb: number;
  rows?: { customers: number; contacts: number };
  requests?: number;
  files?: string[];
}

/** A deterministic tenant with the awkward values real exports hold. */
function tenant(customers: number, contacts: number): SandboxSeed {
  const list = Array.from({ length: customers }, (_, i) => ({
    business_name: i % 7 === 0 ? undefined : `Company ${i}, ${['Ltd', 'LLC', 'Inc'][i % 3]}`,
    firstname: `First${i}`,
    lastname: `Last${i}`,
    email: `owner${i}@company${i}.example`,
    phone: `+1 555 ${String(i % 10_000).padStart(4, '0')}`,
    mobile: `(503) 555-${String((i * 7) % 10_000).padStart(4, '0')}`,
    address: `${i} Main St`,
    city: ['Boston', 'Portland', '=cmd|calc', 'Austin'][i % 4],
    state: 'MA',
    zip: String(i % 100_000).padStart(5, '0'),
    notes: i % 5 === 0 ? `Line one, "quoted"\nline two for ${i}` : '',
    get_sms: i % 2 === 0,
    disabled: false,
    properties:
      i % 3 === 0 ? { Contract: ['Gold', 'Silver'][i % 2]!, 'Customer Type': 'Business' } : i % 3 === 1 ? { Tier: String(i % 4) } : {},
    contacts: [] as Array<Record<string, unknown>>,
  }));
  for (let k = 0; k < contacts; k++) {
    list[k % customers]!.contacts.push({
      name: `Person ${k}`,
      title: k % 4 === 0 ? 'Office Manager' : undefined,
      email: `p${k}@company${k % customers}.example`,
      phone: k % 3 === 0 ? `+44 20 7946 ${String(k % 10_000).padStart(4, '0')}` : `555-${String(k % 10_000).padStart(4, '0')}`,
      zip: '02134',
    });
  }
  return { customers: list as SandboxSeed['customers'] };
}

/** Runs this file as a child: `--child <url> <out|idle>`; prints one JSON line. */
function runChild(url: string, out: string): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', url, out], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(text.trim().split('\n').pop()!) as ChildReport)
        : reject(new Error(`export child exited ${code}: ${text}`)),
    );
  });
}

async function child(url: string, out: string): Promise<void> {
  const [{ exportAll }, { SyncroClient }, { createLimiter }] = await Promise.all([
    import('../src/export/export.js'),
    import('../src/syncro/client.js'),
    import('../src/syncro/limiter.js'),
  ]);
  let sampled = process.memoryUsage().rss;
  const timer = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 20);
  const limiter = createLimiter({ perMinute: 6_000_000, maxConcurrent: 1 });
  const client = new SyncroClient({ baseUrl: url, apiKey: KEY, limiter });
  const started = performance.now();
  const report: ChildReport = { ms: 0, readMs: 0, writeMs: 0, peakRssMb: 0, sampledPeakRssMb: 0 };
  if (out !== 'idle') {
    let writeStart = 0;
    const r = await exportAll(client, {
      out,
      onEvent: (e) => {
        if (e.type === 'stage' && e.stage === 'export write' && e.status === 'start') writeStart = performance.now();
      },
    });
    report.readMs = writeStart - started;
    report.writeMs = performance.now() - writeStart;
    Object.assign(report, { rows: r.rows, requests: r.requests, files: r.files });
  }
  report.ms = performance.now() - started;
  clearInterval(timer);
  await limiter.close();
  report.peakRssMb = process.resourceUsage().maxRSS / 1024;
  report.sampledPeakRssMb = Math.max(sampled, process.memoryUsage().rss) / 1024 / 1024;
  console.log(JSON.stringify(report));
}

export default async function run(): Promise<void> {
  const [{ startSandbox }, { seedStore }] = await Promise.all([import('../src/sandbox/server.js'), import('../src/sandbox/seed.js')]);
  const sb = await startSandbox({ apiKey: KEY, rateLimit: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'syncro-etl-export-bench-'));
  try {
    const seedStart = performance.now();
    seedStore(sb.store, tenant(CUSTOMERS, CONTACTS));
    console.log(
      `seeded ${CUSTOMERS} customers and ${CONTACTS} contacts in ${((performance.now() - seedStart) / 1000).toFixed(1)} s (sandbox in this process, rate limit off; each export in a child process)`,
    );
    const minimum = Math.ceil(CUSTOMERS / 100) + Math.ceil(CONTACTS / 50);
    const idle = await runChild(sb.url, 'idle');
    const rows: string[][] = [
      ['run', 'API calls', 'minimum', 'time s', 'read s', 'write s', 'rows/s', 'write rows/s', 'peak RSS MB', 'above idle MB', 'output MB'],
    ];
    rows.push(['idle child (baseline)', '0', '-', '-', '-', '-', '-', '-', idle.peakRssMb.toFixed(0), '0', '-']);
    for (const format of ['xlsx', 'csv'] as const) {
      const before = sb.stats().total;
      const r = await runChild(sb.url, join(dir, `export.${format}`));
      const calls = sb.stats().total - before;
      if (r.rows?.customers !== CUSTOMERS || r.rows.contacts !== CONTACTS)
        throw new Error(`${format}: exported ${JSON.stringify(r.rows)}, expected ${CUSTOMERS}/${CONTACTS}`);
      if (calls !== minimum || r.requests !== minimum)
        throw new Error(`${format}: ${calls} API calls (client counted ${r.requests}), minimum ${minimum}`);
      const bytes = (r.files ?? []).reduce((n, f) => n + statSync(f).size, 0);
      const total = CUSTOMERS + CONTACTS;
      rows.push([
        `export all → ${format}`,
        String(calls),
        String(minimum),
        (r.ms / 1000).toFixed(2),
        (r.readMs / 1000).toFixed(2),
        (r.writeMs / 1000).toFixed(2),
        Math.round(total / (r.ms / 1000)).toLocaleString('en-US'),
        Math.round(total / (r.writeMs / 1000)).toLocaleString('en-US'),
        `${r.peakRssMb.toFixed(0)} (sampled ${r.sampledPeakRssMb.toFixed(0)})`,
        (r.peakRssMb - idle.peakRssMb).toFixed(0),
        (bytes / 1024 / 1024).toFixed(1),
      ]);
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  } finally {
    await sb.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child' && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await child(process.argv[3]!, process.argv[4]!);
}
