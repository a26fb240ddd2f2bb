/** `syncro-etl apply RUN`: execute (or resume) a planned run. */
import { connectionFlags, withConnectionOptions } from '../options.js';
import { defineCommand } from '../command.js';
import type { CommandFactory } from '../command.js';

export const applyCommand: CommandFactory = (io, outcome) =>
  defineCommand({
    command: 'apply <run>',
    describe: 'Apply a planned run (resumes where it stopped; never repeats a finished write)',
    builder: (y) =>
      withConnectionOptions(y)
        .positional('run', { type: 'string', describe: 'Run folder (path, name under .syncro-etl/runs, or "latest")' })
        .option('yes', { type: 'boolean', default: false, describe: 'Do not ask for confirmation' }),
    handler: async (args) => {
      const [{ resolveRunFolder, runFile }, { openTarget }, { runApplyFlow, refuseUndoneRun }, { readPlan }, { relative }] =
        await Promise.all([
          import('../../run-folder.js'),
          import('../target.js'),
          import('../apply-flow.js'),
          import('../../plan/io.js'),
          import('node:path'),
        ]);
      const runDir = resolveRunFolder(String(args.run));
      const where = relative(process.cwd(), runDir) || runDir;
      const plan = await readPlan(runFile(runDir, 'plan'));
      refuseUndoneRun(runDir);
      const target = await openTarget(connectionFlags(args), io);
      try {
        if (
          !args.yes &&
          !(await io.confirm(
            `Apply ${plan.summary.writeCalls} planned writes from ${where} to ${target.isSandbox ? 'the LOCAL SANDBOX' : target.baseUrl}?`,
          ))
        ) {
          io.err(`Not applied${io.isTTY ? '' : ' (no terminal to confirm on: add --yes)'}.`);
          outcome.exitCode = 5;
          return;
        }
        await runApplyFlow(io, outcome, target, runDir, { json: Boolean(args.json), resumeCommand: `syncro-etl apply ${where} --yes` });
      } finally {
        await target.close();
      }
    },
  });
