/**
 * report.xlsx through exceljs: the workbook in memory (`buildReportWorkbook`,
 * to inspect a small plan's report) and the previous streamed writer on
 * exceljs's WorkbookWriter, kept only as the baseline bench/report-xlsx.bench.ts
 * measures the streamed writer (xlsx-book-writer.ts) against.
 */
import ExcelJS from 'exceljs';
import type { RowIssue } from '../model/source.js';
import type { Plan } from '../plan/schema.js';
import { planFingerprint } from './fingerprint.js';
import { planSource } from './plan-source.js';
import type { PlanReportSource } from './plan-source.js';
import type { ReportOptions } from './summary.js';
import type { ReportBook } from './xlsx-layout.js';
import { fillReport, reportTitle } from './xlsx-report.js';
import { ListSheet, SheetTable } from './xlsx-table.js';

/** An exceljs workbook as a ReportBook: one SheetTable per sheet, long dropdown lists on a shared hidden sheet. */
function exceljsBook(wb: ExcelJS.Workbook, source: PlanReportSource): ReportBook<ExcelJS.Row> {
  wb.creator = 'syncro-etl';
  wb.title = reportTitle(source);
  const lists = new ListSheet(wb);
  return { table: (name, columns, tab, rowLimit) => new SheetTable(wb, name, columns, lists, tab, rowLimit) };
}

/** The workbook for `plan`, in memory (for a small plan, or to inspect it). */
export async function buildReportWorkbook(plan: Plan, issues: readonly RowIssue[], options: ReportOptions = {}): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const source = planSource(plan);
  await fillReport(exceljsBook(wb, source), source, issues, options.fingerprint ?? planFingerprint(plan), options);
  return wb;
}

/** The previous report.xlsx writer (exceljs's streaming WorkbookWriter), for the bench's baseline only. */
export async function writeSourceXlsxExceljs(
  path: string,
  source: PlanReportSource,
  issues: readonly RowIssue[],
  fingerprint: string,
  options: ReportOptions = {},
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  await fillReport(exceljsBook(wb, source), source, issues, fingerprint, options);
  await wb.commit();
}
