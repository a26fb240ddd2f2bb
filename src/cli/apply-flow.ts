/**
 * apply (and import --apply): the application layer checks the run (same
 * target as planned, not undone, the decisions of report.xlsx — audit.xlsx
 * for an audit run); this file lists the decisions taken, runs with
 * progress, prints the summary and the exact command that resumes.
 */
import { decisionWorkbook } from '../app/apply-checks.js';
import type { RunDecisions } from '../app/apply-checks.js';
import { executeApply, prepareApply } from '../app/apply-run.js';
import type { RunConnection } from '../app/run-target.js';
import type { ApplySummary } from '../apply/outcome.js';
import type { ErrorCode } from '../errors.js';
import type { Plan } from '../plan/schema.js';
import { resultsPath } from '../run-folder.js';
import type { CommandOutcome } from './command.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import type { CliIO } from './io.js';
import { withProgress } from './progress.js';
import { stopOnSignals } from './stop-signals.js';
import { renderApplySummary } from './render-plan.js';
import type { Target } from './target.js';

export { refuseUndoneRun } from '../app/apply-checks.js';

export interface ApplyFlowOptions {
  json: boolean;
  /** The command a person runs to resume, printed when the run stops early. */
  resumeCommand: string;
}

/** The CLI's target as the application layer sees it (the embedded sandbox is one target, whatever its port). */
export function runConnectionOf(target: Target): RunConnection {
  return {
    client: target.client,
    target: target.isSandbox ? { baseUrl: 'local sandbox', sandbox: true } : { baseUrl: target.baseUrl, sandbox: false },
    listen: (sink) => target.listen(sink),
  };
}

export async function runApplyFlow(
  io: CliIO,
  outcome: CommandOutcome,
  target: Target,
  runDir: string,
  options: ApplyFlowOptions,
): Promise<ApplySummary> {
  const syncro = runConnectionOf(target);
  const prepared = await prepareApply({ run: runDir, syncro });
  listDecisions(io, prepared.decisions);

  const controller = new AbortController();
  const release = stopOnSignals(io, controller);
  try {
    const { summary } = await withProgress(io, 'Applying', async (events) => {
      const done = await executeApply(prepared, { syncro, onEvent: events, signal: controller.signal });
      return { summary: done.summary! };
    });
    report(io, summary, runDir, prepared.plan, options);
    // Conflicts left for a decision are operations not applied: not "done" (README, exit codes).
    const unapplied = summary.byOutcome.failed + summary.byOutcome.conflict + summary.byOutcome['not-applied-by-syncro'];
    outcome.exitCode = summary.aborted
      ? exitCodeFor(summary.aborted.code as ErrorCode) === EXIT.CANNOT_START
        ? EXIT.CANNOT_START
        : EXIT.ABORTED
      : unapplied > 0
        ? EXIT.PARTIAL
        : EXIT.OK;
    return summary;
  } finally {
    release();
  }
}

function listDecisions(io: CliIO, { changed, workbook }: RunDecisions): void {
  if (!changed.length) return;
  io.err(`Took ${changed.length} decision${changed.length === 1 ? '' : 's'} from ${workbook.name}:`);
  for (const c of changed.slice(0, 20)) io.err(`  ${c.opId} ${c.label}: ${c.decision}`);
  if (changed.length > 20) io.err(`  … and ${changed.length - 20} more`);
}

function report(io: CliIO, summary: ApplySummary, runDir: string, plan: Plan, options: ApplyFlowOptions): void {
  if (options.json) io.out(JSON.stringify({ runDir, ...summary }, null, 2));
  else io.out(renderApplySummary(summary));
  io.err(`Results: ${resultsPath(runDir, 'apply')}`);
  if (summary.aborted) io.err(`Stopped: ${summary.aborted.message}\nResume with: ${options.resumeCommand}`);
  else if (summary.byOutcome.failed > 0)
    io.err(`Some operations failed (see results.csv). After fixing the cause, run again to retry them: ${options.resumeCommand}`);
  if (summary.byOutcome.conflict > 0) {
    const workbook = decisionWorkbook(runDir, plan);
    io.err(
      workbook.audit
        ? `${summary.byOutcome.conflict} not applied: people under several customers are never merged by an audit (merge their customers first), and clusters whose records changed since the audit need a new audit (see results.csv and ${workbook.path}).`
        : `${summary.byOutcome.conflict} conflicts were not applied: decide them in ${workbook.path} (Decision column), then: ${options.resumeCommand}`,
    );
  }
}
