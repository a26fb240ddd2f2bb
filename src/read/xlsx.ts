/**
 * XLSX reader on exceljs's streaming WorkbookReader: one sheet (by name or
 * 1-based index; default the first visible one), its header found below any
 * title or blank rows, every cell rendered as the text Excel shows (see
 * xlsx-cell.ts). Merged cells: the value of a range is its top-left cell's;
 * a range spanning several rows gives that value to every row, in the
 * range's first column (a company name merged down over its contacts), and
 * the other columns of a range read as empty (one value merged across
 * columns is one value, not several). A mailto: link on a cell whose text is
 * not an address ("Email Jane") reads as the link's address, with a warning.
 */
import ExcelJS from 'exceljs';
import { SyncroEtlError } from '../errors.js';
import type { RowIssue, SourceRef } from '../model/source.js';
import { checkReadable } from './files.js';
import { tableFromRecords } from './header.js';
import type { RawRecord } from './header.js';
import type { ReadOptions, Table } from './types.js';
import { cellText } from './xlsx-cell.js';
import { checkSharedStrings, inspectWorkbook, scanSheetExtras } from './xlsx-zip.js';
import type { MergeRange, SheetExtras, SheetInfo, WorkbookInfo } from './xlsx-zip.js';

/** Pick the sheet asked for, or throw SHEET_NOT_FOUND naming the sheets there are. */
export function pickSheet(info: WorkbookInfo, wanted: string | number | undefined, file: string): SheetInfo {
  const list = info.sheets.map((s) => `"${s.name}"`).join(', ');
  if (info.sheets.length === 0) throw new SyncroEtlError('SHEET_NOT_FOUND', `${file} has no sheets.`, { file });
  if (wanted === undefined || wanted === '') return info.sheets.find((s) => !s.hidden) ?? (info.sheets[0] as SheetInfo);
  const asName = String(wanted).trim().toLowerCase();
  const byName = info.sheets.find((s) => s.name.trim().toLowerCase() === asName);
  if (byName) return byName;
  const index = typeof wanted === 'number' ? wanted : /^\d+$/.test(wanted.trim()) ? Number(wanted) : NaN;
  const byIndex = Number.isInteger(index) ? info.sheets[index - 1] : undefined;
  if (byIndex) return byIndex;
  throw new SyncroEtlError(
    'SHEET_NOT_FOUND',
    `${file} has no sheet ${typeof wanted === 'number' ? `number ${wanted}` : `"${wanted}"`}; its sheets are ${list} (pass --sheet with one of these names or a number from 1 to ${info.sheets.length}).`,
    { file, sheet: String(wanted), sheets: info.sheets.map((s) => s.name) },
  );
}

/**
 * Open one sheet of an .xlsx workbook and find its header.
 * @example const t = await openXlsx('clients.xlsx', { sheet: 'Contacts' });
 */
export async function openXlsx(file: string, options: ReadOptions = {}): Promise<Table> {
  await checkReadable(file);
  const info = await inspectWorkbook(file);
  const sheet = pickSheet(info, options.sheet, file);
  const extras = await scanSheetExtras(file, info, sheet); // also: the sheet is whole and under the limits
  await checkSharedStrings(file, info);
  const records = sheetRecords(file, info, sheet, extras);
  const table = await tableFromRecords(records, { file, sheet: sheet.name, format: 'xlsx', warnShortRows: false });
  const others = info.sheets.filter((s) => s !== sheet).map((s) => s.name);
  if (others.length) table.otherSheets = others;
  if (extras.merges.some((m) => m.bottom > m.top)) {
    table.notices.push({
      source: { file, sheet: sheet.name, row: table.headerRow },
      code: 'XLSX_MERGED_FILLED',
      severity: 'warning',
      message: `${extras.merges.filter((m) => m.bottom > m.top).length} merged range(s) span several rows: each row of such a range was given the range's value`,
    });
  }
  return table;
}

const BATCH = 512;

