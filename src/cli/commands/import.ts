/** `syncro-etl import FILE...`: a dry run that writes a run folder; `--apply` goes on to write. */
import { connectionFlags, withConnectionOptions } from '../options.js';
import type { CommandFactory } from './index.js';

export const importCommand: CommandFactory = (io, outcome) => ({
  command: 'import <files..>',
  describe: 'Plan an import (dry run: plan.json + reports); --apply to write it',
  builder: (y) =>
    withConnectionOptions(y)
      .positional('files', { type: 'string', array: true, describe: 'CSV or XLSX files (one export, or several of the same shape)' })
      .option('template', { type: 'string', group: 'Reading:', describe: 'Template name or path (default: detected from the headers)' })
      .option('sheet', { type: 'string', group: 'Reading:', describe: 'XLSX sheet name or 1-based index' })
      .option('delimiter', { type: 'string', group: 'Reading:', describe: 'CSV delimiter (default: detected among , ; tab |)' })
      .option('encoding', { type: 'string', group: 'Reading:', describe: 'CSV encoding (default: detected; utf8, utf16le, utf16be, windows-1252)' })
      .option('country', { type: 'string', default: 'US', group: 'Reading:', describe: 'Default country for phones and states' })
      .option('tax-rates', { type: 'string', group: 'Reading:', describe: 'Table mapping tax rates (percent or name) to Syncro tax_rate_id' })
      .option('normalize', { type: 'string', array: true, group: 'Reading:', describe: 'Rewrite values before writing: phone-format, name-case, state-code, email-lowercase, zip, or all' })
      .option('blank', { choices: ['skip', 'clear'] as const, default: 'skip' as const, group: 'Planning:', describe: 'Blank cells: leave Syncro\'s value (skip) or erase it (clear)' })
      .option('update', { choices: ['fill', 'overwrite'] as const, default: 'overwrite' as const, group: 'Planning:', describe: 'Existing records: fill only empty fields, or overwrite differing ones' })
      .option('in-file-duplicates', { choices: ['merge', 'conflict'] as const, default: 'merge' as const, group: 'Planning:', describe: 'Rows that are the same customer: merge into one, or ask (conflict)' })
      .option('fuzzy', { type: 'boolean', default: true, group: 'Planning:', describe: 'Use the fuzzy matcher after id and email (--no-fuzzy: exact rules only)' })
      .option('apply', { type: 'boolean', default: false, describe: 'After the dry run, apply the plan' })
      .option('yes', { type: 'boolean', default: false, describe: 'With --apply: do not ask for confirmation' }),
  handler: async (args) => {
    const { runImport } = await import('../import-flow.js');
    await runImport(io, outcome, args as never, connectionFlags(args));
  },
});
