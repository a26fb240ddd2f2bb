/**
 * readAuditDecisions: decisions edited in audit.xlsx with exceljs come back
 * exactly, normalised like report.xlsx's; anything unusable is a problem
 * naming sheet, row and value; a workbook of another plan is refused.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { readAuditDecisions } from '../../src/report/audit-decisions.js';
import { writeAuditXlsx } from '../../src/report/audit-xlsx.js';
import { AIDS, buildAuditPlan, mergeOf, TREND } from './audit-fixture.js';
import { openWorkbook, sheet, tempDir } from './helpers.js';
import { decisionText } from '../../src/plan/decision.js';

const plan = buildAuditPlan();
const harbor = mergeOf(plan, 'merge-customers', AIDS.harbor);
const contoso = mergeOf(plan, 'merge-customers', AIDS.contoso);
const jim = mergeOf(plan, 'merge-contacts', AIDS.jim);
const sue = plan.operations.find((o) => o.kind === 'conflict')!;

/** Writes audit.xlsx, lets `edit` change it with exceljs, saves it, returns the path. */
async function edited(edit: (wb: ExcelJS.Workbook) => void, forPlan = plan): Promise<string> {
  const path = join(tempDir(), 'audit.xlsx');
  await writeAuditXlsx(path, forPlan, TREND);
  const wb = await openWorkbook(path);
  edit(wb);
  await wb.xlsx.writeFile(path);
  return path;
}

/** The row number holding `opId` in the Op id column of `name` (C on cluster sheets, B on Across customers). */
function rowOf(wb: ExcelJS.Workbook, name: string, opId: string): number {
  const ws = sheet(wb, name);
  const col = name === 'Across customers' ? 2 : 3;
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col).value === opId) return r;
  throw new Error(`no ${opId} on ${name}`);
}

function decide(wb: ExcelJS.Workbook, name: string, opId: string, value: ExcelJS.CellValue): number {
  const r = rowOf(wb, name, opId);
  sheet(wb, name)
    .getRow(r)
    .getCell(name === 'Across customers' ? 1 : 2).value = value;
  return r;
}

describe('readAuditDecisions', () => {
  it('an untouched audit.xlsx gives every default and no changes', async () => {
    const read = await readAuditDecisions(await edited(() => {}), plan);
    expect(read.problems).toEqual([]);
    expect(read.changed).toEqual([]);
    expect(Object.fromEntries([...read.decisions].map(([id, d]) => [id, decisionText(d)]))).toEqual({
      [harbor.id]: 'merge',
      [contoso.id]: 'merge',
      [jim.id]: 'merge',
      [sue.id]: 'skip',
    });
  });

  it('skip on one cluster and another survivor on two more come back as exactly those decisions', async () => {
    const path = await edited((wb) => {
      decide(wb, 'Customer clusters', harbor.id, 'skip');
      decide(wb, 'Customer clusters', contoso.id, 'Survivor 2102');
      decide(wb, 'Contact clusters', jim.id, `survivor #${AIDS.jim}`);
    });
    const read = await readAuditDecisions(path, plan);
    expect(read.problems).toEqual([]);
    expect(read.changed).toEqual([
      { opId: harbor.id, label: harbor.label, decision: 'skip' },
      { opId: contoso.id, label: contoso.label, decision: 'survivor #2102' },
      { opId: jim.id, label: jim.label, decision: `survivor #${AIDS.jim}` },
    ]);
    expect(read.decisions.get(sue.id)).toEqual({ kind: 'skip' });
  });

  it('naming the proposed survivor is plain merge', async () => {
    const read = await readAuditDecisions(await edited((wb) => void decide(wb, 'Customer clusters', harbor.id, `#${AIDS.harbor}`)), plan);
    expect(read.problems).toEqual([]);
    expect(read.decisions.get(harbor.id)).toEqual({ kind: 'merge' });
    expect(read.changed).toEqual([]);
  });

  it('invalid edits are problems naming sheet, row and value', async () => {
    let rows: Record<string, number> = {};
    const path = await edited((wb) => {
      rows = {
        outsider: decide(wb, 'Customer clusters', harbor.id, 'survivor #9999'),
        word: decide(wb, 'Contact clusters', jim.id, 'maybe'),
        across: decide(wb, 'Across customers', sue.id, `#${AIDS.sueB}`),
        empty: decide(wb, 'Customer clusters', contoso.id, null),
      };
      // A decision typed into a field row of a block (no op id there).
      sheet(wb, 'Customer clusters')
        .getRow(rows.outsider! + 4)
        .getCell(2).value = 'skip';
    });
    const read = await readAuditDecisions(path, plan);
    expect(read.problems).toEqual([
      `Customer clusters row ${rows.outsider}: "survivor #9999" is not a decision for this operation (#9999 is not a member of this cluster); choose one of merge, skip, survivor #2002 (${harbor.id}, ${harbor.label})`,
      `Customer clusters row ${rows.outsider! + 4}: decision "skip" has no Op id; restore the op id or clear the row`,
      `Customer clusters row ${rows.empty}: the Decision of ${contoso.id} (${contoso.label}) is empty; choose one of merge, skip, survivor #2101, survivor #2102`,
      `Contact clusters row ${rows.word}: "maybe" is not a decision for this operation; choose one of merge, skip, survivor #3001 (${jim.id}, ${jim.label})`,
      `Across customers row ${rows.across}: "#3011" is not a decision here: the audit never merges a person across customers (only skip); merge their customers first, then audit again (${sue.id}, ${sue.label})`,
    ]);
    expect(read.decisions.has(harbor.id)).toBe(false);
  });

  it('a formula, a cleared op id, and a workbook of another plan are refused; a removed Across row is not', async () => {
    let formulaRow = 0;
    const path = await edited((wb) => {
      formulaRow = decide(wb, 'Customer clusters', harbor.id, { formula: 'IF(1,"skip","merge")' } as ExcelJS.CellFormulaValue);
      sheet(wb, 'Contact clusters')
        .getRow(rowOf(wb, 'Contact clusters', jim.id))
        .getCell(3).value = null;
      sheet(wb, 'Across customers').spliceRows(2, 1);
    });
    const read = await readAuditDecisions(path, plan);
    expect(read.problems).toContain(
      `Customer clusters row ${formulaRow}: the Decision of ${harbor.id} (${harbor.label}) is a formula; type the decision as plain text`,
    );
    expect(read.problems.some((p) => p.startsWith('Contact clusters row ') && p.includes('decision "merge" has no Op id'))).toBe(true);
    expect(read.problems).toContain(
      `Contact clusters: no row for ${jim.id} (${jim.label}); restore it (set its Decision to skip to leave it out) or regenerate the report`,
    );
    expect(read.problems.some((p) => p.includes(sue.id))).toBe(false);
    expect(read.decisions.get(sue.id)).toEqual({ kind: 'skip' });

    const other = buildAuditPlan({ target: { baseUrl: 'https://acme.syncromsp.com/api/v1', sandbox: false } });
    const stale = await readAuditDecisions(await edited(() => {}, other), plan);
    expect(stale.problems).toHaveLength(1);
    expect(stale.problems[0]).toMatch(
      /^Summary: audit\.xlsx was written for another plan \(fingerprint [0-9a-f]{16}, this plan [0-9a-f]{16}\)/,
    );
  });

  it('an unreadable file is one problem, not a crash', async () => {
    const read = await readAuditDecisions(join(tempDir(), 'missing.xlsx'), plan);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatch(/could not be read as a workbook/);
  });
});
