/**
 * The scoring pass's comparisons cut into chunks of query records, so two
 * threads can share them (parallel-compare.ts): a chunk holds, for a run of
 * query records, every candidate pair the identity rule leaves open with its
 * packed pattern — all the model then needs to score it.
 */
import type { createPairComparer } from './run-index.js';

/** Query records per chunk: big enough to amortise a message, small enough to balance two threads. */
export const CHUNK_RECORDS = 1024;

export interface PairChunk {
  /** Chunk number (query records rest[number·CHUNK_RECORDS ...]). */
  chunk: number;
  /** Pairs kept: query i, indexed j, packed pattern. */
  i: Int32Array<ArrayBuffer>;
  j: Int32Array<ArrayBuffer>;
  p: Float64Array<ArrayBuffer>;
  length: number;
  /** Candidates compared (kept or ruled out). */
  compared: number;
}

/** Number of chunks `rest` (the query records to compare) makes. */
export function chunkCount(rest: ArrayLike<number>): number {
  return Math.ceil(rest.length / CHUNK_RECORDS);
}

/**
 * Compare the query records of chunk `chunk` of `rest`. `beat` is called
 * every few records (a worker's sign of life).
 */
export function compareChunk(
  compare: ReturnType<typeof createPairComparer>,
  rest: ArrayLike<number>,
  chunk: number,
  beat?: () => void,
): PairChunk {
  let cap = CHUNK_RECORDS * 8;
  let iArr = new Int32Array(cap);
  let jArr = new Int32Array(cap);
  let pArr = new Float64Array(cap);
  let length = 0;
  let compared = 0;
  let current = 0;
  const keep = (j: number, pattern: number): void => {
    if (length === cap) {
      cap *= 2;
      const i2 = new Int32Array(cap);
      const j2 = new Int32Array(cap);
      const p2 = new Float64Array(cap);
      i2.set(iArr);
      j2.set(jArr);
      p2.set(pArr);
      [iArr, jArr, pArr] = [i2, j2, p2];
    }
    iArr[length] = current;
    jArr[length] = j;
    pArr[length] = pattern;
    length++;
  };
  const from = chunk * CHUNK_RECORDS;
  const to = Math.min(rest.length, from + CHUNK_RECORDS);
  for (let k = from; k < to; k++) {
    current = rest[k] as number;
    compared += compare(current, keep);
    if (beat && (k & 127) === 0) beat();
  }
  return { chunk, i: iArr.slice(0, length), j: jArr.slice(0, length), p: pArr.slice(0, length), length, compared };
}