/** The sheet's records, in batches. */
async function* sheetRecords(file: string, info: WorkbookInfo, sheet: SheetInfo, extras: SheetExtras): AsyncGenerator<RawRecord[]> {
  let batch: RawRecord[] = [];
  for await (const rec of sheetRows(file, info, sheet, extras)) {
    batch.push(rec);
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Rows of one sheet through exceljs's streaming reader. That reader crashes
 * (a TypeError inside exceljs) on workbooks whose parts are zipped in an
 * order it does not expect — before it has yielded any row; such a workbook
 * is then read whole with the non-streaming reader instead.
 */
async function* sheetRows(file: string, info: WorkbookInfo, sheet: SheetInfo, extras: SheetExtras): AsyncGenerator<RawRecord> {
  let yielded = 0;
  try {
    for await (const rec of streamedSheetRows(file, info, sheet, extras)) {
      yielded++;
      yield rec;
    }
  } catch (err) {
    if (!(err instanceof TypeError) || yielded > 0) throw err;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(sheet.name);
    if (!ws) throw err;
    const rows: ExcelJS.Row[] = [];
    ws.eachRow({ includeEmpty: false }, (row) => rows.push(row));
    yield* recordsOf(file, info, sheet, extras, rows);
  }
}

async function* streamedSheetRows(file: string, info: WorkbookInfo, sheet: SheetInfo, extras: SheetExtras): AsyncGenerator<RawRecord> {
  const sheetNo = /sheet(\d+)\.xml$/i.exec(sheet.path)?.[1];
  const input = (await import('node:fs')).createReadStream(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const ws of reader) {
      const w = ws as unknown as {
        name?: string;
        id?: unknown;
        iterator?: { on?: (e: string, f: () => void) => void; destroy?: () => void };
      };
      if (w.name !== sheet.name && String(w.id) !== sheetNo) {
        // A sheet we skip may sit in a temp file exceljs deletes as soon as we move on:
        // close its stream quietly instead of letting it fail to open later.
        w.iterator?.on?.('error', () => {});
        w.iterator?.destroy?.();
        continue;
      }
      yield* recordsOf(file, info, sheet, extras, ws as AsyncIterable<ExcelJS.Row>);
      break;
    }
  } finally {
    input.destroy();
  }
}

/** Sheet rows (streamed or not) as records: cells rendered as shown, mailto links, merged ranges filled down. */
async function* recordsOf(
  file: string,
  info: WorkbookInfo,
  sheet: SheetInfo,
  extras: SheetExtras,
  rows: AsyncIterable<ExcelJS.Row> | Iterable<ExcelJS.Row>,
): AsyncGenerator<RawRecord> {
  const mergesByTop = new Map<number, MergeRange[]>();
  for (const m of extras.merges) mergesByTop.set(m.top, [...(mergesByTop.get(m.top) ?? []), m]);
  let active: Array<{ range: MergeRange; text: string }> = [];
  for await (const row of rows) {
    const r = row.number;
    const cells: string[] = [];
    const issues: RowIssue[] = [];
    const source: SourceRef = { file, sheet: sheet.name, row: r };
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const rendered = cellText(cell.value, cell.numFmt, info.date1904);
      let text = rendered.text;
      const link = extras.mailto.get(`${col}:${r}`);
      const header = `column ${col}`;
      if (link && !text.includes('@')) {
        issues.push({
          source,
          field: header,
          value: text,
          code: 'XLSX_MAILTO_USED',
          severity: 'warning',
          message: `cell shows "${text}" and links to ${link}: the link's address was read`,
        });
        text = link;
      }
      if (rendered.warning)
        issues.push({ source, field: header, value: text, code: 'XLSX_CELL', severity: 'warning', message: rendered.warning });
      while (cells.length < col - 1) cells.push('');
      cells[col - 1] = text;
    });
    active = active.filter((a) => a.range.bottom >= r);
    for (const a of active) {
      const i = a.range.left - 1;
      if ((cells[i] ?? '') === '') {
        while (cells.length <= i) cells.push('');
        cells[i] = a.text;
      }
    }
    for (const m of mergesByTop.get(r) ?? []) {
      if (m.bottom > m.top) active.push({ range: m, text: cells[m.left - 1] ?? '' });
    }
    const rec: RawRecord = { row: r, cells };
    if (issues.length > 0) rec.issues = issues;
    yield rec;
  }
}
