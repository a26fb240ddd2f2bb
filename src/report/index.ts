/**
 * The dry-run reports: views of a plan (report.xlsx, report.html) and the
 * decisions read back from an edited report.xlsx.
 *
 * @example
 * await writeReportXlsx('run/report.xlsx', plan, issues);
 * await writeFile('run/report.html', renderReportHtml(plan, issues));
 * const { decisions, changed, problems } = await readDecisions('run/report.xlsx', plan);
 */
export { writeReportXlsx, buildReportWorkbook, SHEETS } from './xlsx.js';
export { renderReportHtml } from './html.js';
export { readDecisions } from './decisions.js';
export type { DecisionsRead } from './decisions.js';
export { decisionOptions, defaultDecision, normalizeDecision, decisionSheetOf } from './decision-rules.js';
export { planFingerprint } from './fingerprint.js';
export { collectRejects } from './rejects.js';
export type { RejectRow } from './rejects.js';
