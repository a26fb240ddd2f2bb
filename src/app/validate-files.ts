/**
 * `validateFiles`: read, map and validate files without touching Syncro, and
 * write the rejected rows to a CSV. Rejected rows are data (in the result and
 * the rejects file); a file that cannot be read at all is a SyncroEtlError.
 * The rejects file never replaces an input, nor an existing file this tool did
 * not write, unless `overwrite`.
 */
import type { EventSink } from '../events.js';
import { loadRecords } from '../ingest/load.js';
import type { LoadResult } from '../ingest/load.js';
import { REJECT_COLUMNS, writeRejectsCsv } from '../ingest/rejects.js';
import { besideInput, checkOutputPath } from './output-guard.js';
import type { ReadFileOptions } from './plan-import.js';

export interface ValidateFilesOptions {
  files: string[];
  read?: ReadFileOptions;
  /** Where to write the rejected rows (CSV). Default: `<first file>.rejects.csv` beside it. */
  rejects?: string;
  /** Replace `rejects` if it exists and this tool did not write it (never an input). */
  overwrite?: boolean;
  /** How the caller names the two options above in messages (the CLI: "--rejects", "--force"). */
  optionNames?: { rejects: string; overwrite: string };
  onEvent?: EventSink;
}

export interface ValidateFilesResult {
  /** What was read: templates, counts (rows read = valid + rejected), `totals` (customers and contacts; `customers` itself stays empty: validate holds no records), issues, unmapped columns. */
  load: LoadResult;
  /** The rejects file written. */
  rejectsFile: string;
}

/** @example const { load, rejectsFile } = await validateFiles({ files: ['clients.csv'] }); */
export async function validateFiles(options: ValidateFilesOptions): Promise<ValidateFilesResult> {
  const [first] = options.files;
  const rejectsFile = options.rejects ?? besideInput(first ?? '.', 'rejects.csv');
  const names = options.optionNames ?? { rejects: 'rejects', overwrite: 'overwrite: true' };
  const inputs = [
    ...options.files,
    ...(options.read?.template ? [options.read.template] : []),
    ...(options.read?.taxRatesFile ? [options.read.taxRatesFile] : []),
  ];
  const guard = {
    option: names.rejects,
    forceHint: names.overwrite,
    inputs,
    force: options.overwrite ?? false,
    ownFirstLine: `${REJECT_COLUMNS.join(',')}\r\n`,
  };
  checkOutputPath(rejectsFile, guard);
  const load = await loadRecords(options.files, {
    ...options.read,
    countOnly: true,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  checkOutputPath(rejectsFile, guard); // again just before writing: the file may have appeared while reading
  await writeRejectsCsv(rejectsFile, load.issues);
  return { load, rejectsFile };
}
