/** The reading options `import`, `validate` and `dedupe` share: one definition, one translation to LoadOptions. */
import type { Argv } from 'yargs';
import type { ReadFileOptions } from '../app/plan-import.js';

export interface ReadArgs {
  template?: string;
  sheet?: string;
  delimiter?: string;
  encoding?: string;
  country: string;
  taxRates?: string;
  normalize?: string[];
}

export function withReadOptions<T>(y: Argv<T>, group = 'Reading:') {
  return y
    .option('template', {
      type: 'string',
      group,
      describe: 'Template name or path (default: detected from the headers; see `syncro-etl templates`)',
    })
    .option('sheet', { type: 'string', group, describe: 'XLSX sheet name or 1-based index (default: the first visible sheet)' })
    .option('delimiter', { type: 'string', group, describe: 'CSV delimiter: , ; tab or | (default: detected)' })
    .option('encoding', { type: 'string', group, describe: 'CSV encoding: utf8, utf16le, utf16be, windows-1252 (default: detected)' })
    .option('country', { type: 'string', default: 'US', group, describe: 'Default country for phones, states and zips' })
    .option('tax-rates', { type: 'string', group, describe: 'Table (JSON or CSV: id, name, rate) mapping tax rates to Syncro tax_rate_id' })
    .option('normalize', {
      type: 'string',
      array: true,
      group,
      describe: 'Rewrite values before writing: phone-format, name-case, state-code, email-lowercase, zip, or all',
    });
}

export function loadOptionsFrom(args: ReadArgs): ReadFileOptions {
  const options: ReadFileOptions = { defaultCountry: args.country };
  if (args.template) options.template = args.template;
  if (args.sheet) options.sheet = /^\d+$/.test(args.sheet) ? Number(args.sheet) : args.sheet;
  if (args.delimiter) options.delimiter = args.delimiter === 'tab' ? '\t' : args.delimiter;
  if (args.encoding) options.encoding = args.encoding;
  if (args.taxRates) options.taxRatesFile = args.taxRates;
  if (args.normalize) options.normalize = args.normalize;
  return options;
}

/** Every file a reading command reads (data files, a template path, the tax-rate table): outputs must never replace one. */
export function readInputs(args: ReadArgs & { files: readonly string[] }): string[] {
  return [...args.files, ...(args.template ? [args.template] : []), ...(args.taxRates ? [args.taxRates] : [])];
}
