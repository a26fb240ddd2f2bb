/**
 * Writes sheets with exceljs's streaming WorkbookWriter: each row is committed
 * as soon as it is added and strings are written inline (no shared-strings
 * table), so memory stays flat for 100k rows. Each sheet gets a bold frozen
 * header, an autofilter over its rows, widths from the data and typed cells
 * (see cells.ts); text columns carry the `@` format so Excel keeps phones and
 * zips as typed, also when they are edited.
 *
 * No Excel table (ListObject): the streaming writer cannot write one, and a
 * table and a sheet autofilter cannot share a range.
 */
import ExcelJS from 'exceljs';
import type { EventSink } from '../events.js';
import { NUM_FMT, xlsxValue } from './cells.js';
import type { CellTally } from './cells.js';
import type { OutColumn, SpooledRow } from './layout.js';

export interface SheetSource {
  name: string;
  columns: OutColumn[];
  rows: AsyncIterable<SpooledRow>;
  /** Number of rows `rows` yields (sizes the autofilter and the progress). */
  count: number;
}

const PROGRESS_EVERY = 5_000;

/**
 * Write `sheets` to `file` (overwriting it).
 * @example await writeXlsx('out.xlsx', [{ name: 'Customers', columns, rows, count }], { onEvent, tally })
 */
export async function writeXlsx(
  file: string,
  sheets: readonly SheetSource[],
  opts: { onEvent: EventSink; tally: CellTally },
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  workbook.creator = 'syncro-etl';
  for (const sheet of sheets) await writeSheet(workbook, sheet, opts);
  await workbook.commit();
}

async function writeSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: SheetSource,
  opts: { onEvent: EventSink; tally: CellTally },
): Promise<void> {
  const { columns } = sheet;
  const ws = workbook.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  ws.columns = columns.map((c) => {
    const numFmt = NUM_FMT[c.kind];
    return numFmt ? { width: c.width, style: { numFmt } } : { width: c.width };
  });
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();

  // One style object per column, shared by its cells: exceljs caches style ids
  // by object identity, so this skips serialising a style for every cell.
  const styles = columns.map((c) => {
    const numFmt = NUM_FMT[c.kind];
    return numFmt ? { numFmt } : {};
  });
  const stage = `write ${sheet.name.toLowerCase()}`;
  let done = 0;
  for await (const row of sheet.rows) {
    const added = ws.addRow(columns.map((c) => xlsxValue(c.kind, c.value(row), opts.tally)));
    for (let i = 0; i < styles.length; i++) added.getCell(i + 1).style = styles[i]!;
    added.commit();
    if (++done % PROGRESS_EVERY === 0) opts.onEvent({ type: 'progress', stage, done, total: sheet.count });
  }
  opts.onEvent({ type: 'progress', stage, done, total: sheet.count });
  if (columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: done + 1, column: columns.length } };
  ws.commit();
}
