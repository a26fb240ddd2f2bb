/**
 * `undoRun`: reverse what an applied run wrote (journaled and resumable), on
 * the account the run was planned against only.
 */
import type { ApplySummary, OpResult } from '../apply/outcome.js';
import { undoRun as undoJournal } from '../apply/undo.js';
import type { EventSink } from '../events.js';
import { readPlan } from '../plan/io.js';
import { resolveRunFolder, resultsPath, runFile } from '../run-folder.js';
import { checkSameTarget } from './run-target.js';
import type { RunConnection } from './run-target.js';

export interface UndoRunOptions {
  /** The run: a folder path, a folder name under .syncro-etl/runs, or "latest". */
  run: string;
  syncro: RunConnection;
  cwd?: string;
  onEvent?: EventSink;
  signal?: AbortSignal;
}

export interface UndoRunResult {
  runDir: string;
  results: OpResult[];
  /** `byOutcome.conflict`: records changed since the run, left as they are (see undo-results.csv). */
  summary: ApplySummary;
  /** undo-results.csv in the run folder. */
  resultsFile: string;
}

/** @example const { summary } = await undoRun({ run: planned.runDir, syncro }); */
export async function undoRun(options: UndoRunOptions): Promise<UndoRunResult> {
  const runDir = resolveRunFolder(options.run, options.cwd ?? process.cwd());
  const plan = await readPlan(runFile(runDir, 'plan'));
  checkSameTarget(plan.target, options.syncro.target);
  const stop = options.onEvent && options.syncro.listen ? options.syncro.listen(options.onEvent) : undefined;
  try {
    const { results, summary } = await undoJournal({
      runDir,
      client: options.syncro.client,
      ...(options.onEvent ? { events: options.onEvent } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { runDir, results, summary, resultsFile: resultsPath(runDir, 'undo') };
  } finally {
    stop?.();
  }
}
