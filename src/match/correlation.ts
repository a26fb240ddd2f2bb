/**
 * The correction for context fields that agree together (see
 * ContextCorrelation below): their patterns among non-matches, and the joint
 * evidence that replaces their summed weights where that is weaker.
 */
import { identifies, identityDisagrees, modeOf } from './evidence.js';
import type { EntityKind } from './evidence.js';
import { MISSING } from './fields.js';
import type { FieldSpec } from './fields.js';

/** The context fields of a pair: bit f set when field f is present and context here. */
function contextMask(fields: readonly FieldSpec[], levels: Uint8Array, entity: EntityKind): number {
  const mode = modeOf(fields, levels, entity);
  let mask = 0;
  for (let f = 0; f < fields.length; f++) {
    const l = levels[f] ?? MISSING;
    if (l === MISSING) continue;
    const spec = fields[f] as FieldSpec;
    // The mailbox always takes part: whether its domain is shared tells of a shared employer.
    if (spec.kind === 'email' || !identifies(spec, l, mode)) mask += 2 ** f;
  }
  return mask;
}

/**
 * The coarse pattern of the context fields in `mask`: which agree exactly and
 * which agree less than exactly (bit sets, packed as exact · 2^F + near);
 * the rest disagree (their worst level).
 */
function contextPattern(fields: readonly FieldSpec[], levels: Uint8Array, mask: number): number {
  let exact = 0;
  let near = 0;
  for (let f = 0; f < levels.length; f++) {
    if (Math.floor(mask / 2 ** f) % 2 === 0) continue;
    const g = groupOf(fields[f] as FieldSpec, levels[f] ?? 0);
    if (g === 0) exact += 2 ** f;
    else if (g === 1) near += 2 ** f;
  }
  return exact * 2 ** fields.length + near;
}

/**
 * The field's coarse group of a level: 0 exact, 1 near (agrees, not
 * exactly), 2 disagrees. For the mailbox, as context: 0 the same or an alike
 * address, 1 another mailbox at the same company domain, 2 other domains.
 */
function groupOf(spec: FieldSpec, level: number): 0 | 1 | 2 {
  if (spec.kind === 'email') return level <= 1 ? 0 : level === spec.contextLevel ? 1 : 2;
  return level === 0 ? 0 : level < spec.levels.length - 1 ? 1 : 2;
}

/** True when bit set `outer` holds every bit of `inner`. */
function covers(outer: number, inner: number): boolean {
  return restrict(outer, inner) === inner;
}

/** A packed coarse pattern with only the fields of `mask` kept. */
function restrictPattern(pattern: number, mask: number, fieldCount: number): number {
  const high = 2 ** fieldCount;
  return restrict(Math.floor(pattern / high), mask) * high + restrict(pattern % high, mask);
}

/** The bits of `bits` that are also in `mask`. */
function restrict(bits: number, mask: number): number {
  let out = 0;
  for (let b = 1, rest = mask; rest > 0; b *= 2, rest = Math.floor(rest / 2)) {
    if (rest % 2 === 1 && Math.floor(bits / b) % 2 === 1) out += b;
  }
  return out;
}

/** Distinct comparison patterns and how many pairs had each. */
export interface PatternTable {
  levels: Uint8Array[];
  counts: number[];
}

interface Tabulated {
  masks: number[];
  patterns: number[];
  weights: number[];
}

/** Weight of entries with (at least) the fields of `mask` present, and of those agreeing as `pattern`. */
function sharesOf(t: Tabulated, mask: number, pattern: number, fieldCount: number, coarse: boolean): [number, number] {
  const want = coarse ? coarsen(pattern, fieldCount) : pattern;
  let seen = 0;
  let of = 0;
  for (let e = 0; e < t.masks.length; e++) {
    if (!covers(t.masks[e] as number, mask)) continue;
    of += t.weights[e] as number;
    const p = restrictPattern(t.patterns[e] as number, mask, fieldCount);
    if ((coarse ? coarsen(p, fieldCount) : p) === want) seen += t.weights[e] as number;
  }
  return [seen, of];
}

/** A pattern with near agreement counted as agreement (exact and near merged). */
function coarsen(pattern: number, fieldCount: number): number {
  const high = 2 ** fieldCount;
  return (Math.floor(pattern / high) + (pattern % high)) * high;
}

/**
 * Context fields are not independent among non-matches: colleagues share
 * employer, domain, phone line, address, city, state and zip at once. The
 * product of their u values then underestimates how often non-matches agree
 * on all of them. This keeps, per exact/near/disagree pattern of the context
 * fields, how often non-matches show it — from random pairs, and from the
 * compared pairs (which hold nearly every pair sharing a context), each pair
 * weighted by how surely it is a non-match — and corrects the score when the
 * observed share is higher than the product.
 */
export class ContextCorrelation {
  private random: Tabulated = { masks: [], patterns: [], weights: [] };
  private randomTotal = 0;
  private compared: Tabulated | undefined;
  private totalPairs = 0;
  /** Compared sure non-matches a pattern needs before it counts (a few odd true matches must not). */
  private minCompared = 1;
  private readonly cache = new Map<number, number | undefined>();

  constructor(
    private readonly fields: readonly FieldSpec[],
    private readonly entity: EntityKind,
  ) {}

  /** Rebuild the tables from random-pair patterns, each with its weight (share of non-match). */
  estimate(
    random: PatternTable,
    nonMatch: (levels: Uint8Array) => number,
    compared?: { patterns: PatternTable; totalPairs: number; minimum: number },
  ): void {
    this.random = this.tabulate(random, nonMatch);
    this.randomTotal = this.random.weights.reduce((x, y) => x + y, 0);
    // Of the compared pairs only the sure non-matches count (their identity fields all disagree):
    // true matches with a mangled name must not pass for context shared by strangers.
    const sure = (lv: Uint8Array): number => (identityDisagrees(this.fields, lv, this.entity) ? 1 : 0);
    this.compared = compared ? this.tabulate(compared.patterns, sure) : undefined;
    this.totalPairs = compared?.totalPairs ?? 0;
    this.minCompared = compared?.minimum ?? 1;
    this.cache.clear();
    this.byPattern.clear();
  }

