/**
 * Builds the yargs program from one thin file per command. `runCli` returns
 * the exit code and never exits; only `main.ts` touches process.exitCode.
 */
import yargs from 'yargs';
import type { Argv } from 'yargs';
import { isEtlError } from '../errors.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import type { CommandOutcome, GlobalArgs } from './command.js';
import type { CliIO } from './io.js';
import { renderError } from './render-error.js';
import { COMMANDS } from './commands/index.js';

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const json = wantsJson(argv);
  const seen = { stdout: false, lastErr: '' };
  const outer = io;
  io = {
    out: (t) => {
      seen.stdout = true;
      outer.out(t);
    },
    err: (t) => {
      if (t.trim()) seen.lastErr = t.trim();
      outer.err(t);
    },
    isTTY: outer.isTTY,
    confirm: (q) => outer.confirm(q),
  };
  const code = await run(argv, io);
  // --json: a script reading stdout always gets an object; a failure that printed no result gets { error }.
  if (json && code !== EXIT.OK && !seen.stdout) outer.out(errorJson(fallbackCode(code), seen.lastErr || `exit code ${code}`));
  return code;
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const outcome: CommandOutcome = { exitCode: EXIT.OK };
  let program: Argv<GlobalArgs> = yargs(argv)
    .scriptName('syncro-etl')
    .usage(
      '$0 <command> [options]\n\nMove customers and contacts into, out of and within Syncro MSP, safely: every write is planned, shown, journaled and undoable.',
    )
    .option('json', { type: 'boolean', default: false, describe: 'Print the result as JSON on stdout' })
    .option('config', {
      type: 'string',
      describe: 'Config file (default: ./.syncro-etl/config.json, then ~/.config/syncro-etl/config.json)',
    })
    .strict()
    .demandCommand(1, 'Name a command; see --help.')
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    })
    .epilog(
      'Exit codes: 0 ok · 1 finished with failures · 2 usage · 3 cannot start (config/auth) · 4 input unreadable · 5 aborted · 6 run/plan unusable · 70 internal.',
    );
  for (const make of COMMANDS) program = make(io, outcome)(program);
  try {
    await program.parseAsync();
    return outcome.exitCode;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`error: ${err.message}\nRun 'syncro-etl --help' for the commands and options.`);
      if (wantsJson(argv)) io.out(errorJson('INVALID_ARGUMENT', err.message));
      return EXIT.USAGE;
    }
    io.err(renderError(err));
    if (wantsJson(argv))
      io.out(errorJson(isEtlError(err) ? err.code : 'INTERNAL', isEtlError(err) ? err.message : String((err as Error)?.message ?? err)));
    return isEtlError(err) ? exitCodeFor(err.code) : EXIT.INTERNAL;
  }
}

function wantsJson(argv: readonly string[]): boolean {
  return argv.some((a) => a === '--json' || a === '--json=true');
}

function errorJson(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } }, null, 2);
}

/** The error code a non-zero exit stands for when the command printed no result of its own (a declined prompt, say). */
function fallbackCode(exit: number): string {
  const byExit: Record<number, string> = {
    [EXIT.PARTIAL]: 'PARTIAL',
    [EXIT.USAGE]: 'INVALID_ARGUMENT',
    [EXIT.CANNOT_START]: 'CONFIG_INVALID',
    [EXIT.INPUT]: 'FILE_UNREADABLE',
    [EXIT.ABORTED]: 'ABORTED',
    [EXIT.RUN]: 'PLAN_INVALID',
  };
  return byExit[exit] ?? 'INTERNAL';
}

class UsageError extends Error {}
