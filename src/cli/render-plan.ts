/** Console views of a plan and of an apply/undo result: compact tables. */
import type { ApplySummary } from '../apply/outcome.js';
import type { PlanWithout } from '../plan/schema.js';
import { likenessText } from '../plan/summary.js';
import { formatDuration } from './progress.js';

export function table(rows: string[][], indent = '  '): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}

const LABELS: Record<string, string> = {
  'create-customer': 'customers to create',
  'update-customer': 'customers to update',
  'create-contact': 'contacts to create',
  'update-contact': 'contacts to update',
  'move-contact': 'contacts to move',
  'delete-contact': 'contacts to delete',
  'merge-customers': 'customer merges',
  'merge-contacts': 'contact merges',
  skip: 'unchanged (no write)',
  conflict: 'conflicts to decide',
  invalid: 'invalid rows (rejected)',
};

/** The plan's counts and cost; reads only its head and summary (a big plan's operations need not be in memory). */
export function renderPlanSummary(plan: PlanWithout<'operations'>): string {
  const total = Object.values(plan.summary.counts).reduce((a, b) => a + b, 0);
  const rows = Object.entries(plan.summary.counts)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => [String(n).padStart(6), LABELS[kind] ?? kind]);
  const calls = plan.summary.writeCalls + plan.summary.checkCalls;
  const likeness = likenessText(plan.summary);
  return [
    `Plan (${total} operations${plan.template ? `, template ${plan.template.name} ${Math.round(plan.template.confidence * 100)}%` : ''}):`,
    rows.length ? table(rows) : '  nothing to do',
    ...(likeness && (plan.summary.likeness?.held || plan.summary.likeness?.skipped) ? [`In-file check: ${likeness}.`] : []),
    `Apply will take ${calls} API calls (${plan.summary.writeCalls} writes + ${plan.summary.checkCalls} stale checks), about ${formatDuration(plan.summary.estimatedSeconds)} at ${plan.summary.rateLimit} requests/min.`,
  ].join('\n');
}

export function renderApplySummary(s: ApplySummary): string {
  const rows = Object.entries(s.byOutcome)
    .filter(([, n]) => n > 0)
    .map(([outcome, n]) => [String(n).padStart(6), outcome]);
  return [
    `${s.mode === 'undo' ? 'Undo' : 'Apply'} finished in ${formatDuration(s.seconds)}: ${s.writes} writes, ${s.requests} API requests.`,
    table(rows),
  ].join('\n');
}
