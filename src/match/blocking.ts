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

/** Receives a record's keys: `family:` + parts, or a token with its letter `skip` left out. */
interface KeySink {
  key(family: string, a: string, b?: string, c?: string): void;
  deleted(family: string, token: string, skip: number): void;
}

/** Feed the keys of one record to `sink` (the single definition of the keys). */
function emitKeys(r: Prepared, ctx: KeyContext, sink: KeySink): void {
  if (r.email) sink.key('e', r.email);
  const local = r.emailLocal.replace(/[._-]/g, '');
  if (local.length >= 4 && !ROLE_LOCALS.has(r.emailLocal)) sink.key('l', local);
  for (const p of r.phones) sink.key('p', p);
  const sxLast = r.last ? soundex(r.last) : '';
  const sxFirst = r.first ? soundex(r.first) : '';
  if (r.first && r.last) {
    sink.key('n', sxLast, r.first.charAt(0));
    sink.key('n', sxFirst, r.last.charAt(0));
  }
  if (r.company) {
    sink.key('cs', r.companySquash);
    if (r.companySquash.length >= 8) {
      // Head and tail of the name letter by letter: a typo or a lost space leaves one intact.
      sink.key('cp', r.companySquash.slice(0, 5));
      sink.key('cx', r.companySquash.slice(-5));
    }
    const rare = r.companyTokens
      .filter((t) => t.length >= 3)
      .map((t) => [t, ctx.companyTokenCount(t)] as const)
      .sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, 2);
    // The two rarest tokens; and a short name (or a long one's two rarest
    // tokens) with one letter deleted in turn, so one typo still meets.
    for (const [t] of rare) sink.key('c', t);
    const squashed = r.company.replace(/ /g, '');
    const fuzzy = squashed.length <= 12 ? [squashed] : rare.map(([t]) => t);
    for (const t of fuzzy) {
      if (t.length < 4) continue;
      sink.key('cd', t);
      for (let k = 0; k < t.length; k++) sink.deleted('cd', t, k);
    }
    // Each longer token by sound, so a typo in every rare token still meets.
    for (const t of r.companyTokens) if (t.length >= 4) sink.key('ct', soundex(t));
  }
  const place = r.zip || r.city;
  if (place) {
    // Surname, given name and street, each within one postcode (or city).
    if (r.last) sink.key('lz', sxLast, '|', place);
    if (r.first) sink.key('fz', sxFirst, '|', place);
    if (r.streetNo) sink.key('a', place, '|', r.streetNo);
    if (r.streetName) sink.key('sz', place, '|', soundex(r.streetName));
  }
  if (r.city && r.zip && r.last) sink.key('lc', sxLast, '|', r.city);
  if (r.streetNo && r.streetName) sink.key('s', r.streetNo, '|', soundex(r.streetName));
  r.extras.forEach((v, i) => {
    if (v.length >= 4) sink.key(`x${i}`, v);
  });
}

/**
 * The blocking keys of one record, each prefixed by its family (readable;
 * the engine uses {@link blockingKeyHashes}, which hashes the same keys).
 * @example blockingKeys(r, ctx) // ['e:jane@acme.com', 'p:2125550199', 'n:S530j', …]
 */
export function blockingKeys(r: Prepared, ctx: KeyContext): string[] {
  const keys: string[] = [];
  emitKeys(r, ctx, {
    key: (family, a, b = '', c = '') => keys.push(`${family}:${a}${b}${c}`),
    deleted: (family, t, k) => keys.push(`${family}:${t.slice(0, k)}${t.slice(k + 1)}`),
  });
  return keys;
}

