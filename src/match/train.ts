/**
 * Fits the scoring model: u from random pairs, m and λ by EM over the
 * compared pairs (the identity rule holding some to be non-matches), and the
 * correlation of context fields — estimated together in two rounds, since
 * each informs the other. Parameters the caller gives are kept.
 */
import { runEm } from './em.js';
import type { PatternCounts } from './em.js';
import { ContextCorrelation } from './correlation.js';
import { identityDisagrees } from './evidence.js';
import type { EntityKind } from './evidence.js';
import { MISSING } from './fields.js';
import type { FieldSpec } from './fields.js';
import type { ModelParameters } from './types.js';

export interface TrainingData {
  /** Patterns of the compared (blocked) pairs of the training records. */
  compared: PatternCounts;
  /** Patterns of random pairs. */
  random: PatternCounts;
  /** u per field from the random pairs. */
  u: number[][];
  /** All pairs the training records could form (compared or not). */
  totalPairs: number;
  /** Training records (queries). */
  sampled: number;
  /** Records in the indexed set. */
  indexed: number;
  given?: ModelParameters;
}

export interface TrainedModel {
  params: ModelParameters;
  correlation: ContextCorrelation;
  emIterations: number;
}

/**
 * The least λ EM may end at: one record in a hundred with a duplicate. A
 * small file holds too few pairs for EM to see matches, and its λ collapses
 * (2^-40 on a client list of 143 with one pair written two ways), so no
 * evidence could make a pair even a maybe: `dedupe` said "no duplicates" and
 * import created both. Larger sets find their own λ well above it.
 */
export function lambdaFloor(data: Pick<TrainingData, 'sampled' | 'indexed' | 'totalPairs'>): number {
  return Math.min(0.5, (0.01 * Math.max(1, Math.min(data.sampled, data.indexed))) / Math.max(1, data.totalPairs));
}

/** Estimate the model for `fields` from training data. */
export function estimateModel(fields: readonly FieldSpec[], entity: EntityKind, data: TrainingData): TrainedModel {
  const { given, totalPairs, sampled } = data;
  const fixedM = fields.map((f) => given?.fields[f.name]?.m);
  const fixedU = fields.map((f) => given?.fields[f.name]?.u);
  const needEm = !given || fixedM.some((x) => x === undefined);
  let u = fields.map((f, k) => fixedU[k] ?? (data.u[k] as number[]));
  const heldLambda = given?.lambda ?? singleFieldLambda(fields, data);
  let lambda = heldLambda ?? (0.5 * Math.min(sampled, data.indexed)) / Math.max(1, totalPairs);
  let m = fixedM.map((x, k) => x ?? (fields[k] as FieldSpec).priorM.slice());
  let emIterations = 0;
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
  /** Share of non-match of a pair under the current model (1 when identity rules it out). */
  const nonMatch = (lv: Uint8Array): number => {
    if (excluded(lv)) return 1;
    const odds = (lambda / (1 - lambda)) * 2 ** logRatio(lv, m, u);
    return Number.isFinite(odds) ? 1 / (1 + odds) : 0;
  };
  // A context pattern counts as shared by strangers once it is common: seen for 5% of the query records.
  const compared = { patterns: data.compared, totalPairs, minimum: Math.max(5, 0.05 * sampled) };
  correlation.estimate(data.random, nonMatch, compared);
  // Two rounds: EM with the correlation seen under the prior model, then again under EM's own.
  for (let round = 0; needEm && round < 2; round++) {
    const em = runEm(fields, data.compared, u, {
      totalPairs,
      fixedM,
      fixedU,
      random: data.random,
      lambda,
      logRatio,
      excluded,
      holdLambda: heldLambda !== undefined,
    });
    if (heldLambda === undefined) lambda = Math.max(em.lambda, lambdaFloor(data));
    m = em.m;
    u = em.u;
    emIterations += em.iterations;
    correlation.estimate(data.random, nonMatch, compared);
  }
  const params: ModelParameters = { lambda, fields: {} };
  fields.forEach((f, k) => {
    params.fields[f.name] = { levels: [...f.levels], m: m[k] as number[], u: u[k] as number[] };
  });
  return { params, correlation, emIterations };
}

/**
 * λ when a run compares a single field (a business-name-only file): one
 * field cannot separate m from λ, and EM drifts to a prior no pair can
 * overcome. λ is then counted the way a deterministic rule counts it — the
 * compared pairs whose names agree up to legal form, word order, spelling
 * of an abbreviation or one typo in a rare word (levels exact, key, close),
 * over all pairs — and m is estimated by EM with λ held.
 */
function singleFieldLambda(fields: readonly FieldSpec[], data: TrainingData): number | undefined {
  if (fields.length !== 1 || fields[0]?.kind !== 'company') return undefined;
  let agreeing = 0;
  data.compared.levels.forEach((lv, p) => {
    if ((lv[0] ?? MISSING) <= 2) agreeing += data.compared.counts[p] ?? 0;
  });
  return Math.min(0.5, Math.max(1, agreeing) / Math.max(1, data.totalPairs));
}
