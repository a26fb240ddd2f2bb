/**
 * What identifies an entity and what only describes its context. Fields
 * either identify (a person's names and mailbox; an organisation's name and
 * mailbox; extra identifiers) or describe context (employer, a shared email
 * domain, phone line, address, city, state, zip). Identity decides which
 * pairs can never match; context agreement is corrected for correlation.
 */
import { MISSING } from './fields.js';
import type { FieldSpec } from './fields.js';

/** What the records are: contacts are people; customers are organisations when both name one. */
export type EntityKind = 'auto' | 'contacts' | 'customers';

type Mode = 'person' | 'org';

function modeOf(fields: readonly FieldSpec[], levels: Uint8Array, entity: EntityKind): Mode {
  let names = false;
  let company = false;
  for (let f = 0; f < fields.length; f++) {
    if (levels[f] === MISSING) continue;
    const kind = (fields[f] as FieldSpec).kind;
    if (kind === 'name') names = true;
    else if (kind === 'company') company = true;
  }
  if (entity === 'contacts') return 'person';
  if (entity === 'customers') return company || !names ? 'org' : 'person';
  return names ? 'person' : 'org';
}

/** True when field `f` at `level` identifies the entity in this mode (false: context). */
function identifies(spec: FieldSpec, level: number, mode: Mode): boolean {
  switch (spec.kind) {
    case 'name':
      return mode === 'person';
    case 'company':
      return mode === 'org';
    case 'email':
      return level !== spec.contextLevel; // "same company domain, other mailbox" is context
    case 'identifier':
      return true;
    default:
      return false;
  }
}

/**
 * True when every present identity field disagrees (different names and
 * mailbox; different company name and mailbox): such a pair is not a match,
 * and EM is trained so.
 */
export function identityDisagrees(fields: readonly FieldSpec[], levels: Uint8Array, entity: EntityKind): boolean {
  const mode = modeOf(fields, levels, entity);
  let present = false;
  for (let f = 0; f < fields.length; f++) {
    const spec = fields[f] as FieldSpec;
    const l = levels[f] ?? MISSING;
    if (l === MISSING || spec.identityFrom === undefined) continue;
    if (spec.kind === 'name' && mode !== 'person') continue;
    if (spec.kind === 'company' && mode !== 'org') continue;
    if (l < spec.identityFrom) return false;
    present = true;
  }
  return present;
}

/** The context fields of a pair: bit f set when field f is present and context here. */
function contextMask(fields: readonly FieldSpec[], levels: Uint8Array, entity: EntityKind): number {
  const mode = modeOf(fields, levels, entity);
  let mask = 0;
  for (let f = 0; f < fields.length; f++) {
    const l = levels[f] ?? MISSING;
    if (l !== MISSING && !identifies(fields[f] as FieldSpec, l, mode)) mask += 2 ** f;
  }
  return mask;
}

/** Packed levels of the context fields only (others as MISSING). */
function contextPattern(levels: Uint8Array, mask: number): number {
  let p = 0;
  let mul = 1;
  for (let f = 0; f < levels.length; f++) {
    p += (Math.floor(mask / 2 ** f) % 2 === 1 ? (levels[f] ?? MISSING) : MISSING) * mul;
    mul *= 8;
  }
  return p;
}

/**
 * Context fields are not independent among non-matches: colleagues share
 * employer, domain, phone line, address, city, state and zip at once. The
 * product of their u values then underestimates how often non-matches agree
 * on all of them. This keeps, per context pattern, how often random pairs
 * (weighted by how surely they are non-matches) show it, and corrects the
 * score by log2(Π u / observed share) when the share is higher.
 */
export class ContextCorrelation {
  private patternWeight = new Map<number, number>();
  private maskWeight = new Map<number, number>();
  private readonly cache = new Map<number, number>();
  private cachedFor: unknown;

  constructor(
    private readonly fields: readonly FieldSpec[],
    private readonly entity: EntityKind,
  ) {}

  /** Rebuild the tables from random-pair patterns, each with its weight (share of non-match). */
  estimate(random: { levels: Uint8Array[]; counts: number[] }, nonMatch: (levels: Uint8Array) => number): void {
    this.patternWeight = new Map();
    this.maskWeight = new Map();
    this.cache.clear();
    random.levels.forEach((lv, i) => {
      const w = (random.counts[i] ?? 0) * nonMatch(lv);
      const mask = contextMask(this.fields, lv, this.entity);
      const p = contextPattern(lv, mask);
      this.patternWeight.set(p, (this.patternWeight.get(p) ?? 0) + w);
      this.maskWeight.set(mask, (this.maskWeight.get(mask) ?? 0) + w);
    });
  }

  /** log2 correction (≤ 0) for a pair with these levels, given u per field and level. */
  correction(levels: Uint8Array, u: readonly (ArrayLike<number> | undefined)[]): number {
    const mask = contextMask(this.fields, levels, this.entity);
    if (mask === 0) return 0;
    if (this.cachedFor !== u) {
      this.cache.clear();
      this.cachedFor = u;
    }
    const p = contextPattern(levels, mask);
    const cached = this.cache.get(p);
    if (cached !== undefined) return cached;
    let c = 0;
    const seen = this.patternWeight.get(p) ?? 0;
    const of = this.maskWeight.get(mask) ?? 0;
    if (seen >= 1 && of > 0) {
      let logProduct = 0;
      for (let f = 0; f < levels.length; f++) {
        if (Math.floor(mask / 2 ** f) % 2 === 1) logProduct += Math.log2(u[f]?.[levels[f] as number] ?? 1);
      }
      c = Math.min(0, logProduct - Math.log2(seen / of));
    }
    this.cache.set(p, c);
    return c;
  }
}
