/**
 * Worker thread of parallel-compare.ts: builds the same run index from the
 * same records, then claims chunks of query records from a shared counter
 * and posts each chunk's kept pairs back (typed arrays, transferred).
 * It never scores: the model stays on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { CHUNK_COUNT_SLOT, BEAT_SLOT, NEXT_SLOT, POSTED_SLOT } from './parallel-slots.js';
import type { WorkerInput } from './parallel-slots.js';
import { compareChunk, chunkCount } from './pair-chunks.js';
import { buildRunIndex, createPairComparer } from './run-index.js';

const input = workerData as WorkerInput;
const port = input.port as MessagePort;
const ctrl = new Int32Array(input.control);
const beat = (): void => {
  Atomics.add(ctrl, BEAT_SLOT, 1);
};
const posted = (): void => {
  Atomics.add(ctrl, POSTED_SLOT, 1);
  Atomics.notify(ctrl, POSTED_SLOT);
};

try {
  const run = buildRunIndex(input.records, input.existing, input.options, beat);
  const compare = createPairComparer(run);
  const chunks = chunkCount(input.rest);
  if (Atomics.load(ctrl, CHUNK_COUNT_SLOT) !== chunks) throw new Error('the worker and the main thread disagree on the work');
  for (;;) {
    const c = Atomics.add(ctrl, NEXT_SLOT, 1);
    if (c >= chunks) break;
    const out = compareChunk(compare, input.rest, c, beat);
    port.postMessage({ kind: 'chunk', ...out }, [out.i.buffer, out.j.buffer, out.p.buffer]);
    posted();
  }
} catch (err) {
  port.postMessage({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  posted();
}
port.close();
parentPort?.close();
