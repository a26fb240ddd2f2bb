import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDecisions } from '../../src/report/decisions.js';
import { writeReportXlsx } from '../../src/report/xlsx.js';
import { buildLargePlan } from './plan-fixture.js';
import { cell, openWorkbook, rowsWhere, sheet, tempDir } from './helpers.js';

describe('report.xlsx past the rows a sheet can hold', () => {
  it('goes on in "Creates (2)", … between operations, and every decision is read back', async () => {
    const plan = buildLargePlan(1000); // 1000 creates (one row each), 1000 updates (two rows each)
    const path = join(tempDir(), 'report.xlsx');
    await writeReportXlsx(path, plan, [], { sheetRowLimit: 300 });
    const wb = await openWorkbook(path);
    const names = wb.worksheets.filter((w) => w.state !== 'veryHidden').map((w) => w.name);
    expect(names.filter((n) => n.startsWith('Creates'))).toEqual(['Creates', 'Creates (2)', 'Creates (3)', 'Creates (4)']);
    expect([1, 2, 3, 4].map((n) => sheet(wb, n === 1 ? 'Creates' : `Creates (${n})`).rowCount - 1)).toEqual([300, 300, 300, 100]);
    const updates = names.filter((n) => n.startsWith('Updates'));
    expect(updates).toHaveLength(7);
    // An update's two rows stay on one sheet: each continuation starts with a decision, not a "see row" pointer.
    for (const n of updates) expect(cell(sheet(wb, n), 2, 'Decision').value).toBe('apply');
    for (const n of names) expect(sheet(wb, n).getRow(1).getCell(1).font?.bold, n).toBe(true);

    const untouched = await readDecisions(path, plan);
    expect(untouched.problems).toEqual([]);
    expect(untouched.decisions.size).toBe(2000);

    // A decision changed on a continuation sheet counts.
    const third = sheet(wb, 'Creates (3)');
    const row = rowsWhere(third, 'Op id', 'cc-0000000650')[0]!;
    cell(third, row, 'Decision').value = 'skip';
    const edited = join(tempDir(), 'edited.xlsx');
    await wb.xlsx.writeFile(edited);
    const read = await readDecisions(edited, plan);
    expect(read.problems).toEqual([]);
    expect(read.changed).toEqual([{ opId: 'cc-0000000650', label: 'Customer Client 650', decision: 'skip' }]);
  });
});
