/**
 * The one engine behind every mode: prepare records, index blocking keys,
 * estimate u from random pairs and m/λ by EM over blocked pairs, then visit
 * every blocked pair with its score. Dedupe compares a set with itself
 * (each pair once); linking compares queries against an indexed set.
 */
import { SyncroEtlError } from '../errors.js';
import { LEGAL_SUFFIXES } from '../normalize/company.js';
import { BlockIndex, MAX_INDEXED, blockingKeyHashes, sortKey } from './blocking.js';
import { estimateU, runEm, toPatternCounts } from './em.js';
import { ContextCorrelation, identityDisagrees } from './evidence.js';
import { MISSING, buildFields } from './fields.js';
import type { FieldSpec } from './fields.js';
import { extraNames, prepareRecord } from './prepare.js';
import type { Prepared } from './prepare.js';
import { ScoringModel, countTerms } from './scoring.js';
import type { MatchOptions, MatchRecord, MatchStats, ModelParameters, Thresholds } from './types.js';

/** Defaults, in log2 posterior odds: match from p ≈ 0.5, review from p ≈ 0.01. */
export const DEFAULT_THRESHOLDS: Thresholds = { match: 0, review: -7 };
const MAX_FIELDS = 17; // 3 bits per field in a float64 pattern

/** Seeded PRNG (mulberry32) returning [0, 1). */
export function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export type PairVisitor = (i: number, j: number, score: number, levels: Uint8Array) => void;

export interface Engine {
  /** Query side (incoming records; or every record when deduplicating). */
  left: Prepared[];
  /** Indexed side (existing records; the same array when deduplicating). */
  right: Prepared[];
  fields: FieldSpec[];
  model: ScoringModel;
  stats: MatchStats;
  /** Visit every blocked pair with its score and levels (levels is reused between calls). */
  scoreAll(visit: PairVisitor): void;
  /** Levels of left[i] × right[j] into `levels`. */
  compare(i: number, j: number, levels: Uint8Array): void;
}

function now(): number {
  return performance.now();
}

/** Levels of one pair into `levels`; returns the packed pattern. */
function comparePair(fields: readonly FieldSpec[], a: Prepared, b: Prepared, levels: Uint8Array): number {
  let pattern = 0;
  let mul = 1;
  for (let f = 0; f < fields.length; f++) {
    const l = (fields[f] as FieldSpec).compare(a, b);
    levels[f] = l;
    pattern += l * mul;
    mul *= 8;
  }
  return pattern;
}

/**
 * Build the engine: everything up to a trained model. `existing` undefined
 * means deduplicate `records` against themselves.
 */
