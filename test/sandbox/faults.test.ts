import { afterEach, describe, expect, test } from 'vitest';
import { FaultInjector, mulberry32 } from '../../src/sandbox/faults.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import type { SandboxOptions } from '../../src/sandbox/types.js';
import { adminCall, AUTH, call, start } from './helpers.js';

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});
async function faulty(options: SandboxOptions): Promise<RunningSandbox> {
  sb = await start(options);
  return sb;
}

describe('injected 500s', () => {
  test('rate5xx 1 answers every API request 500', async () => {
    const s = await faulty({ faults: { rate5xx: 1 } });
    expect((await call(s, 'GET', '/me')).status).toBe(500);
  });

  test('an injected 500 stores nothing', async () => {
    const s = await faulty({ faults: { rate5xx: 1 } });
    await call(s, 'POST', '/customers', { business_name: 'Never Stored' });
    expect(s.store.counts().customers).toBe(0);
  });

  test('injected 500s are counted in stats', async () => {
    const s = await faulty({ faults: { rate5xx: 1 } });
    await call(s, 'GET', '/me');
    await call(s, 'GET', '/me');
    expect(s.stats().injected5xx).toBe(2);
  });

  test('the same seed gives the same sequence of 500s', async () => {
    const run = async (): Promise<number[]> => {
      const s = await start({ faults: { rate5xx: 0.5, seed: 42 } });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await call(s, 'GET', '/me')).status);
      await s.close();
      return out;
    };
    const [a, b] = [await run(), await run()];
    expect([a, a.includes(500) && a.includes(200)]).toEqual([b, true]);
  });

  test('a rate of 0.3 fails roughly 30% of 1000 draws', () => {
    const f = new FaultInjector({ rate5xx: 0.3, seed: 7 });
    const failed = Array.from({ length: 1000 }, () => f.fail5xx()).filter(Boolean).length;
    expect(Math.abs(failed - 300)).toBeLessThan(60);
  });

  test('admin endpoints are never failed', async () => {
    const s = await faulty({ faults: { rate5xx: 1 } });
    expect((await adminCall(s, 'GET', 'stats')).status).toBe(200);
  });
});

describe('lost writes', () => {
  test('with rateLostWrite 1 the client gets no answer (fetch rejects)', async () => {
    const s = await faulty({ faults: { rateLostWrite: 1 } });
    await expect(call(s, 'POST', '/customers', { business_name: 'Lost Answer' })).rejects.toThrow();
  });

  test('the lost write is stored all the same', async () => {
    const s = await faulty({ faults: { rateLostWrite: 1 } });
    await call(s, 'POST', '/customers', { business_name: 'Lost Answer' }).catch(() => undefined);
    expect(s.store.all('customers').map((r) => r.fields.business_name)).toEqual(['Lost Answer']);
  });

  test('a lost PUT is stored', async () => {
    const s = await faulty({});
    const c = (await call(s, 'POST', '/customers', { business_name: 'Before' })).body.customer;
    s.setFaults({ rateLostWrite: 1 });
    await call(s, 'PUT', `/customers/${c.id}`, { business_name: 'After' }).catch(() => undefined);
    expect(s.store.get('customers', c.id)?.fields.business_name).toBe('After');
  });

  test('reads are never lost', async () => {
    const s = await faulty({ faults: { rateLostWrite: 1 } });
    expect((await call(s, 'GET', '/customers')).status).toBe(200);
  });

  test('refused writes (422) are answered, not lost', async () => {
    const s = await faulty({ faults: { rateLostWrite: 1 } });
    expect((await call(s, 'POST', '/customers', { email: 'bad' })).status).toBe(422);
  });

  test('lost writes are counted in stats', async () => {
    const s = await faulty({ faults: { rateLostWrite: 1 } });
    await call(s, 'DELETE', '/contacts/1').catch(() => undefined);
    await call(s, 'POST', '/customers', { business_name: 'x' }).catch(() => undefined);
    expect(s.stats().lostWrites).toBe(1);
  });

  test('the server keeps answering after lost writes', async () => {
    const s = await faulty({ faults: { rateLostWrite: 1 } });
    for (let i = 0; i < 5; i++) await call(s, 'POST', '/customers', { business_name: `L${i}` }).catch(() => undefined);
    s.setFaults({ rateLostWrite: 0 });
    expect((await call(s, 'GET', '/customers')).body.meta.total_entries).toBe(5);
  });
});

describe('latency and runtime changes', () => {
  test('latencyMs delays each answer', async () => {
    const s = await faulty({ faults: { latencyMs: 120 } });
    const t0 = performance.now();
    await call(s, 'GET', '/me');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(115);
  });

  test('POST /__sandbox/faults changes the settings at runtime', async () => {
    const s = await faulty({});
    await adminCall(s, 'POST', 'faults', { rate5xx: 1 });
    expect((await call(s, 'GET', '/me')).status).toBe(500);
  });

  test('POST /__sandbox/faults answers the settings in force', async () => {
    const s = await faulty({});
    const r = await adminCall(s, 'POST', 'faults', { latencyMs: 5, seed: 3 });
    expect(r.body.faults).toEqual({ latencyMs: 5, rate5xx: 0, rateLostWrite: 0, seed: 3, force429Next: 0 });
  });

  test('POST /__sandbox/faults refuses a rate above 1 with 400', async () => {
    const s = await faulty({});
    expect((await adminCall(s, 'POST', 'faults', { rate5xx: 2 })).status).toBe(400);
  });

  test('POST /__sandbox/faults refuses unknown settings with 400', async () => {
    const s = await faulty({});
    expect((await adminCall(s, 'POST', 'faults', { rate500: 1 })).status).toBe(400);
  });

  test('setFaults with force429Next over HTTP', async () => {
    const s = await faulty({});
    s.setFaults({ force429Next: 1 });
    const res = await fetch(`${s.url}/me`, { headers: AUTH });
    expect(res.status).toBe(429);
  });

  test('invalid fault options are refused at start', async () => {
    await expect(start({ faults: { rate5xx: -0.1 } })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});

describe('mulberry32', () => {
  test('is deterministic per seed', () => {
    const a = mulberry32(9);
    const b = mulberry32(9);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  test('different seeds give different streams', () => {
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });
});
