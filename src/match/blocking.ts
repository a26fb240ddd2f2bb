/**
 * Blocking: which pairs get compared at all. Every record yields several
 * keys (email, phone, name sound-alikes, rare company tokens and name
 * fragments, zip + house number, extra identifiers); two records are
 * candidates when they share any key. Blocks larger than `maxBlockSize` are
 * not compared all-to-all: their members are sorted by name and each record
 * meets only its `window` nearest neighbours, so cost stays near-linear.
 */
import type { Prepared } from './prepare.js';
import { soundex } from './similarity.js';

/** Role mailboxes whose local part says nothing about the person. */
const ROLE_LOCALS = new Set([
  'info', 'admin', 'office', 'sales', 'support', 'contact', 'hello', 'mail', 'accounts', 'billing', 'help',
  'service', 'enquiries', 'inquiries', 'team', 'reception', 'noreply', 'webmaster', 'hr', 'jobs', 'it',
]);

/** Context for keys that depend on the whole run (company token rarity). */
export interface KeyContext {
  /** Number of records whose company name holds this token. */
  companyTokenCount(token: string): number;
}

/**
 * The blocking keys of one record, each prefixed by its family.
 * @example blockingKeys(r, ctx) // ['e:jane@acme.com', 'p:2125550199', 'n:S530j', …]
 */
export function blockingKeys(r: Prepared, ctx: KeyContext): string[] {
  const keys: string[] = [];
  if (r.email) keys.push(`e:${r.email}`);
  const local = r.emailLocal.replace(/[._-]/g, '');
  if (local.length >= 4 && !ROLE_LOCALS.has(r.emailLocal)) keys.push(`l:${local}`);
  for (const p of r.phones) keys.push(`p:${p}`);
  if (r.first && r.last) {
    keys.push(`n:${soundex(r.last)}${r.first.charAt(0)}`);
    keys.push(`n:${soundex(r.first)}${r.last.charAt(0)}`);
  }
  if (r.company) {
    keys.push(`cs:${r.companySquash}`);
    if (r.companySquash.length >= 8) {
      // Head and tail of the name letter by letter: a typo or a lost space leaves one intact.
      keys.push(`cp:${r.companySquash.slice(0, 5)}`);
      keys.push(`cx:${r.companySquash.slice(-5)}`);
    }
    const rare = r.companyTokens
      .filter((t) => t.length >= 3)
      .map((t) => [t, ctx.companyTokenCount(t)] as const)
      .sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, 2);
    // The two rarest tokens; and a short name (or a long one's two rarest
    // tokens) with one letter deleted in turn, so one typo still meets.
    for (const [t] of rare) keys.push(`c:${t}`);
    const squashed = r.company.replace(/ /g, '');
    const fuzzy = squashed.length <= 12 ? [squashed] : rare.map(([t]) => t);
    for (const t of fuzzy) {
      if (t.length < 4) continue;
      keys.push(`cd:${t}`);
      for (let k = 0; k < t.length; k++) keys.push(`cd:${t.slice(0, k)}${t.slice(k + 1)}`);
    }
    // Each longer token by sound, so a typo in every rare token still meets.
    for (const t of r.companyTokens) if (t.length >= 4) keys.push(`ct:${soundex(t)}`);
  }
  const place = r.zip || r.city;
  if (place) {
    // Surname, given name and street, each within one postcode (or city).
    if (r.last) keys.push(`lz:${soundex(r.last)}|${place}`);
    if (r.first) keys.push(`fz:${soundex(r.first)}|${place}`);
    if (r.streetNo) keys.push(`a:${place}|${r.streetNo}`);
    if (r.streetName) keys.push(`sz:${place}|${soundex(r.streetName)}`);
  }
  if (r.city && r.zip && r.last) keys.push(`lc:${soundex(r.last)}|${r.city}`);
  if (r.streetNo && r.streetName) keys.push(`s:${r.streetNo}|${soundex(r.streetName)}`);
  r.extras.forEach((v, i) => {
    if (v.length >= 4) keys.push(`x${i}:${v}`);
  });
  return keys;
}

/** The string records are ordered by inside an oversized block. */
export function sortKey(r: Prepared): string {
  return `${r.last} ${r.first} ${r.company} ${r.zip}`;
}

/**
 * Families whose oversized blocks are skipped rather than windowed: their
 * records share a common token, street or identifier, and name order inside
 * such a block says nothing about them. Other families (email, phone, names,
 * names or streets within a place, the whole company name) are windowed by name.
 */
const SKIP_WHEN_OVERSIZED = new Set(['c', 'cd', 'ct', 'cp', 'cx', 'l', 's']);

