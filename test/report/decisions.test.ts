import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { readDecisions } from '../../src/report/decisions.js';
import { normalizeDecision } from '../../src/report/decision-rules.js';
import { writeReportXlsx } from '../../src/report/xlsx.js';
import { buildIssues, buildPlan, CANDIDATES, IDS } from './plan-fixture.js';
import { cell, openWorkbook, rowsWhere, sheet, tempDir } from './helpers.js';
import { decisionText } from '../../src/plan/decision.js';
import { planFingerprint } from '../../src/report/fingerprint.js';

const plan = buildPlan();

/** Writes the report, lets `edit` change it with exceljs, saves it, returns the path. */
async function edited(edit: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const path = join(tempDir(), 'report.xlsx');
  await writeReportXlsx(path, plan, buildIssues());
  const wb = await openWorkbook(path);
  edit(wb);
  await wb.xlsx.writeFile(path);
  return path;
}

function setDecision(wb: ExcelJS.Workbook, sheetName: string, opId: string, value: unknown, nth = 0): number {
  const ws = sheet(wb, sheetName);
  const row = rowsWhere(ws, 'Op id', opId)[nth]!;
  cell(ws, row, 'Decision').value = value as ExcelJS.CellValue;
  return row;
}

describe('readDecisions', () => {
  it('an untouched report gives every default and no changes', async () => {
    const read = await readDecisions(await edited(() => {}), plan);
    expect(read.problems).toEqual([]);
    expect(read.changed).toEqual([]);
    expect(Object.fromEntries([...read.decisions].map(([id, d]) => [id, decisionText(d)]))).toEqual({
      [IDS.createCustomer]: 'apply',
      [IDS.createCustomer2]: 'apply',
      [IDS.createContact]: 'apply',
      [IDS.createContactExisting]: 'apply',
      [IDS.updateCustomer]: 'apply',
      [IDS.updateCustomer2]: 'apply',
      [IDS.updateContact]: 'apply',
      [IDS.moveContact]: 'apply',
      [IDS.deleteContact]: 'apply',
      [IDS.mergeCustomers]: 'merge',
      [IDS.mergeContacts]: 'merge',
      [IDS.conflict]: 'skip',
      [IDS.conflictContact]: 'skip',
    });
  });

  it('round trip: a conflict set to a candidate and an update set to skip come back as exactly those decisions', async () => {
    const path = await edited((wb) => {
      setDecision(wb, 'Conflicts', IDS.conflict, `#${CANDIDATES.second}`);
      setDecision(wb, 'Updates', IDS.updateCustomer, 'skip');
    });
    const read = await readDecisions(path, plan);
    expect(read.problems).toEqual([]);
    expect(read.changed).toEqual([
      { opId: IDS.updateCustomer, label: 'Customer Bayside Legal LLP', decision: 'skip' },
      { opId: IDS.conflict, label: 'Customer Adventure Works', decision: `#${CANDIDATES.second}` },
    ]);
    expect(read.decisions.get(IDS.conflict)).toEqual({ kind: 'existing', id: CANDIDATES.second });
    expect(read.decisions.get(IDS.updateCustomer)).toEqual({ kind: 'skip' });
    expect(read.decisions.get(IDS.updateCustomer2)).toEqual({ kind: 'apply' });
  });

  it('normalises what people type', async () => {
    const path = await edited((wb) => {
      setDecision(wb, 'Conflicts', IDS.conflict, ` ${CANDIDATES.first} `);
      setDecision(wb, 'Conflicts', IDS.conflictContact, 'CREATE');
      setDecision(wb, 'Merges', IDS.mergeCustomers, 'Survivor 1102');
      setDecision(wb, 'Merges', IDS.mergeContacts, 'survivor #88020');
      setDecision(wb, 'Creates', IDS.createCustomer2, '  Skip');
    });
    const read = await readDecisions(path, plan);
    expect(read.problems).toEqual([]);
    expect(Object.fromEntries(read.changed.map((c) => [c.opId, c.decision]))).toEqual({
      [IDS.conflict]: `#${CANDIDATES.first}`,
      [IDS.conflictContact]: 'create',
      [IDS.mergeCustomers]: 'survivor #1102',
      [IDS.createCustomer2]: 'skip',
    });
    // naming the planned survivor is the default merge
    expect(read.decisions.get(IDS.mergeContacts)).toEqual({ kind: 'merge' });
  });

  it('survives sorting: the decision may move below the rows that point to it', async () => {
    const path = await edited((wb) => {
      const ws = sheet(wb, 'Updates');
      const rows = rowsWhere(ws, 'Op id', IDS.updateCustomer);
      const [a, b] = [rows[0]!, rows[3]!];
      const first = ws.getRow(a).values as ExcelJS.CellValue[];
      const last = ws.getRow(b).values as ExcelJS.CellValue[];
      ws.getRow(a).values = last;
      ws.getRow(b).values = first;
      cell(ws, b, 'Decision').value = 'skip';
    });
    const read = await readDecisions(path, plan);
    expect(read.problems).toEqual([]);
    expect(read.decisions.get(IDS.updateCustomer)).toEqual({ kind: 'skip' });
  });

  it('reports invalid edits, naming sheet, row and value', async () => {
    let conflictRow = 0;
    let emptyRow = 0;
    let twiceRow = 0;
    let strangerRow = 0;
    const path = await edited((wb) => {
      conflictRow = setDecision(wb, 'Conflicts', IDS.conflict, '#999');
      emptyRow = setDecision(wb, 'Creates', IDS.createContact, null);
      twiceRow = setDecision(wb, 'Updates', IDS.updateCustomer, 'skip', 2);
      const ws = sheet(wb, 'Merges');
      strangerRow = ws.rowCount + 1;
      ws.getRow(strangerRow).getCell(1).value = 'merge';
      ws.getRow(strangerRow).getCell(2).value = 'mc-notinplan';
      setDecision(wb, 'Merges', IDS.mergeContacts, 'maybe');
    });
    const read = await readDecisions(path, plan);
    const text = read.problems.join('\n');
    expect(read.problems).toHaveLength(5);
    expect(text).toContain(
      `Conflicts row ${conflictRow}: "#999" is not a decision for this operation (#999 is not one of its candidates); choose one of skip, create, #${CANDIDATES.first}, #${CANDIDATES.second}`,
    );
    expect(text).toContain(`Creates row ${emptyRow}: the Decision of ${IDS.createContact}`);
    expect(text).toMatch(
      new RegExp(`Updates row ${twiceRow}: ${IDS.updateCustomer} .* is decided twice: "apply" on Updates row \\d+ and "skip" here`),
    );
    expect(text).toContain(`Merges row ${strangerRow}: unknown operation "mc-notinplan" (value "merge")`);
    expect(text).toMatch(/Merges row \d+: "maybe" is not a decision/);
    // bad rows carry no decision
    expect(read.decisions.has(IDS.conflict)).toBe(false);
    expect(read.decisions.has(IDS.createContact)).toBe(false);
  });

  it('reports deleted rows, formulas and a report of another plan', async () => {
    const path = await edited((wb) => {
      const ws = sheet(wb, 'Creates');
      ws.spliceRows(rowsWhere(ws, 'Op id', IDS.createContactExisting)[0]!, 1);
      setDecision(wb, 'Updates', IDS.updateContact, { formula: 'IF(1,"skip","apply")', result: 'skip' });
    });
    const read = await readDecisions(path, plan);
    expect(read.problems).toEqual([
      expect.stringMatching(new RegExp(`^Updates row \\d+: the Decision of ${IDS.updateContact} \\(.*\\) is a formula`)),
      `Creates: no row for ${IDS.createContactExisting} (Contact Luis Ortega (Bayside Legal LLP)); restore it (set its Decision to skip to leave it out) or regenerate the report`,
    ]);
    expect(read.decisions.has(IDS.updateContact)).toBe(false);

    const other = buildPlan({ options: { ...plan.options, update: 'fill' } });
    const stale = await readDecisions(await edited(() => {}), other);
    expect(stale.problems).toEqual([expect.stringMatching(/^Summary: report.xlsx was written for another plan/)]);
  });

  it('a report of a run planned before operations were one line each (indented plan.json) still fits its plan', async () => {
    const path = join(tempDir(), 'report.xlsx');
    const legacy = planFingerprint(plan, 'indented');
    expect(legacy).not.toBe(planFingerprint(plan));
    await writeReportXlsx(path, plan, buildIssues(), { fingerprint: legacy });
    expect((await readDecisions(path, plan)).problems).toEqual([]);

    const other = buildPlan({ options: { ...plan.options, update: 'fill' } });
    await writeReportXlsx(path, other, buildIssues(), { fingerprint: planFingerprint(other, 'indented') });
    expect((await readDecisions(path, plan)).problems).toEqual([
      expect.stringMatching(/^Summary: report.xlsx was written for another plan/),
    ]);
  });

  it('a file that is not a workbook is a problem, not a crash', async () => {
    const path = join(tempDir(), 'report.xlsx');
    await writeFile(path, 'not a zip');
    const read = await readDecisions(path, plan);
    expect(read.problems[0]).toMatch(/could not be read as a workbook/);
    expect(read.decisions.size).toBe(0);
  });
});

