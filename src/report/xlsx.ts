/**
 * The dry-run workbook (report.xlsx): Summary, Creates, Updates, Merges,
 * Conflicts, Skipped and Rejects, each a view of the plan, every operation
 * included. Decision columns carry dropdowns; `readDecisions` reads them back.
 */
import ExcelJS from 'exceljs';
import type { RowIssue } from '../model/source.js';
import type { Plan } from '../plan/schema.js';
import { planFingerprint } from './fingerprint.js';
import { planSource } from './plan-source.js';
import type { PlanReportSource } from './plan-source.js';
import { collectRejects } from './rejects.js';
import { summaryFacts } from './summary.js';
import type { ReportOptions, SummaryFacts } from './summary.js';
import { fillUpdates, UPDATE_COLUMNS } from './xlsx-changes.js';
import {
  CONFLICT_COLUMNS,
  createColumns,
  fillConflicts,
  fillCreates,
  fillMerges,
  fillRejects,
  fillSkips,
  MERGE_COLUMNS,
  REJECT_COLUMNS,
  SKIP_COLUMNS,
} from './xlsx-sheets.js';
import type { Column, Scalar } from './xlsx-table.js';
import { COLORS, ListSheet, SheetTable } from './xlsx-table.js';

/** Sheet names, in workbook order. */
export const SHEETS = {
  summary: 'Summary',
  creates: 'Creates',
  updates: 'Updates',
  merges: 'Merges',
  conflicts: 'Conflicts',
  skipped: 'Skipped',
  rejects: 'Rejects',
} as const;

/** The Summary row whose value is the plan fingerprint `readDecisions` checks. */
export const FINGERPRINT_ITEM = 'Plan fingerprint';

/** The Summary sheet's columns (the fingerprint is read back from Item/Value). */
export const SUMMARY_COLUMNS: readonly Column[] = [
  { header: 'Section', min: 12 },
  { header: 'Item', min: 22, max: 40 },
  { header: 'Value', max: 90, wrap: true },
];

/**
 * Fills `wb` with the report's sheets, one after the other (a streaming
 * workbook writes each out before the next begins).
 */
async function fillReport(
  wb: ExcelJS.Workbook,
  source: PlanReportSource,
  issues: readonly RowIssue[],
  fingerprint: string,
  options: ReportOptions,
): Promise<void> {
  const plan = source.head;
  wb.creator = 'syncro-etl';
  wb.title = `syncro-etl ${plan.command} dry-run report`;
  const lists = new ListSheet(wb);
  const labels = source.newCustomerLabels;
  const rejects = collectRejects(source.operations('invalid'), issues);
  const facts = summaryFacts(plan, rejects, fingerprint);

  const summary = new SheetTable(wb, SHEETS.summary, SUMMARY_COLUMNS, lists, 'FF1E293B');
  fillSummary(summary, facts);
  summary.finish();

  const fields = source.createFields;
  const tables: Array<[string, readonly Column[], (t: SheetTable) => Promise<void>, string]> = [
    [SHEETS.creates, createColumns(fields), (t) => fillCreates(t, source.operations('creates'), fields, labels), 'FF16A34A'],
    [SHEETS.updates, UPDATE_COLUMNS, (t) => fillUpdates(t, source.operations('updates'), labels), 'FF2563EB'],
    [SHEETS.merges, MERGE_COLUMNS, (t) => fillMerges(t, source.operations('merges')), 'FF7C3AED'],
    [SHEETS.conflicts, CONFLICT_COLUMNS, (t) => fillConflicts(t, source.operations('conflicts'), labels), 'FFD97706'],
    [SHEETS.skipped, SKIP_COLUMNS, (t) => fillSkips(t, source.operations('skipped')), 'FF6B7280'],
    [SHEETS.rejects, REJECT_COLUMNS, (t) => fillRejects(t, rejects), 'FFDC2626'],
  ];
  for (const [name, columns, fill, tab] of tables) {
    const table = new SheetTable(wb, name, columns, lists, tab, options.sheetRowLimit);
    await fill(table);
    table.finish();
  }
}

/** The workbook for `plan`, in memory (for a small plan, or to inspect it). */
export async function buildReportWorkbook(plan: Plan, issues: readonly RowIssue[], options: ReportOptions = {}): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await fillReport(wb, planSource(plan), issues, options.fingerprint ?? planFingerprint(plan), options);
  return wb;
}

/**
 * Writes report.xlsx for `plan` to `path`, streamed: rows go to the file as
 * they are made (inline strings, no shared-string table), so memory does not
 * grow with the plan's size. Every operation is in it.
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
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  await fillReport(wb, source, issues, fingerprint, options);
  await wb.commit();
}

function fillSummary(t: SheetTable, f: SummaryFacts): void {
  const add = (section: string, item: string, value: Scalar, style?: { color?: string; bold?: boolean }) => {
    const row = t.add([section, item, value]);
    if (style) t.style(row, 'Value', style);
    return row;
  };
  add('Report', 'Plan', `${f.command} dry run: nothing has been written to Syncro`, { bold: true });
  add('Report', FINGERPRINT_ITEM, f.fingerprint);
  add(
    'Report',
    'How to decide',
    'Change the Decision cells on Creates, Updates, Merges and Conflicts (pick from the dropdown), save this file, then run apply: it reads the decisions back. Conflicts are skipped until you decide them.',
  );
  add('Target', 'Syncro URL', f.target.baseUrl);
  add('Target', 'Sandbox', f.target.sandbox ? `yes: ${f.target.text}` : `NO: ${f.target.text}`, {
    bold: true,
    color: f.target.sandbox ? 'FF15803D' : COLORS.danger,
  });
  for (const i of f.inputs) add('Input', i.file, `${i.rows} rows, sha256 ${i.sha256}`);
  if (f.template) add('Template', f.template.name, `${f.template.confidencePct}% confidence`);
  add('Snapshot', 'Syncro customers', f.snapshot.customers);
  add('Snapshot', 'Syncro contacts', f.snapshot.contacts);
  for (const c of f.counts) add('Operations', c.label, c.count);
  add('Rows', 'Rejected (errors)', f.rejects.errors, f.rejects.errors ? { color: COLORS.danger, bold: true } : undefined);
  add('Rows', 'Warnings', f.rejects.warnings);
  add('API calls', 'Write requests', f.writeCalls);
  add('API calls', 'Stale-plan checks', f.checkCalls);
  add('API calls', 'Total apply will take', f.apiCalls, { bold: true });
  add('Time', 'Estimated', f.estimateText);
  for (const [k, v] of f.options) add('Option', k, v);
}