  /** (context mask, agree pattern) → weight of non-match pairs showing it. */
  private tabulate(table: PatternTable, nonMatch: (levels: Uint8Array) => number): Tabulated {
    const sums = new Map<string, number>();
    table.levels.forEach((lv, i) => {
      const w = (table.counts[i] ?? 0) * nonMatch(lv);
      const mask = contextMask(this.fields, lv, this.entity);
      const key = `${mask}|${contextPattern(this.fields, lv, mask)}`;
      sums.set(key, (sums.get(key) ?? 0) + w);
    });
    const out: Tabulated = { masks: [], patterns: [], weights: [] };
    for (const [key, w] of sums) {
      const [mask, pattern] = key.split('|').map(Number) as [number, number];
      out.masks.push(mask);
      out.patterns.push(pattern);
      out.weights.push(w);
    }
    return out;
  }

  private observed(mask: number, pattern: number, coarse: boolean): number | undefined {
    const key = (mask * 2 ** (2 * this.fields.length) + pattern) * 2 + (coarse ? 1 : 0); // pattern < 2^(2F)
    if (this.cache.has(key)) return this.cache.get(key);
    const [seen, of] = sharesOf(this.random, mask, pattern, this.fields.length, coarse);
    let share = seen >= 1 && of > 0 ? seen / of : 0;
    // Blocking compares (nearly) every pair that shares a context, so the
    // compared pairs count such patterns where a random sample is too thin:
    // out of all pairs with these fields present, estimated from the sample.
    if (this.compared && of > 0 && this.randomTotal > 0) {
      const [seenCompared] = sharesOf(this.compared, mask, pattern, this.fields.length, coarse);
      if (seenCompared >= this.minCompared) share = Math.max(share, seenCompared / (this.totalPairs * (of / this.randomTotal)));
    }
    const result = share > 0 ? Math.log2(Math.min(1, share)) : undefined;
    this.cache.set(key, result);
    return result;
  }

  /** Per packed level pattern: its context fields and the joint evidence before their weights (undefined: no correction). */
  private readonly byPattern = new Map<number, { fields: number[]; joint: number | undefined }>();
  private patternsFor: unknown;

  /**
   * log2 correction (≤ 0) for a pair: the context fields' summed `weights`
   * are replaced by the joint evidence, Σ log2 m − log2 P(levels | non-match)
   * where P is the observed share of the exact/near/disagree pattern times
   * each field's share of its level within that group. Zero when the
   * pattern was never seen among random pairs, or when joint evidence is
   * the stronger.
   */
  correction(
    levels: Uint8Array,
    m: readonly (ArrayLike<number> | undefined)[],
    u: readonly (ArrayLike<number> | undefined)[],
    weights: ArrayLike<number>,
  ): number {
    if (this.patternsFor !== m) {
      this.byPattern.clear();
      this.patternsFor = m;
    }
    let packed = 0;
    for (let f = 0, mul = 1; f < levels.length; f++, mul *= 8) packed += (levels[f] as number) * mul;
    let entry = this.byPattern.get(packed);
    if (!entry) {
      entry = this.jointEvidence(levels, m, u);
      this.byPattern.set(packed, entry);
    }
    if (entry.joint === undefined) return 0;
    let current = 0;
    for (const f of entry.fields) current += weights[f] ?? 0;
    return Math.min(0, entry.joint - current);
  }

  private jointEvidence(
    levels: Uint8Array,
    m: readonly (ArrayLike<number> | undefined)[],
    u: readonly (ArrayLike<number> | undefined)[],
  ): { fields: number[]; joint: number | undefined } {
    const mode = modeOf(this.fields, levels, this.entity);
    const mask = contextMask(this.fields, levels, this.entity);
    const fields: number[] = [];
    if (mask === 0) return { fields, joint: undefined };
    // The exact/near/disagree pattern; when too rare (typos), agree/disagree.
    const pattern = contextPattern(this.fields, levels, mask);
    let coarse = false;
    let share = this.observed(mask, pattern, false);
    if (share === undefined) {
      coarse = true;
      share = this.observed(mask, pattern, true);
    }
    if (share === undefined) return { fields, joint: undefined };
    const groupOfLevel = (spec: FieldSpec, l: number): number => {
      const g = groupOf(spec, l);
      return coarse && g === 1 ? 0 : g;
    };
    let joint = -share;
    for (let f = 0; f < levels.length; f++) {
      if (Math.floor(mask / 2 ** f) % 2 === 0) continue;
      const l = levels[f] as number;
      const row = u[f];
      const spec = this.fields[f] as FieldSpec;
      const g = groupOfLevel(spec, l);
      let group = 0;
      for (let k = 0; k < spec.levels.length; k++) if (groupOfLevel(spec, k) === g) group += row?.[k] ?? 0;
      if (identifies(spec, l, mode)) {
        // A mailbox that identifies keeps its own weight; the context is judged given its group:
        // P(context | mailbox group) = P(both) / P(mailbox group).
        joint += Math.log2(Math.max(group, 1e-12));
        continue;
      }
      fields.push(f);
      joint += Math.log2(Math.max(m[f]?.[l] ?? 1, 1e-12)) - Math.log2(Math.max(row?.[l] ?? 1, 1e-12) / Math.max(group, 1e-12));
    }
    return { fields, joint };
  }
}
