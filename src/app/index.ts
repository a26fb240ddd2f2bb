/**
 * The application layer: one entry point per thing a person (through the
 * CLI) or a script does. It owns the rules about runs — the same target as
 * planned, the decisions workbook, never applying an undone run — and calls
 * the stages below it. It never prints and never exits; events go to `onEvent`.
 */
export { openSyncro } from './syncro.js';
export type { OpenSyncroOptions, SyncroConnection } from './syncro.js';
export { checkSameTarget } from './run-target.js';
export type { RunConnection, RunTarget } from './run-target.js';
export { planImport } from './plan-import.js';
export type { PlanImportOptions, PlanImportResult, ReadFileOptions } from './plan-import.js';
export { planAudit } from './plan-audit.js';
export type { PlanAuditOptions, PlanAuditResult } from './plan-audit.js';
export { applyRun, executeApply, prepareApply } from './apply-run.js';
export type { ApplyRunOptions, ApplyRunResult, ExecuteApplyOptions, PrepareApplyOptions, PreparedApply } from './apply-run.js';
export { decisionWorkbook, loadRunDecisions, refuseUndoneRun } from './apply-checks.js';
export type { DecisionWorkbook, RunDecisions } from './apply-checks.js';
export { undoRun } from './undo-run.js';
export type { UndoRunOptions, UndoRunResult } from './undo-run.js';
export { exportRecords } from './export-records.js';
export type { ExportRecordsOptions } from './export-records.js';
export { DEDUPE_COLUMNS, dedupeFiles } from './dedupe-files.js';
export type { DedupeFilesOptions, DedupeFilesResult } from './dedupe-files.js';
export { validateFiles } from './validate-files.js';
export type { ValidateFilesOptions, ValidateFilesResult } from './validate-files.js';
export { checkOutputPath, besideInput } from './output-guard.js';
export type { OutputGuard } from './output-guard.js';
