/**
 * Scores a compared pair from its levels: log2 prior odds plus, per field,
 * log2(m/u) of its level (exact agreements adjusted for how common the value
 * is). The explanation lists the same numbers, added in the same order, so
 * they sum exactly to the score.
 */
import { MISSING } from './fields.js';
import type { FieldSpec } from './fields.js';
import type { Prepared } from './prepare.js';
import type { Explanation, FieldContribution, ModelParameters, Outcome, Thresholds } from './types.js';

/** Weights never leave ±MAX_WEIGHT: one field cannot settle a pair alone. */
const MAX_WEIGHT = 20;
const clamp = (w: number): number => Math.max(-MAX_WEIGHT, Math.min(MAX_WEIGHT, w));

/** Value counts per field for term-frequency adjustment. */
export interface TermFrequencies {
  counts: (Map<string, number> | undefined)[];
  totals: number[];
}

/** Count every field's values over the prepared records. */
export function countTerms(fields: readonly FieldSpec[], lists: readonly (readonly Prepared[])[]): TermFrequencies {
  const counts = fields.map((f) => (f.tfValue ? new Map<string, number>() : undefined));
  const totals = fields.map(() => 0);
  fields.forEach((f, i) => {
    const map = counts[i];
    if (!map || !f.tfValue) return;
    for (const list of lists) {
      for (const r of list) {
        const v = f.tfValue(r);
        if (!v) continue;
        map.set(v, (map.get(v) ?? 0) + 1);
        totals[i] = (totals[i] ?? 0) + 1;
      }
    }
  });
  return { counts, totals };
}

export class ScoringModel {
  readonly prior: number;
  private readonly weights: Float64Array[];

  constructor(
    readonly fields: readonly FieldSpec[],
    readonly params: ModelParameters,
    private readonly tf: TermFrequencies | undefined,
    readonly thresholds: Thresholds,
  ) {
    const lambda = params.lambda;
    this.prior = Math.log2(lambda / (1 - lambda));
    this.weights = fields.map((f) => {
      const p = params.fields[f.name];
      return Float64Array.from(f.levels, (_, l) => clamp(Math.log2((p?.m[l] ?? 1) / (p?.u[l] ?? 1))));
    });
  }

  /** Set by {@link weight}: whether term frequency decided the last weight. */
  private lastTf = false;

  /** Weight of field `f` at level `l` for this pair. */
  private weight(f: number, l: number, a: Prepared): number {
    this.lastTf = false;
    if (l === MISSING) return 0;
    const base = this.weights[f]?.[l] ?? 0;
    if (l !== 0 || !this.tf) return base;
    const spec = this.fields[f] as FieldSpec;
    const counts = this.tf.counts[f];
    const value = spec.tfValue?.(a);
    const count = value ? counts?.get(value) : undefined;
    const total = this.tf.totals[f] ?? 0;
    if (!count || total === 0) return base;
    const m = this.params.fields[spec.name]?.m[0] ?? 1;
    // Bounded around the average exact weight: a rare value is stronger evidence, a common one weaker.
    // A value seen only in this pair says little about its own frequency: it keeps at least the average.
    const w = Math.max(Math.min(clamp(Math.log2(m / (count / total))), base + 6), Math.min(base, 1));
    this.lastTf = true;
    return count <= 2 ? Math.max(w, base) : w;
  }

  /** Score of a pair whose field levels are `levels` (a is the record term frequencies read from). */
  score(a: Prepared, levels: Uint8Array): number {
    let s = this.prior;
    for (let f = 0; f < levels.length; f++) s += this.weight(f, levels[f] ?? MISSING, a);
    return s;
  }

  /** The score's parts, as plain data. */
  explain(a: Prepared, levels: Uint8Array): Explanation {
    const fields: FieldContribution[] = [];
    let score = this.prior;
    this.fields.forEach((spec, f) => {
      const l = levels[f] ?? MISSING;
      const weight = this.weight(f, l, a);
      const tf = this.lastTf;
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
    return { prior: this.prior, fields, score };
  }

  outcome(score: number): Outcome {
    return score >= this.thresholds.match ? 'match' : score >= this.thresholds.review ? 'review' : 'none';
  }
}

/** 2^s / (1 + 2^s), safe for large |s|. */
export function probability(score: number): number {
  return score >= 0 ? 1 / (1 + 2 ** -score) : 2 ** score / (1 + 2 ** score);
}

/**
 * One line a person can read: "email exact +14.2, lastname close +6.1, phone missing 0 (prior -9.3) = 11.0".
 */
export function explanationText(e: Explanation): string {
  const parts = e.fields
    .filter((f) => f.level !== 'missing')
    .map((f) => `${f.field} ${f.level} ${f.weight >= 0 ? '+' : ''}${f.weight.toFixed(1)}`);
  return `${parts.join(', ')} (prior ${e.prior.toFixed(1)}) = ${e.score.toFixed(1)}`;
}
