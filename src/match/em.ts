/**
 * Fellegi-Sunter parameters. u (how often non-matches agree at each level)
 * comes from random pairs, which are almost all non-matches; m (the same for
 * matches) and λ (the share of compared pairs that match) come from
 * expectation-maximisation over the comparison patterns of the blocked pairs,
 * started from and smoothed toward each field's prior.
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
  iterations: number;
}

/**
 * Expectation-maximisation of λ and m with u fixed. Fields listed in `fixedM`
 * keep the m given there. Missing levels carry no evidence either way.
 */
export function runEm(
  fields: readonly FieldSpec[],
  patterns: PatternCounts,
  u: readonly number[][],
  options: { maxIterations?: number; tolerance?: number; smoothing?: number; fixedM?: (number[] | undefined)[] } = {},
): EmResult {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-6;
  const alpha = options.smoothing ?? 10;
  const F = fields.length;
  let m = fields.map((f, i) => options.fixedM?.[i]?.slice() ?? f.priorM.slice());
  let lambda = 0.05;
  let iterations = 0;
  const P = patterns.counts.length;
  const total = patterns.counts.reduce((s, c) => s + c, 0);
  if (total === 0) return { lambda, m, iterations };
  for (; iterations < maxIterations; iterations++) {
    const mAcc = fields.map((f) => new Array<number>(f.levels.length).fill(0));
    let matchMass = 0;
    for (let p = 0; p < P; p++) {
      const lv = patterns.levels[p] as Uint8Array;
      const c = patterns.counts[p] ?? 0;
      let logRatio = 0; // log2 (P(pattern|M) / P(pattern|U))
      for (let f = 0; f < F; f++) {
        const l = lv[f] ?? MISSING;
        if (l === MISSING) continue;
        logRatio += Math.log2((m[f]?.[l] ?? 1e-9) / (u[f]?.[l] ?? 1e-9));
      }
      const odds = (lambda / (1 - lambda)) * 2 ** logRatio;
      const g = Number.isFinite(odds) ? odds / (1 + odds) : 1;
      const mass = g * c;
      matchMass += mass;
      for (let f = 0; f < F; f++) {
        const l = lv[f] ?? MISSING;
        if (l !== MISSING) (mAcc[f] as number[])[l] = ((mAcc[f] as number[])[l] ?? 0) + mass;
      }
    }
    const nextLambda = Math.min(0.999, Math.max(1e-6, matchMass / total));
    const next = fields.map((f, i) => {
      if (options.fixedM?.[i]) return options.fixedM[i] as number[];
      const acc = mAcc[i] as number[];
      const sum = acc.reduce((s, x) => s + x, 0);
      return f.levels.map((_, l) => ((acc[l] ?? 0) + alpha * (f.priorM[l] ?? 0)) / (sum + alpha));
    });
    let delta = Math.abs(nextLambda - lambda);
    next.forEach((row, i) => row.forEach((v, l) => (delta = Math.max(delta, Math.abs(v - (m[i]?.[l] ?? 0))))));
    lambda = nextLambda;
    m = next;
    if (delta < tolerance) {
      iterations++;
      break;
    }
  }
  return { lambda, m, iterations };
}
