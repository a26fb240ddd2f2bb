/**
 * What the reports read of a plan, without needing it whole in memory: the
 * plan's head and summary, and the operations of each report part, read
 * again for each sheet. A plan in memory is one such source; the import's dry
 * run hands a source whose parts are spilled to files as they are planned
 * (run/plan-spill.ts), so a report of any size is written in bounded memory.
 */
import type { Operation, Plan, PlanWithout } from '../plan/schema.js';
import { newCustomerLabels } from './format.js';
import { ExcerptCollector } from './html-excerpt.js';
import type { HtmlExcerptOps } from './html-excerpt.js';
import { createFields } from './xlsx-sheets.js';

/** The groups of operations the reports list apart: one per sheet, and the invalid rows. */
export const REPORT_PARTS = ['creates', 'updates', 'merges', 'conflicts', 'skipped', 'invalid'] as const;
export type ReportPart = (typeof REPORT_PARTS)[number];

const PART_OF: Record<Operation['kind'], ReportPart> = {
  'create-customer': 'creates',
  'create-contact': 'creates',
  'update-customer': 'updates',
  'update-contact': 'updates',
  'move-contact': 'updates',
  'delete-contact': 'updates',
  'merge-customers': 'merges',
  'merge-contacts': 'merges',
  conflict: 'conflicts',
  skip: 'skipped',
  invalid: 'invalid',
};

export function reportPartOf(op: Operation): ReportPart {
  return PART_OF[op.kind];
}

/** A plan as the reports read it. */
export interface PlanReportSource {
  /** Everything but the operations (summary included). */
  head: PlanWithout<'operations'>;
  /** The operations of `part`, in plan order; each call reads them again. */
  operations(part: ReportPart): Iterable<Operation>;
  /** Payload fields of every create (the Creates sheet's columns). */
  createFields: readonly string[];
  /** Labels of the customers the plan creates, by op id (what "the new customer" references show). */
  newCustomerLabels: ReadonlyMap<string, string>;
  /** The first operations of each kind, for report.html. */
  excerpt: HtmlExcerptOps;
}

/**
 * A plan held in memory, as a report source.
 * @example await fillReport(wb, planSource(plan), issues, {});
 */
export function planSource(plan: Plan): PlanReportSource {
  const { operations, ...head } = plan;
  const excerpt = new ExcerptCollector();
  for (const op of operations) excerpt.add(op);
  return {
    head,
    *operations(part) {
      for (const op of operations) if (PART_OF[op.kind] === part) yield op;
    },
    createFields: createFields(operations),
    newCustomerLabels: newCustomerLabels(operations),
    excerpt: excerpt.result(),
  };
}
