/**
 * A memo of comparison levels by the pair of interned values compared.
 * Records repeat values (first names, surnames, employers), so most blocked
 * pairs compare a pair of values already compared: a lookup in typed arrays
 * (no allocation, no string hashing) replaces Jaro-Winkler and token
 * matching. Open addressing with linear probing; emptied when full, so its
 * memory stays bounded whatever the run's size.
 */

const EMPTY = -1;
/** Entries before the memo starts over (9 bytes a slot at 75% load: ~50 MB at most). */
const MAX_ENTRIES = 3 << 20;

export class PairMemo {
  private capacity = 1 << 12;
  private keysX = new Int32Array(this.capacity).fill(EMPTY);
  private keysY = new Int32Array(this.capacity);
  private values = new Uint8Array(this.capacity);
  /** Entries held. */
  size = 0;

  /** `maxEntries`: how many entries it holds before it starts over. */
  constructor(private readonly maxEntries = MAX_ENTRIES) {}

  /** Slot of (x, y): where it is, or the empty slot where it would go. */
  private slot(x: number, y: number): number {
    const mask = this.capacity - 1;
    let h = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca6b)) >>> 0;
    h = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const kx = this.keysX[h] as number;
      if (kx === EMPTY || (kx === x && this.keysY[h] === y)) return h;
      h = (h + 1) & mask;
    }
  }

  /** The level stored for (x, y), or -1. Ids are ≥ 0. */
  get(x: number, y: number): number {
    const h = this.slot(x, y);
    return this.keysX[h] === EMPTY ? -1 : (this.values[h] as number);
  }

  set(x: number, y: number, level: number): void {
    if (this.size >= this.maxEntries) this.clear();
    else if ((this.size + 1) * 4 > this.capacity * 3) this.grow();
    const h = this.slot(x, y);
    if (this.keysX[h] === EMPTY) this.size++;
    this.keysX[h] = x;
    this.keysY[h] = y;
    this.values[h] = level;
  }

  /** Start over (rather than grow without bound): the capacity stays. */
  private clear(): void {
    this.keysX.fill(EMPTY);
    this.size = 0;
  }

  private grow(): void {
    const oldX = this.keysX;
    const oldY = this.keysY;
    const oldV = this.values;
    this.capacity *= 2;
    this.keysX = new Int32Array(this.capacity).fill(EMPTY);
    this.keysY = new Int32Array(this.capacity);
    this.values = new Uint8Array(this.capacity);
    this.size = 0;
    for (let h = 0; h < oldX.length; h++) {
      const x = oldX[h] as number;
      if (x !== EMPTY) this.set(x, oldY[h] as number, oldV[h] as number);
    }
  }
}
