/**
 * The dry-run reports: views of a plan (report.xlsx, report.html; for an
 * audit also audit.xlsx, audit.html) and the decisions read back from an
 * edited report.xlsx or audit.xlsx.
 *
 * @example
 * await writeReportXlsx('run/report.xlsx', plan, issues);
 * await writeFile('run/report.html', renderReportHtml(plan, issues));
 * const { decisions, changed, problems } = await readDecisions('run/report.xlsx', plan);
 * await writeAuditXlsx('run/audit.xlsx', auditPlan, trend);
 * const audit = await readAuditDecisions('run/audit.xlsx', auditPlan);
 */
export { writeReportXlsx, SHEETS } from './xlsx.js';
// exceljs (~0.2 s to load) is reached only through this one: the import dry run never loads it.
export { buildReportWorkbook } from './xlsx-exceljs.js';
export { renderReportHtml } from './html.js';
export { readDecisions, readDecisionsWith, REPORT_LAYOUT } from './decisions.js';
export type { DecisionLayout, DecisionsRead } from './decisions.js';
export { writeAuditXlsx, buildAuditWorkbook, AUDIT_SHEETS } from './audit-xlsx.js';
export { renderAuditHtml } from './audit-html.js';
export { readAuditDecisions, AUDIT_LAYOUT } from './audit-decisions.js';
export { decisionOptions, defaultDecision, normalizeDecision, decisionSheetOf } from './decision-rules.js';
export { planFingerprint } from './fingerprint.js';
export { collectRejects } from './rejects.js';
export type { RejectRow } from './rejects.js';
