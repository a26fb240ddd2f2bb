/**
 * The core never prints: it emits typed events to a sink that the CLI (or a
 * test) passes in. Renderers (listr2, plain lines, JSON) subscribe.
 */
export type EtlEvent =
  | { type: 'stage'; stage: string; status: 'start' | 'done'; detail?: string }
  | { type: 'progress'; stage: string; done: number; total?: number }
  | { type: 'notice'; level: 'info' | 'warn'; message: string }
  | { type: 'rate-limited'; waitMs: number; retryAfterHeader: boolean }
  | { type: 'retry'; attempt: number; waitMs: number; reason: string; method: string; path: string }
  | { type: 'request'; method: string; path: string; status: number; ms: number }
  | { type: 'apply-start'; mode: 'apply' | 'undo'; total: number; alreadyDone: number; rateLimit: number }
  | {
      type: 'op-finished';
      mode: 'apply' | 'undo';
      opId: string;
      kind: string;
      label: string;
      outcome: string;
      message?: string;
      done: number;
      total: number;
    };

export type EventSink = (event: EtlEvent) => void;

/** A sink that drops everything (the default for library calls). */
export const silentSink: EventSink = () => {};

/** A sink that keeps every event, for tests. */
export function collectingSink(): EventSink & { events: EtlEvent[] } {
  const events: EtlEvent[] = [];
  const sink = ((e: EtlEvent) => {
    events.push(e);
  }) as EventSink & { events: EtlEvent[] };
  sink.events = events;
  return sink;
}
