/**
 * apply (and import --apply): read the plan and the decisions edited in
 * report.xlsx (audit.xlsx for an audit run), check the target is the one
 * planned against, run with progress, print the summary and the exact
 * command that resumes.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { applyPlan } from '../apply/executor.js';
import { Journal, JOURNAL_FILE } from '../apply/journal.js';
import type { ApplySummary } from '../apply/outcome.js';
import { SyncroEtlError } from '../errors.js';
import type { ErrorCode } from '../errors.js';
import { readPlan } from '../plan/io.js';
import type { Plan } from '../plan/schema.js';
import { RUN_FILES } from '../run/folder.js';
import type { CommandOutcome } from './app.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import type { CliIO } from './io.js';
import { withProgress } from './progress.js';
import { stopOnSignals } from './stop-signals.js';
import { renderApplySummary } from './render-plan.js';
import type { Target } from './target.js';

export interface ApplyFlowOptions {
  json: boolean;
  /** The command a person runs to resume, printed when the run stops early. */
  resumeCommand: string;
}

export async function runApplyFlow(io: CliIO, outcome: CommandOutcome, target: Target, runDir: string, options: ApplyFlowOptions): Promise<ApplySummary> {
  const plan = await readPlan(join(runDir, RUN_FILES.plan));
  checkSameTarget(plan, target);
  refuseUndoneRun(runDir);
  const decisions = await loadDecisions(io, runDir, plan);

  const controller = new AbortController();
  const release = stopOnSignals(io, controller);
  try {
    const { summary } = await withProgress(io, 'Applying', (events) => {
      const stop = target.listen(events);
      return applyPlan({ plan, runDir, client: target.client, decisions, events, signal: controller.signal }).finally(stop);
    });
    report(io, summary, runDir, plan, options);
    // Conflicts left for a decision are operations not applied: not "done" (README, exit codes).
    const unapplied = summary.byOutcome.failed + summary.byOutcome.conflict + summary.byOutcome['not-applied-by-syncro'];
    outcome.exitCode = summary.aborted ? (exitCodeFor(summary.aborted.code as ErrorCode) === EXIT.CANNOT_START ? EXIT.CANNOT_START : EXIT.ABORTED) : unapplied > 0 ? EXIT.PARTIAL : EXIT.OK;
    return summary;
  } finally {
    release();
  }
}

function report(io: CliIO, summary: ApplySummary, runDir: string, plan: Plan, options: ApplyFlowOptions): void {
  if (options.json) io.out(JSON.stringify({ runDir, ...summary }, null, 2));
  else io.out(renderApplySummary(summary));
  io.err(`Results: ${join(runDir, RUN_FILES.results)}`);
  if (summary.aborted) io.err(`Stopped: ${summary.aborted.message}\nResume with: ${options.resumeCommand}`);
  else if (summary.byOutcome.failed > 0) io.err(`Some operations failed (see results.csv). After fixing the cause, run again to retry them: ${options.resumeCommand}`);
  if (summary.byOutcome.conflict > 0) {
    const workbook = decisionWorkbook(runDir, plan);
    io.err(
      workbook.audit
        ? `${summary.byOutcome.conflict} not applied: people under several customers are never merged by an audit (merge their customers first), and clusters whose records changed since the audit need a new audit (see results.csv and ${workbook.path}).`
        : `${summary.byOutcome.conflict} conflicts were not applied: decide them in ${workbook.path} (Decision column), then: ${options.resumeCommand}`,
    );
  }
}

/**
 * A run that was undone (even partly) is not applied again: its journal says
 * "done" for every write, so apply would report "already applied" while the
 * undo removed them. Plan again instead.
 */
export function refuseUndoneRun(runDir: string): void {
  const journalFile = join(runDir, JOURNAL_FILE);
  if (!existsSync(journalFile)) return;
  const journal = Journal.open(journalFile);
  let undone: boolean;
  try {
    undone = journal.getMeta('undo_status') !== undefined || journal.entries('undo').length > 0;
  } finally {
    journal.close();
  }
  if (undone) {
    const run = relative(process.cwd(), runDir) || runDir;
    throw new SyncroEtlError('RUN_UNDONE', `the run ${run} was undone (syncro-etl undo); applying it again would not redo its writes. Plan again with syncro-etl import (or audit) and apply the new run.`, { file: runDir });
  }
}

function checkSameTarget(plan: Plan, target: Target): void {
  const same = plan.target.sandbox ? target.isSandbox : plan.target.baseUrl === target.baseUrl;
  if (!same) {
    throw new SyncroEtlError(
      'RUN_NOT_FOUND',
      `this plan was made against ${plan.target.sandbox ? 'the local sandbox' : plan.target.baseUrl}, but the target now is ${target.isSandbox ? 'the local sandbox' : target.baseUrl}; point at the same account or plan again`,
    );
  }
}

/** The workbook apply reads decisions from: audit.xlsx for an audit run that has one, else report.xlsx. */
function decisionWorkbook(runDir: string, plan: Plan): { path: string; name: string; audit: boolean } {
  const audit = plan.command === 'audit' && existsSync(join(runDir, RUN_FILES.auditXlsx));
  const name = audit ? RUN_FILES.auditXlsx : RUN_FILES.reportXlsx;
  return { path: join(runDir, name), name, audit };
}

async function loadDecisions(io: CliIO, runDir: string, plan: Plan): Promise<Map<string, string>> {
  const { path: workbook, name, audit } = decisionWorkbook(runDir, plan);
  if (!existsSync(workbook)) return new Map();
  const { readDecisions } = await import('../report/decisions.js');
  const read = audit ? await (await import('../report/audit-decisions.js')).readAuditDecisions(workbook, plan) : await readDecisions(workbook, plan);
  if (audit) await refuseIgnoredEdits(runDir, plan, readDecisions);
  if (read.problems.length) {
    throw new SyncroEtlError('PLAN_INVALID', `${name} has decisions that cannot be used:\n  ${read.problems.join('\n  ')}\nFix them in ${workbook} and run apply again.`, { file: workbook });
  }
  if (read.changed.length) {
    io.err(`Took ${read.changed.length} decision${read.changed.length === 1 ? '' : 's'} from ${name}:`);
    for (const c of read.changed.slice(0, 20)) io.err(`  ${c.opId} ${c.label}: ${c.decision}`);
    if (read.changed.length > 20) io.err(`  … and ${read.changed.length - 20} more`);
  }
  return read.decisions;
}

/** An audit run decides in audit.xlsx; decisions changed in its report.xlsx would be ignored, so apply refuses them. */
async function refuseIgnoredEdits(runDir: string, plan: Plan, readDecisions: (path: string, plan: Plan) => Promise<{ changed: unknown[] }>): Promise<void> {
  const report = join(runDir, RUN_FILES.reportXlsx);
  if (!existsSync(report) || (await readDecisions(report, plan)).changed.length === 0) return;
  throw new SyncroEtlError('PLAN_INVALID', `${RUN_FILES.reportXlsx} has changed decisions, but an audit's decisions are read from ${RUN_FILES.auditXlsx}; make them in ${join(runDir, RUN_FILES.auditXlsx)} (the Decision cell of each cluster), undo the edits in report.xlsx (or delete it), and run apply again.`, { file: report });
}
