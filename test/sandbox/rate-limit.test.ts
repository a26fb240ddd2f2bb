import { afterEach, describe, expect, test } from 'vitest';
import { RateLimiter } from '../../src/sandbox/rate-limit.js';
import { startSandbox } from '../../src/sandbox/server.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import type { SandboxOptions } from '../../src/sandbox/types.js';
import { adminCall, call, fakeClock } from './helpers.js';

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function limited(options: SandboxOptions): Promise<RunningSandbox> {
  sb = await startSandbox(options);
  return sb;
}

async function statuses(s: RunningSandbox, n: number, path = '/me', headers?: Record<string, string>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await call(s, 'GET', path, undefined, headers)).status);
  return out;
}

describe('rate limit over HTTP', () => {
  test('the request past the limit answers 429', async () => {
    const s = await limited({ rateLimit: 5, now: fakeClock().now });
    expect(await statuses(s, 6)).toEqual([200, 200, 200, 200, 200, 429]);
  });

  test('the 429 body is {"error":"Rate limit exceeded"}', async () => {
    const s = await limited({ rateLimit: 1, now: fakeClock().now });
    await call(s, 'GET', '/me');
    expect((await call(s, 'GET', '/me')).body).toEqual({ error: 'Rate limit exceeded' });
  });

  test('Retry-After gives the seconds until the oldest request leaves the window, rounded up', async () => {
    const clock = fakeClock();
    const s = await limited({ rateLimit: 2, now: clock.now });
    await call(s, 'GET', '/me');
    clock.advance(20_500);
    await call(s, 'GET', '/me');
    expect((await call(s, 'GET', '/me')).headers.get('retry-after')).toBe('40');
  });

  test('retryAfter: false sends no Retry-After header', async () => {
    const s = await limited({ rateLimit: 1, retryAfter: false, now: fakeClock().now });
    await call(s, 'GET', '/me');
    const r = await call(s, 'GET', '/me');
    expect([r.status, r.headers.get('retry-after')]).toEqual([429, null]);
  });

  test('the window slides: a request is allowed again once the oldest is 60 s old', async () => {
    const clock = fakeClock();
    const s = await limited({ rateLimit: 2, now: clock.now });
    await statuses(s, 2);
    clock.advance(59_999);
    const before = (await call(s, 'GET', '/me')).status;
    clock.advance(1);
    expect([before, (await call(s, 'GET', '/me')).status]).toEqual([429, 200]);
  });

  test('4xx answers count toward the limit', async () => {
    const s = await limited({ rateLimit: 3, now: fakeClock().now });
    await statuses(s, 2, '/me', { authorization: 'Bearer wrong' });
    await call(s, 'GET', '/customers/999');
    expect((await call(s, 'GET', '/me')).status).toBe(429);
  });

  test('admin endpoints are not rate limited', async () => {
    const s = await limited({ rateLimit: 1, now: fakeClock().now });
    await call(s, 'GET', '/me');
    for (let i = 0; i < 3; i++) await adminCall(s, 'GET', 'stats');
    expect((await adminCall(s, 'GET', 'stats')).status).toBe(200);
  });

  test('admin requests do not use up the API allowance', async () => {
    const s = await limited({ rateLimit: 1, now: fakeClock().now });
    await adminCall(s, 'GET', 'stats');
    expect((await call(s, 'GET', '/me')).status).toBe(200);
  });

  test('the default limit is 180 a minute', async () => {
    const s = await limited({ now: fakeClock().now });
    const got = await statuses(s, 181);
    expect([got.filter((x) => x === 200).length, got[180]]).toEqual([180, 429]);
  });

  test('rateLimit 0 turns the limit off', async () => {
    const s = await limited({ rateLimit: 0, now: fakeClock().now });
    expect((await statuses(s, 200)).every((x) => x === 200)).toBe(true);
  });

  test('a 429 stores nothing', async () => {
    const s = await limited({ rateLimit: 1, now: fakeClock().now });
    await call(s, 'GET', '/me');
    await call(s, 'POST', '/customers', { business_name: 'Too Fast' });
    expect(s.store.counts().customers).toBe(0);
  });

  test('429s are counted in stats', async () => {
    const s = await limited({ rateLimit: 1, now: fakeClock().now });
    await statuses(s, 3);
    expect(s.stats().rateLimited).toBe(2);
  });

  test('force429Next answers the next n requests 429, then normally', async () => {
    const s = await limited({ rateLimit: 0, faults: { force429Next: 2 } });
    expect(await statuses(s, 3)).toEqual([429, 429, 200]);
  });

  test('a forced 429 carries Retry-After: 1', async () => {
    const s = await limited({ rateLimit: 0, faults: { force429Next: 1 } });
    expect((await call(s, 'GET', '/me')).headers.get('retry-after')).toBe('1');
  });

  test('a rate limit that is not a whole number is refused', async () => {
    await expect(startSandbox({ rateLimit: -1 })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});

describe('RateLimiter', () => {
  test('clients are limited separately', () => {
    const rl = new RateLimiter(1, () => 0);
    rl.check('a');
    expect([rl.check('a').allowed, rl.check('b').allowed]).toEqual([false, true]);
  });

  test('a refused request is not recorded', () => {
    const clock = fakeClock(0);
    const rl = new RateLimiter(1, clock.now);
    rl.check('a');
    clock.advance(30_000);
    rl.check('a');
    clock.advance(30_000);
    expect(rl.check('a').allowed).toBe(true);
  });
});
