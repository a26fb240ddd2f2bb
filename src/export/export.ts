/**
 * Export customers and/or contacts from Syncro to one XLSX workbook (a sheet
 * per entity) or to CSV (a file per entity). Three steps: check the arguments
 * (before any API call), read Syncro once into temporary spools, write the
 * files. Files are written under a temporary name and renamed when complete,
 * so a failed export never leaves half a file or clobbers a good one.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { SyncroEtlError } from '../errors.js';
import { silentSink } from '../events.js';
import type { SyncroClient } from '../syncro/client.js';
import { newTally } from './cells.js';
import type { ExportEntity } from './columns.js';
import { writeCsv } from './csv.js';
import { gather } from './gather.js';
import type { Gathered } from './gather.js';
import { outColumns, planLayouts } from './layout.js';
import type { EntityLayout } from './layout.js';
import { RowSpool } from './spool.js';
import { writeXlsx } from './xlsx.js';
import type { SheetSource } from './xlsx.js';
import { EXPORT_FORMATS } from './types.js';
import type { ExportFormat, ExportOptions, ExportResult, ExportTarget } from './types.js';

export { EXPORT_FORMATS, EXPORT_TARGETS } from './types.js';
export type { ExportFormat, ExportOptions, ExportResult, ExportTarget } from './types.js';

const ENTITIES_OF: Record<ExportTarget, ExportEntity[]> = {
  customers: ['customers'],
  contacts: ['contacts'],
  all: ['customers', 'contacts'],
};
const SHEET_NAME: Record<ExportEntity, string> = { customers: 'Customers', contacts: 'Contacts' };

/** The format `out` asks for; INVALID_ARGUMENT when it is unclear or contradicts `format`. */
export function resolveFormat(out: string, format?: ExportFormat): ExportFormat {
  const ext = extname(out).slice(1).toLowerCase();
  const fromExt = (EXPORT_FORMATS as readonly string[]).includes(ext) ? (ext as ExportFormat) : undefined;
  if (format && fromExt && format !== fromExt) {
    throw new SyncroEtlError(
      'INVALID_ARGUMENT',
      `--out ${out} is a .${fromExt} file but the format asked is ${format}; name the file .${format} or drop the format.`,
      { value: out },
    );
  }
  const chosen = format ?? fromExt;
  if (!chosen)
    throw new SyncroEtlError('INVALID_ARGUMENT', `--out ${out}: name the file .xlsx (one workbook) or .csv (one file per entity).`, {
      value: out,
    });
  return chosen;
}

/**
 * The file each entity goes to: one workbook for XLSX; for CSV `out` itself
 * when one entity is exported, else `<name>-customers.csv` and `<name>-contacts.csv`.
 * @example outputFiles('all', 'export.csv', 'csv') // { customers: 'export-customers.csv', contacts: 'export-contacts.csv' }
 */
export function outputFiles(target: ExportTarget, out: string, format: ExportFormat): Partial<Record<ExportEntity, string>> {
  const entities = ENTITIES_OF[target];
  if (format === 'xlsx' || entities.length === 1) return Object.fromEntries(entities.map((e) => [e, out]));
  const ext = extname(out);
  const stem = join(dirname(out), basename(out, ext));
  return Object.fromEntries(entities.map((e) => [e, `${stem}-${e}${ext || '.csv'}`]));
}

/**
 * Export `target` from Syncro to files.
 * @example const r = await exportData(client, 'all', { out: 'export.xlsx' }); r.rows.customers
 */