/** 32-bit FNV-1a, its lowest bit set for keys of families skipped when oversized. */
export function hashKey(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  const family = s.slice(0, s.indexOf(':'));
  if (/^x\d+$/.test(family)) return (h | 1) >>> 0;
  return SKIP_WHEN_OVERSIZED.has(family) ? (h | 1) >>> 0 : (h & ~1) >>> 0;
}

const IDX_BITS = 2 ** 21;
/** Most records one index can hold (hash and position share one float64). */
export const MAX_INDEXED = IDX_BITS;

interface Oversized {
  order: Int32Array;
  keys: string[];
  /** Position of each member in `order` (filled on first self lookup). */
  where?: Map<number, number>;
}

/**
 * An inverted index from blocking-key hash to record positions, kept as one
 * sorted Float64Array (hash · 2²¹ + position): compact enough for millions.
 */
export class BlockIndex {
  private readonly entries: Float64Array;
  private readonly oversized = new Map<number, Oversized>();
  readonly blocks: number;

  constructor(
    private readonly sortKeys: readonly string[],
    keyHashes: readonly Uint32Array[],
    private readonly maxBlockSize: number,
    private readonly window: number,
  ) {
    let total = 0;
    for (const h of keyHashes) total += h.length;
    const entries = new Float64Array(total);
    let k = 0;
    keyHashes.forEach((hashes, i) => {
      for (const h of hashes) entries[k++] = h * IDX_BITS + i;
    });
    entries.sort();
    this.entries = entries;
    let blocks = 0;
    let prev = -1;
    for (const e of entries) {
      const h = Math.floor(e / IDX_BITS);
      if (h !== prev) blocks++;
      prev = h;
    }
    this.blocks = blocks;
  }

  /** Number of keys whose block was compared through a window. */
  get oversizedBlocks(): number {
    return this.oversized.size;
  }

  private lowerBound(v: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.entries[mid] ?? 0) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private oversizedBlock(hash: number, lo: number, hi: number): Oversized {
    let block = this.oversized.get(hash);
    if (!block) {
      const members: number[] = [];
      for (let k = lo; k < hi; k++) members.push((this.entries[k] ?? 0) - hash * IDX_BITS);
      members.sort((x, y) => {
        const a = this.sortKeys[x] ?? '';
        const b = this.sortKeys[y] ?? '';
        return a < b ? -1 : a > b ? 1 : x - y;
      });
      block = { order: Int32Array.from(members), keys: members.map((m) => this.sortKeys[m] ?? '') };
      this.oversized.set(hash, block);
    }
    return block;
  }

  /**
   * Calls `visit(j)` once per indexed record sharing a key with the query
   * (within the window for oversized blocks). `self` is the query's own
   * position when it is indexed too (dedupe): then only j > self is visited.
   * `stamp` marks visited positions with `tag` (unique per query).
   */
  candidates(hashes: Uint32Array, key: string, self: number, stamp: Int32Array, tag: number, visit: (j: number) => void): void {
    for (const h of hashes) {
      const lo = this.lowerBound(h * IDX_BITS);
      const end = (h + 1) * IDX_BITS;
      let hi = lo;
      const scanTo = Math.min(this.entries.length, lo + this.maxBlockSize + 1);
      while (hi < scanTo && (this.entries[hi] as number) < end) hi++;
      if (hi === scanTo && hi < this.entries.length && (this.entries[hi] as number) < end) hi = this.lowerBound(end);
      if (hi - lo <= this.maxBlockSize) {
        for (let k = lo; k < hi; k++) {
          const j = (this.entries[k] ?? 0) - h * IDX_BITS;
          if (j > self && stamp[j] !== tag) {
            stamp[j] = tag;
            visit(j);
          }
        }
        continue;
      }
      if ((h & 1) === 1) continue; // a family skipped when oversized
      const block = this.oversizedBlock(h, lo, hi);
      let pos: number;
      if (self >= 0) {
        block.where ??= new Map(Array.from(block.order, (m, p) => [m, p]));
        pos = block.where.get(self) ?? 0;
      } else pos = lowerBoundStr(block.keys, key);
      const from = Math.max(0, pos - this.window);
      const to = Math.min(block.order.length, pos + this.window + (self >= 0 ? 1 : 0));
      for (let k = from; k < to; k++) {
        const j = block.order[k] ?? -1;
        if (j > self && stamp[j] !== tag) {
          stamp[j] = tag;
          visit(j);
        }
      }
    }
  }
}

function lowerBoundStr(arr: readonly string[], v: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid] ?? '') < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Hashes of a record's keys (duplicates removed). */
export function keyHashes(keys: readonly string[]): Uint32Array {
  return Uint32Array.from(new Set(keys.map(hashKey)));
}
