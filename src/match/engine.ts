/**
 * The one engine behind every mode: prepare records, index blocking keys,
 * estimate u from random pairs and m/λ by EM over blocked pairs, then visit
 * every blocked pair with its score. Dedupe compares a set with itself
 * (each pair once); linking compares queries against an indexed set.
 */
import { estimateU, toPatternCounts } from './em.js';
import { identityDisagrees } from './evidence.js';
import { CHUNK_RECORDS, compareChunk } from './pair-chunks.js';
import type { PairChunk } from './pair-chunks.js';
import { PairStore, rng, sampleIndices, unpackInto } from './pairs.js';
import { ParallelCompare, defaultThreads } from './parallel-compare.js';
import { buildRunIndex, comparePair, createPairComparer } from './run-index.js';
import { estimateModel } from './train.js';
import { MISSING } from './fields.js';
import type { FieldSpec } from './fields.js';
import type { Prepared } from './prepare.js';
import { ScoringModel, countTerms } from './scoring.js';
import type { MatchOptions, MatchRecord, MatchStats, Thresholds } from './types.js';

/** Defaults, in log2 posterior odds: match from p ≈ 0.5, review from p ≈ 0.01. */
export const DEFAULT_THRESHOLDS: Thresholds = { match: 0, review: -7 };

export type PairVisitor = (i: number, j: number, score: number, levels: Uint8Array) => void;

export interface Engine {
  /** Query side (incoming records; or every record when deduplicating). */
  left: Prepared[];
  /** Indexed side (existing records; the same array when deduplicating). */
  right: Prepared[];
  fields: FieldSpec[];
  model: ScoringModel;
  stats: MatchStats;
  /**
   * Visit every blocked pair with its score and levels (levels is reused
   * between calls), query record by query record in order — except pairs
   * whose names and mailbox (or business name and mailbox) all disagree,
   * which are never matches (they are counted as compared).
   */
  scoreAll(visit: PairVisitor): void;
  /** Levels of left[i] × right[j] into `levels`. */
  compare(i: number, j: number, levels: Uint8Array): void;
  /** Score of left[i] × right[j] (levels into `levels`); -Infinity when the identity rule (names and mailbox differ) rules it out. */
  scorePair(i: number, j: number, levels: Uint8Array): number;
}

function now(): number {
  return performance.now();
}

/** The training sample: every query record up to `trainingRecords`, else a seeded sample (its own stream, so a worker can be told at once). */
function trainingSample(n: number, options: MatchOptions): Int32Array {
  const k = options.trainingRecords ?? 20_000;
  if (n <= k) return Int32Array.from({ length: n }, (_, i) => i);
  return Int32Array.from(sampleIndices(n, k, rng(((options.seed ?? 1) ^ 0x5eed) >>> 0)));
}

/**
 * Build the engine: everything up to a trained model. `existing` undefined
 * means deduplicate `records` against themselves. Large runs start a worker
 * thread at once to compare the records training does not cover
 * (parallel-compare.ts; `threads: 1` keeps to one thread).
 */
export function buildEngine(
  records: readonly MatchRecord[],
  existing: readonly MatchRecord[] | undefined,
  options: MatchOptions = {},
): Engine {
  const t0 = now();
  const trainOn = trainingSample(records.length, options);
  const inTraining = new Uint8Array(records.length);
  for (const i of trainOn) inTraining[i] = 1;
  const rest = Int32Array.from(records.keys()).filter((i) => inTraining[i] === 0);
  const indexOptions = { blocking: options.blocking, ignoreFields: options.ignoreFields, entity: options.entity };
  const parallel = ParallelCompare.start(records, existing, indexOptions, rest, options.threads ?? defaultThreads(), {
    minRecords: options.parallelFrom,
  });
  try {
    return trainEngine(records, existing, options, t0, trainOn, inTraining, rest, parallel);
  } catch (err) {
    parallel?.close();
    throw err;
  }
}

