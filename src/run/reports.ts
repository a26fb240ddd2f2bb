/**
 * Writes the run folder's reports from the plan (views of the plan, never a
 * second computation). Returns the file names written.
 */
import { rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventSink } from '../events.js';
import { silentSink } from '../events.js';
import type { RowIssue } from '../model/source.js';
import type { Plan } from '../plan/schema.js';
import { planFingerprint } from '../report/fingerprint.js';
import { renderSourceHtml } from '../report/html.js';
import { planSource } from '../report/plan-source.js';
import type { PlanReportSource } from '../report/plan-source.js';
import { writeSourceXlsx } from '../report/xlsx.js';
import { RUN_FILES } from '../run-folder.js';

export interface RunReportOptions {
  /** The plan's fingerprint, when plan.json was just written (saves hashing the plan twice more). */
  fingerprint?: string;
  /** Told when each report starts and is written (with its size). */
  events?: EventSink;
}

/**
 * Writes report.xlsx and report.html into `runDir` (each via a temporary
 * file, so a reader never sees half a report). report.xlsx holds every
 * operation (streamed); report.html the summary and the first of each kind.
 *
 * @example const files = await writeRunReports(runDir, plan, load.issues); // ['report.xlsx', 'report.html']
 */
export async function writeRunReports(runDir: string, plan: Plan, issues: RowIssue[], options: RunReportOptions = {}): Promise<string[]> {
  const fingerprint = options.fingerprint ?? planFingerprint(plan);
  return writeSourceReports(runDir, planSource(plan), issues, { ...options, fingerprint });
}

/** The same from a plan source (whose operations need not be in memory) and the plan's fingerprint. */
export async function writeSourceReports(
  runDir: string,
  source: PlanReportSource,
  issues: RowIssue[],
  options: RunReportOptions & { fingerprint: string },
): Promise<string[]> {
  const events = options.events ?? silentSink;
  const xlsx = join(runDir, RUN_FILES.reportXlsx);
  const total = Object.values(source.head.summary.counts).reduce((a, b) => a + b, 0);
  events({ type: 'stage', stage: RUN_FILES.reportXlsx, status: 'start', detail: `${total} operations` });
  await writeSourceXlsx(`${xlsx}.tmp`, source, issues, options.fingerprint);
  await rename(`${xlsx}.tmp`, xlsx);
  events({ type: 'stage', stage: RUN_FILES.reportXlsx, status: 'done', detail: await sizeText(xlsx) });
  const htmlPath = join(runDir, RUN_FILES.reportHtml);
  events({ type: 'stage', stage: RUN_FILES.reportHtml, status: 'start' });
  await writeFile(`${htmlPath}.tmp`, renderSourceHtml(source, issues, options.fingerprint), 'utf8');
  await rename(`${htmlPath}.tmp`, htmlPath);
  events({ type: 'stage', stage: RUN_FILES.reportHtml, status: 'done', detail: await sizeText(htmlPath) });
  return [RUN_FILES.reportXlsx, RUN_FILES.reportHtml];
}

export async function sizeText(path: string): Promise<string> {
  const bytes = (await stat(path)).size;
  return bytes < 1e6 ? `${Math.max(1, Math.round(bytes / 1e3))} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}
