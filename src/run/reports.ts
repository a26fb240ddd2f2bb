/**
 * Writes the run folder's reports from the plan (views of the plan, never a
 * second computation). Returns the file names written.
 */
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RowIssue } from '../model/source.js';
import type { Plan } from '../plan/schema.js';
import { renderReportHtml } from '../report/html.js';
import { writeReportXlsx } from '../report/xlsx.js';
import { RUN_FILES } from './folder.js';

/**
 * Writes report.xlsx and report.html into `runDir` (each via a temporary
 * file, so a reader never sees half a report).
 *
 * @example const files = await writeRunReports(runDir, plan, load.issues); // ['report.xlsx', 'report.html']
 */
export async function writeRunReports(runDir: string, plan: Plan, issues: RowIssue[]): Promise<string[]> {
  const xlsx = join(runDir, RUN_FILES.reportXlsx);
  await writeReportXlsx(`${xlsx}.tmp`, plan, issues);
  await rename(`${xlsx}.tmp`, xlsx);
  const htmlPath = join(runDir, RUN_FILES.reportHtml);
  await writeFile(`${htmlPath}.tmp`, renderReportHtml(plan, issues), 'utf8');
  await rename(`${htmlPath}.tmp`, htmlPath);
  return [RUN_FILES.reportXlsx, RUN_FILES.reportHtml];
}
