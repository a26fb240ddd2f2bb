/**
 * Fellegi-Sunter parameters. u (how often non-matches agree at each level)
 * comes from random pairs, which are almost all non-matches; m (the same for
 * matches) and λ (the share of all pairs that match) come from
 * expectation-maximisation over the comparison patterns of the blocked pairs,
 * the pairs blocking left out counting as non-matches. m starts from and is
 * smoothed toward each field's prior.
 */
import { MISSING } from './fields.js';
import type { FieldSpec } from './fields.js';

/** Distinct comparison patterns (levels per field) and how many pairs had each. */
export interface PatternCounts {
  levels: Uint8Array[];
  counts: number[];
}

/** Decode a packed pattern (3 bits per field) into levels. */
export function unpackPattern(pattern: number, fieldCount: number): Uint8Array {
  const out = new Uint8Array(fieldCount);
  let p = pattern;
  for (let f = 0; f < fieldCount; f++) {
    out[f] = p % 8;
    p = Math.floor(p / 8);
  }
  return out;
}

/** Counts of packed patterns to the table EM reads. */
export function toPatternCounts(counts: Map<number, number>, fieldCount: number): PatternCounts {
  const levels: Uint8Array[] = [];
  const n: number[] = [];
  for (const [p, c] of counts) {
    levels.push(unpackPattern(p, fieldCount));
    n.push(c);
  }
  return { levels, counts: n };
}

/**
 * u per field and level from level counts of random pairs, with half a pair
 * of pseudo-count per level so unseen levels stay finite.
 */
export function estimateU(fields: readonly FieldSpec[], counts: readonly number[][]): number[][] {
  return fields.map((f, i) => {
    const c = counts[i] ?? [];
    const total = f.levels.reduce((s, _, l) => s + (c[l] ?? 0), 0) + 0.5 * f.levels.length;
    return f.levels.map((_, l) => ((c[l] ?? 0) + 0.5) / total);
  });
}

export interface EmResult {
  lambda: number;
  m: number[][];
  u: number[][];
  iterations: number;
}

export interface EmOptions {
  /**
   * Every pair the compared ones were drawn from (n·m when linking). Pairs
   * blocking left out count as non-matches, so λ is the share of matches among
   * all pairs: the prior that goes with u from random pairs.
   */
  totalPairs: number;
  maxIterations?: number;
  tolerance?: number;
  /** Weight of each field's prior m, in pairs. Default 10. */
  smoothing?: number;
  /** m given by the caller per field (kept as is). */
  fixedM?: (number[] | undefined)[];
  /** λ to start from. */
  lambda?: number;
  /** Keep λ where it starts (estimated elsewhere): with a single compared field EM cannot tell m from λ. */
  holdLambda?: boolean;
  /**
   * Patterns of random pairs. When given, u is re-estimated every iteration
   * from them, each weighted by its posterior of being a non-match (random
   * pairs of small, overlapping sets hold true matches too).
   */
  random?: PatternCounts;
  /** u given by the caller per field (kept as is). */
  fixedU?: (number[] | undefined)[];
  /** log2 likelihood ratio of a pattern under m and u (how fields combine); default: the plain sum. */
  logRatio?: (levels: Uint8Array, m: readonly number[][], u: readonly number[][]) => number;
  /** Patterns that are never matches (held out of m). */
  excluded?: (levels: Uint8Array) => boolean;
}

/** Σ log2(m/u) over present fields: the plain Fellegi-Sunter sum. */
export function plainLogRatio(levels: Uint8Array, m: readonly number[][], u: readonly number[][]): number {
  let s = 0;
  for (let f = 0; f < levels.length; f++) {
    const l = levels[f] ?? MISSING;
    if (l !== MISSING) s += Math.log2((m[f]?.[l] ?? 1e-12) / (u[f]?.[l] ?? 1e-12));
  }
  return s;
}

type LogRatio = (levels: Uint8Array, m: readonly number[][], u: readonly number[][]) => number;

/** Posterior probability that a pair with levels `lv` is a match. */
function posterior(lv: Uint8Array, priorOdds: number, m: readonly number[][], u: readonly number[][], logRatio: LogRatio): number {
  const ratio = priorOdds * 2 ** logRatio(lv, m, u);
  return Number.isFinite(ratio) ? ratio / (1 + ratio) : 1;
}

