/**
 * audit.xlsx read back with exceljs: the Summary facts and fingerprint, one
 * block per cluster with the members side by side (proposed survivor first),
 * differing cells highlighted, the merged result last, the Decision dropdown
 * per cluster, the informative Across customers sheet, and formula safety.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { planFingerprint } from '../../src/report/fingerprint.js';
import { AUDIT_COLORS } from '../../src/report/audit-xlsx-blocks.js';
import { writeAuditXlsx } from '../../src/report/audit-xlsx.js';
import { COLORS } from '../../src/report/xlsx-table.js';
import { AIDS, buildAuditPlan, FORMULA, mergeOf, SCRIPT, TREND } from './audit-fixture.js';
import { openWorkbook, sheet, tempDir } from './helpers.js';

const plan = buildAuditPlan();
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  const path = join(tempDir(), 'audit.xlsx');
  await writeAuditXlsx(path, plan, TREND);
  wb = await openWorkbook(path);
});

const text = (c: ExcelJS.Cell) => (c.value === null || c.value === undefined ? '' : String(c.value));
const fill = (c: ExcelJS.Cell) => (c.fill?.type === 'pattern' ? c.fill.fgColor?.argb : undefined);

/** Summary value by item. */
function summary(item: string): unknown {
  const ws = sheet(wb, 'Summary');
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(2).value === item) return ws.getRow(r).getCell(3).value;
  throw new Error(`no Summary item ${item}`);
}

/** The block of `opId` on `ws`: its header row and its rows by field label (column D). */
function block(ws: ExcelJS.Worksheet, opId: string): { head: ExcelJS.Row; field: (label: string) => ExcelJS.Row; last: number } {
  let head: ExcelJS.Row | undefined;
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(3).value === opId) head = ws.getRow(r);
  if (!head) throw new Error(`no block for ${opId}`);
  const cluster = head.getCell(1).value;
  let last = 5;
  head.eachCell((_, n) => (last = Math.max(last, n)));
  return {
    head,
    last,
    field(label) {
      for (let r = head.number + 1; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        if (row.getCell(1).value !== cluster) break;
        if (row.getCell(4).value === label) return row;
      }
      throw new Error(`no row ${label} in ${opId}`);
    },
  };
}

