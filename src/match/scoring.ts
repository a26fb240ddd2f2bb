/**
 * Scores a compared pair from its levels: log2 prior odds plus, per field,
 * log2(m/u) of its level (exact agreements adjusted for how common the value
 * is), plus a correction when context fields agree together more often than
 * independence predicts. The explanation lists the same numbers, added in
 * the same order, so they sum exactly to the score.
 */
import type { ContextCorrelation } from './correlation.js';
import { MISSING } from './fields.js';
import type { FieldSpec } from './fields.js';
import type { Prepared } from './prepare.js';
import type { Explanation, FieldContribution, ModelParameters, Outcome, Thresholds } from './types.js';

/** Weights never leave ±MAX_WEIGHT: one field cannot settle a pair alone. */
const MAX_WEIGHT = 20;
const clamp = (w: number): number => Math.max(-MAX_WEIGHT, Math.min(MAX_WEIGHT, w));
/** Least an exact agreement outweighs any other level of its field (bits). */
const EXACT_GAP = 0.5;

/**
 * Weights of a field's levels, the first (exact agreement) at least
 * EXACT_GAP above every other. Identical values are the strongest evidence
 * a field can give, yet estimates can tie or invert it — when no random
 * pair agreed at any of the top levels, u sits at its floor for all of
 * them, and where most true pairs are misspelt, m favours "close" — and then
 * an exact name would score no better than a misspelt one. The other levels
 * keep the order the data gave them (a differing legal form, say, may count
 * for less than a typo).
 */
export function exactFirstWeights(raw: ArrayLike<number>): Float64Array {
  const w = Float64Array.from(raw as ArrayLike<number>, clamp);
  let best = -Infinity;
  for (let l = 1; l < w.length; l++) best = Math.max(best, w[l] as number);
  if (w.length > 1) w[0] = Math.max(w[0] as number, best + EXACT_GAP);
  return w;
}

/** Per field: how many values were counted (records with a value). */
export interface TermFrequencies {
  totals: number[];
}

/**
 * Count every field's values over the prepared records, and give each record
 * the count of its own value per field (`termCounts`).
 */
export function countTerms(fields: readonly FieldSpec[], lists: readonly (readonly Prepared[])[]): TermFrequencies {
  const totals = fields.map(() => 0);
  const counts = fields.map(() => new Map<string, number>());
  fields.forEach((f, i) => {
    const map = counts[i] as Map<string, number>;
    if (!f.tfValue) return;
    for (const list of lists) {
      for (const r of list) {
        const v = f.tfValue(r);
        if (!v) continue;
        map.set(v, (map.get(v) ?? 0) + 1);
        totals[i] = (totals[i] ?? 0) + 1;
      }
    }
  });
  for (const list of lists) {
    for (const r of list) {
      r.termCounts = Int32Array.from(fields, (f, i) => {
        const v = f.tfValue?.(r);
        return v ? (counts[i]?.get(v) ?? 0) : 0;
      });
    }
  }
  return { totals };
}

export class ScoringModel {
  readonly prior: number;
  private readonly weights: Float64Array[];

  constructor(
    readonly fields: readonly FieldSpec[],
    readonly params: ModelParameters,
    private readonly tf: TermFrequencies | undefined,
    readonly thresholds: Thresholds,
    private readonly correlation: ContextCorrelation | undefined,
  ) {
    const lambda = params.lambda;
    this.prior = Math.log2(lambda / (1 - lambda));
    this.weights = fields.map((f) => {
      const p = params.fields[f.name];
      return exactFirstWeights(f.levels.map((_, l) => Math.log2((p?.m[l] ?? 1) / (p?.u[l] ?? 1))));
    });
    this.u = fields.map((f) => params.fields[f.name]?.u ?? []);
    this.m = fields.map((f) => params.fields[f.name]?.m ?? []);
    this.pairWeights = new Float64Array(fields.length);
    this.tfCache = fields.map(() => new Float64Array(4096).fill(Number.NaN));
  }

  private readonly u: number[][];
  private readonly m: number[][];
  /** Scratch: the field weights of the pair being scored. */
  private readonly pairWeights: Float64Array;

  /** log2 correction for context fields that agree together more than independence predicts. */
  private correlationOf(levels: Uint8Array): number {
    return this.correlation ? this.correlation.correction(levels, this.m, this.u, this.pairWeights) : 0;
  }

  /** Set by {@link weight}: whether term frequency decided the last weight. */
  private lastTf = false;

