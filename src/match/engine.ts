/**
 * The one engine behind every mode: prepare records, index blocking keys,
 * estimate u from random pairs and m/λ by EM over blocked pairs, then visit
 * every blocked pair with its score. Dedupe compares a set with itself
 * (each pair once); linking compares queries against an indexed set.
 */
import { SyncroEtlError } from '../errors.js';
import { LEGAL_SUFFIXES } from '../normalize/company.js';
import { BlockIndex, MAX_INDEXED, blockingKeyHashes, sortKey } from './blocking.js';
import { estimateU, toPatternCounts } from './em.js';
import { identityDisagrees } from './evidence.js';
import { PairStore, rng, sampleIndices, unpackInto } from './pairs.js';
import { estimateModel } from './train.js';
import { MISSING, buildFields } from './fields.js';
import type { FieldSpec } from './fields.js';
import { PrepareMemo, extraNames, prepareRecord } from './prepare.js';
import type { Prepared } from './prepare.js';
import { ScoringModel, countTerms } from './scoring.js';
import type { MatchOptions, MatchRecord, MatchStats, Thresholds } from './types.js';

/** Defaults, in log2 posterior odds: match from p ≈ 0.5, review from p ≈ 0.01. */
export const DEFAULT_THRESHOLDS: Thresholds = { match: 0, review: -7 };
const MAX_FIELDS = 17; // 3 bits per field in a float64 pattern

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
   * between calls) — except pairs whose names and mailbox (or business name
   * and mailbox) all disagree, which are never matches (they are counted as
   * compared).
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
  const memo = new PrepareMemo();
  const left = records.map((r) => prepareRecord(r, extras, memo));
  const right = dedupe ? left : existing.map((r) => prepareRecord(r, extras, memo));

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
  const companyKeys = new Map<string, number[]>();
  const rightHashes = right.map((r) => blockingKeyHashes(r, keyCtx, companyKeys));
  const leftHashes = dedupe ? rightHashes : left.map((r) => blockingKeyHashes(r, keyCtx, companyKeys));
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
  const trainAll = left.length <= (options.trainingRecords ?? 20_000);
  const trainOn = trainAll ? left.map((_, i) => i) : sampleIndices(left.length, options.trainingRecords ?? 20_000, random);
  // Pairs compared in training are kept (up to MAX_STORED) so scoring need not compare them again.
  const stored = new PairStore();
  const inTraining = new Uint8Array(left.length);
  for (const i of trainOn) inTraining[i] = 1;
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
    blocks: exhaustive ? 0 : index.blocks,
    oversizedBlocks: 0,
    emIterations,
    ms: { prepare: tPrepared - t0, train: tTrained - tPrepared, score: 0, cluster: 0, total: 0 },
  };
  if (!dedupe) stats.existing = right.length;

  // Scoring skips the context fields of pairs the identity rule already rules out
  // (names and mailbox all differ: never a match).
  const identityFields = fields.flatMap((f, k) => (f.identityFrom === undefined ? [] : [k]));
  const identityLevels = new Uint8Array(fields.length).fill(MISSING);
  const ruledOut = (a: Prepared, b: Prepared): boolean => {
    for (const k of identityFields) identityLevels[k] = (fields[k] as FieldSpec).compare(a, b);
    return identityDisagrees(fields, identityLevels, entity, true);
  };
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
          n++;
          if (identityDisagrees(fields, levels, entity, true)) continue;
          visit(i, j, model.score(a, right[j] as Prepared, levels), levels);
        }
        continue;
      }
      candidates(i, (j) => {
        n++;
        const b = right[j] as Prepared;
        if (ruledOut(a, b)) return;
        comparePair(fields, a, b, levels);
        visit(i, j, model.score(a, b, levels), levels);
      });
    }
    stats.comparisons = n;
    stats.oversizedBlocks = index.oversizedBlocks;
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

