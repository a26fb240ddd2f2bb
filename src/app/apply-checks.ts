/**
 * The rules every apply obeys, whoever calls it (CLI or script):
 * - a run that was undone (even partly) is not applied again;
 * - decisions come from report.xlsx, or from audit.xlsx for an audit run
 *   that has one; decisions that cannot be used stop the run before any write;
 * - an audit run refuses decisions changed in its report.xlsx (they would be ignored).
 * (The same-target check is in run-target.ts.)
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { Journal } from '../apply/journal.js';
import { SyncroEtlError } from '../errors.js';
import type { Decisions } from '../plan/decision.js';
import type { Plan } from '../plan/schema.js';
import type { DecisionsRead } from '../report/decisions.js';
import { decisionWorkbook, journalPath, RUN_FILES, runFile } from '../run-folder.js';
import type { DecisionWorkbook } from '../run-folder.js';

export { decisionWorkbook };
export type { DecisionWorkbook };

/**
 * A run that was undone is not applied again: its journal says "done" for
 * every write, so apply would report "already applied" while the undo
 * removed them. Plan again instead. Throws RUN_UNDONE.
 */
export function refuseUndoneRun(runDir: string, cwd: string = process.cwd()): void {
  const journalFile = journalPath(runDir);
  if (!existsSync(journalFile)) return;
  const journal = Journal.open(journalFile);
  let undone: boolean;
  try {
    undone = journal.getMeta('undo_status') !== undefined || journal.entries('undo').length > 0;
  } finally {
    journal.close();
  }
  if (undone) {
    const run = relative(cwd, runDir) || runDir;
    throw new SyncroEtlError(
      'RUN_UNDONE',
      `the run ${run} was undone (syncro-etl undo); applying it again would not redo its writes. Plan again with syncro-etl import (or audit) and apply the new run.`,
      { file: runDir },
    );
  }
}

/** The decisions apply takes, and those that differ from the plan's defaults (for the caller to show). */
export interface RunDecisions {
  workbook: DecisionWorkbook;
  decisions: Decisions;
  changed: DecisionsRead['changed'];
}

/** Reads the run's decisions; PLAN_INVALID when some cannot be used or would be ignored. */
export async function loadRunDecisions(runDir: string, plan: Plan): Promise<RunDecisions> {
  const workbook = decisionWorkbook(runDir, plan);
  if (!existsSync(workbook.path)) return { workbook, decisions: new Map(), changed: [] };
  const { readDecisions } = await import('../report/decisions.js');
  const read = workbook.audit
    ? await (await import('../report/audit-decisions.js')).readAuditDecisions(workbook.path, plan)
    : await readDecisions(workbook.path, plan);
  if (workbook.audit) await refuseIgnoredEdits(runDir, plan, readDecisions);
  if (read.problems.length) {
    throw new SyncroEtlError(
      'PLAN_INVALID',
      `${workbook.name} has decisions that cannot be used:\n  ${read.problems.join('\n  ')}\nFix them in ${workbook.path} and run apply again.`,
      { file: workbook.path },
    );
  }
  return { workbook, decisions: read.decisions, changed: read.changed };
}

/** An audit run decides in audit.xlsx; decisions changed in its report.xlsx would be ignored, so apply refuses them. */
async function refuseIgnoredEdits(
  runDir: string,
  plan: Plan,
  readDecisions: (path: string, plan: Plan) => Promise<{ changed: unknown[] }>,
): Promise<void> {
  const report = runFile(runDir, 'reportXlsx');
  if (!existsSync(report) || (await readDecisions(report, plan)).changed.length === 0) return;
  throw new SyncroEtlError(
    'PLAN_INVALID',
    `${RUN_FILES.reportXlsx} has changed decisions, but an audit's decisions are read from ${RUN_FILES.auditXlsx}; make them in ${runFile(runDir, 'auditXlsx')} (the Decision cell of each cluster), undo the edits in report.xlsx (or delete it), and run apply again.`,
    { file: report },
  );
}
