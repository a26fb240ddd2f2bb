/**
 * The core never prints: it emits typed events to a sink that the CLI (or a
 * test) passes in. Renderers (listr2, plain lines, JSON) subscribe.
 */

/**
 * What became of one operation (apply) or one undone write step (undo):
 * the vocabulary of results.csv, the summary and `op-finished` events.
 * "skipped:already-applied" is what makes a resumed run idempotent.
 */
export const OUTCOMES = [
  'applied',
  /** Sent and answered, but Syncro did not keep (some of) it: not in the answer, nor in a read-back. */
  'not-applied-by-syncro',
  'failed',
  'conflict',
  'skipped:already-applied',
  'skipped:decision',
  'skipped:dependency',
  'skipped:no-write',
  'not-run',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The kinds of plan operation (plan/schema.ts checks at compile time that its schema makes exactly these). */
export type PlanOperationKind =
  | 'create-customer'
  | 'update-customer'
  | 'create-contact'
  | 'update-contact'
  | 'move-contact'
  | 'delete-contact'
  | 'merge-customers'
  | 'merge-contacts'
  | 'skip'
  | 'conflict'
  | 'invalid';

/** An undone write step: `undo <method> <path>` of the journal entry it reverses, e.g. `undo POST customers`. */
export type UndoStepKind = `undo ${string}`;

interface OpFinished<Mode extends 'apply' | 'undo', Kind extends string> {
  type: 'op-finished';
  mode: Mode;
  opId: string;
  kind: Kind;
  label: string;
  outcome: Outcome;
  message?: string;
  done: number;
  total: number;
}

export type EtlEvent =
  | { type: 'stage'; stage: string; status: 'start' | 'done'; detail?: string }
  | { type: 'progress'; stage: string; done: number; total?: number }
  | { type: 'notice'; level: 'info' | 'warn'; message: string }
  | { type: 'rate-limited'; waitMs: number; retryAfterHeader: boolean }
  | { type: 'retry'; attempt: number; waitMs: number; reason: string; method: string; path: string }
  | { type: 'request'; method: string; path: string; status: number; ms: number }
  | { type: 'apply-start'; mode: 'apply' | 'undo'; total: number; alreadyDone: number; rateLimit: number }
  | OpFinished<'apply', PlanOperationKind>
  | OpFinished<'undo', UndoStepKind>;

export type EtlEventType = EtlEvent['type'];

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
