import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { createLimiter } from '../../src/syncro/limiter.js';
import { SyncroClient } from '../../src/syncro/client.js';
import { sandbox, TEST_KEY } from '../helpers/target.js';

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

describe('the shared limiter', () => {
  it("runs at the limit without tripping the server's own limit", async () => {
    sb = await sandbox({ rateLimit: 1200 });
    const limiter = createLimiter({ perMinute: 1200 });
    const client = new SyncroClient({ baseUrl: sb.url, apiKey: TEST_KEY, limiter });
    await Promise.all(Array.from({ length: 40 }, () => client.me()));
    expect(sb.stats().rateLimited).toBe(0);
    expect(sb.stats().total).toBe(40);
    await limiter.close();
  });

  it('spaces requests evenly: 20 calls at 600/min span at least 19 intervals of 100 ms', async () => {
    const limiter = createLimiter({ perMinute: 600 });
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 20 }, () => limiter.schedule(async () => void starts.push(Date.now()))));
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(19 * 100 - 5);
    await limiter.close();
  });

  it('a pause holds every caller until it ends', async () => {
    const limiter = createLimiter({ perMinute: 60_000 });
    limiter.pause(300);
    const t0 = Date.now();
    const times = await Promise.all([1, 2, 3].map(() => limiter.schedule(async () => Date.now() - t0)));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(280);
    await limiter.close();
  });
});