describe('normalizeDecision', () => {
  const conflict = plan.operations.find((o) => o.id === IDS.conflict)!;
  const update = plan.operations.find((o) => o.id === IDS.updateCustomer)!;
  it.each([
    ['#1042', '#1042'],
    ['# 1077', '#1077'],
    ['1042', '#1042'],
    ['Skip', 'skip'],
    ['create', 'create'],
  ])('conflict %j → %j', (raw, value) => expect(normalizeDecision(raw, conflict)).toEqual({ ok: true, value }));
  it('refuses values that are not the op’s choices', () => {
    expect(normalizeDecision('create', update).ok).toBe(false);
    expect(normalizeDecision('#1042', update).ok).toBe(false);
    expect(normalizeDecision('#1', conflict).ok).toBe(false);
    expect(normalizeDecision('apply', conflict).ok).toBe(false);
    const merge = plan.operations.find((o) => o.id === IDS.mergeCustomers)!;
    expect(normalizeDecision('survivor #1101', merge)).toEqual({ ok: true, value: 'survivor #1101' });
    expect(normalizeDecision('Survivor #1100', merge)).toEqual({ ok: true, value: 'merge' });
    expect(normalizeDecision('survivor #999', merge)).toMatchObject({
      ok: false,
      message: expect.stringContaining('#999 is not a member of this cluster'),
    });
  });
});
