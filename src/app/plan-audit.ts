/**
 * `planAudit`: find duplicate customers and contacts in Syncro (or in an
 * export file) and plan their merges into a run folder. Nothing is written
 * to Syncro; apply the run with `applyRun` after reviewing audit.xlsx.
 */
import { snapshotFromExport } from '../audit/from-export.js';
import type { SurvivorshipOptions } from '../audit/survivorship.js';
import type { AuditTrend } from '../audit/trend.js';
import type { EventSink } from '../events.js';
import type { Plan } from '../plan/schema.js';
import { runAudit } from '../run/audit.js';
import type { RunConnection } from './run-target.js';

export interface PlanAuditOptions {
  syncro: RunConnection;
  /** Audit these export files (our export, or Syncro's CSVs) instead of reading Syncro. */
  input?: string[];
  /** Survivor rules and per-field rules (default: linked, oldest, complete; the survivor's values win). */
  survivorship?: SurvivorshipOptions;
  /** What happens to a merged duplicate: deleted (default) or left disabled. */
  finally?: 'delete' | 'disable';
  cwd?: string;
  onEvent?: EventSink;
}

export interface PlanAuditResult {
  runDir: string;
  plan: Plan;
  /** Compared with the previous audit in the same runs folder, when there is one. */
  trend?: AuditTrend;
  clusters: { customers: number; contacts: number };
  /** API calls the audit took. */
  requests: number;
  files: string[];
  /** Rows of the export files left out for want of a Syncro id (with `input`). */
  rowsWithoutId?: number;
}

/** @example const audit = await planAudit({ syncro }); console.log(audit.clusters); */
export async function planAudit(options: PlanAuditOptions): Promise<PlanAuditResult> {
  const fromFile = options.input?.length ? await snapshotFromExport(options.input) : undefined;
  if (fromFile && options.input) {
    const { customers, contacts } = fromFile.snapshot;
    const left = fromFile.withoutId ? ` (${fromFile.withoutId} rows without a Syncro id left out)` : '';
    options.onEvent?.({
      type: 'stage',
      stage: 'input',
      status: 'done',
      detail: `${customers.length} customers, ${contacts.length} contacts from ${options.input.join(', ')}${left}`,
    });
  }
  const done = await runAudit({
    client: options.syncro.client,
    target: options.syncro.target,
    rateLimit: options.syncro.client.http.limiter.perMinute,
    ...(fromFile ? { snapshot: fromFile.snapshot } : {}),
    ...(options.survivorship ? { survivorship: options.survivorship } : {}),
    ...(options.finally ? { finally: options.finally } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.onEvent ? { events: options.onEvent } : {}),
  });
  return { ...done, ...(fromFile ? { rowsWithoutId: fromFile.withoutId } : {}) };
}
