/**
 * syncro-etl as a library: plan an import or an audit into a run folder,
 * review it, apply it, undo it — the same rules as the CLI, no printing, no
 * process.exit. Errors are SyncroEtlError with a `code`.
 *
 * @example
 * import { openSyncro, planImport, applyRun } from 'syncro-etl';
 * const syncro = await openSyncro(); // SYNCRO_SUBDOMAIN + SYNCRO_API_KEY
 * const planned = await planImport({ files: ['clients.csv'], syncro });
 * const applied = await applyRun({ run: planned.runDir, syncro });
 * await syncro.close();
 */
export * from './app/index.js';
export { startSandbox } from './sandbox/server.js';
export type { RunningSandbox, SandboxOptions } from './sandbox/server.js';
export { builtinTemplates, loadTemplate, parseTemplate } from './templates/registry.js';
export type { Template } from './templates/schema.js';
export { ERROR_CODES, isEtlError, SyncroEtlError } from './errors.js';
export type { ErrorCode, ErrorContext } from './errors.js';
export { OUTCOMES } from './events.js';
export type { EtlEvent, EventSink, Outcome, PlanOperationKind, UndoStepKind } from './events.js';
export { SyncroClient } from './syncro/client.js';
export { createLimiter } from './syncro/limiter.js';
export type { RequestLimiter } from './syncro/limiter.js';
export type { ServerProfile } from './syncro/profile.js';
export type { ApplySummary, OpResult } from './apply/outcome.js';
export type { AuditPlan, AuditPlanOptions, ImportPlan, ImportPlanOptions, Operation, Plan } from './plan/schema.js';
export type { Decision, Decisions } from './plan/decision.js';
export { RUN_FILES, runFile } from './run-folder.js';
export type { FieldMode } from './plan/diff.js';
export type { ExportFormat, ExportResult, ExportTarget } from './export/types.js';
