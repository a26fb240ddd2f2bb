import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRunReports } from '../../src/run/reports.js';
import { readDecisions } from '../../src/report/decisions.js';
import { renderReportHtml } from '../../src/report/html.js';
import { buildIssues, buildLargePlan, buildPlan } from './plan-fixture.js';
import { openWorkbook, rowsWhere, sheet, tempDir } from './helpers.js';

describe('writeRunReports', () => {
  it('writes report.xlsx and report.html into the run folder and returns their names', async () => {
    const dir = tempDir();
    const plan = buildPlan();
    const files = await writeRunReports(dir, plan, buildIssues());
    expect(files).toEqual(['report.xlsx', 'report.html']);
    expect(readdirSync(dir).sort()).toEqual(['report.html', 'report.xlsx']);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(renderReportHtml(plan, buildIssues()));
    const read = await readDecisions(join(dir, 'report.xlsx'), plan);
    expect(read.problems).toEqual([]);
  });

  it('handles a plan of two thousand operations', async () => {
    const dir = tempDir();
    const plan = buildLargePlan(1000);
    await writeRunReports(dir, plan, []);
    const wb = await openWorkbook(join(dir, 'report.xlsx'));
    expect(sheet(wb, 'Creates').rowCount).toBe(1001);
    expect(sheet(wb, 'Updates').rowCount).toBe(2001);
    expect(rowsWhere(sheet(wb, 'Updates'), 'Decision', 'apply')).toHaveLength(1000);
    const read = await readDecisions(join(dir, 'report.xlsx'), plan);
    expect(read.problems).toEqual([]);
    expect(read.decisions.size).toBe(2000);
  });
});
