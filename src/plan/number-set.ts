/**
 * A set of non-negative integers below 2^53 in one typed array (open
 * addressing, linear probing): 8 bytes a slot, no object per member. A
 * Set<number> of numbers past the small-integer range holds a boxed number
 * and a table entry each (~40 bytes); a plan's operation ids are a million of them.
 */
const EMPTY = -1;

export class NumberSet {
  private slots = new Float64Array(1024).fill(EMPTY);
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(n: number): boolean {
    return this.slots[this.find(n)] === n;
  }

  /** Adds `n`; false when it was there already. */
  add(n: number): boolean {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`NumberSet holds integers 0 … 2^53-1, not ${n}`);
    const at = this.find(n);
    if (this.slots[at] === n) return false;
    this.slots[at] = n;
    if (++this.count * 2 > this.slots.length) this.grow();
    return true;
  }

  /** The slot holding `n`, or the empty one where it would go. */
  private find(n: number): number {
    const mask = this.slots.length - 1;
    // Mix the high and low halves: ids are hashes, but any integers must spread.
    let i = (Math.imul(n >>> 0, 0x9e3779b1) ^ Math.imul(Math.floor(n / 2 ** 32), 0x85ebca6b)) & mask;
    for (;;) {
      const v = this.slots[i]!;
      if (v === EMPTY || v === n) return i;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2).fill(EMPTY);
    for (const v of old) if (v !== EMPTY) this.slots[this.find(v)] = v;
  }
}