export function buildEngine(records: readonly MatchRecord[], existing: readonly MatchRecord[] | undefined, options: MatchOptions = {}): Engine {
  const t0 = now();
  const dedupe = existing === undefined;
  const lists = dedupe ? [records] : [records, existing];
  const indexed = dedupe ? records : existing;
  if (indexed.length > MAX_INDEXED) {
    throw new SyncroEtlError('INVALID_ARGUMENT', `The matcher indexes at most ${MAX_INDEXED} records per side; split the input.`);
  }
  const extras = extraNames(lists, options.ignoreFields);
  const left = records.map((r) => prepareRecord(r, extras));
  const right = dedupe ? left : existing.map((r) => prepareRecord(r, extras));

  // Company token rarity, for blocking keys and the company comparator.
  const tokenCount = new Map<string, number>();
  let companies = 0;
  for (const list of dedupe ? [left] : [left, right]) {
    for (const r of list) {
      if (r.companyTokens.length > 0) companies++;
      for (const t of new Set(r.companyTokens)) tokenCount.set(t, (tokenCount.get(t) ?? 0) + 1);
    }
  }
  const companyTokenCount = (t: string): number => tokenCount.get(t) ?? 1;
  // Rarer tokens weigh more; legal forms ("plc", "inc") hardly count wherever they stand.
  const tokenWeights = new Map<string, number>();
  for (const [t, c] of tokenCount) tokenWeights.set(t, Math.log(1 + companies / c) * (LEGAL_SUFFIXES.has(t) ? 0.1 : 1));
  for (const list of dedupe ? [left] : [left, right]) {
    for (const r of list) if (r.companyTokens.length > 0) r.companyWeights = Float64Array.from(r.companyTokens, (t) => tokenWeights.get(t) ?? 1);
  }
  const all = buildFields(extras);
  const ignore = new Set(options.ignoreFields ?? []);
  const present = (f: FieldSpec, list: Prepared[]): boolean => list.some((r) => f.compare(r, r) !== MISSING);
  const fields = all.filter((f) => !ignore.has(f.name) && present(f, left) && (dedupe || present(f, right)));
  if (fields.length > MAX_FIELDS) {
    throw new SyncroEtlError('INVALID_ARGUMENT', `Too many compared fields (${fields.length}); pass at most ${MAX_FIELDS - 10} extra fields.`);
  }

  const entity = options.entity ?? 'auto';
  const blocking = options.blocking ?? {};
  const keyCtx = { companyTokenCount };
  const rightHashes = right.map((r) => blockingKeyHashes(r, keyCtx));
  const leftHashes = dedupe ? rightHashes : left.map((r) => blockingKeyHashes(r, keyCtx));
  const rightSortKeys = right.map(sortKey);
  const leftSortKeys = dedupe ? rightSortKeys : left.map(sortKey);
  const index = new BlockIndex(rightSortKeys, rightHashes, blocking.maxBlockSize ?? 20, blocking.window ?? 4);
  const exhaustive = blocking.enabled === false;
  const tPrepared = now();

  const stamp = new Int32Array(right.length);
  let tag = 0;
  /** Candidates of query i (each indexed j once; j > i when deduplicating). */
  const candidates = (i: number, visit: (j: number) => void): void => {
    const self = dedupe ? i : -1;
    if (exhaustive) {
      for (let j = self + 1; j < right.length; j++) visit(j);
      return;
    }
    index.candidates(leftHashes[i] as Uint32Array, leftSortKeys[i] ?? '', self, stamp, ++tag, visit);
  };

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
  const given = options.model;
  const fixedM = fields.map((f) => given?.fields[f.name]?.m);
  const fixedU = fields.map((f) => given?.fields[f.name]?.u);
  let u = fields.map((f, k) => fixedU[k] ?? (estimatedU[k] as number[]));
  const trainAll = left.length <= (options.trainingRecords ?? 20_000);
  const trainOn = trainAll ? left.map((_, i) => i) : sampleIndices(left.length, options.trainingRecords ?? 20_000, random);
  // Pairs compared in training are kept (up to MAX_STORED) so scoring need not compare them again.
  const stored = new PairStore();
  const inTraining = new Uint8Array(left.length);
  for (const i of trainOn) inTraining[i] = 1;
  const patternCounts = new Map<number, number>();
  const needEm = !given || fixedM.some((x) => x === undefined);
  let trainingComparisons = 0;
  {
    for (const i of trainOn) {
      const a = left[i] as Prepared;
      candidates(i, (j) => {
        const p = comparePair(fields, a, right[j] as Prepared, levels);
        patternCounts.set(p, (patternCounts.get(p) ?? 0) + 1);
        stored.push(i, j, p);
        trainingComparisons++;
      });
    }
  }
  if (process.env.MDEBUG) console.error('train pass', (now() - tPrepared).toFixed(0), 'cpu', (process.cpuUsage().user / 1000).toFixed(0), 'patterns', patternCounts.size, 'random patterns', randomPatterns.size, 'cmp', trainingComparisons);
  const sampled = trainOn.length;
  const totalPairs = dedupe ? (sampled * (right.length - 1)) / 2 : sampled * right.length;
  let lambda = given?.lambda ?? (0.5 * Math.min(sampled, right.length)) / Math.max(1, totalPairs);
  let m = fixedM.map((x, k) => x ?? (fields[k] as FieldSpec).priorM.slice());
  let emIterations = 0;
  const randomCounts = toPatternCounts(randomPatterns, fields.length);
  const correlation = new ContextCorrelation(fields, entity);
  const excluded = (lv: Uint8Array): boolean => identityDisagrees(fields, lv, entity);
  const plain = new Float64Array(fields.length);
  const logRatio = (lv: Uint8Array, mm: readonly number[][], uu: readonly number[][]): number => {
    let s = 0;
    lv.forEach((l, f) => {
      plain[f] = l === MISSING ? 0 : Math.log2((mm[f]?.[l] ?? 1e-12) / (uu[f]?.[l] ?? 1e-12));
      s += plain[f] as number;
    });
    return s + correlation.correction(lv, mm, uu, plain);
  };
  /** Share of non-match of a random pair under the current model (1 when identity rules it out). */
  const nonMatch = (lv: Uint8Array): number => {
    if (excluded(lv)) return 1;
    const odds = (lambda / (1 - lambda)) * 2 ** logRatio(lv, m, u);
    return Number.isFinite(odds) ? 1 / (1 + odds) : 0;
  };
  const comparedCounts = toPatternCounts(patternCounts, fields.length);
  // A context pattern counts as shared by strangers once it is common: seen for 5% of the query records.
  const compared = { patterns: comparedCounts, totalPairs, minimum: Math.max(5, 0.05 * sampled) };
  correlation.estimate(randomCounts, nonMatch, compared);
  // Two rounds: EM with the correlation seen under the prior model, then again under EM's own.
  for (let round = 0; needEm && round < 2; round++) {
    const em = runEm(fields, comparedCounts, u, {
      totalPairs,
      fixedM,
      fixedU,
      random: randomCounts,
      lambda,
      logRatio,
      excluded,
    });
    if (given?.lambda === undefined) lambda = em.lambda;
    m = em.m;
    u = em.u;
    emIterations += em.iterations;
    correlation.estimate(randomCounts, nonMatch, compared);
  }
  const params: ModelParameters = { lambda, fields: {} };
  fields.forEach((f, k) => {
    params.fields[f.name] = { levels: [...f.levels], m: m[k] as number[], u: u[k] as number[] };
  });
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  if (process.env.MDEBUG) console.error('em done', (now() - tPrepared).toFixed(0), 'cpu', (process.cpuUsage().user / 1000).toFixed(0), 'iterations', emIterations);
  const tf = options.termFrequency === false ? undefined : countTerms(fields, dedupe ? [left] : [left, right]);
  const model = new ScoringModel(fields, params, tf, thresholds, correlation);
  const tTrained = now();

  const stats: MatchStats = {
    records: left.length,
    comparisons: 0,
    trainingComparisons: stored.complete ? 0 : trainingComparisons,
    blocks: exhaustive ? 0 : index.blocks,
    oversizedBlocks: 0,
    emIterations,
    ms: { prepare: tPrepared - t0, train: tTrained - tPrepared, score: 0, cluster: 0, total: 0 },
  };
  if (!dedupe) stats.existing = right.length;

  const scoreAll = (visit: PairVisitor): void => {
    const t = now();
    let n = 0;
    let k = 0;
    for (let i = 0; i < left.length; i++) {
      const a = left[i] as Prepared;
      if (inTraining[i] === 1 && stored.complete) {
        for (; k < stored.length && stored.a[k] === i; k++) {
          const j = stored.b[k] as number;
          unpackInto(stored.p[k] as number, levels);
          visit(i, j, model.score(a, right[j] as Prepared, levels), levels);
          n++;
        }
        continue;
      }
      candidates(i, (j) => {
        comparePair(fields, a, right[j] as Prepared, levels);
        visit(i, j, model.score(a, right[j] as Prepared, levels), levels);
        n++;
      });
    }
    stats.comparisons = n;
    stats.oversizedBlocks = index.oversizedBlocks;
    stats.ms.score += now() - t;
  };
  const compare = (i: number, j: number, out: Uint8Array): void => {
    comparePair(fields, left[i] as Prepared, right[j] as Prepared, out);
  };
  return { left, right, fields, model, stats, scoreAll, compare };
}

