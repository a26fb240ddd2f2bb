/**
 * A streamed report sheet states its Decision dropdowns by row runs, not one
 * per cell: exceljs holds a streamed sheet's validations until the sheet is
 * written, so one entry per decision row grew with the plan (a million-row
 * plan held a million). The file still validates exactly the decision cells.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ListSheet, SheetTable } from '../../src/report/xlsx-table.js';
import { cell, openWorkbook, sheet, tempDir } from './helpers.js';

const COLUMNS = [{ header: 'Decision' }, { header: 'Op id', text: true }];

/** What exceljs (4.4) keeps of a streamed sheet's validations until the sheet is committed. */
const heldValidations = (t: SheetTable): number =>
  Object.keys((t.sheet as ExcelJS.Worksheet & { dataValidations: { model: Record<string, unknown> } }).dataValidations.model).length;

describe('Decision dropdowns of a streamed sheet', () => {
  it('are held as a few ranges however many rows decide, and each decision cell (only) has its list in the file', async () => {
    const path = join(tempDir(), 'runs.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
    const lists = new ListSheet(wb);
    const table = new SheetTable(wb, 'Ops', COLUMNS, lists);
    // 3000 single-row operations, then 1000 of two rows each ("see row" pointers between), then 10 of another list.
    for (let i = 0; i < 3000; i++) table.decide(table.add([undefined, `a-${i}`]), ['apply', 'skip'], 'apply');
    // Before the sheet is written, 3000 decision rows in a run: at most one range held, not 3000 cells.
    expect(heldValidations(table)).toBeLessThanOrEqual(1);
    for (let i = 0; i < 1000; i++) {
      const row = table.add([undefined, `b-${i}`]);
      table.decide(row, ['apply', 'skip'], 'apply');
      table.pointTo(table.add([undefined, `b-${i}`]), row.number);
    }
    for (let i = 0; i < 10; i++) table.decide(table.add([undefined, `c-${i}`]), ['skip', 'create'], 'skip');
    table.finish();
    await wb.commit();

    const ws = sheet(await openWorkbook(path), 'Ops');
    expect(cell(ws, 2, 'Decision').dataValidation).toMatchObject({ type: 'list', formulae: ['"apply,skip"'] });
    expect(cell(ws, 3001, 'Decision').dataValidation).toMatchObject({ formulae: ['"apply,skip"'] });
    expect(cell(ws, 3002, 'Decision').dataValidation).toMatchObject({ formulae: ['"apply,skip"'] });
    expect(cell(ws, 3003, 'Decision').value).toBe('(see row 3002)');
    expect(cell(ws, 3003, 'Decision').dataValidation).toBeUndefined();
    expect(cell(ws, 5001, 'Decision').dataValidation).toBeUndefined();
    expect(cell(ws, 5002, 'Decision').dataValidation).toMatchObject({ formulae: ['"skip,create"'] });
    expect(cell(ws, 5011, 'Decision').dataValidation).toMatchObject({ formulae: ['"skip,create"'] });
  });
});
