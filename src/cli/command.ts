/**
 * How a command file declares its command: `defineCommand` is generic in
 * what the builder returns, so each handler's `args` is inferred from its
 * own options (no casts). The program only needs to register a command, so
 * that is all a `Command` exposes; its argument type stays inside.
 */
import type { ArgumentsCamelCase, Argv } from 'yargs';
import type { CliIO } from './io.js';

/** The options every command inherits from the program (`--json`, `--config`). */
export interface GlobalArgs {
  json: boolean;
  config: string | undefined;
}

/** The result a command handler leaves for runCli. */
export interface CommandOutcome {
  exitCode: number;
}

/** A command ready to be added to the program. */
export type Command = (program: Argv<GlobalArgs>) => Argv<GlobalArgs>;

/** One file per command exports one of these. */
export type CommandFactory = (io: CliIO, outcome: CommandOutcome) => Command;

export interface CommandSpec<A> {
  /** The command line, with its positionals (`import <files..>`). */
  command: string;
  describe: string;
  builder: (y: Argv<GlobalArgs>) => Argv<A>;
  handler: (args: ArgumentsCamelCase<A>) => Promise<void>;
}

export function defineCommand<A>(spec: CommandSpec<A>): Command {
  return (program) => program.command<A>(spec);
}
