/** Small helpers for reading report workbooks back in tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'syncro-etl-report-'));
}

export async function openWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

export function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** Column number of a header in row 1. */
export function col(ws: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  ws.getRow(1).eachCell((cell, n) => {
    if (cell.value === header) found = n;
  });
  if (!found) throw new Error(`no column ${header} in ${ws.name}`);
  return found;
}

/** Data rows (2..) whose `header` cell equals `value`, as row numbers. */
export function rowsWhere(ws: ExcelJS.Worksheet, header: string, value: string): number[] {
  const c = col(ws, header);
  const out: number[] = [];
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(c).value === value) out.push(r);
  return out;
}

export function cell(ws: ExcelJS.Worksheet, row: number, header: string): ExcelJS.Cell {
  return ws.getRow(row).getCell(col(ws, header));
}