/** Most training pairs kept for reuse (16 bytes each). */
const MAX_STORED = 8_000_000;

/** Growable typed arrays of (i, j, pattern); `complete` turns false once MAX_STORED is passed. */
class PairStore {
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  p = new Float64Array(1024);
  length = 0;
  complete = true;

  push(i: number, j: number, pattern: number): void {
    if (!this.complete) return;
    if (this.length === MAX_STORED) {
      this.complete = false;
      this.a = new Int32Array(0);
      this.b = new Int32Array(0);
      this.p = new Float64Array(0);
      return;
    }
    if (this.length === this.a.length) {
      const grow = <T extends Int32Array | Float64Array>(x: T, make: (n: number) => T): T => {
        const y = make(x.length * 2);
        y.set(x);
        return y;
      };
      this.a = grow(this.a, (n) => new Int32Array(n));
      this.b = grow(this.b, (n) => new Int32Array(n));
      this.p = grow(this.p, (n) => new Float64Array(n));
    }
    this.a[this.length] = i;
    this.b[this.length] = j;
    this.p[this.length] = pattern;
    this.length++;
  }
}

/** Decode a packed pattern into `out` (3 bits per field). */
function unpackInto(pattern: number, out: Uint8Array): void {
  let p = pattern;
  for (let f = 0; f < out.length; f++) {
    out[f] = p % 8;
    p = Math.floor(p / 8);
  }
}

/** `k` distinct indices below `n`, sorted (partial Fisher-Yates). */
function sampleIndices(n: number, k: number, random: () => number): number[] {
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = idx[i] as number;
    idx[i] = idx[j] as number;
    idx[j] = t;
  }
  return Array.from(idx.subarray(0, k)).sort((a, b) => a - b);
}
