/**
 * The duplicate-audit workbook (audit.xlsx): Summary, Customer clusters,
 * Contact clusters (one block per cluster, members side by side, a Decision
 * per cluster) and Across customers (people under several customers, shown
 * for information). A view of the audit plan; `readAuditDecisions` reads the
 * decisions back.
 */
import ExcelJS from 'exceljs';
import type { AuditTrend } from '../audit/trend.js';
import type { Plan } from '../plan/schema.js';
import { acrossRows, clusterGrids } from './audit-grid.js';
import { auditFacts, trendText } from './audit-summary.js';
import type { AuditFacts } from './audit-summary.js';
import { writeClusterSheet } from './audit-xlsx-blocks.js';
import type { Column, Scalar } from './xlsx-table.js';
import { COLORS, DECISION_HEADER, ListSheet, OP_ID_HEADER, SheetTable } from './xlsx-table.js';
import { FINGERPRINT_ITEM, SUMMARY_COLUMNS } from './xlsx.js';

/** Sheet names, in workbook order. */
export const AUDIT_SHEETS = {
  summary: 'Summary',
  customers: 'Customer clusters',
  contacts: 'Contact clusters',
  across: 'Across customers',
} as const;

/** The only decision a person under several customers takes in an audit. */
export const ACROSS_OPTIONS = ['skip'] as const;

const ACROSS_COLUMNS: readonly Column[] = [
  { header: DECISION_HEADER, min: 12 },
  { header: OP_ID_HEADER, text: true },
  { header: 'Person', max: 36 },
  { header: 'Under customers', max: 50, wrap: true },
  { header: 'Score' },
  { header: 'Why a match', max: 60, wrap: true },
  { header: 'Reason', max: 70, wrap: true },
];

/**
 * The workbook for an audit `plan`, in memory.
 *
 * @example const wb = buildAuditWorkbook(plan, done.trend);
 */
export function buildAuditWorkbook(plan: Plan, trend?: AuditTrend): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'syncro-etl';
  wb.title = 'syncro-etl duplicate audit';
  const lists = new ListSheet(wb);
  const facts = auditFacts(plan, trend);

  const summary = new SheetTable(wb, AUDIT_SHEETS.summary, SUMMARY_COLUMNS, lists, COLORS.header);
  fillSummary(summary, facts);
  summary.finish();

  writeClusterSheet(wb, AUDIT_SHEETS.customers, clusterGrids(plan.operations, 'merge-customers'), lists, 'FF7C3AED');
  writeClusterSheet(wb, AUDIT_SHEETS.contacts, clusterGrids(plan.operations, 'merge-contacts'), lists, 'FF2563EB');

  const across = new SheetTable(wb, AUDIT_SHEETS.across, ACROSS_COLUMNS, lists, 'FFD97706');
  for (const r of acrossRows(plan.operations)) {
    const row = across.add([
      undefined,
      r.op.id,
      r.person,
      r.customers.join('\n'),
      r.score === undefined ? undefined : Math.round(r.score * 10) / 10,
      r.explanation,
      r.reason,
    ]);
    across.decide(row, ACROSS_OPTIONS, 'skip');
  }
  across.finish();
  return wb;
}

/**
 * Writes audit.xlsx for `plan` to `path`.
 *
 * @example await writeAuditXlsx('run/audit.xlsx', plan, done.trend);
 */
export async function writeAuditXlsx(path: string, plan: Plan, trend?: AuditTrend): Promise<void> {
  await buildAuditWorkbook(plan, trend).xlsx.writeFile(path);
}

function fillSummary(t: SheetTable, f: AuditFacts): void {
  const add = (section: string, item: string, value: Scalar, style?: { color?: string; bold?: boolean }) => {
    const row = t.add([section, item, value]);
    if (style) t.style(row, 'Value', style);
  };
  add('Report', 'Audit', 'duplicate audit: nothing has been written to Syncro', { bold: true });
  add('Report', FINGERPRINT_ITEM, f.fingerprint);
  add(
    'Report',
    'How to decide',
    `Each cluster on ${AUDIT_SHEETS.customers} and ${AUDIT_SHEETS.contacts} has a yellow Decision cell on its first row: merge (as proposed), skip, or survivor #<id> to keep another record of the cluster. Save this file, then run apply on this run folder: it reads the decisions back. People on ${AUDIT_SHEETS.across} are never merged by the audit (merge their customers first).`,
  );
  add(
    'Report',
    'Colours',
    '★ column: the proposed survivor. Orange: differs from the survivor. Pale orange: the same value written differently. Green (last column): what the merge changes on the survivor.',
  );
  add('Target', 'Syncro URL', f.target.baseUrl);
  add('Target', 'Sandbox', f.target.sandbox ? `yes: ${f.target.text}` : `NO: ${f.target.text}`, {
    bold: true,
    color: f.target.sandbox ? 'FF15803D' : COLORS.danger,
  });
  add('Snapshot', 'Syncro customers', f.snapshot.customers);
  add('Snapshot', 'Syncro contacts', f.snapshot.contacts);
  add('Clusters', 'Duplicate customer clusters', f.clusters.customers, { bold: true });
  add('Clusters', 'Duplicate contact clusters', f.clusters.contacts, { bold: true });
  add('Clusters', 'People under several customers', f.clusters.across);
  add('Clusters', 'Records in clusters', f.records);
  add('Clusters', 'Duplicates the merges remove', f.duplicates);
  add('Clusters', 'Linked records moved to survivors', f.moves);
  add('API calls', 'Write requests', f.writeCalls);
  add('API calls', 'Stale-plan checks', f.checkCalls);
  add('API calls', 'Total apply will take', f.apiCalls, { bold: true });
  add('Time', 'Estimated', f.estimateText);
  if (f.trend) {
    add('Trend', 'Previous audit', `${f.trend.previousCreatedAt.slice(0, 10)} (${f.trend.previousRun})`);
    add('Trend', 'Clusters then', f.trend.previousClusters);
    add('Trend', 'Merged since', f.trend.mergedSince);
    add('Trend', 'Still open', f.trend.stillOpen);
    add('Trend', 'New since', f.trend.newSince, f.trend.newSince ? { bold: true } : undefined);
    add('Trend', 'In words', trendText(f.trend));
  } else add('Trend', 'Previous audit', 'none found in this runs folder (this is the first audit to compare with)');
  add('Survivorship', 'Survivor', f.rules.survivor);
  add('Survivorship', 'Fields', f.rules.fields);
  add('Survivorship', 'Duplicates afterwards', f.rules.finally);
}
