/**
 * Two processes on one token share one limiter through a real redis-server:
 * together they stay under the limit (each alone would use all of it).
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { sandbox, TEST_KEY } from '../helpers/target.js';

const hasRedis = (() => {
  try {
    execFileSync('redis-server', ['--version']);
    return true;
  } catch {
    return false;
  }
})();
const LIMITER = join(process.cwd(), 'dist', 'syncro', 'limiter.js');
const CLIENT = join(process.cwd(), 'dist', 'syncro', 'client.js');
if (process.env.CI && !hasRedis) throw new Error('redis-server is missing in CI: .ci/run should have installed it');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

let redis: ChildProcess | undefined;
let redisUrl = '';
let sb: RunningSandbox;

beforeAll(async () => {
  if (!hasRedis) return;
  const port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  redisUrl = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    try {
      execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'ignore' });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  sb = await sandbox();
});
afterAll(async () => {
  redis?.kill();
  await sb?.close();
});

/** A child process that sends `n` GET /me through a Redis-shared limiter and prints the send times. */
function worker(n: number, perMinute: number, url: string): Promise<number[]> {
  const script = `
    const { createLimiter } = await import(${JSON.stringify(LIMITER)});
    const { SyncroClient } = await import(${JSON.stringify(CLIENT)});
    const limiter = createLimiter({ perMinute: ${perMinute}, redisUrl: ${JSON.stringify(redisUrl)}, id: 'shared-test' });
    await limiter.ready();
    const times = [];
    const client = new SyncroClient({ baseUrl: ${JSON.stringify(url)}, apiKey: ${JSON.stringify(TEST_KEY)}, limiter, events: (e) => { if (e.type === 'request') times.push(Date.now() - e.ms); } });
    await Promise.all(Array.from({ length: ${n} }, () => client.me()));
    await limiter.close();
    console.log(JSON.stringify(times));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim()) as number[]) : reject(new Error(`worker exited ${code}`))));
  });
}

describe.skipIf(!hasRedis || !existsSync(LIMITER))('limiter shared through Redis', () => {
  it('two processes together stay under one limit', async () => {
    const perMinute = 1200; // 50 ms apart
    const [a, b] = await Promise.all([worker(20, perMinute, sb.url), worker(20, perMinute, sb.url)]);
    const all = [...a!, ...b!].sort((x, y) => x - y);
    expect(all).toHaveLength(40);
    // Alone, each would finish its 20 in ~1 s; sharing, the 40 need ≥ 39 × 50 ms.
    expect(all.at(-1)! - all[0]!).toBeGreaterThanOrEqual(39 * 50 * 0.9);
    // No one-second window holds more than the limit allows (20 per second), with one of slack for edges.
    for (const t of all) expect(all.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(21);
  }, 60_000);
});
