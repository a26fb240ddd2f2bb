/**
 * `dedupeFiles`: read, map and validate files, and cluster likely duplicate
 * customers (or contacts) across all of them. No Syncro access. Writes the
 * clusters to `out` (.csv or .xlsx) when asked; never replaces an input, nor
 * an existing file unless `overwrite`.
 */
import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { SyncroEtlError } from '../errors.js';
import type { EventSink } from '../events.js';
import { loadRecords } from '../ingest/load.js';
import type { LoadResult } from '../ingest/load.js';
import { dedupeRecords } from '../match/dedupe.js';
import type { DedupeOptions, DedupeResult } from '../match/dedupe.js';
import type { ReadFileOptions } from './plan-import.js';

export interface DedupeFilesOptions {
  files: string[];
  /** Cluster the customers (default) or the contacts listed under them. */
  entity?: DedupeOptions['entity'];
  read?: ReadFileOptions;
  /** Write the clusters here: a .csv or .xlsx file. */
  out?: string;
  /** Replace `out` if it exists (never an input file). */
  overwrite?: boolean;
  onEvent?: EventSink;
}

export type DedupeFilesResult = DedupeResult & {
  /** What was read: counts (rows read = valid + rejected), templates, issues. */
  load: LoadResult;
  /** The file written, when `out` was given. */
  out?: string;
};

/** @example const { rows } = await dedupeFiles({ files: ['a.csv', 'b.xlsx'], out: 'clusters.xlsx' }); */
export async function dedupeFiles(options: DedupeFilesOptions): Promise<DedupeFilesResult> {
  const kind = options.out ? extname(options.out).toLowerCase() : undefined;
  if (options.out) checkOut(options.out, kind, options);
  const load = await loadRecords(options.files, {
    ...options.read,
    keepRowValues: true, // each row of clusters.csv as it is in the file
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  const deduped = dedupeRecords(load.customers, { entity: options.entity ?? 'customers' });
  if (!options.out) return { ...deduped, load };
  const { writeClustersCsv, writeClustersXlsx } = await import('../report/dedupe-clusters.js');
  await (kind === '.xlsx' ? writeClustersXlsx(deduped.rows, options.out) : writeClustersCsv(deduped.rows, options.out));
  return { ...deduped, load, out: options.out };
}

function checkOut(out: string, kind: string | undefined, options: DedupeFilesOptions): void {
  if (kind !== '.csv' && kind !== '.xlsx')
    throw new SyncroEtlError('INVALID_ARGUMENT', `out must end in .csv or .xlsx (got ${out}).`, { value: out });
  const inputs = [
    ...options.files,
    ...(options.read?.template ? [options.read.template] : []),
    ...(options.read?.taxRatesFile ? [options.read.taxRatesFile] : []),
  ];
  if (inputs.some((f) => resolve(f) === resolve(out)))
    throw new SyncroEtlError('INVALID_ARGUMENT', `out ${out} is one of the inputs; name another file.`, { value: out });
  if (existsSync(out) && !options.overwrite)
    throw new SyncroEtlError('INVALID_ARGUMENT', `${out} exists; pass overwrite: true to replace it.`, { value: out });
}