export async function exportData(client: SyncroClient, target: ExportTarget, options: ExportOptions): Promise<ExportResult> {
  const onEvent = options.onEvent ?? silentSink;
  const format = resolveFormat(options.out, options.format);
  const files = outputFiles(target, options.out, format);
  const entities = ENTITIES_OF[target];
  const layouts = planLayouts(entities, options.fields);
  const unique = [...new Set(Object.values(files))];
  const folder = dirname(options.out);
  if (!existsSync(folder))
    throw new SyncroEtlError('INVALID_ARGUMENT', `--out ${options.out}: the folder ${folder} does not exist; create it first.`, {
      file: options.out,
    });
  if (!options.overwrite) {
    const existing = unique.filter((f) => existsSync(f));
    if (existing.length > 0) {
      throw new SyncroEtlError(
        'INVALID_ARGUMENT',
        `${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; choose another --out or pass --force to replace.`,
        { file: existing[0] },
      );
    }
  }

  const requestsBefore = client.http.requestsSent;
  const work = await mkdtemp(join(options.tmpDir ?? tmpdir(), 'syncro-etl-export-'));
  const partial = (f: string) => join(dirname(f), `.${basename(f)}.partial-${process.pid}`);
  try {
    const spools: Partial<Record<ExportEntity, RowSpool>> = {};
    for (const e of entities) spools[e] = new RowSpool(join(work, `${e}.ndjson`));
    let gathered: Gathered;
    try {
      gathered = await gather({ client, layouts, spools, query: options.query, includeDisabled: options.includeDisabled, onEvent });
    } finally {
      await Promise.all(Object.values(spools).map((s) => s.close()));
    }

    const tally = newTally();
    const sheet = (e: ExportEntity): SheetSource => {
      const spool = spools[e]!;
      return { name: SHEET_NAME[e], columns: outColumns(layouts[e] as EntityLayout, spool.seen()), rows: spool.read(), count: spool.rows };
    };
    onEvent({ type: 'stage', stage: 'export write', status: 'start', detail: unique.join(', ') });
    if (format === 'xlsx') {
      await writeXlsx(partial(options.out), entities.map(sheet), { onEvent, tally });
    } else {
      for (const e of entities) {
        const s = sheet(e);
        await writeCsv(partial(files[e]!), s.columns, s.rows, { onEvent, stage: `write ${e}`, count: s.count });
      }
    }
    for (const f of unique) await rename(partial(f), f);
    onEvent({ type: 'stage', stage: 'export write', status: 'done', detail: unique.join(', ') });

    const warnings = warningsOf(gathered.skippedContacts, tally, options);
    for (const message of warnings) onEvent({ type: 'notice', level: 'warn', message });
    return {
      format,
      files: unique,
      rows: { customers: gathered.customers, contacts: gathered.contacts },
      requests: client.http.requestsSent - requestsBefore,
      skippedContacts: gathered.skippedContacts,
      warnings,
    };
  } finally {
    await Promise.all(unique.map((f) => rm(partial(f), { force: true })));
    await rm(work, { recursive: true, force: true });
  }
}

function warningsOf(skipped: number, tally: ReturnType<typeof newTally>, options: ExportOptions): string[] {
  const out: string[] = [];
  if (skipped > 0) {
    const why = [
      options.includeDisabled ? '' : 'disabled customers are left out unless --include-disabled',
      options.query ? 'only customers matching --query are in' : '',
    ]
      .filter(Boolean)
      .join('; ');
    out.push(`${skipped} contact(s) left out: their customer is not in the export${why ? ` (${why})` : ''}.`);
  }
  if (tally.tooLong > 0)
    out.push(
      `${tally.tooLong} cell(s) are longer than Excel's 32,767-character limit; Excel will cut them on opening. Export to CSV to keep them whole.`,
    );
  if (tally.controlChars > 0)
    out.push(
      `${tally.controlChars} cell(s) hold control characters that XLSX cannot store; they were dropped from those cells. Export to CSV to keep them.`,
    );
  return out;
}

/** Export customers only. */
export const exportCustomers = (client: SyncroClient, options: ExportOptions): Promise<ExportResult> =>
  exportData(client, 'customers', options);
/** Export contacts only (each with its customer's business name). */
export const exportContacts = (client: SyncroClient, options: ExportOptions): Promise<ExportResult> =>
  exportData(client, 'contacts', options);
/** Export customers and contacts: one workbook with two sheets, or two CSV files. */
export const exportAll = (client: SyncroClient, options: ExportOptions): Promise<ExportResult> => exportData(client, 'all', options);