describe('audit.xlsx', () => {
  it('has the four sheets, in order, with frozen panes', () => {
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual([
      'Summary',
      'Customer clusters',
      'Contact clusters',
      'Across customers',
    ]);
    const view = sheet(wb, 'Customer clusters').views[0] as { state: string; xSplit: number; ySplit: number };
    expect([view.state, view.xSplit, view.ySplit]).toEqual(['frozen', 4, 1]);
    expect(sheet(wb, 'Customer clusters').getColumn(5).width).toBeGreaterThanOrEqual(14);
  });

  it('Summary: fingerprint, clusters, API calls, trend and survivorship rules', () => {
    expect(summary('Plan fingerprint')).toBe(planFingerprint(plan));
    expect(summary('Duplicate customer clusters')).toBe(2);
    expect(summary('Duplicate contact clusters')).toBe(1);
    expect(summary('People under several customers')).toBe(1);
    expect(summary('Total apply will take')).toBe(plan.summary.writeCalls + plan.summary.checkCalls);
    expect(summary('Estimated')).toMatch(/at 180 requests\/min/);
    expect(summary('Merged since')).toBe(3);
    expect(summary('New since')).toBe(1);
    expect(summary('Still open')).toBe(2);
    expect(summary('Survivor')).toMatch(/^most linked records, then oldest, then most complete, then lowest id/);
    expect(summary('Fields')).toContain('mobile: newest');
    expect(summary('Duplicates afterwards')).toMatch(/deleted/);
  });

  it('one block per cluster: members side by side, the proposed survivor first and marked, the merged result last', () => {
    const ws = sheet(wb, 'Customer clusters');
    const heads = [];
    for (let r = 2; r <= ws.rowCount; r++) if (/^m[cn]-/.test(text(ws.getRow(r).getCell(3)))) heads.push(r);
    expect(heads).toHaveLength(2);

    const contoso = block(ws, mergeOf(plan, 'merge-customers', AIDS.contoso).id);
    expect([5, 6, 7].map((c) => text(contoso.head.getCell(c)).split('\n')[0])).toEqual([
      '#2100 Contoso Pharmacy',
      '#2101 Contoso Pharmacy Inc.',
      '#2102 Contoso Rx',
    ]);
    expect(text(contoso.head.getCell(5))).toContain('★ proposed survivor');
    expect(text(contoso.head.getCell(8))).toMatch(/^After merge/);
    expect(contoso.last).toBe(8);
    expect(text(contoso.field('address').getCell(8))).toBe('400 Pine St');
    expect(contoso.field('linked contacts').getCell(5).value).toBe(1);

    // The contact cluster's survivor (#3002, the one with the ticket) comes first although its id is higher.
    const contacts = sheet(wb, 'Contact clusters');
    const jim = block(contacts, mergeOf(plan, 'merge-contacts', AIDS.jim).id);
    expect(text(jim.head.getCell(5))).toMatch(/^#3002 James Park\n★ proposed survivor$/);
    expect(text(jim.head.getCell(6))).toMatch(/^#3001 Jim Park\nduplicate$/);
    expect(text(jim.field('phone').getCell(7))).toBe('(206) 555-0150');
    expect(fill(jim.field('phone').getCell(7))).toBe(AUDIT_COLORS.after);
  });

  it('highlights cells that differ from the survivor, and marks what the merge changes', () => {
    const b = block(sheet(wb, 'Customer clusters'), mergeOf(plan, 'merge-customers', AIDS.harbor).id);
    expect(fill(b.field('business_name').getCell(6))).toBe(AUDIT_COLORS.differs);
    expect(fill(b.field('email').getCell(6))).toBe(AUDIT_COLORS.differs);
    expect(fill(b.field('phone').getCell(6))).toBe(AUDIT_COLORS.format); // 503-555-0142 is the same number
    expect(fill(b.field('city').getCell(6))).toBeUndefined();
    expect(fill(b.field('city').getCell(5))).toBe(AUDIT_COLORS.survivor);
    expect(fill(b.field('mobile').getCell(7))).toBe(AUDIT_COLORS.after);
    expect(text(b.field('mobile').getCell(7))).toBe('(503) 555-0199');
    expect(fill(b.field('business_name').getCell(7))).toBeUndefined();
    expect(text(b.field('custom: Region').getCell(7))).toBe('West');
    expect(b.field('linked tickets').getCell(7).value).toBe(3);
    expect(text(b.field('created_at').getCell(5))).toBe('2019-04-11 15:02');
    expect(text(b.field('Why a match').getCell(5))).toMatch(/^score 18\.6: business_name close \+9\.4/);
    expect(text(b.field('Survivor').getCell(5))).toMatch(
      /^#2001 proposed: most linked records \(4 vs 3\)\. Merging moves 1 contact, 1 ticket, 1 invoice to the survivor, then would delete customer #2002/,
    );
  });

  it('each cluster has a Decision dropdown: merge, skip, survivor #<each other member>; merge by default', () => {
    const ws = sheet(wb, 'Customer clusters');
    const cases: Array<[number, string]> = [
      [AIDS.harbor, '"merge,skip,survivor #2002"'],
      [AIDS.contoso, '"merge,skip,survivor #2101,survivor #2102"'],
    ];
    for (const [id, list] of cases) {
      const cell = block(ws, mergeOf(plan, 'merge-customers', id).id).head.getCell(2);
      expect(cell.value).toBe('merge');
      expect(fill(cell)).toBe(COLORS.decision);
      expect(cell.dataValidation).toMatchObject({ type: 'list', formulae: [list], showErrorMessage: true });
    }
    const jim = block(sheet(wb, 'Contact clusters'), mergeOf(plan, 'merge-contacts', AIDS.jim).id).head.getCell(2);
    expect(jim.dataValidation?.formulae).toEqual(['"merge,skip,survivor #3001"']);
  });

  it('Across customers: the person, the customers and the reason; Decision skip only', () => {
    const ws = sheet(wb, 'Across customers');
    expect(ws.getRow(1).values).toEqual([undefined, 'Decision', 'Op id', 'Person', 'Under customers', 'Score', 'Why a match', 'Reason']);
    const row = ws.getRow(2);
    expect(row.getCell(1).value).toBe('skip');
    expect(row.getCell(1).dataValidation?.formulae).toEqual(['"skip"']);
    expect(row.getCell(3).value).toBe('Sue Kim');
    expect(row.getCell(4).value).toBe('#3010 Sue Kim (customer #2200)\n#3011 Sue Kim (customer #2300)');
    expect(text(row.getCell(7))).toMatch(/under 2 customers/);
    expect(ws.rowCount).toBe(2);
  });

  it('is formula-safe: hostile values are text, neutralised, never formulas; values are text cells', () => {
    const b = block(sheet(wb, 'Customer clusters'), mergeOf(plan, 'merge-customers', AIDS.harbor).id);
    const notes = b.field('notes').getCell(6);
    expect(notes.value).toBe(`'${FORMULA}`);
    expect(notes.numFmt).toBe('@');
    expect(b.field('zip').getCell(5).numFmt).toBe('@');
    expect(b.field('custom: Terms').getCell(6).value).toBe(SCRIPT);
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((c) => {
          expect(typeof c.value === 'object' && c.value !== null && ('formula' in c.value || 'sharedFormula' in c.value)).toBe(false);
          if (typeof c.value === 'string') expect(/^[=+\-@\t\r]/.test(c.value)).toBe(false);
        }),
      );
    }
  });

  it('without a previous audit, the Summary says so; an empty audit says no clusters were found', async () => {
    const path = join(tempDir(), 'audit.xlsx');
    const empty = { ...plan, operations: [] };
    await writeAuditXlsx(path, empty);
    const book = await openWorkbook(path);
    const ws = sheet(book, 'Summary');
    const rows: string[] = [];
    ws.eachRow((r) => rows.push(`${text(r.getCell(2))}=${text(r.getCell(3))}`));
    expect(rows).toContain('Previous audit=none found in this runs folder (this is the first audit to compare with)');
    expect(rows).toContain('Duplicate customer clusters=0');
    expect(text(sheet(book, 'Customer clusters').getRow(1).getCell(5))).toBe('No clusters of this kind were found');
    expect(sheet(book, 'Customer clusters').rowCount).toBe(1);
  });
});