  /** Per field, term-frequency weights by value count (NaN: not computed yet). */
  private readonly tfCache: Float64Array[];

  /** Term-frequency weight of an exact agreement on the value `r` holds, or undefined. */
  private tfWeight(f: number, r: Prepared): number | undefined {
    const count = r.termCounts[f];
    if (!count || (this.tf?.totals[f] ?? 0) === 0) return undefined;
    const cache = this.tfCache[f] as Float64Array;
    if (count < cache.length) {
      const cached = cache[count] as number;
      if (!Number.isNaN(cached)) return cached;
      return (cache[count] = this.computeTfWeight(f, count));
    }
    return this.computeTfWeight(f, count);
  }

  private computeTfWeight(f: number, count: number): number {
    const spec = this.fields[f] as FieldSpec;
    const total = this.tf?.totals[f] ?? 0;
    const base = this.weights[f]?.[0] ?? 0;
    const m = this.params.fields[spec.name]?.m[0] ?? 1;
    // Bounded around the average exact weight: a rare value is stronger evidence, a common one weaker.
    // A value seen only in this pair says little about its own frequency: it keeps at least the average.
    const w = Math.max(Math.min(clamp(Math.log2(m / (count / total))), base + 6), Math.min(base, 1));
    return count <= 2 ? Math.max(w, base) : w;
  }

  /**
   * Weight of field `f` at level `l` for this pair. Exact agreement is
   * adjusted by how common the value is; a near agreement never weighs more
   * than an exact one on the commoner of the two values would.
   */
  private weight(f: number, l: number, a: Prepared, b: Prepared): number {
    this.lastTf = false;
    if (l === MISSING) return 0;
    const base = this.weights[f]?.[l] ?? 0;
    if (!this.tf || base <= 0) return base;
    if (l === 0) {
      const w = this.tfWeight(f, a);
      if (w === undefined) return base;
      this.lastTf = true;
      return w;
    }
    const wa = this.tfWeight(f, a) ?? Infinity;
    const wb = this.tfWeight(f, b) ?? Infinity;
    const cap = Math.min(wa, wb, this.weights[f]?.[0] ?? Infinity);
    if (cap >= base) return base;
    this.lastTf = true;
    return cap;
  }

  /** Score of a pair whose field levels are `levels`. */
  score(a: Prepared, b: Prepared, levels: Uint8Array): number {
    let s = this.prior;
    for (let f = 0; f < levels.length; f++) {
      const w = this.weight(f, levels[f] ?? MISSING, a, b);
      this.pairWeights[f] = w;
      s += w;
    }
    return s + this.correlationOf(levels);
  }

  /** The score's parts, as plain data. */
  explain(a: Prepared, b: Prepared, levels: Uint8Array): Explanation {
    const fields: FieldContribution[] = [];
    let score = this.prior;
    this.fields.forEach((spec, f) => {
      const l = levels[f] ?? MISSING;
      const weight = this.weight(f, l, a, b);
      const tf = this.lastTf;
      this.pairWeights[f] = weight;
      score += weight;
      const p = this.params.fields[spec.name];
      const c: FieldContribution = {
        field: spec.name,
        level: l === MISSING ? 'missing' : (spec.levels[l] ?? String(l)),
        weight,
        m: l === MISSING ? 1 : (p?.m[l] ?? 1),
        u: l === MISSING ? 1 : (p?.u[l] ?? 1),
      };
      if (tf) c.tf = true;
      fields.push(c);
    });
    const correlation = this.correlationOf(levels);
    return { prior: this.prior, fields, correlation, score: score + correlation };
  }

  outcome(score: number): Outcome {
    return score >= this.thresholds.match ? 'match' : score >= this.thresholds.review ? 'review' : 'none';
  }
}

/** 2^s / (1 + 2^s), safe for large |s|. */
export function probability(score: number): number {
  return score >= 0 ? 1 / (1 + 2 ** -score) : 2 ** score / (1 + 2 ** score);
}

const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;

/**
 * One line a person can read: "email exact +14.2, lastname close +6.1, shared context -3.0 (prior -9.3) = 8.0".
 */
export function explanationText(e: Explanation): string {
  const parts = e.fields.filter((f) => f.level !== 'missing').map((f) => `${f.field} ${f.level} ${signed(f.weight)}`);
  if (e.correlation !== 0) parts.push(`shared context ${signed(e.correlation)}`);
  return `${parts.join(', ')} (prior ${e.prior.toFixed(1)}) = ${e.score.toFixed(1)}`;
}