function trainEngine(
  records: readonly MatchRecord[],
  existing: readonly MatchRecord[] | undefined,
  options: MatchOptions,
  t0: number,
  trainOn: Int32Array,
  inTraining: Uint8Array,
  rest: Int32Array,
  parallel: ParallelCompare | undefined,
): Engine {
  const run = buildRunIndex(records, existing, options);
  const { dedupe, left, right, fields, entity, candidates } = run;
  const tPrepared = now();

  // u from random pairs (nearly all non-matches). Linking draws them inside
  // the existing set: a deduplicated master holds no matches at all, while
  // incoming × existing pairs of small overlapping sets hold many.
  const random = rng(options.seed ?? 1);
  const levels = new Uint8Array(fields.length);
  const uCounts = fields.map((f) => new Array<number>(f.levels.length).fill(0));
  const randomPatterns = new Map<number, number>();
  const within = dedupe || right.length >= 100;
  const pool = within ? right : left;
  const samples = Math.min(options.randomPairs ?? 30_000, within ? (right.length * (right.length - 1)) / 2 : left.length * right.length);
  for (let s = 0; s < samples; s++) {
    const i = Math.floor(random() * pool.length);
    let j = Math.floor(random() * right.length);
    if (within && j === i) j = (j + 1) % right.length;
    if (within && j === i) continue;
    const p = comparePair(fields, pool[i] as Prepared, right[j] as Prepared, levels);
    randomPatterns.set(p, (randomPatterns.get(p) ?? 0) + 1);
    levels.forEach((l, f) => {
      if (l !== MISSING) (uCounts[f] as number[])[l] = ((uCounts[f] as number[])[l] ?? 0) + 1;
    });
  }
  const estimatedU = estimateU(fields, uCounts);

  // Training pass: the blocked pairs of all (or a sample of) query records.
  // Pairs compared in training are kept (up to MAX_STORED) so scoring need not compare them again.
  const stored = new PairStore();
  const patternCounts = new Map<number, number>();
  let trainingComparisons = 0;
  for (const i of trainOn) {
    const a = left[i] as Prepared;
    candidates(i, (j) => {
      const p = comparePair(fields, a, right[j] as Prepared, levels);
      patternCounts.set(p, (patternCounts.get(p) ?? 0) + 1);
      stored.push(i, j, p);
      trainingComparisons++;
    });
  }
  const sampled = trainOn.length;
  const totalPairs = dedupe ? (sampled * (right.length - 1)) / 2 : sampled * right.length;
  const { params, correlation, emIterations } = estimateModel(fields, entity, {
    compared: toPatternCounts(patternCounts, fields.length),
    random: toPatternCounts(randomPatterns, fields.length),
    u: estimatedU,
    totalPairs,
    sampled,
    indexed: right.length,
    given: options.model,
  });
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const tf = options.termFrequency === false ? undefined : countTerms(fields, dedupe ? [left] : [left, right]);
  const model = new ScoringModel(fields, params, tf, thresholds, correlation);
  const tTrained = now();

  const stats: MatchStats = {
    records: left.length,
    comparisons: 0,
    trainingComparisons: stored.complete ? 0 : trainingComparisons,
    blocks: run.blocks,
    oversizedBlocks: 0,
    emIterations,
    threads: 1,
    ms: { prepare: tPrepared - t0, train: tTrained - tPrepared, score: 0, cluster: 0, total: 0 },
  };
  if (!dedupe) stats.existing = right.length;

  // Scoring visits query records in order: training ones from the stored
  // pairs, the rest chunk by chunk — compared here or by the worker.
  const comparer = createPairComparer(run);
  const localChunk = (k: number): PairChunk => compareChunk(comparer, rest, k);
  let scored = false;
  const scoreAll = (visit: PairVisitor): void => {
    const t = now();
    // The worker's chunks can be taken once: a second pass compares here.
    const source = scored ? undefined : parallel;
    scored = true;
    let n = 0;
    let k = 0;
    let restAt = 0; // position of i in `rest`
    let chunk: PairChunk | undefined;
    let at = 0;
    try {
      for (let i = 0; i < left.length; i++) {
        const a = left[i] as Prepared;
        if (inTraining[i] === 1 && stored.complete) {
          for (; k < stored.length && stored.a[k] === i; k++) {
            const j = stored.b[k] as number;
            unpackInto(stored.p[k] as number, levels);
            n++;
            if (identityDisagrees(fields, levels, entity, true)) continue;
            visit(i, j, model.score(a, right[j] as Prepared, levels), levels);
          }
          continue;
        }
        if (inTraining[i] === 1) {
          // Training kept too many pairs to store: compare this record again.
          n += comparer(i, (j, pattern) => {
            unpackInto(pattern, levels);
            visit(i, j, model.score(a, right[j] as Prepared, levels), levels);
          });
          continue;
        }
        if (restAt % CHUNK_RECORDS === 0) {
          const c = restAt / CHUNK_RECORDS;
          chunk = source ? source.take(c, localChunk) : localChunk(c);
          at = 0;
          n += chunk.compared;
        }
        restAt++;
        for (; chunk !== undefined && at < chunk.length && chunk.i[at] === i; at++) {
          const j = chunk.j[at] as number;
          unpackInto(chunk.p[at] as number, levels);
          visit(i, j, model.score(a, right[j] as Prepared, levels), levels);
        }
      }
    } finally {
      source?.close();
    }
    if (source) {
      if (source.workerChunks > 0) stats.threads = 2;
      if (source.failure) stats.workerFailure = source.failure;
    }
    stats.comparisons = n;
    stats.oversizedBlocks = run.oversizedBlocks();
    stats.ms.score += now() - t;
  };
  const compare = (i: number, j: number, out: Uint8Array): void => {
    comparePair(fields, left[i] as Prepared, right[j] as Prepared, out);
  };
  const scorePair = (i: number, j: number, out: Uint8Array): number => {
    const a = left[i] as Prepared;
    const b = right[j] as Prepared;
    comparePair(fields, a, b, out);
    return identityDisagrees(fields, out, entity, true) ? -Infinity : model.score(a, b, out);
  };
  return { left, right, fields, model, stats, scoreAll, compare, scorePair };
}
