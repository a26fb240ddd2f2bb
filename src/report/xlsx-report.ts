/**
 * What report.xlsx holds, whichever writer writes it: Summary, Creates,
 * Updates, Merges, Conflicts, Skipped and Rejects, each a view of the plan,
 * every operation included, filled into a ReportBook one sheet after the
 * other (a streamed workbook writes each out before the next begins).
 */
import type { RowIssue } from '../model/source.js';
import type { PlanReportSource } from './plan-source.js';
import { collectRejects } from './rejects.js';
import { summaryFacts } from './summary.js';
import type { ReportOptions, SummaryFacts } from './summary.js';
import { fillUpdates, UPDATE_COLUMNS } from './xlsx-changes.js';
import type { Column, ReportBook, ReportRow, ReportTable, Scalar, StyleChange } from './xlsx-layout.js';
import { COLORS } from './xlsx-layout.js';
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

/** The workbook's title property. */
export function reportTitle(source: PlanReportSource): string {
  return `syncro-etl ${source.head.command} dry-run report`;
}

/** Fills `book` with the report's sheets, in order. */
export async function fillReport<R extends ReportRow>(
  book: ReportBook<R>,
  source: PlanReportSource,
  issues: readonly RowIssue[],
  fingerprint: string,
  options: ReportOptions,
): Promise<void> {
  const labels = source.newCustomerLabels;
  const rejects = collectRejects(source.operations('invalid'), issues);
  const facts = summaryFacts(source.head, rejects, fingerprint);

  const summary = book.table(SHEETS.summary, SUMMARY_COLUMNS, 'FF1E293B');
  fillSummary(summary, facts);
  await summary.finish();

  const fields = source.createFields;
  const tables: Array<[string, readonly Column[], (t: ReportTable<R>) => Promise<void>, string]> = [
    [SHEETS.creates, createColumns(fields), (t) => fillCreates(t, source.operations('creates'), fields, labels), 'FF16A34A'],
    [SHEETS.updates, UPDATE_COLUMNS, (t) => fillUpdates(t, source.operations('updates'), labels), 'FF2563EB'],
    [SHEETS.merges, MERGE_COLUMNS, (t) => fillMerges(t, source.operations('merges')), 'FF7C3AED'],
    [SHEETS.conflicts, CONFLICT_COLUMNS, (t) => fillConflicts(t, source.operations('conflicts'), labels), 'FFD97706'],
    [SHEETS.skipped, SKIP_COLUMNS, (t) => fillSkips(t, source.operations('skipped')), 'FF6B7280'],
    [SHEETS.rejects, REJECT_COLUMNS, (t) => fillRejects(t, rejects), 'FFDC2626'],
  ];
  for (const [name, columns, fill, tab] of tables) {
    const table = book.table(name, columns, tab, options.sheetRowLimit);
    await fill(table);
    await table.finish();
  }
}

function fillSummary<R extends ReportRow>(t: ReportTable<R>, f: SummaryFacts): void {
  const add = (section: string, item: string, value: Scalar, style?: StyleChange) => {
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
  if (f.likeness) add('Checks', 'In-file likeness', f.likeness);
  for (const [k, v] of f.options) add('Option', k, v);
}
