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
import { loadTemplate } from '../templates/registry.js';
import type { Template } from '../templates/schema.js';
import type { ReadFileOptions } from './plan-import.js';

/** The clusters file's columns (the CSV's header line), in order. */
export { DEDUPE_COLUMNS } from '../match/dedupe.js';

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
  const entity = options.entity ?? 'customers';
  if (entity === 'contacts' && options.read?.template) refuseWithoutContacts(loadTemplate(options.read.template));
  const load = await loadRecords(options.files, {
    ...options.read,
    keepRowValues: true, // each row of clusters.csv as it is in the file
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  if (entity === 'contacts') for (const f of load.files) if (f.template.detected) refuseWithoutContacts(loadTemplate(f.template.name));
  const deduped = dedupeRecords(load.customers, { entity });
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

/** Clustering contacts needs a template that reads contacts: else every file would look contact-free, not duplicate-free. */
function refuseWithoutContacts(template: Template): void {
  if (Object.keys(template.contact).length > 0) return;
  throw new SyncroEtlError(
    'INVALID_ARGUMENT',
    `Template "${template.name}" reads no contact columns, so it cannot serve --entity contacts. Use --entity customers, or a template that maps contacts (e.g. syncro-contacts or generic).`,
    { value: template.name },
  );
}
