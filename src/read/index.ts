/**
 * Readers: open a CSV or XLSX file as a {@link Table} (header + rows as an
 * async iterable). The format is chosen by the file's extension.
 */
import { extname } from 'node:path';
import { SyncroEtlError } from '../errors.js';
import { openCsv } from './csv.js';
import type { ReadOptions, Table } from './types.js';

export type { ReadOptions, SourceRow, Table } from './types.js';
export { headerKey, columnLetter } from './header.js';
export { openCsv } from './csv.js';
/** Open one sheet of an .xlsx workbook (exceljs is loaded only when a workbook is read). */
export async function openXlsx(file: string, options: ReadOptions = {}): Promise<Table> {
  return (await import('./xlsx.js')).openXlsx(file, options);
}
export { detectDelimiter, resolveDelimiter, DELIMITERS } from './delimiter.js';
export { sniffEncoding, resolveEncoding } from './sniff.js';
export { formatNumber, formatGeneral } from './xlsx-format.js';

const CSV_EXT = new Set(['.csv', '.txt', '.tsv', '.tab', '']);
const XLSX_EXT = new Set(['.xlsx', '.xlsm']);

/**
 * Open `file` as a table: .xlsx/.xlsm with the XLSX reader, .csv/.tsv/.txt
 * with the CSV reader. An old .xls is refused with what to do instead.
 * @example const t = await openTable('export.csv'); console.log(t.headers);
 */
export async function openTable(file: string, options: ReadOptions = {}): Promise<Table> {
  const ext = extname(file).toLowerCase();
  if (XLSX_EXT.has(ext)) return openXlsx(file, options);
  if (ext === '.xls') {
    throw new SyncroEtlError(
      'FILE_UNREADABLE',
      `${file} is an old Excel .xls workbook, which is not supported: open it in Excel and save it as .xlsx (or CSV UTF-8).`,
      { file },
    );
  }
  if (CSV_EXT.has(ext)) return openCsv(file, options);
  // Unknown extension: read it as CSV, which refuses binary content clearly.
  return openCsv(file, options);
}
