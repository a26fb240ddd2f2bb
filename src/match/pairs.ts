/**
 * Small helpers of the engine: a seeded PRNG, index sampling, and a compact
 * growable store of compared pairs.
 */

/** Seeded PRNG (mulberry32) returning [0, 1). */
export function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Most training pairs kept for reuse (16 bytes each). */
export const MAX_STORED = 8_000_000;

/** Growable typed arrays of (i, j, pattern); `complete` turns false once MAX_STORED is passed. */
export class PairStore {
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  p = new Float64Array(1024);
  length = 0;
  complete = true;

  push(i: number, j: number, pattern: number): void {
    if (!this.complete) return;
    if (this.length === MAX_STORED) {
      this.complete = false;
      this.a = new Int32Array(0);
      this.b = new Int32Array(0);
      this.p = new Float64Array(0);
      return;
    }
    if (this.length === this.a.length) {
      const grow = <T extends Int32Array | Float64Array>(x: T, make: (n: number) => T): T => {
        const y = make(x.length * 2);
        y.set(x);
        return y;
      };
      this.a = grow(this.a, (n) => new Int32Array(n));
      this.b = grow(this.b, (n) => new Int32Array(n));
      this.p = grow(this.p, (n) => new Float64Array(n));
    }
    this.a[this.length] = i;
    this.b[this.length] = j;
    this.p[this.length] = pattern;
    this.length++;
  }
}

/** Decode a packed pattern into `out` (3 bits per field). */
export function unpackInto(pattern: number, out: Uint8Array): void {
  let p = pattern;
  for (let f = 0; f < out.length; f++) {
    out[f] = p % 8;
    p = Math.floor(p / 8);
  }
}

/** `k` distinct indices below `n`, sorted (partial Fisher-Yates). */
export function sampleIndices(n: number, k: number, random: () => number): number[] {
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = idx[i] as number;
    idx[i] = idx[j] as number;
    idx[j] = t;
  }
  return Array.from(idx.subarray(0, k)).sort((a, b) => a - b);
}
