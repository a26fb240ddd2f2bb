/**
 * Tells the engine when a stage's garbage can go. V8 lets the heap grow to
 * several times what is live while a stage allocates fast (reading a file,
 * writing a plan): measured on a million-row import dry run, 220 MB live and
 * over 800 MB of heap. A full collection at a stage's end, and every so many
 * rows or operations inside a long one, keeps the process near what it holds
 * (each costs ~0.1 s at that size; the counts below keep it to a few seconds
 * in all; under 128 MB of heap in use nothing is collected). The collector is reached through V8's own flag, the way
 * `node --expose-gc` gives it; where that is not possible nothing is done.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { EtlEvent, EventSink } from '../events.js';
import { RUN_FILES } from '../run-folder.js';

let collector: (() => void) | null | undefined;

function gc(): (() => void) | null {
  if (collector !== undefined) return collector;
  try {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (typeof exposed === 'function') return (collector = exposed);
    setFlagsFromString('--expose-gc');
    const fn: unknown = runInNewContext('gc');
    collector = typeof fn === 'function' ? (fn as () => void) : null;
  } catch {
    collector = null;
  }
  return collector;
}

/** Below this much heap in use a collection is not worth its pause (small runs pay nothing). */
const WORTH_COLLECTING = 128 * 2 ** 20;

/** A full collection now, when the heap holds enough to matter (nothing when the engine does not offer it). */
export function collectGarbage(): void {
  if (getHeapStatistics().used_heap_size < WORTH_COLLECTING) return;
  gc()?.();
}

/** Rows read, or operations planned, between two collections. */
export const COLLECT_EVERY: Readonly<Record<string, number>> = { read: 100_000, plan: 25_000, [RUN_FILES.reportXlsx]: 100_000 };

/**
 * `events`, collecting garbage at the end of each stage and every
 * COLLECT_EVERY rows or operations of a stage that counts them.
 */
export function collectingAlong(events: EventSink): EventSink {
  const next = new Map<string, number>();
  return (event: EtlEvent) => {
    if (event.type === 'stage' && event.status === 'done') collectGarbage();
    else if (event.type === 'progress') {
      const every = COLLECT_EVERY[event.stage];
      if (every && event.done >= (next.get(event.stage) ?? every)) {
        next.set(event.stage, event.done + every);
        collectGarbage();
      }
    }
    events(event);
  };
}
