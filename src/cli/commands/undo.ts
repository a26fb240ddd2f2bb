/** `syncro-etl undo RUN`: reverse what a run wrote (journaled and resumable too). */
import { connectionFlags, withConnectionOptions } from '../options.js';
import { defineCommand } from '../command.js';
import type { CommandFactory } from '../command.js';
import type { ErrorCode } from '../../errors.js';

export const undoCommand: CommandFactory = (io, outcome) =>
  defineCommand({
    command: 'undo <run>',
    describe: 'Undo a run: delete what it created, restore what it changed, move back what it moved',
    builder: (y) =>
      withConnectionOptions(y)
        .positional('run', { type: 'string', describe: 'Run folder (path, name under .syncro-etl/runs, or "latest")' })
        .option('yes', { type: 'boolean', default: false, describe: 'Do not ask for confirmation' }),
    handler: async (args) => {
      const [
        { resolveRunFolder, resultsPath },
        { openTarget },
        { undoRun },
        { runConnectionOf },
        { withProgress },
        { renderApplySummary },
        { EXIT, exitCodeFor },
        { relative },
      ] = await Promise.all([
        import('../../run-folder.js'),
        import('../target.js'),
        import('../../app/undo-run.js'),
        import('../apply-flow.js'),
        import('../progress.js'),
        import('../render-plan.js'),
        import('../exit-codes.js'),
        import('node:path'),
      ]);
      const runDir = resolveRunFolder(String(args.run));
      const where = relative(process.cwd(), runDir) || runDir;
      const target = await openTarget(connectionFlags(args), io);
      try {
        if (
          !args.yes &&
          !(await io.confirm(`Undo the writes of ${where} on ${target.isSandbox ? 'the LOCAL SANDBOX' : target.baseUrl}?`))
        ) {
          io.err(`Not undone${io.isTTY ? '' : ' (no terminal to confirm on: add --yes)'}.`);
          outcome.exitCode = EXIT.ABORTED;
          return;
        }
        const controller = new AbortController();
        const release = (await import('../stop-signals.js')).stopOnSignals(io, controller);
        // The application layer checks the target is the one planned against (RUN_TARGET_MISMATCH).
        const { summary } = await withProgress(io, 'Undoing', (events) =>
          undoRun({ run: runDir, syncro: runConnectionOf(target), onEvent: events, signal: controller.signal }),
        ).finally(release);
        io.out(args.json ? JSON.stringify({ runDir, ...summary }, null, 2) : renderApplySummary(summary));
        io.err(`Results: ${resultsPath(runDir, 'undo')}`);
        const unresolved = summary.byOutcome.conflict + summary.byOutcome.failed;
        if (unresolved) io.err(`${unresolved} writes could not be undone (changed since, or failed): see undo-results.csv.`);
        if (summary.aborted) io.err(`Stopped: ${summary.aborted.message}\nResume with: syncro-etl undo ${where} --yes`);
        outcome.exitCode = summary.aborted
          ? exitCodeFor(summary.aborted.code as ErrorCode) === EXIT.CANNOT_START
            ? EXIT.CANNOT_START
            : EXIT.ABORTED
          : unresolved
            ? EXIT.PARTIAL
            : EXIT.OK;
      } finally {
        await target.close();
      }
    },
  });
