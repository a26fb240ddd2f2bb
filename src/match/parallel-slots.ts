/**
 * What the main thread and the compare worker share: the slots of the
 * control array (an Int32Array over a SharedArrayBuffer) and the worker's
 * input.
 */
import type { MessagePort } from 'node:worker_threads';
import type { MatchOptions, MatchRecord } from './types.js';

/** Next chunk to claim (both threads claim with Atomics.add). */
export const NEXT_SLOT = 0;
/** Messages the worker has posted (the main thread waits on it). */
export const POSTED_SLOT = 1;
/** Bumped while the worker works: a sign of life. */
export const BEAT_SLOT = 2;
/** Number of chunks, as the main thread counts them (the worker checks it agrees). */
export const CHUNK_COUNT_SLOT = 3;
export const SLOTS = 4;

/** The options that shape the run index (and nothing else: the model stays on the main thread). */
export type RunIndexOptions = Pick<MatchOptions, 'blocking' | 'ignoreFields' | 'entity'>;

export interface WorkerInput {
  records: readonly MatchRecord[];
  existing: readonly MatchRecord[] | undefined;
  options: RunIndexOptions;
  /** Query records to compare, ascending. */
  rest: Int32Array;
  control: SharedArrayBuffer;
  port: MessagePort;
}
