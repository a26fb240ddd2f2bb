/**
 * Issue 14.6: the shared limiter never waits forever on Redis. Unreachable at
 * the start: REDIS_UNREACHABLE within the timeout. Gone midway: each request
 * it can no longer schedule fails with REDIS_UNREACHABLE (never sent), and
 * closing the limiter does not throw.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isEtlError } from '../../src/errors.js';
import { createLimiter } from '../../src/syncro/limiter.js';

const hasRedis = (() => {
  try {
    execFileSync('redis-server', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 50; i++) {
    try {
      execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'ignore' });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return redis;
}

describe.skipIf(!hasRedis)('the Redis-shared limiter has bounded waits', () => {
  it('nothing listening: ready() fails with REDIS_UNREACHABLE within the timeout', async () => {
    const port = await freePort();
    const limiter = createLimiter({ perMinute: 6000, redisUrl: `redis://127.0.0.1:${port}`, id: `lost-${port}`, redisTimeoutMs: 1000 });
    const started = Date.now();
    const err = await limiter.ready().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isEtlError(err, 'REDIS_UNREACHABLE')).toBe(true);
    expect((err as Error).message).toContain(`redis://127.0.0.1:${port}`);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('Redis gone midway: the next request fails with REDIS_UNREACHABLE (not sent), close() resolves', async () => {
    const port = await freePort();
    const redis = await startRedis(port);
    const limiter = createLimiter({ perMinute: 6000, redisUrl: `redis://127.0.0.1:${port}`, id: `lost-${port}`, redisTimeoutMs: 1000 });
    await limiter.ready();
    expect(await limiter.schedule(async () => 'sent')).toBe('sent');
    redis.kill('SIGKILL');
    await new Promise((r) => redis.once('exit', r));
    let sent = false;
    const err = await limiter
      .schedule(async () => {
        sent = true;
        return 'sent';
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isEtlError(err, 'REDIS_UNREACHABLE')).toBe(true);
    expect(sent).toBe(false);
    await expect(limiter.close()).resolves.toBeUndefined();
  }, 30_000);
});
