/**
 * The summary both reports open with, as data: where the plan writes, from
 * what, what it does per kind, and what apply will cost. The XLSX and HTML
 * views render these same facts.
 */
import type { Plan, PlanWithout } from '../plan/schema.js';
import { OPERATION_KINDS } from '../plan/schema.js';
import { likenessText } from '../plan/summary.js';
import { planFingerprint } from './fingerprint.js';
import { displayValue, durationText, KIND_LABELS } from './format.js';
import type { RejectRow } from './rejects.js';

export interface SummaryFacts {
  command: Plan['command'];
  fingerprint: string;
  target: { baseUrl: string; sandbox: boolean; text: string };
  inputs: Array<{ file: string; rows: number; sha256: string }>;
  template?: { name: string; confidencePct: number };
  snapshot: Plan['snapshot'];
  /** Every kind, in plan-schema order, with its count (zeros included). */
  counts: Array<{ kind: string; label: string; count: number }>;
  writeCalls: number;
  checkCalls: number;
  apiCalls: number;
  rateLimit: number;
  estimatedSeconds: number;
  estimateText: string;
  options: Array<[string, string]>;
  rejects: { errors: number; warnings: number };
  /** Operations that wait for a person (conflicts). */
  needsDecision: number;
  /** What the import's in-file likeness check did (plan/summary.ts likenessText). */
  likeness?: string;
}

export interface ReportOptions {
  /** The plan's fingerprint when the caller has it (writePlan returns the sha256 it is the start of). */
  fingerprint?: string;
  /** report.xlsx: rows per sheet before it goes on in "Name (2)" (default: just under Excel's limit). */
  sheetRowLimit?: number;
}

/** `fingerprint`: the plan's, when the caller already has it (hashing a big plan again costs seconds); needed without the operations. */
export function summaryFacts(plan: Plan, rejects: readonly RejectRow[], fingerprint?: string): SummaryFacts;
export function summaryFacts(plan: PlanWithout<'operations'>, rejects: readonly RejectRow[], fingerprint: string): SummaryFacts;
export function summaryFacts(plan: PlanWithout<'operations'>, rejects: readonly RejectRow[], fingerprint?: string): SummaryFacts {
  const s = plan.summary;
  const apiCalls = s.writeCalls + s.checkCalls;
  return {
    command: plan.command,
    fingerprint: fingerprint ?? planFingerprint(plan as Plan),
    target: {
      ...plan.target,
      text: plan.target.sandbox ? 'the local sandbox (no real Syncro data is touched)' : 'a LIVE Syncro account',
    },
    inputs: plan.inputs.map((i) => ({ ...i })),
    ...(plan.template ? { template: { name: plan.template.name, confidencePct: Math.round(plan.template.confidence * 100) } } : {}),
    snapshot: plan.snapshot,
    counts: OPERATION_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind], count: s.counts[kind] ?? 0 })),
    writeCalls: s.writeCalls,
    checkCalls: s.checkCalls,
    apiCalls,
    rateLimit: s.rateLimit,
    estimatedSeconds: s.estimatedSeconds,
    estimateText: `about ${durationText(s.estimatedSeconds)} at ${s.rateLimit} requests/min`,
    options: Object.entries(plan.options)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, displayValue(v)]),
    rejects: {
      errors: rejects.filter((r) => r.severity === 'error').length,
      warnings: rejects.filter((r) => r.severity === 'warning').length,
    },
    needsDecision: s.counts.conflict ?? 0,
    ...(likenessText(s) ? { likeness: likenessText(s)! } : {}),
  };
}
