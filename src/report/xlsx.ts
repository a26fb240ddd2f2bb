/**
 * The dry-run workbook (report.xlsx): Summary, Creates, Updates, Merges,
 * Conflicts, Skipped and Rejects, each a view of the plan, every operation
 * included (xlsx-report.ts says what goes in). Written streamed by our own
 * SpreadsheetML writer (xlsx-book-writer.ts): rows go to the file as they
 * are made, inline strings, styles shared by index, so memory does not grow
 * with the plan's size. Decision columns carry dropdowns; `readDecisions`
 * reads them back.
 */
import type { RowIssue } from '../model/source.js';
import type { Plan } from '../plan/schema.js';
import { planFingerprint } from './fingerprint.js';
import { planSource } from './plan-source.js';
import type { PlanReportSource } from './plan-source.js';
import type { ReportOptions } from './summary.js';
import { XlsxBookWriter } from './xlsx-book-writer.js';
import { fillReport, reportTitle } from './xlsx-report.js';

export { FINGERPRINT_ITEM, SHEETS, SUMMARY_COLUMNS } from './xlsx-report.js';

/**
 * Writes report.xlsx for `plan` to `path`, streamed. Every operation is in it.
 *
 * @example await writeReportXlsx('run/report.xlsx', plan, issues);
 */
export async function writeReportXlsx(path: string, plan: Plan, issues: readonly RowIssue[], options: ReportOptions = {}): Promise<void> {
  await writeSourceXlsx(path, planSource(plan), issues, options.fingerprint ?? planFingerprint(plan), options);
}

/** Writes report.xlsx from a plan source, streamed: each sheet reads its part of the plan once. */
export async function writeSourceXlsx(
  path: string,
  source: PlanReportSource,
  issues: readonly RowIssue[],
  fingerprint: string,
  options: ReportOptions = {},
): Promise<void> {
  const book = new XlsxBookWriter(path);
  try {
    await fillReport(book, source, issues, fingerprint, options);
    await book.close({ creator: 'syncro-etl', title: reportTitle(source) });
  } catch (err) {
    await book.abort();
    throw err;
  }
}
