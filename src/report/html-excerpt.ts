/**
 * What report.html shows of a plan: the first operations of each kind and the
 * first rejected rows, so the page stays a few MB whatever the plan's size.
 * The full detail lives in report.xlsx and plan.json; the page says how much
 * it shows of how much.
 */
import type { CustomerRef, Operation, Plan } from '../plan/schema.js';
import type { RejectRow } from './rejects.js';

/** Operations shown per kind (the rest are counted, and listed in report.xlsx). */
export const HTML_OPS_PER_KIND = 100;
/** Rejected rows and warnings shown. */
export const HTML_REJECTS_SHOWN = 200;
/** Items shown inside one operation (candidates, contacts that follow, members, issues). */
export const HTML_ITEMS_PER_OP = 25;

export interface HtmlExcerpt {
  /** The operations the page lists, in plan order. */
  ops: Operation[];
  total: number;
  /** Kinds with more operations than the page lists: kind → how many exist. */
  cut: Map<Operation['kind'], number>;
  rejects: RejectRow[];
  rejectsTotal: number;
  /** Labels of the operations the shown ones refer to (new customers), by op id. */
  labels: Map<string, string>;
}

export function htmlExcerpt(
  plan: Plan,
  rejects: readonly RejectRow[],
  perKind = HTML_OPS_PER_KIND,
  rejectsShown = HTML_REJECTS_SHOWN,
): HtmlExcerpt {
  const seen = new Map<Operation['kind'], number>();
  const ops: Operation[] = [];
  const cut = new Map<Operation['kind'], number>();
  for (const op of plan.operations) {
    const n = (seen.get(op.kind) ?? 0) + 1;
    seen.set(op.kind, n);
    if (n <= perKind) ops.push(op);
    else cut.set(op.kind, n);
  }
  const wanted = new Set<string>();
  for (const op of ops) for (const ref of refsOf(op)) if ('op' in ref) wanted.add(ref.op);
  const labels = new Map<string, string>();
  if (wanted.size) for (const op of plan.operations) if (wanted.has(op.id)) labels.set(op.id, op.label);
  return { ops, total: plan.operations.length, cut, rejects: rejects.slice(0, rejectsShown), rejectsTotal: rejects.length, labels };
}

function refsOf(op: Operation): CustomerRef[] {
  if (op.kind === 'create-contact') return [op.customer];
  if (op.kind === 'move-contact') return [op.toCustomer];
  if (op.kind === 'conflict' && op.customer) return [op.customer];
  return [];
}

/** The first `max` of `items` and how many were left out. */
export function firstOf<T>(items: readonly T[], max = HTML_ITEMS_PER_OP): { shown: readonly T[]; more: number } {
  return items.length <= max ? { shown: items, more: 0 } : { shown: items.slice(0, max), more: items.length - max };
}
