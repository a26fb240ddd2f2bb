/**
 * What happened to each operation: data, rendered into results.csv and the
 * summary. The outcome vocabulary lives with the events (src/events.ts).
 */
import { OUTCOMES } from '../events.js';
import type { Outcome, PlanOperationKind, UndoStepKind } from '../events.js';
import type { SourceRef } from '../model/source.js';

export { OUTCOMES };
export type { Outcome };

/** One operation's result; `kind` is the plan operation's kind (apply), or the write step undone (undo). */
export interface OpResult<Kind extends PlanOperationKind | UndoStepKind = PlanOperationKind | UndoStepKind> {
  opId: string;
  kind: Kind;
  label: string;
  sources: SourceRef[];
  outcome: Outcome;
  /** The Syncro id the operation produced or touched. */
  syncroId?: number;
  message?: string;
}

export interface ApplySummary {
  mode: 'apply' | 'undo';
  total: number;
  byOutcome: Record<Outcome, number>;
  /** HTTP requests sent during this run (writes, checks, lookups, retries). */
  requests: number;
  /** Write steps carried out during this run. */
  writes: number;
  seconds: number;
  aborted?: { code: string; message: string };
}

export function emptyCounts(): Record<Outcome, number> {
  return Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
}

/** Errors that stop the whole run (apply or undo) rather than fail one operation: the key was refused, an answer cannot be relied on, a redirect, the shared limiter is gone, or Syncro's rate limit does not lift (every later request would fail the same way). */
export const RUN_STOPPING_CODES = ['API_UNAUTHORIZED', 'API_BAD_ANSWER', 'API_REDIRECT', 'REDIS_UNREACHABLE', 'API_RATE_LIMITED'] as const;

/** What stopped a run, as the caller named it when aborting (the CLI: "Ctrl-C", "SIGTERM"); "stop asked" otherwise. */
export function stopReason(signal: AbortSignal | undefined): string {
  return typeof signal?.reason === 'string' && signal.reason ? signal.reason : 'stop asked';
}
