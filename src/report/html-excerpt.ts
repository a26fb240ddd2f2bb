/**
 * What report.html shows of a plan: the first operations of each kind and the
 * first rejected rows, so the page stays a few MB whatever the plan's size.
 * The full detail lives in report.xlsx and plan.json; the page says how much
 * it shows of how much.
 */
import type { CustomerRef, Operation } from '../plan/schema.js';
import type { RejectRow } from './rejects.js';

/** Operations shown per kind (the rest are counted, and listed in report.xlsx). */
export const HTML_OPS_PER_KIND = 100;
/** Rejected rows and warnings shown. */
export const HTML_REJECTS_SHOWN = 200;
/** Items shown inside one operation (candidates, contacts that follow, members, issues). */
export const HTML_ITEMS_PER_OP = 25;

/** The operations report.html lists, gathered in one pass over the plan. */
export interface HtmlExcerptOps {
  /** The operations the page lists, in plan order. */
  ops: Operation[];
  total: number;
  /** Kinds with more operations than the page lists: kind → how many exist. */
  cut: Map<Operation['kind'], number>;
  /** Fields the plan's updates change, in all. */
  changedFields: number;
}

export interface HtmlExcerpt extends HtmlExcerptOps {
  rejects: RejectRow[];
  rejectsTotal: number;
  /** Labels of the operations the shown ones refer to (new customers), by op id. */
  labels: Map<string, string>;
}

/** Keeps the first `perKind` operations of each kind as they pass, and counts the rest. */
export class ExcerptCollector {
  private readonly seen = new Map<Operation['kind'], number>();
  private readonly ops: Operation[] = [];
  private readonly cut = new Map<Operation['kind'], number>();
  private total = 0;
  private changedFields = 0;

  constructor(private readonly perKind = HTML_OPS_PER_KIND) {}

  add(op: Operation): void {
    this.total++;
    if (op.kind === 'update-customer' || op.kind === 'update-contact') this.changedFields += op.changes.length;
    const n = (this.seen.get(op.kind) ?? 0) + 1;
    this.seen.set(op.kind, n);
    if (n <= this.perKind) this.ops.push(op);
    else this.cut.set(op.kind, n);
  }

  result(): HtmlExcerptOps {
    return { ops: this.ops, total: this.total, cut: this.cut, changedFields: this.changedFields };
  }
}

/** The excerpt with the first rejected rows and the labels of the new customers the shown operations refer to. */
export function htmlExcerpt(
  ops: HtmlExcerptOps,
  newCustomerLabels: ReadonlyMap<string, string>,
  rejects: readonly RejectRow[],
  rejectsShown = HTML_REJECTS_SHOWN,
): HtmlExcerpt {
  const labels = new Map<string, string>();
  for (const op of ops.ops)
    for (const ref of refsOf(op)) {
      const label = 'op' in ref ? newCustomerLabels.get(ref.op) : undefined;
      if ('op' in ref && label !== undefined) labels.set(ref.op, label);
    }
  return { ...ops, rejects: rejects.slice(0, rejectsShown), rejectsTotal: rejects.length, labels };
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
