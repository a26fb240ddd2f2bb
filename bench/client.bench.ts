/**
 * The client's achieved request rate against the configured limit, on the
 * sandbox enforcing the same limit over its sliding minute. Runs past one
 * full window so a limiter that bursts would be caught (429s counted).
 * Baseline in the same run: the same calls with no limiter spacing.
 */
import { startSandbox } from '../src/sandbox/server.js';
import { SyncroClient } from '../src/syncro/client.js';
import { createLimiter } from '../src/syncro/limiter.js';
import { printTable } from './util.js';

const KEY = 'bench-key';
const LIMIT = Number(process.env.BENCH_CLIENT_LIMIT ?? 600); // scaled from Syncro's 180/min to keep it short
const SECONDS = Number(process.env.BENCH_CLIENT_SECONDS ?? 65);

export default async function run(): Promise<void> {
  const rows: Array<Record<string, string | number>> = [];
  for (const mode of ['limiter', 'no spacing (baseline)'] as const) {
    const sb = await startSandbox({ apiKey: KEY, rateLimit: LIMIT, retryAfter: true });
    const perMinute = mode === 'limiter' ? LIMIT : 1_000_000;
    const limiter = createLimiter({ perMinute, maxConcurrent: 4 });
    let limited = 0;
    const client = new SyncroClient({
      baseUrl: sb.url,
      apiKey: KEY,
      limiter,
      events: (e) => void (e.type === 'rate-limited' && limited++),
    });
    const total = Math.round((LIMIT * SECONDS) / 60);
    const started = Date.now();
    const deadline = started + SECONDS * 1000 * 2;
    let done = 0;
    const workers = Array.from({ length: 4 }, async () => {
      while (done < total && Date.now() < deadline) {
        done++;
        await client.me();
      }
    });
    await Promise.all(workers);
    const elapsed = (Date.now() - started) / 1000;
    const served = sb.stats().total - sb.stats().rateLimited;
    rows.push({
      client: mode,
      'limit/min': LIMIT,
      requests: served,
      seconds: elapsed.toFixed(1),
      'achieved/min': Math.round((served * 60) / elapsed),
      'achieved/limit': ((served * 60) / elapsed / LIMIT).toFixed(3),
      '429s': sb.stats().rateLimited,
      'client pauses': limited,
    });
    await limiter.close();
    await sb.close();
  }
  printTable(rows);
}
