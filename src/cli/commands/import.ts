/** `syncro-etl import FILE...`: a dry run that writes a run folder; `--apply` goes on to write. */
import { connectionFlags, withConnectionOptions } from '../options.js';
import { withReadOptions } from '../read-options.js';
import { defineCommand } from '../command.js';
import type { CommandFactory } from '../command.js';

export const importCommand: CommandFactory = (io, outcome) =>
  defineCommand({
    command: 'import <files..>',
    describe: 'Plan an import (dry run: plan.json + reports); --apply to write it',
    builder: (y) =>
      withReadOptions(withConnectionOptions(y))
        .positional('files', {
          type: 'string',
          array: true,
          demandOption: true,
          describe: 'CSV or XLSX files (one export, or several of the same shape)',
        })
        .option('blank', {
          choices: ['skip', 'clear'] as const,
          default: 'skip' as const,
          group: 'Planning:',
          describe: "Blank cells: leave Syncro's value (skip) or erase it (clear)",
        })
        .option('update', {
          choices: ['fill', 'overwrite'] as const,
          default: 'overwrite' as const,
          group: 'Planning:',
          describe: 'Existing records: fill only empty fields, or overwrite differing ones',
        })
        .option('field-mode', {
          type: 'string',
          array: true,
          group: 'Planning:',
          describe: "Per-field policy FIELD=fill|overwrite|never (e.g. notes=never); wins over the template's fieldModes and --update",
        })
        .option('in-file-duplicates', {
          choices: ['merge', 'conflict'] as const,
          default: 'merge' as const,
          group: 'Planning:',
          describe: 'Rows that are the same customer: merge into one, or ask (conflict)',
        })
        .option('fuzzy', {
          type: 'boolean',
          default: true,
          group: 'Planning:',
          describe: 'Use the fuzzy matcher after id and email (--no-fuzzy: exact rules only)',
        })
        .option('apply', { type: 'boolean', default: false, describe: 'After the dry run, apply the plan' })
        .option('yes', { type: 'boolean', default: false, describe: 'With --apply: do not ask for confirmation' }),
    handler: async (args) => {
      const { runImport } = await import('../import-flow.js');
      await runImport(io, outcome, args, connectionFlags(args));
    },
  });