/** FNV-1a over `s` from `h`, leaving out index `skip`. */
function fnv(h: number, s: string, skip = -1): number {
  for (let i = 0; i < s.length; i++) if (i !== skip) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** Hashes of a record's blocking keys, equal to `keyHashes(blockingKeys(r, ctx))` without building the strings. */
export function blockingKeyHashes(r: Prepared, ctx: KeyContext): Uint32Array {
  const out: number[] = [];
  const flagged = (family: string, h: number): number => (skippedWhenOversized(family) ? (h | 1) >>> 0 : (h & ~1) >>> 0);
  emitKeys(r, ctx, {
    key: (family, a, b, c) => {
      let h = fnv(fnv(0x811c9dc5, family), ':');
      h = fnv(h, a);
      if (b !== undefined) h = fnv(h, b);
      if (c !== undefined) h = fnv(h, c);
      out.push(flagged(family, h));
    },
    deleted: (family, t, k) => out.push(flagged(family, fnv(fnv(fnv(0x811c9dc5, family), ':'), t, k))),
  });
  return dedupeSorted(Uint32Array.from(out));
}

/** The string records are ordered by inside an oversized block. */
export function sortKey(r: Prepared): string {
  return `${r.last} ${r.first} ${r.company} ${r.zip}`;
}

/**
 * Families whose oversized blocks are skipped rather than windowed: their
 * records share a common token, street or identifier, and name order inside
 * such a block says nothing about them — c, cd, ct, cp, cx (company tokens
 * and fragments), l (mailbox name), s (street anywhere), x… (identifiers).
 * Other families (email, phone, names, names or streets within a place, the
 * whole company name) are windowed by name. Takes a key or a bare family.
 */
function skippedWhenOversized(key: string): boolean {
  const found = key.indexOf(':');
  const colon = found < 0 ? key.length : found;
  switch (key.charCodeAt(0)) {
    case 99: // c…, except cs (the whole company name)
      return !(colon === 2 && key.charCodeAt(1) === 115);
    case 108: // l, not lz / lc
    case 115: // s, not sz
      return colon === 1;
    case 120: // x0, x1, …
      return true;
    default:
      return false;
  }
}

/** 32-bit FNV-1a, its lowest bit set for keys of families skipped when oversized. */
export function hashKey(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return skippedWhenOversized(s) ? (h | 1) >>> 0 : (h & ~1) >>> 0;
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
 * An inverted index from blocking-key hash to record positions: members of
 * each block stored contiguously (CSR) and an open-addressing table from
 * hash to block — compact enough for millions of records, O(1) per lookup.
 */
export class BlockIndex {
  private readonly members: Int32Array;
  private readonly starts: Int32Array;
  private readonly hashes: Uint32Array;
  private readonly table: Int32Array;
  private readonly shift: number;
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
    // Sort (hash, position) pairs packed in one float64: hash · 2²¹ + position.
    const entries = new Float64Array(total);
    let k = 0;
    keyHashes.forEach((hashes, i) => {
      for (const h of hashes) entries[k++] = h * IDX_BITS + i;
    });
    entries.sort();
    this.members = new Int32Array(total);
    const hashes: number[] = [];
    const starts: number[] = [];
    let prev = -1;
    for (let e = 0; e < total; e++) {
      const v = entries[e] as number;
      const h = Math.floor(v / IDX_BITS);
      this.members[e] = v - h * IDX_BITS;
      if (h !== prev) {
        hashes.push(h);
        starts.push(e);
        prev = h;
      }
    }
    starts.push(total);
    this.hashes = Uint32Array.from(hashes);
    this.starts = Int32Array.from(starts);
    this.blocks = hashes.length;
    let bits = 4;
    while (2 ** bits < hashes.length * 2) bits++;
    this.shift = 32 - bits;
    this.table = new Int32Array(2 ** bits);
    const mask = this.table.length - 1;
    hashes.forEach((h, b) => {
      let slot = Math.imul(h, 0x9e3779b1) >>> this.shift;
      while (this.table[slot] !== 0) slot = (slot + 1) & mask;
      this.table[slot] = b + 1;
    });
  }

  /** Number of keys whose block was compared through a window. */
  get oversizedBlocks(): number {
    return this.oversized.size;
  }

  /** Block number of a hash, or -1. */
  private blockOf(h: number): number {
    const mask = this.table.length - 1;
    let slot = Math.imul(h, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const b = this.table[slot] as number;
      if (b === 0) return -1;
      if (this.hashes[b - 1] === h) return b - 1;
      slot = (slot + 1) & mask;
    }
  }

  private oversizedBlock(block: number, lo: number, hi: number): Oversized {
    let o = this.oversized.get(block);
    if (!o) {
      const members = Array.from(this.members.subarray(lo, hi));
      members.sort((x, y) => {
        const a = this.sortKeys[x] ?? '';
        const b = this.sortKeys[y] ?? '';
        return a < b ? -1 : a > b ? 1 : x - y;
      });
      o = { order: Int32Array.from(members), keys: members.map((m) => this.sortKeys[m] ?? '') };
      this.oversized.set(block, o);
    }
    return o;
  }

  /**
   * Calls `visit(j)` once per indexed record sharing a key with the query
   * (within the window for oversized blocks). `self` is the query's own
   * position when it is indexed too (dedupe): then only j > self is visited.
   * `stamp` marks visited positions with `tag` (unique per query).
   */
  candidates(hashes: Uint32Array, key: string, self: number, stamp: Int32Array, tag: number, visit: (j: number) => void): void {
    for (const h of hashes) {
      const block = this.blockOf(h);
      if (block < 0) continue;
      const lo = this.starts[block] as number;
      const hi = this.starts[block + 1] as number;
      if (hi - lo <= this.maxBlockSize) {
        for (let k = lo; k < hi; k++) {
          const j = this.members[k] as number;
          if (j > self && stamp[j] !== tag) {
            stamp[j] = tag;
            visit(j);
          }
        }
        continue;
      }
      if ((h & 1) === 1) continue; // a family skipped when oversized
      const o = this.oversizedBlock(block, lo, hi);
      let pos: number;
      if (self >= 0) {
        o.where ??= new Map(Array.from(o.order, (m, p) => [m, p]));
        pos = o.where.get(self) ?? 0;
      } else pos = lowerBoundStr(o.keys, key);
      const from = Math.max(0, pos - this.window);
      const to = Math.min(o.order.length, pos + this.window + (self >= 0 ? 1 : 0));
      for (let k = from; k < to; k++) {
        const j = o.order[k] ?? -1;
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
  return dedupeSorted(Uint32Array.from(keys, hashKey));
}

/** Sorted, without repeats. */
function dedupeSorted(out: Uint32Array): Uint32Array {
  out.sort();
  let n = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[n++] = out[i] as number;
  return out.slice(0, n);
}
