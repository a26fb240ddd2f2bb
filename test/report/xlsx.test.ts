import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import type { Operation } from '../../src/plan/schema.js';
import { planFingerprint } from '../../src/report/fingerprint.js';
import { writeReportXlsx } from '../../src/report/xlsx.js';
import { COLORS } from '../../src/report/xlsx-table.js';
import { buildIssues, buildPlan, CANDIDATES, FORMULA, IDS } from './plan-fixture.js';
import { cell, openWorkbook, rowsWhere, sheet, tempDir } from './helpers.js';

const fillOf = (c: ExcelJS.Cell) => (c.fill && c.fill.type === 'pattern' ? c.fill.fgColor?.argb : undefined);

describe('writeReportXlsx', () => {
  const plan = buildPlan();
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    const path = join(tempDir(), 'report.xlsx');
    await writeReportXlsx(path, plan, buildIssues());
    wb = await openWorkbook(path);
  });

  it('has the sheets in order, each with a frozen header and an autofilter', () => {
    const names = wb.worksheets.filter((w) => w.state !== 'veryHidden').map((w) => w.name);
    expect(names).toEqual(['Summary', 'Creates', 'Updates', 'Merges', 'Conflicts', 'Skipped', 'Rejects']);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]?.state, ws.name).toBe('frozen');
      expect((ws.views[0] as { ySplit?: number }).ySplit, ws.name).toBe(1);
      expect(ws.autoFilter, ws.name).toBeTruthy();
      expect(ws.getRow(1).getCell(1).font?.bold, ws.name).toBe(true);
    }
    expect(sheet(wb, 'Updates').getColumn(7).width).toBeGreaterThan(8);
  });

  it('summarises target, inputs, template, counts, API calls and time', () => {
    const ws = sheet(wb, 'Summary');
    const items = new Map<string, unknown>();
    ws.eachRow((row, n) => {
      if (n > 1) items.set(String(row.getCell(2).value), row.getCell(3).value);
    });
    expect(items.get('Syncro URL')).toBe('http://127.0.0.1:4717/api/v1');
    expect(String(items.get('Sandbox'))).toMatch(/^yes/);
    expect(String(items.get('clients.csv'))).toContain('12 rows, sha256 b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c');
    expect(items.get('connectwise-companies')).toBe('93% confidence');
    expect(items.get('Create customer')).toBe(2);
    expect(items.get('Update customer')).toBe(2);
    expect(items.get('Conflict')).toBe(2);
    expect(items.get('Merge customers')).toBe(1);
    expect(items.get('Total apply will take')).toBe(20);
    expect(items.get('Estimated')).toBe('about 7 s at 180 requests/min');
    expect(items.get('Plan fingerprint')).toBe(planFingerprint(plan));
    expect(items.get('inFileDuplicates')).toBe('merge');
  });

  it('says plainly when the target is a live account', async () => {
    const path = join(tempDir(), 'live.xlsx');
    await writeReportXlsx(path, buildPlan({ target: { baseUrl: 'https://acme.syncromsp.com/api/v1', sandbox: false } }), []);
    const ws = sheet(await openWorkbook(path), 'Summary');
    const row = rowsWhere(ws, 'Item', 'Sandbox')[0]!;
    expect(String(cell(ws, row, 'Value').value)).toMatch(/^NO: a LIVE Syncro account/);
  });

  it('Updates: one row per changed field with before/after highlighted, held differences greyed', () => {
    const ws = sheet(wb, 'Updates');
    const rows = rowsWhere(ws, 'Op id', IDS.updateCustomer);
    expect(rows).toHaveLength(4);
    const got = rows.map((r) => [
      cell(ws, r, 'Field').value,
      cell(ws, r, 'Before').value,
      cell(ws, r, 'After').value,
      cell(ws, r, 'Status').value,
    ]);
    expect(got).toEqual([
      ['business_name', 'Bayside Legal', 'Bayside Legal LLP', 'change'],
      ['phone', '415-555-0100', '(415) 555-0101', 'change'],
      ['zip', '94107', '94111', 'change'],
      ['notes', 'VIP', 'Prefers email', 'held'],
    ]);
    for (const r of rows.slice(0, 3)) {
      expect(fillOf(cell(ws, r, 'Before'))).toBe(COLORS.before);
      expect(fillOf(cell(ws, r, 'After'))).toBe(COLORS.after);
    }
    const held = rows[3]!;
    expect(cell(ws, held, 'Note').value).toBe('kept by field policy');
    expect(fillOf(cell(ws, held, 'After'))).toBeUndefined();
    expect(cell(ws, held, 'After').font?.color?.argb).toBe(COLORS.muted);
    expect(cell(ws, rows[0]!, 'Syncro id').value).toBe('1042');
    expect(cell(ws, rows[0]!, 'Matched by').value).toContain('email exact +12.3');
    // a null before is shown as blank, explicitly
    const contoso = rowsWhere(ws, 'Op id', IDS.updateCustomer2);
    expect(cell(ws, contoso[0]!, 'Before').value).toBe('(blank)');
    // move and delete have their own rows
    expect(cell(ws, rowsWhere(ws, 'Op id', IDS.moveContact)[0]!, 'After').value).toBe('#1042');
    expect(cell(ws, rowsWhere(ws, 'Op id', IDS.deleteContact)[0]!, 'After').value).toBe('(deleted)');
  });

  it('Updates: the decision sits on the first row with an apply/skip dropdown, later rows point to it', () => {
    const ws = sheet(wb, 'Updates');
    const [first, ...rest] = rowsWhere(ws, 'Op id', IDS.updateCustomer);
    const d = cell(ws, first!, 'Decision');
    expect(d.value).toBe('apply');
    expect(d.dataValidation).toMatchObject({ type: 'list', formulae: ['"apply,skip"'] });
    for (const r of rest) {
      expect(cell(ws, r, 'Decision').value).toBe(`(see row ${first})`);
      expect(cell(ws, r, 'Decision').dataValidation).toBeUndefined();
    }
  });

  it('Conflicts: a row per candidate with score and explanation; dropdown skip/create/#ids', () => {
    const ws = sheet(wb, 'Conflicts');
    const rows = rowsWhere(ws, 'Op id', IDS.conflict);
    expect(rows.map((r) => cell(ws, r, 'Candidate id').value)).toEqual([String(CANDIDATES.first), String(CANDIDATES.second)]);
    expect(cell(ws, rows[0]!, 'Score').value).toBe(12.8);
    expect(cell(ws, rows[1]!, 'Why').value).toContain('email exact +8.2');
    expect(cell(ws, rows[0]!, 'Reason').value).toBe('two Syncro customers match about equally well');
    const d = cell(ws, rows[0]!, 'Decision');
    expect(d.value).toBe('skip');
    expect(d.dataValidation).toMatchObject({ type: 'list', formulae: [`"skip,create,#${CANDIDATES.first},#${CANDIDATES.second}"`] });
    expect(cell(ws, rows[1]!, 'Decision').value).toBe(`(see row ${rows[0]})`);
  });

  it('Merges: a row per member, survivor first with the decision merge/skip/survivor #member; Creates: apply/skip', () => {
    const ws = sheet(wb, 'Merges');
    const rows = rowsWhere(ws, 'Op id', IDS.mergeCustomers);
    expect(
      rows.map((r) => [
        cell(ws, r, 'Member id').value,
        cell(ws, r, 'Role').value,
        cell(ws, r, 'Linked records').value,
        cell(ws, r, 'Changes if it survives').value,
      ]),
    ).toEqual([
      ['1100', 'survivor (proposed)', '3 contacts, 9 tickets, 2 assets, 4 invoices', 'phone: (blank) → (206) 555-0175'],
      ['1101', 'duplicate', '1 contact, 2 tickets, 1 invoice', 'none'],
      ['1102', 'duplicate', 'nothing', 'phone: (blank) → (206) 555-0175'],
    ]);
    const r = rows[0]!;
    expect(cell(ws, r, 'Decision').value).toBe('merge');
    expect(cell(ws, r, 'Decision').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"merge,skip,survivor #1101,survivor #1102"'],
    });
    expect(cell(ws, rows[1]!, 'Decision').value).toBe(`(see row ${r})`);
    expect(cell(ws, r, 'Moves to survivor').value).toBe('1 contact, 2 tickets, 1 invoice');
    expect(cell(ws, r, 'Afterwards').value).toBe('disable customers #1101, #1102');
    expect(cell(ws, r, 'Survivor chosen for').value).toBe('most linked records (18 vs 4)');
    expect(cell(ws, r, 'Score').value).toBe(21.2);
    const contacts = rowsWhere(ws, 'Op id', IDS.mergeContacts);
    expect(cell(ws, contacts[0]!, 'Decision').dataValidation).toMatchObject({ formulae: ['"merge,skip,survivor #88021"'] });
    expect(cell(ws, contacts[0]!, 'Afterwards').value).toBe('delete contact #88021');
    const creates = sheet(wb, 'Creates');
    const c = rowsWhere(creates, 'Op id', IDS.createCustomer)[0]!;
    expect(cell(creates, c, 'Decision').dataValidation).toMatchObject({ formulae: ['"apply,skip"'] });
    expect(cell(creates, rowsWhere(creates, 'Op id', IDS.createContact)[0]!, 'Customer').value).toBe(
      `new: Northwind Dental (${IDS.createCustomer})`,
    );
  });

  it('writes phones, zips and ids as text cells', () => {
    const ws = sheet(wb, 'Creates');
    const r = rowsWhere(ws, 'Op id', IDS.createCustomer)[0]!;
    const zip = cell(ws, r, 'zip');
    expect(zip.value).toBe('02134');
    expect(zip.numFmt).toBe('@');
    expect(cell(ws, r, 'phone').value).toBe('(617) 555-0142');
    expect(cell(ws, r, 'phone').numFmt).toBe('@');
    expect(cell(ws, rowsWhere(ws, 'Op id', IDS.createContactExisting)[0]!, 'extension').value).toBe('204');
    expect(cell(ws, rowsWhere(ws, 'Op id', IDS.createCustomer2)[0]!, 'zip').value).toBe('00501');
    expect(cell(sheet(wb, 'Updates'), 2, 'Syncro id').numFmt).toBe('@');
  });

  it('neutralises formula-like values everywhere and writes no formula', () => {
    const creates = sheet(wb, 'Creates');
    const r = rowsWhere(creates, 'Op id', IDS.createCustomer)[0]!;
    expect(cell(creates, r, 'notes').value).toBe(`'${FORMULA}`);
    expect(cell(creates, rowsWhere(creates, 'Op id', IDS.createCustomer2)[0]!, 'phone').value).toBe("'+44 20 7946 0958");
    const rejects = sheet(wb, 'Rejects');
    expect(cell(rejects, findRow(rejects, 14), 'Value').value).toBe(`'${FORMULA}`);
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((c) => {
          expect(typeof c.value === 'object' && c.value !== null && 'formula' in c.value, `${ws.name}!${c.address}`).toBe(false);
          if (typeof c.value === 'string') expect(c.value, `${ws.name}!${c.address}`).not.toMatch(/^[=+\-@\t\r]/);
        }),
      );
    }
  });

  it('Rejects lists each issue once, errors first; Skipped lists skips with reasons', () => {
    const ws = sheet(wb, 'Rejects');
    expect(ws.rowCount).toBe(4);
    expect([2, 3, 4].map((r) => [cell(ws, r, 'Row').value, cell(ws, r, 'Severity').value, cell(ws, r, 'Field').value])).toEqual([
      [6, 'warning', 'state'],
      [13, 'error', 'email'],
      [14, 'error', 'phone'],
    ]);
    expect(cell(ws, 3, 'Op id').value).toBe(IDS.invalid);
    expect(cell(ws, 3, 'Reason').value).toBe('email is not an email address');
    const skipped = sheet(wb, 'Skipped');
    expect(cell(skipped, 2, 'Reason').value).toBe('already up to date in Syncro (#1300)');
  });

  it('puts long dropdown lists on a hidden sheet', async () => {
    const many: Operation = {
      id: 'cf-many',
      kind: 'conflict',
      label: 'Customer Generic',
      sources: [{ file: 'a.csv', row: 2 }],
      dependsOn: [],
      entity: 'customer',
      reason: 'many',
      payload: {},
      contacts: [],
      candidates: Array.from({ length: 40 }, (_, i) => ({ id: 100_000_000 + i, label: `C${i}` })),
    };
    const path = join(tempDir(), 'many.xlsx');
    await writeReportXlsx(path, buildPlan({ operations: [many] }), []);
    const book = await openWorkbook(path);
    const d = cell(sheet(book, 'Conflicts'), 2, 'Decision');
    expect(d.dataValidation?.formulae?.[0]).toBe('Lists!$A$1:$A$42');
    expect(book.getWorksheet('Lists')?.state).toBe('veryHidden');
    expect(book.getWorksheet('Lists')?.getCell('A3').value).toBe('#100000000');
  });
});

function findRow(ws: ExcelJS.Worksheet, n: number): number {
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(4).value === n) return r;
  throw new Error(`no row ${n}`);
}
