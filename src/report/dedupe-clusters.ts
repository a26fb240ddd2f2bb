/**
 * clusters.csv and clusters.xlsx from dedupe rows (the view `dedupe` writes;
 * the matcher only returns the rows). Cells that a spreadsheet would run as a
 * formula are neutralised (see src/safe-cell.ts).
 */
import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { DEDUPE_COLUMNS } from '../match/dedupe.js';
import type { DedupeRow } from '../match/dedupe.js';
import { csvLine, neutralizeFormula } from '../safe-cell.js';

const cellOf = (row: DedupeRow, column: (typeof DEDUPE_COLUMNS)[number]): string | number => {
  const v = row[column];
  if (v === undefined) return '';
  return column === 'score' && typeof v === 'number' ? Math.round(v * 100) / 100 : v;
};

/**
 * The rows as CSV text (header line first, CRLF line ends).
 * @example await writeFile('clusters.csv', clustersCsv(rows))
 */
export function clustersCsv(rows: readonly DedupeRow[]): string {
  return [csvLine([...DEDUPE_COLUMNS]), ...rows.map((r) => csvLine(DEDUPE_COLUMNS.map((c) => cellOf(r, c))))].join('');
}

/** Write clusters.csv. */
export async function writeClustersCsv(rows: readonly DedupeRow[], path: string): Promise<void> {
  await writeFile(path, clustersCsv(rows), 'utf8');
}

const WIDTHS: Record<(typeof DEDUPE_COLUMNS)[number], number> = {
  cluster_id: 10,
  source_file: 24,
  source_sheet: 12,
  source_row: 10,
  name: 28,
  email: 30,
  phone: 18,
  score: 8,
  role: 8,
  explanation: 80,
};

/**
 * Write clusters.xlsx: one sheet, frozen bold header with filters, clusters
 * banded in alternating shades so a person can mark decisions in Excel.
 */
export async function writeClustersXlsx(rows: readonly DedupeRow[], path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('clusters', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = DEDUPE_COLUMNS.map((c) => ({ header: c, key: c, width: WIDTHS[c] }));
  sheet.getRow(1).font = { bold: true };
  let band = false;
  let previous = '';
  for (const r of rows) {
    if (r.cluster_id !== previous) band = !band;
    previous = r.cluster_id;
    const values = DEDUPE_COLUMNS.map((c) => {
      const v = cellOf(r, c);
      return typeof v === 'string' ? neutralizeFormula(v) : v;
    });
    const row = sheet.addRow(values);
    if (band) row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F6FC' } };
    if (r.role === 'best') row.font = { bold: true };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: DEDUPE_COLUMNS.length } };
  await workbook.xlsx.writeFile(path);
}
