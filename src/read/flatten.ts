/**
 * One item at a time out of an async iterator of batches, without an async
 * generator: `async function* () { for await (const b of batches) yield* b }`
 * costs several promise hops per item (yield* of a sync array inside an
 * async generator awaits every element), which on a 1M-row file is over a
 * second. Here an item already in the current batch is handed out with one
 * resolved promise; only a new batch waits for the source.
 *
 * It behaves like that generator: items in order, requests answered in
 * order even when several are pending, an error from the source rejects
 * that request and ends the iteration, and `return()` (a `break` out of
 * `for await`) closes the source.
 */
export function flattenBatches<T>(source: AsyncIterator<T[]>): AsyncGenerator<T, void, undefined> {
  let batch: T[] = [];
  let i = 0;
  let done = false;
  /** The request waiting for a batch; later requests queue behind it. */
  let waiting: Promise<IteratorResult<T, void>> | undefined;

  const finished = (): IteratorResult<T, void> => ({ value: undefined, done: true });

  async function refill(): Promise<IteratorResult<T, void>> {
    while (i >= batch.length) {
      if (done) return finished();
      let next: IteratorResult<T[]>;
      try {
        next = await source.next();
      } catch (err) {
        done = true;
        batch = [];
        throw err;
      }
      if (next.done) {
        done = true;
        batch = [];
        i = 0;
        return finished();
      }
      batch = next.value;
      i = 0;
    }
    return { value: batch[i++] as T, done: false };
  }

  function queue(step: () => Promise<IteratorResult<T, void>>): Promise<IteratorResult<T, void>> {
    const run = waiting ? waiting.then(step, step) : step();
    waiting = run;
    const clear = (): void => {
      if (waiting === run) waiting = undefined;
    };
    run.then(clear, clear);
    return run;
  }

  async function close(): Promise<void> {
    if (done) return;
    done = true;
    batch = [];
    i = 0;
    await source.return?.();
  }

  const iterator: AsyncGenerator<T, void, undefined> = {
    next() {
      if (waiting === undefined) {
        if (i < batch.length) return Promise.resolve({ value: batch[i++] as T, done: false });
        if (done) return Promise.resolve(finished());
      }
      return queue(refill);
    },
    return() {
      return queue(async () => {
        await close();
        return finished();
      });
    },
    throw(err: unknown) {
      return queue(async () => {
        await close();
        throw err;
      });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