/** u from random pairs, each counted by its posterior of being a non-match. */
function reestimateU(
  fields: readonly FieldSpec[],
  random: PatternCounts,
  priorOdds: number,
  m: readonly number[][],
  u: readonly number[][],
  fixedU: (number[] | undefined)[] | undefined,
  logRatio: LogRatio,
): number[][] {
  const counts = fields.map((f) => new Array<number>(f.levels.length).fill(0));
  random.levels.forEach((lv, p) => {
    const w = (1 - posterior(lv, priorOdds, m, u, logRatio)) * (random.counts[p] ?? 0);
    lv.forEach((l, f) => {
      if (l !== MISSING) (counts[f] as number[])[l] = ((counts[f] as number[])[l] ?? 0) + w;
    });
  });
  const fresh = estimateU(fields, counts);
  return fields.map((_, i) => fixedU?.[i] ?? (fresh[i] as number[]));
}

/**
 * Expectation-maximisation of λ, m and (from random pairs) u. Missing levels
 * carry no evidence either way; `excluded` patterns are held to be
 * non-matches.
 */
export function runEm(fields: readonly FieldSpec[], patterns: PatternCounts, u0: readonly number[][], options: EmOptions): EmResult {
  let u = u0.map((row) => row.slice());
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-6;
  const alpha = options.smoothing ?? 10;
  const F = fields.length;
  let m = fields.map((f, i) => options.fixedM?.[i]?.slice() ?? f.priorM.slice());
  const P = patterns.counts.length;
  const compared = patterns.counts.reduce((s, c) => s + c, 0);
  const total = Math.max(options.totalPairs, compared);
  let lambda = options.holdLambda && options.lambda !== undefined ? options.lambda : Math.min(0.5, options.lambda ?? 0.01);
  let iterations = 0;
  if (compared === 0) return { lambda, m, u, iterations };
  const logRatio = options.logRatio ?? plainLogRatio;
  const excluded = patterns.levels.map((lv) => options.excluded?.(lv) ?? false);
  for (; iterations < maxIterations; iterations++) {
    const mAcc = fields.map((f) => new Array<number>(f.levels.length).fill(0));
    let matchMass = 0;
    const priorOdds = lambda / (1 - lambda);
    for (let p = 0; p < P; p++) {
      if (excluded[p]) continue;
      const lv = patterns.levels[p] as Uint8Array;
      const g = posterior(lv, priorOdds, m, u, logRatio);
      const mass = g * (patterns.counts[p] ?? 0);
      matchMass += mass;
      for (let f = 0; f < F; f++) {
        const l = lv[f] ?? MISSING;
        if (l !== MISSING) (mAcc[f] as number[])[l] = ((mAcc[f] as number[])[l] ?? 0) + mass;
      }
    }
    const nextLambda = Math.min(0.5, Math.max(1e-12, matchMass / total));
    const next = fields.map((f, i) => {
      const fixed = options.fixedM?.[i];
      if (fixed) return fixed;
      const acc = mAcc[i] as number[];
      const sum = acc.reduce((s, x) => s + x, 0);
      return f.levels.map((_, l) => ((acc[l] ?? 0) + alpha * (f.priorM[l] ?? 0)) / (sum + alpha));
    });
    const nextU = options.random ? reestimateU(fields, options.random, priorOdds, m, u, options.fixedU, logRatio) : u;
    let delta = Math.abs(Math.log(nextLambda / lambda)) * 1e-3;
    next.forEach((row, i) => row.forEach((v, l) => (delta = Math.max(delta, Math.abs(v - (m[i]?.[l] ?? 0))))));
    nextU.forEach((row, i) => row.forEach((v, l) => (delta = Math.max(delta, Math.abs(Math.log2(v / (u[i]?.[l] ?? 1))) * 1e-3))));
    if (!options.holdLambda) lambda = nextLambda;
    m = next;
    u = nextU;
    if (delta < tolerance) {
      iterations++;
      break;
    }
  }
  return { lambda, m, u, iterations };
}
