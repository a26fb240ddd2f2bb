/**
 * Comparing on two threads while the engine's API stays synchronous. A
 * worker (compare-worker.ts) starts with the run's records at once, builds
 * the same run index while the main thread builds its own, and compares
 * chunks of the query records that training does not cover while the main
 * thread trains. The main thread then takes the chunks in order: a chunk the
 * worker holds is read off a message port (receiveMessageOnPort, waiting on
 * a shared counter with Atomics.wait); one nobody claimed yet it compares
 * itself. Comparing is deterministic, so which thread compared a chunk
 * never changes a result. A worker that fails or falls silent is given up
 * and its chunks compared on the main thread: slower, never different.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { chunkCount } from './pair-chunks.js';
import type { PairChunk } from './pair-chunks.js';
import { BEAT_SLOT, CHUNK_COUNT_SLOT, NEXT_SLOT, POSTED_SLOT, SLOTS } from './parallel-slots.js';
import type { RunIndexOptions, WorkerInput } from './parallel-slots.js';
import type { MatchRecord } from './types.js';

/** Query records beyond the training sample below which a worker is not worth starting. */
export const PARALLEL_FROM = 10_000;
/**
 * Records (both sides) above which a run stays on one thread: the worker
 * holds a copy of the run, and at a million records a side that copy is
 * gigabytes.
 */
export const PARALLEL_UP_TO = 1_000_000;
/** A worker silent this long while holding a chunk is given up. */
const SILENCE_MS = 60_000;

export interface ParallelTuning {
  /** Query records beyond the training sample from which a worker is started (default PARALLEL_FROM). */
  minRecords?: number | undefined;
  /** Worker script (default: the compiled compare-worker.js beside this module). */
  script?: URL;
  /** Silence after which a worker holding a chunk is given up (default 60 s). */
  silenceMs?: number;
}

type WorkerMessage = ({ kind: 'chunk' } & PairChunk) | { kind: 'error'; message: string };

/** The compiled worker script; absent when running from TypeScript sources (tests run the built copy). */
function workerScript(): URL | undefined {
  const url = new URL('./compare-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

/** Threads used when the caller does not say: two when the machine has them. */
export function defaultThreads(): number {
  return Math.min(2, availableParallelism());
}

export class ParallelCompare {
  private readonly ctrl: Int32Array;
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private readonly ready = new Map<number, PairChunk>();
  private readonly fromWorker = new Set<number>();
  private received = 0;
  /** Chunks the worker compared (taken from it). */
  workerChunks = 0;
  private failed = false;
  private closed = false;
  /** Why the worker was given up, if it was. */
  failure: string | undefined;

  private constructor(
    input: Omit<WorkerInput, 'control' | 'port'>,
    script: URL,
    private readonly chunks: number,
    private readonly silenceMs: number,
  ) {
    const control = new SharedArrayBuffer(SLOTS * 4);
    this.ctrl = new Int32Array(control);
    Atomics.store(this.ctrl, CHUNK_COUNT_SLOT, chunks);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.port.unref();
    const workerInput: WorkerInput = { ...input, control, port: port2 };
    // The worker holds a copy of the run: give it the heap the main thread was given (--max-old-space-size).
    const heapMb = Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20);
    this.worker = new Worker(script, {
      workerData: workerInput,
      transferList: [port2],
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    this.worker.unref();
    // Errors reach the main thread only between runs; the worker reports its own failures on the port.
    this.worker.on('error', () => {});
  }

  /**
   * Start a worker for comparing the query records `rest` (ascending), or
   * undefined when one thread is asked for, the work is too small or too
   * big (PARALLEL_UP_TO records: memory), the
   * worker script is not there (running from sources) or the records cannot
   * be handed to a thread.
   */
  static start(
    records: readonly MatchRecord[],
    existing: readonly MatchRecord[] | undefined,
    options: RunIndexOptions,
    rest: Int32Array,
    threads: number,
    tuning: ParallelTuning = {},
  ): ParallelCompare | undefined {
    if (threads < 2 || rest.length < Math.max(1, tuning.minRecords ?? PARALLEL_FROM)) return undefined;
    if (records.length + (existing?.length ?? 0) > PARALLEL_UP_TO) return undefined;
    const script = tuning.script ?? workerScript();
    if (!script) return undefined;
    try {
      return new ParallelCompare({ records, existing, options, rest }, script, chunkCount(rest), tuning.silenceMs ?? SILENCE_MS);
    } catch {
      return undefined; // e.g. a value that cannot be cloned to a thread: one thread does it all
    }
  }

  /**
   * Chunk `c` of the work, compared by whichever thread claimed it; chunks
   * must be taken in order, each once. `local(k)` compares chunk k here.
   * While waiting for the worker, the main thread compares chunks nobody
   * has claimed yet (they wait in `ready` for their turn).
   */
  take(c: number, local: (k: number) => PairChunk): PairChunk {
    let lastBeat = Atomics.load(this.ctrl, BEAT_SLOT);
    let lastChange = performance.now();
    for (;;) {
      const have = this.ready.get(c);
      if (have) {
        this.ready.delete(c);
        if (this.fromWorker.delete(c)) this.workerChunks++;
        return have;
      }
      if (this.failed) {
        // The worker is gone: whatever it held is compared here.
        this.ready.set(c, local(c));
        continue;
      }
      if (c < Atomics.load(this.ctrl, NEXT_SLOT) && this.drain()) continue; // the worker holds c: anything posted?
      if (Atomics.load(this.ctrl, NEXT_SLOT) < this.chunks) {
        // A chunk nobody has claimed (c itself, or something useful while the worker works on c): compare it here.
        const k = Atomics.add(this.ctrl, NEXT_SLOT, 1);
        if (k < this.chunks) this.ready.set(k, local(k));
        continue;
      }
      Atomics.wait(this.ctrl, POSTED_SLOT, this.received, Math.min(1000, this.silenceMs / 4));
      if (this.drain()) continue;
      const beat = Atomics.load(this.ctrl, BEAT_SLOT);
      if (beat !== lastBeat) {
        lastBeat = beat;
        lastChange = performance.now();
      } else if (performance.now() - lastChange > this.silenceMs) {
        this.giveUp(`the compare worker fell silent for ${this.silenceMs / 1000} s`);
      }
    }
  }

  /** Chunks claimed so far (by either thread) and messages the worker has posted. */
  progress(): { claimed: number; posted: number } {
    return { claimed: Math.min(this.chunks, Atomics.load(this.ctrl, NEXT_SLOT)), posted: Atomics.load(this.ctrl, POSTED_SLOT) };
  }

  /** Read every message the worker has posted; true when any arrived. */
  private drain(): boolean {
    let any = false;
    for (;;) {
      const m = receiveMessageOnPort(this.port);
      if (!m) return any;
      any = true;
      this.received++;
      const msg = m.message as WorkerMessage;
      if (msg.kind === 'error') this.giveUp(`the compare worker failed: ${msg.message}`);
      else {
        this.ready.set(msg.chunk, msg);
        this.fromWorker.add(msg.chunk);
      }
    }
  }

  private giveUp(why: string): void {
    this.failed = true;
    this.failure ??= why;
    this.close();
  }

  /** Stop the worker (idempotent); chunks not taken yet are then compared here. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Nothing more for the worker to claim; then stop it.
    Atomics.store(this.ctrl, NEXT_SLOT, this.chunks);
    this.port.close();
    void this.worker.terminate();
  }
}
