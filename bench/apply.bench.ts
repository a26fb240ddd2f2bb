/**
 * apply at the rate limit: achieved rate / configured limit (goal ≥ 0.95 with
 * zero 429s when alone), API calls per planned write including the stale
 * check (goal ≤ 1.01), and the same under faults (10% 5xx, 5% lost answers).
 * The sandbox enforces the same limit over its sliding minute, and the run
 * lasts past one full minute, so bursts would show as 429s.
 * A third run switches every sandbox variant on (issue 13: filters ignored,
 * flat singles, digit-only phones, background touches, vendor contacts…):
 * the calls the client spends verifying answers and reading the safe way;
 * a fourth adds the faults to it (recovery look-ups on an ignored filter).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPlan } from '../src/apply/executor.js';
import type { CustomerRecord } from '../src/model/records.js';
import { assembleImportPlan } from '../src/plan/assemble.js';
import { DEFAULT_PLAN_OPTIONS } from '../src/plan/options.js';
import { seedStore } from '../src/sandbox/seed.js';
import { startSandbox } from '../src/sandbox/server.js';
import { ALL_VARIANTS } from '../src/sandbox/variants.js';
import type { SandboxVariants } from '../src/sandbox/variants.js';
import { SyncroClient } from '../src/syncro/client.js';
import { createLimiter } from '../src/syncro/limiter.js';
import { takeSnapshot } from '../src/syncro/snapshot.js';
import { printTable } from './util.js';

const KEY = 'bench-key';
const LIMIT = Number(process.env.BENCH_APPLY_LIMIT ?? 1200);
const UPDATES = Number(process.env.BENCH_APPLY_UPDATES ?? 900);
const CREATES = Number(process.env.BENCH_APPLY_CREATES ?? 400);

function records(): CustomerRecord[] {
  const out: CustomerRecord[] = [];
  let row = 1;
  for (let i = 0; i < UPDATES; i++)
    out.push({ sources: [{ file: 'bench.csv', row: ++row }], customer: { email: `e${i}@existing.example`, city: 'Denver' }, contacts: [] });
  for (let i = 0; i < CREATES; i++)
    out.push({
      sources: [{ file: 'bench.csv', row: ++row }],
      customer: { business_name: `New ${i}`, email: `n${i}@new.example` },
      contacts: [],
    });
  return out;
}

export default async function run(): Promise<void> {
  const rows: Array<Record<string, string | number>> = [];
  const runs: Array<{ name: string; variants?: SandboxVariants; rate5xx?: number; rateLostWrite?: number; seed?: number }> = [
    { name: 'no faults' },
    { name: '10% 5xx, 5% lost answers', rate5xx: 0.1, rateLostWrite: 0.05, seed: 5 },
    { name: 'every variant on', variants: ALL_VARIANTS },
    // Lost answers where the email filter is ignored: each look-up for a lost create reads the customer list (bounded).
    { name: 'every variant + 10% 5xx, 5% lost', variants: ALL_VARIANTS, rate5xx: 0.1, rateLostWrite: 0.05, seed: 5 },
  ];
  const failures: string[] = [];
  const only = process.env.BENCH_APPLY_ONLY; // a part of a run's name: run just those
  for (const faults of runs.filter((r) => !only || r.name.includes(only))) {
    const sb = await startSandbox({
      apiKey: KEY,
      rateLimit: LIMIT,
      retryAfter: true,
      ...(faults.variants ? { variants: faults.variants } : {}),
    });
    seedStore(sb.store, {
      customers: Array.from({ length: UPDATES }, (_, i) => ({
        business_name: `Existing ${i}`,
        email: `e${i}@existing.example`,
        city: 'Austin',
      })),
    });
    const limiter = createLimiter({ perMinute: LIMIT });
    const client = new SyncroClient({ baseUrl: sb.url, apiKey: KEY, limiter });
    const snapshot = await takeSnapshot(client);
    const plan = assembleImportPlan({
      records: records(),
      issues: [],
      snapshot,
      inputs: [],
      target: { baseUrl: sb.url, sandbox: false },
      options: { ...DEFAULT_PLAN_OPTIONS, rateLimit: LIMIT },
    });
    const runDir = mkdtempSync(join(tmpdir(), 'syncro-etl-bench-'));
    const { name, variants: _variants, ...settings } = faults;
    sb.setFaults(settings);
    const before = sb.stats();
    const started = Date.now();
    const { summary, results } = await applyPlan({ plan, runDir, client });
    for (const r of results) if (r.outcome === 'failed') failures.push(`${faults.name}: ${r.label}: ${r.message ?? ''}`);
    const seconds = (Date.now() - started) / 1000;
    const after = sb.stats();
    const requests = after.total - before.total;
    const served = requests - (after.rateLimited - before.rateLimited);
    rows.push({
      run: name,
      'planned writes': plan.summary.writeCalls,
      applied: summary.byOutcome.applied,
      'not kept': summary.byOutcome['not-applied-by-syncro'] ?? 0,
      failed: summary.byOutcome.failed,
      'API calls': requests,
      'calls/write': (requests / plan.summary.writeCalls).toFixed(3),
      seconds: seconds.toFixed(1),
      'limit/min': LIMIT,
      'achieved/limit': ((served * 60) / seconds / LIMIT).toFixed(3),
      '429s': after.rateLimited - before.rateLimited,
    });
    await limiter.close();
    await sb.close();
  }
  printTable(rows);
  for (const f of failures) console.log(`failed  ${f}`);
}
