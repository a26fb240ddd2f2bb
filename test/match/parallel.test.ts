/**
 * Comparing on two threads gives exactly what one thread gives. The worker
 * runs only from the compiled build (`npm test` builds first), so these
 * tests drive dist/ — the code that ships.
 */
import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateContacts } from '../../bench/contact-generator.js';
import type * as LinkModule from '../../src/match/link.js';
import type * as DuplicatesModule from '../../src/match/duplicates.js';
import type * as ParallelModule from '../../src/match/parallel-compare.js';
import type * as ChunksModule from '../../src/match/pair-chunks.js';
import type * as RunIndexModule from '../../src/match/run-index.js';
import type { MatchStats } from '../../src/match/types.js';

const dist = new URL('../../dist/match/', import.meta.url);
if (!existsSync(new URL('compare-worker.js', dist)))
  throw new Error('dist/match/compare-worker.js is missing: run `npm run build` first (npm test does)');
const { linkRecords } = (await import(new URL('link.js', dist).href)) as typeof LinkModule;
const { findDuplicates } = (await import(new URL('duplicates.js', dist).href)) as typeof DuplicatesModule;
const { ParallelCompare } = (await import(new URL('parallel-compare.js', dist).href)) as typeof ParallelModule;
const { compareChunk, chunkCount } = (await import(new URL('pair-chunks.js', dist).href)) as typeof ChunksModule;
const { buildRunIndex, createPairComparer } = (await import(new URL('run-index.js', dist).href)) as typeof RunIndexModule;

const g = generateContacts(3000, 5);
// A small training sample and no size floor, so most records go to the chunks the worker shares.
const options = { entity: 'contacts' as const, trainingRecords: 400, parallelFrom: 1 };
const withoutTimes = (stats: MatchStats) => ({ ...stats, ms: undefined, threads: undefined });

/**
 * A two-thread run in which the worker took part: on a loaded machine (the
 * whole suite running) the main thread may finish every chunk before the
 * worker has started, which is correct but proves nothing about the worker,
 * so such a run is tried again (up to 4 times); each must agree with one thread all the same.
 */
function withWorker<T extends { stats: MatchStats }>(run: () => T): T {
  let result = run();
  for (let attempt = 1; attempt < 4 && result.stats.threads !== 2; attempt++) result = run();
  return result;
}

describe('two threads', () => {
  it('link exactly as one thread does, the worker doing part of the work', () => {
    const one = linkRecords(g.incoming, g.existing, { ...options, threads: 1 });
    const two = withWorker(() => linkRecords(g.incoming, g.existing, { ...options, threads: 2 }));
    expect(one.stats.threads).toBe(1);
    expect(two.stats.threads).toBe(2);
    expect(two.stats.workerFailure).toBeUndefined();
    expect(two.links).toEqual(one.links);
    expect(two.model).toEqual(one.model);
    expect(withoutTimes(two.stats)).toEqual(withoutTimes(one.stats));
    expect(one.links.filter((l) => l.outcome === 'match').length).toBeGreaterThan(1000);
  });

  it('find the same duplicates, pairs in the same order, as one thread does', () => {
    const records = [...g.incoming, ...g.existing];
    const one = findDuplicates(records, { ...options, threads: 1 });
    const two = withWorker(() => findDuplicates(records, { ...options, threads: 2 }));
    expect(two.stats.threads).toBe(2);
    expect(isDeepStrictEqual(two.pairs, one.pairs)).toBe(true);
    expect(two.clusters).toEqual(one.clusters);
    expect(one.clusters.length).toBeGreaterThan(1000);
  });
});

describe('a worker that fails', () => {
  const run = buildRunIndex(g.incoming, g.existing, { entity: 'contacts' });
  const compare = createPairComparer(run);
  const rest = Int32Array.from({ length: 2500 }, (_, i) => i + 500);
  const local = (k: number) => compareChunk(compare, rest, k);
  const expected = Array.from({ length: chunkCount(rest) }, (_, k) => local(k));
  const start = (script: string) =>
    ParallelCompare.start(g.incoming, g.existing, { entity: 'contacts' }, rest, 2, {
      minRecords: 1,
      script: new URL(`./workers/${script}`, import.meta.url),
      silenceMs: 300,
    });

  /** Let the planted worker act before the main thread claims every chunk itself. */
  const until = async (done: () => boolean) => {
    for (let waited = 0; !done(); waited += 20) {
      if (waited > 20_000) throw new Error('the worker never acted');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('is given up when it reports an error, and its chunks are compared here', async () => {
    const p = start('failing-worker.mjs');
    expect(p).toBeDefined();
    await until(() => p!.progress().posted === 1);
    const got = expected.map((_, k) => p!.take(k, local));
    expect(got).toEqual(expected);
    expect(p!.failure).toMatch(/planted failure/);
    expect(p!.workerChunks).toBe(0);
  });

  it('is given up when it falls silent holding a chunk', async () => {
    const p = start('silent-worker.mjs');
    await until(() => p!.progress().claimed === 1);
    const got = expected.map((_, k) => p!.take(k, local));
    expect(got).toEqual(expected);
    expect(p!.failure).toMatch(/fell silent/);
  });

  it('is not started for one thread, small work, or records that cannot reach a thread', () => {
    expect(ParallelCompare.start(g.incoming, g.existing, {}, rest, 1, { minRecords: 1 })).toBeUndefined();
    expect(ParallelCompare.start(g.incoming, g.existing, {}, rest, 2)).toBeUndefined(); // 2,500 < PARALLEL_FROM
    const huge = new Array(600_000).fill(g.incoming[0]); // 1.2M records with the other side: memory says one thread
    expect(ParallelCompare.start(huge, huge, {}, rest, 2, { minRecords: 1 })).toBeUndefined();
    const unclonable = [{ key: 'x', name: 'A B', toJSON: () => 1 } as never];
    expect(ParallelCompare.start(unclonable, g.existing, {}, rest, 2, { minRecords: 1 })).toBeUndefined();
  });
});
