/**
 * `applyRun`: apply (or resume) a planned run, with every safety rule the
 * CLI has: the same account as planned, not an undone run, the decisions of
 * the run's workbook and none that would be ignored. Nothing is written
 * before all of them pass; `beforeWrites` can still say no (a confirmation).
 */
import { join } from 'node:path';
import { applyPlan } from '../apply/executor.js';
import type { ApplySummary, OpResult } from '../apply/outcome.js';
import type { EventSink } from '../events.js';
import { silentSink } from '../events.js';
import { readPlan } from '../plan/io.js';
import type { Plan } from '../plan/schema.js';
import { resolveRunFolder, RUN_FILES } from '../run/folder.js';
import { loadRunDecisions, refuseUndoneRun } from './apply-checks.js';
import type { RunDecisions } from './apply-checks.js';
import { checkSameTarget } from './run-target.js';
import type { RunConnection } from './run-target.js';

export interface ApplyRunOptions {
  /** The run: a folder path, a folder name under .syncro-etl/runs, or "latest". */
  run: string;
  syncro: RunConnection;
  /** Where .syncro-etl/runs is (default process.cwd()). */
  cwd?: string;
  onEvent?: EventSink;
  /** Stops after the writes in flight; the run resumes from the journal. */
  signal?: AbortSignal;
  /** Called when every check passed, before the first write; return false to write nothing. */
  beforeWrites?: (ready: ApplyReady) => boolean | void | Promise<boolean | void>;
}

export interface ApplyReady {
  runDir: string;
  plan: Plan;
  decisions: Omit<RunDecisions, 'decisions'>;
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

/**
 * @example
 * const { summary } = await applyRun({ run: planned.runDir, syncro });
 * if (summary?.byOutcome.failed) ... // see results.csv
 */
export async function applyRun(options: ApplyRunOptions): Promise<ApplyRunResult> {
  const cwd = options.cwd ?? process.cwd();
  const runDir = resolveRunFolder(options.run, cwd);
  const plan = await readPlan(join(runDir, RUN_FILES.plan));
  checkSameTarget(plan.target, options.syncro.target);
  refuseUndoneRun(runDir, cwd);
  const { decisions, changed, workbook } = await loadRunDecisions(runDir, plan);
  const resultsFile = join(runDir, RUN_FILES.results);
  if ((await options.beforeWrites?.({ runDir, plan, decisions: { workbook, changed } })) === false) {
    return { runDir, started: false, decisionsChanged: changed, results: [], resultsFile };
  }
  const events = options.onEvent ?? silentSink;
  const stop = options.onEvent && options.syncro.listen ? options.syncro.listen(options.onEvent) : undefined;
  try {
    const { results, summary } = await applyPlan({
      plan,
      runDir,
      client: options.syncro.client,
      decisions,
      events,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { runDir, started: true, decisionsChanged: changed, results, summary, resultsFile };
  } finally {
    stop?.();
  }
}
