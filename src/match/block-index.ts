/**
 * The inverted index behind blocking: for each key hash, the records that
 * carry it. Blocks up to `maxBlockSize` are compared all-to-all; a bigger
 * block is sorted by each record's sort key and a record meets only its
 * `window` nearest neighbours — or, for keys hashed with the lowest bit set
 * (families that sorting by name says nothing about), it is skipped.
 */

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
  /** Keys whose block is over the size limit and compared through a window. */
  readonly oversizedBlocks: number;

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
    let oversized = 0;
    hashes.forEach((h, b) => {
      if ((h & 1) === 0 && (starts[b + 1] as number) - (starts[b] as number) > maxBlockSize) oversized++;
    });
    this.oversizedBlocks = oversized;
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
