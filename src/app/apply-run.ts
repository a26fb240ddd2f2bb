/**
 * `applyRun`: apply (or resume) a planned run, with every safety rule the
 * CLI has: the same account as planned, not an undone run, the decisions of
 * the run's workbook and none that would be ignored. Nothing is written
 * before all of them pass; `beforeWrites` can still say no (a confirmation).
 *
 * In two steps for a front end that shows something in between (the CLI
 * lists the decisions taken, then shows progress): `prepareApply` runs the
 * checks and returns a PreparedApply, the only thing `executeApply` takes.
 */
import { applyPlan } from '../apply/executor.js';
import type { ApplySummary, OpResult } from '../apply/outcome.js';
import type { EventSink } from '../events.js';
import { silentSink } from '../events.js';
import { readPlan } from '../plan/io.js';
import type { Plan } from '../plan/schema.js';
import { resolveRunFolder, resultsPath, runFile } from '../run-folder.js';
import { loadRunDecisions, refuseUndoneRun } from './apply-checks.js';
import type { RunDecisions } from './apply-checks.js';
import { checkSameTarget } from './run-target.js';
import type { RunConnection } from './run-target.js';

export interface PrepareApplyOptions {
  /** The run: a folder path, a folder name under .syncro-etl/runs, or "latest". */
  run: string;
  syncro: RunConnection;
  /** Where .syncro-etl/runs is (default process.cwd()). */
  cwd?: string;
}

export interface ExecuteApplyOptions {
  syncro: RunConnection;
  onEvent?: EventSink;
  /** Stops after the writes in flight; the run resumes from the journal. */
  signal?: AbortSignal;
}

export interface ApplyRunOptions extends PrepareApplyOptions, ExecuteApplyOptions {
  /** Called when every check passed, before the first write; return false to write nothing. */
  beforeWrites?: (ready: PreparedApply) => boolean | void | Promise<boolean | void>;
}

declare const checked: unique symbol;

/** A run that passed every check; made only by `prepareApply`. */
export interface PreparedApply {
  readonly runDir: string;
  readonly plan: Plan;
  readonly decisions: RunDecisions;
  readonly [checked]: true;
}

export interface ApplyRunResult {
  runDir: string;
  /** False when `beforeWrites` said no: nothing was written. */
  started: boolean;
  /** The decisions taken from the workbook that differ from the plan's defaults. */
  decisionsChanged: RunDecisions['changed'];
  results: OpResult[];
  /** Absent when not started. `aborted` set when the run stopped early (resume by calling again). */
  summary?: ApplySummary;
  /** results.csv in the run folder. */
  resultsFile: string;
}

/** Every check apply makes, without writing anything. */
export async function prepareApply(options: PrepareApplyOptions): Promise<PreparedApply> {
  const cwd = options.cwd ?? process.cwd();
  const runDir = resolveRunFolder(options.run, cwd);
  const plan = await readPlan(runFile(runDir, 'plan'));
  checkSameTarget(plan.target, options.syncro.target);
  refuseUndoneRun(runDir, cwd);
  const decisions = await loadRunDecisions(runDir, plan);
  return { runDir, plan, decisions } as PreparedApply;
}

/** Applies a prepared run (on the same account it was checked for). */
export async function executeApply(prepared: PreparedApply, options: ExecuteApplyOptions): Promise<ApplyRunResult> {
  const { runDir, plan, decisions } = prepared;
  checkSameTarget(plan.target, options.syncro.target);
  const stop = options.onEvent && options.syncro.listen ? options.syncro.listen(options.onEvent) : undefined;
  try {
    const { results, summary } = await applyPlan({
      plan,
      runDir,
      client: options.syncro.client,
      decisions: decisions.decisions,
      events: options.onEvent ?? silentSink,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { runDir, started: true, decisionsChanged: decisions.changed, results, summary, resultsFile: resultsPath(runDir, 'apply') };
  } finally {
    stop?.();
  }
}

/**
 * @example
 * const { summary } = await applyRun({ run: planned.runDir, syncro });
 * if (summary?.byOutcome.failed) ... // see results.csv
 */
export async function applyRun(options: ApplyRunOptions): Promise<ApplyRunResult> {
  const prepared = await prepareApply(options);
  if ((await options.beforeWrites?.(prepared)) === false) {
    return {
      runDir: prepared.runDir,
      started: false,
      decisionsChanged: prepared.decisions.changed,
      results: [],
      resultsFile: resultsPath(prepared.runDir, 'apply'),
    };
  }
  return executeApply(prepared, options);
}
