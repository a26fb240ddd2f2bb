/**
 * What the audit reports open with, as data: where the audit looked, what it
 * found (customer clusters, contact clusters, people under several
 * customers), what merging costs in API calls and time, how it compares with
 * the previous audit, and the survivorship rules in words. Both audit.xlsx
 * and audit.html render these same facts.
 */
import type { AuditTrend } from '../audit/trend.js';
import type { AuditPlanOptions, Plan } from '../plan/schema.js';
import { displayValue } from './format.js';
import type { MergeOp } from './merge-facts.js';
import { summaryFacts } from './summary.js';
import type { SummaryFacts } from './summary.js';

export interface AuditFacts extends Pick<
  SummaryFacts,
  'fingerprint' | 'target' | 'snapshot' | 'writeCalls' | 'checkCalls' | 'apiCalls' | 'rateLimit' | 'estimatedSeconds' | 'estimateText'
> {
  clusters: { customers: number; contacts: number; across: number };
  /** Records in merge clusters, and how many of them go (all but one per cluster). */
  records: number;
  duplicates: number;
  /** Contacts, tickets, assets and invoices the proposals move onto survivors. */
  moves: number;
  trend?: AuditTrend;
  /** The survivorship rules, in words. */
  rules: { survivor: string; fields: string; finally: string };
}

const RULE_WORDS: Record<string, string> = { linked: 'most linked records', oldest: 'oldest', complete: 'most complete' };

/**
 * The facts of an audit plan, with the trend when there was a previous audit.
 *
 * @example const f = auditFacts(plan, done.trend); f.clusters.customers // 4
 */
export function auditFacts(plan: Plan, trend?: AuditTrend): AuditFacts {
  const s = summaryFacts(plan, []);
  const merges = plan.operations.filter((op): op is MergeOp => op.kind === 'merge-customers' || op.kind === 'merge-contacts');
  const moves = merges.reduce((n, op) => {
    const owner = op.kind === 'merge-customers' ? 'customer_id' : 'contact_id';
    return n + op.moves.filter((m) => Number(m.before[owner]) !== op.survivorId).length;
  }, 0);
  const records = merges.reduce((n, op) => n + op.members.length, 0);
  return {
    fingerprint: s.fingerprint,
    target: s.target,
    snapshot: s.snapshot,
    writeCalls: s.writeCalls,
    checkCalls: s.checkCalls,
    apiCalls: s.apiCalls,
    rateLimit: s.rateLimit,
    estimatedSeconds: s.estimatedSeconds,
    estimateText: s.estimateText,
    clusters: {
      customers: merges.filter((op) => op.kind === 'merge-customers').length,
      contacts: merges.filter((op) => op.kind === 'merge-contacts').length,
      across: plan.operations.filter((op) => op.kind === 'conflict').length,
    },
    records,
    duplicates: records - merges.length,
    moves,
    ...(trend ? { trend } : {}),
    rules: rulesText(plan.command === 'audit' ? plan.options : NO_RULES),
  };
}

/** What an import plan's facts say of survivorship: nothing was chosen. */
const NO_RULES: AuditPlanOptions = { survivor: [], fieldRules: {}, finally: 'delete', rateLimit: 0 };

/** `options.survivor`, `fieldRules` and `finally` of an audit plan, in words. */
export function rulesText(options: AuditPlanOptions): AuditFacts['rules'] {
  const order = options.survivor.map((r) => RULE_WORDS[r] ?? r);
  const overrides = Object.entries(options.fieldRules)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([field, rule]) => `${field}: ${displayValue(rule)}`);
  return {
    survivor: `${[...order, 'lowest id'].join(', then ')} (rules: ${order.length ? options.survivor.join(',') : 'none'})`,
    fields: `the survivor's value wins; its blanks are filled from the others; notes are concatenated with their origin; custom fields merge key by key${overrides.length ? `. Overrides: ${overrides.join(', ')}` : ''}`,
    finally:
      options.finally === 'disable'
        ? 'duplicate customers are disabled (kept, hidden) once everything has moved; duplicate contacts are deleted'
        : 'duplicate customers and contacts are deleted once everything has moved (undo re-creates them)',
  };
}

/** "Since the audit of 2024-01-10: 5 clusters then, 3 merged since, 2 still open, 4 new." */
export function trendText(t: AuditTrend): string {
  return `Since the audit of ${t.previousCreatedAt.slice(0, 10)}: ${t.previousClusters} cluster${t.previousClusters === 1 ? '' : 's'} then, ${t.mergedSince} merged since, ${t.stillOpen} still open, ${t.newSince} new.`;
}
